/**
 * BM25F over three field groups: title (×6), meta = outlet, authors, tags (×3), and text =
 * body, article note and highlight notes (×1), each length-normalised against the average
 * over documents where the field is not empty.
 */
import type { Segment } from './segment';

export const K1 = 1.2;
// Titles and names are short and uniform: less length normalisation than running text.
const B_TITLE = 0.5;
const B_META = 0.5;
const B_TEXT = 0.75;
// A title mention outranks a few body mentions; a tag or outlet sits between.
const W_TITLE = 6;
const W_META = 3;
const W_TEXT = 1;

/** Per-document BM25F length normalisation of a segment, for the current average lengths. */
export interface Norms {
  /** What an occurrence in the title adds: W_TITLE over the title's normaliser. */
  title: Float64Array;
  meta: Float64Array;
  /** The text's normaliser (its frequency is divided by it). */
  body: Float64Array;
}

export function segmentNorms(seg: Segment, avg: readonly [number, number, number]): Norms {
  const n = seg.docCount;
  const title = new Float64Array(n);
  const meta = new Float64Array(n);
  const body = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    title[d] = W_TITLE / (1 - B_TITLE + (B_TITLE * seg.titleLen[d]!) / avg[0]);
    meta[d] = W_META / (1 - B_META + (B_META * seg.metaLen[d]!) / avg[1]);
    body[d] = 1 - B_TEXT + (B_TEXT * seg.bodyLen[d]!) / avg[2];
  }
  return { title, meta, body };
}

/** BM25F: the field-weighted, length-normalised term frequency of one posting. */
export function weightedTf(code: number, title: number, meta: number, bodyNorm: number): number {
  let w = 0;
  if (code & 2) w += title;
  if (code & 1) w += meta;
  const body = code >>> 2;
  if (body) w += (W_TEXT * body) / bodyNorm;
  return w;
}
