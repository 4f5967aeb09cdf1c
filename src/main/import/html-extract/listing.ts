/**
 * A page of search results is not an article: a search field holds the query (checked by the
 * caller) and most of the text is snippets, each under a linked headline, most of them cut
 * short with an ellipsis. A list of teasers without a query (a press-release index) is kept:
 * some people clip those.
 */
import type { Block } from './blocks';

const ELLIPSIS_RE = /(?:…|\.\.\.)\s*$/;

/** Whether the chosen blocks are the snippets of a result list (`blocks`: all in play). */
export function isResultList(chosen: Block[], blocks: Block[]): boolean {
  if (chosen.length < 3) return false;
  const previous = new Map<Block, Block | undefined>();
  for (let i = 0; i < blocks.length; i++) previous.set(blocks[i] as Block, blocks[i - 1]);
  let total = 0;
  let snippetChars = 0;
  let snippets = 0;
  let cut = 0;
  for (const b of chosen) {
    total += b.text.length;
    const head = previous.get(b);
    if (!head || head.text.length > 200 || head.linkChars < head.text.length * 0.8) continue;
    snippets++;
    snippetChars += b.text.length;
    if (ELLIPSIS_RE.test(b.text)) cut++;
  }
  return snippets >= 3 && snippetChars >= total * 0.6 && cut >= snippets * 0.5;
}
