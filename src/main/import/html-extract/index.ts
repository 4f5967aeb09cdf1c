/**
 * Body text of a web page. The page is walked once into marked blocks (blocks.ts); marks that
 * sit on a page-level wrapper holding most of the page's prose are lifted; the article's
 * blocks are then chosen by score (select.ts).
 */
import type { AnyNode } from 'domhandler';
import { collectBlocks, type Block, type Mark } from './blocks';
import { selectBlocks } from './select';

/** A block that reads as prose: long enough and mostly not link text. */
function proseChars(b: Block): number {
  return b.text.length >= 80 && b.linkChars < b.text.length * 0.3 ? b.text.length : 0;
}

/**
 * Share of the page's prose that an element must hold for its boilerplate mark to be taken
 * for a page-level wrapper (an `-ad-`, `paywall` or `sticky` class on the article's box).
 */
const WRAPPER_SHARE = 0.5;

export function extractBody(doc: AnyNode, keepAll: boolean): string[] {
  const page = collectBlocks(doc, keepAll);
  const { blocks } = page;
  if (!blocks.length) return [];
  // Prefix sums of prose by block: the prose inside any span is two binary searches away.
  const prefix = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++)
    prefix[i + 1] = (prefix[i] as number) + proseChars(blocks[i] as Block);
  const total = prefix[blocks.length] as number;
  const firstAfter = (pos: number): number => {
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((blocks[mid] as Block).pos <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const proseIn = (m: Mark): number =>
    (prefix[firstAfter(m.end)] as number) - (prefix[firstAfter(m.start)] as number);
  const lifted = new Set<Mark>();
  if (total > 0) for (const m of page.marks) if (proseIn(m) >= total * WRAPPER_SHARE) lifted.add(m);
  const inPlay = blocks.map((b) => b.marks.every((m) => lifted.has(m)));
  return selectBlocks(page, inPlay, keepAll).map((b) => b.text);
}
