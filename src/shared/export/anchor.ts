/**
 * Places highlights in a clipping's paragraphs for the exporters that mark them in the body.
 * The position selector is trusted only when it still points at the quoted text; otherwise the
 * quote is searched for (prefix/suffix break ties), and a highlight that cannot be found is
 * reported as unanchored rather than marked in the wrong place.
 */
import { PARAGRAPH_SEPARATOR, clippingText } from '../annotations';
import type { Highlight } from '../annotations';

export interface Segment {
  text: string;
  /** The highlight shown on this stretch of text (the innermost when they overlap). */
  highlight?: Highlight;
}

export interface AnchorResult {
  /** One list of segments per paragraph; joined, each list is the paragraph's text. */
  paragraphs: Segment[][];
  /** Highlights found in the text, in text order, with where they were found. */
  anchored: { highlight: Highlight; start: number; end: number }[];
  unanchored: Highlight[];
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/** Where `h` is in `text`, or undefined. */
export function locateHighlight(
  text: string,
  h: Highlight,
): { start: number; end: number } | undefined {
  const { start, end } = h.position;
  const exact = h.quote.exact;
  if (exact === '') return undefined;
  if (start < end && end <= text.length && text.slice(start, end) === exact) return { start, end };
  let best: { start: number; score: number; distance: number } | undefined;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score =
      commonSuffixLength(text.slice(Math.max(0, at - h.quote.prefix.length), at), h.quote.prefix) +
      commonPrefixLength(text.slice(at + exact.length), h.quote.suffix);
    const distance = Math.abs(at - start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start: at, score, distance };
    }
  }
  return best ? { start: best.start, end: best.start + exact.length } : undefined;
}

export function anchorHighlights(
  paragraphs: readonly string[],
  highlights: readonly Highlight[],
): AnchorResult {
  const text = clippingText(paragraphs);
  const anchored: AnchorResult['anchored'] = [];
  const unanchored: Highlight[] = [];
  for (const highlight of highlights) {
    const at = locateHighlight(text, highlight);
    if (at) anchored.push({ highlight, ...at });
    else unanchored.push(highlight);
  }
  // Stable sort keeps the caller's order for highlights that start together.
  anchored.sort((a, b) => a.start - b.start || b.end - a.end);

  const result: Segment[][] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    const pStart = offset;
    const pEnd = offset + paragraph.length;
    offset = pEnd + PARAGRAPH_SEPARATOR.length;
    const inside = anchored.filter((a) => a.start < pEnd && a.end > pStart);
    const cuts = new Set<number>([pStart, pEnd]);
    for (const a of inside) {
      cuts.add(Math.max(a.start, pStart));
      cuts.add(Math.min(a.end, pEnd));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const segments: Segment[] = [];
    for (let i = 0; i + 1 < points.length; i += 1) {
      const from = points[i] as number;
      const to = points[i + 1] as number;
      // The innermost highlight is the one that started last among those covering the span.
      let cover: Highlight | undefined;
      for (const a of inside) if (a.start <= from && a.end >= to) cover = a.highlight;
      const piece = text.slice(from, to);
      const last = segments[segments.length - 1];
      if (last && last.highlight === cover) last.text += piece;
      else segments.push(cover ? { text: piece, highlight: cover } : { text: piece });
    }
    if (segments.length === 0) segments.push({ text: '' });
    result.push(segments);
  }
  return { paragraphs: result, anchored, unanchored };
}
