/**
 * Places highlights in a clipping's paragraphs for the exporters that mark them in the body.
 * The position selector is trusted only when it still points at the quoted text; otherwise the
 * quote is searched for in context (see src/shared/anchoring.ts), and a highlight that cannot
 * be found is reported as unanchored rather than marked in the wrong place.
 */
import { PARAGRAPH_SEPARATOR, clippingText } from '../annotations';
import type { Highlight } from '../annotations';
import { anchor } from '../anchoring';

export interface Segment {
  text: string;
  /** The highlight shown on this stretch of text (the innermost when they overlap). */
  highlight?: Highlight;
}

export interface MarkedParagraphs {
  /** One list of segments per paragraph; joined, each list is the paragraph's text. */
  paragraphs: Segment[][];
  /** Highlights found in the text, in text order, with where they were found. */
  anchored: { highlight: Highlight; start: number; end: number }[];
  unanchored: Highlight[];
}

/**
 * Where `h` is in `text`, or undefined. Uses the reader's anchoring (exact position, then the
 * quote in context, then a fuzzy match), so an export marks exactly what the reader shows.
 */
export function locateHighlight(
  text: string,
  h: Highlight,
): { start: number; end: number } | undefined {
  const found = anchor(text, h);
  return found.status === 'orphan' ? undefined : { start: found.start, end: found.end };
}

export function anchorHighlights(
  paragraphs: readonly string[],
  highlights: readonly Highlight[],
): MarkedParagraphs {
  const text = clippingText(paragraphs);
  const anchored: MarkedParagraphs['anchored'] = [];
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
