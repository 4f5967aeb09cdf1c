/**
 * Body text of a web page. The page is walked once into marked blocks (blocks.ts); marks that
 * sit on a page-level wrapper holding most of the page's prose are lifted; the article's
 * blocks are then chosen by score (select.ts).
 */
import type { AnyNode } from 'domhandler';
import { collectBlocks, spanTotals, type Mark } from './blocks';
import { selectBlocks } from './select';

/**
 * Share of the page's prose that an element must hold for its boilerplate mark to be taken
 * for a page-level wrapper (an `-ad-`, `paywall` or `sticky` class on the article's box).
 */
const WRAPPER_SHARE = 0.5;

export function extractBody(doc: AnyNode, keepAll: boolean): string[] {
  const page = collectBlocks(doc, keepAll);
  const { blocks } = page;
  if (!blocks.length) return [];
  const totals = spanTotals(blocks);
  const total = totals({ start: -1, end: Infinity }).prose;
  const lifted = new Set<Mark>();
  if (total > 0)
    for (const m of page.marks) if (totals(m).prose >= total * WRAPPER_SHARE) lifted.add(m);
  const inPlay = blocks.map((b) => b.marks.every((m) => lifted.has(m)));
  return selectBlocks(page, inPlay, keepAll).map((b) => b.text);
}
