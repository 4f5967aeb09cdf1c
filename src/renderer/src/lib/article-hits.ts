/**
 * Where a search's words are in the open article: ranges in its title and in its stored text
 * (`clippingText`), for the reader to mark. Marks are drawn over the text, never written into
 * it or into highlights.
 */
import { clippingText } from '@shared/annotations';
import { matchRanges, type TextRange } from '@shared/search/snippet';

export interface ArticleHitRanges {
  title: TextRange[];
  /** Offsets into the stored text (paragraphs joined by a blank line). */
  body: TextRange[];
}

/** The words of the article whose folded form is in `terms`; title hits come first. */
export function articleHitRanges(
  article: { title: string; paragraphs: readonly string[] },
  terms: ReadonlySet<string>,
): ArticleHitRanges {
  if (terms.size === 0) return { title: [], body: [] };
  return {
    title: matchRanges(article.title, terms),
    body: matchRanges(clippingText(article.paragraphs), terms),
  };
}

export function hitCount(ranges: ArticleHitRanges | null): number {
  return ranges ? ranges.title.length + ranges.body.length : 0;
}

/** The id a body hit has among the reader's marked ranges (highlights have theirs). */
export const HIT_ID_PREFIX = '\u0000hit:';

export function hitId(index: number): string {
  return `${HIT_ID_PREFIX}${index}`;
}

/** The hit index of a run's ids, or -1. */
export function hitIndexOf(ids: readonly string[]): number {
  for (const id of ids)
    if (id.startsWith(HIT_ID_PREFIX)) return Number(id.slice(HIT_ID_PREFIX.length));
  return -1;
}

/** Text split where the ranges begin and end, with the hit index of each piece (-1: none). */
export function splitByRanges(
  text: string,
  ranges: readonly TextRange[],
  firstIndex = 0,
): { text: string; hit: number }[] {
  const out: { text: string; hit: number }[] = [];
  let at = 0;
  ranges.forEach((r, k) => {
    if (r.start > at) out.push({ text: text.slice(at, r.start), hit: -1 });
    out.push({ text: text.slice(r.start, r.end), hit: firstIndex + k });
    at = r.end;
  });
  if (at < text.length) out.push({ text: text.slice(at), hit: -1 });
  return out;
}
