/**
 * An immutable index segment: the documents of one import batch (or of a merge), with a
 * sorted term dictionary, postings and positions as varint byte streams, and per-document
 * metadata as typed arrays, so a segment costs a handful of objects however many postings
 * it holds. Segments are built once, serialised to ArrayBuffers for IndexedDB, and merged.
 *
 * Postings of a term, per document (ascending local doc number):
 *   varint(doc delta), varint(bodyTf << 2 | inTitle << 1 | inMeta), varint(positions bytes)
 * (the byte length of the document's positions lets phrases and merges jump over them).
 * Positions of a term (a separate stream, loaded lazily; only phrases need it), per document
 * in the same order: varint(count), count × varint(position delta). Positions run through
 * title, then meta (outlet, authors, tags), then body, note and highlight notes, with a gap
 * of FIELD_GAP between values so that neither a phrase nor a proximity spans two of them.
 *
 * Structure (stored with the positions), per document: where its fields begin and end, and
 * where its paragraphs and sentences begin, as positions (see DocStructure in structure.ts):
 * fields scope words (`title:`), and w/s and w/p compare sentences and paragraphs.
 *
 * Stems: each term has a mask of the stemming languages it was read in (its documents'
 * languages, see stem.ts), and the stems dictionary lists, per stem, the terms that have it
 * in some language and differ from it.
 *
 * Word pairs (stored and loaded with the positions): the segment's frequent words (in at least
 * a fifth of its documents) are "pair words", and for every two pair words that occur one
 * right after the other somewhere, the documents where they do: varint(doc delta) each. A
 * phrase of frequent words, whose words alone match most documents, then reads the few
 * documents of its pairs instead of checking positions everywhere; pair words that never
 * follow each other have no entry, so such a phrase is known absent at once.
 *
 * This file holds the format and its dictionary lookups; segment-builder.ts builds a
 * segment, segment-codec.ts stores and loads it, segment-merge.ts merges segments, and
 * word-pairs.ts and segment-stems.ts build and read those two dictionaries.
 */

/**
 * 2: positions stored with word pairs. 3: document structure (fields, paragraphs, sentences)
 * with the positions, a gap of FIELD_GAP between fields, stems per language (Snowball), CJK
 * text split into words.
 */
export const SEGMENT_FORMAT_VERSION = 3;
/** Positions skipped between two values: more than the largest w/N, so none spans them. */
export const FIELD_GAP = 300;

export const FLAG_HIGHLIGHTS = 1;
export const FLAG_NOTE = 2;
export const FLAG_TRASHED = 4;

export interface Segment {
  id: number;
  docCount: number;
  docIds: string[];
  /** Token counts per field group, for BM25 length normalisation. */
  titleLen: Uint16Array;
  metaLen: Uint16Array;
  bodyLen: Uint32Array;
  /** yyyymmdd, 0 when unknown. */
  published: Int32Array;
  flags: Uint8Array;
  /** Indexes into `strings` (folded metadata values). */
  lang: Uint32Array;
  source: Uint32Array;
  tagStart: Uint32Array;
  tagIds: Uint32Array;
  authorStart: Uint32Array;
  authorIds: Uint32Array;
  strings: string[];
  /** Sorted by UTF-16 code units (`<`). */
  terms: string[];
  df: Uint32Array;
  postStart: Uint32Array;
  postings: Uint8Array;
  posStart: Uint32Array;
  /** Null until loaded (see SearchStore), as are the word pairs and structure with them. */
  positions: Uint8Array | null;
  pairs: WordPairs | null;
  /** Byte offsets into `structure` per document, plus the end. */
  structStart: Uint32Array | null;
  structure: Uint8Array | null;
  /** Per term: a bit per stemming language (stem.ts) it was read in. */
  termLang: Uint32Array;
  /** Sorted stems that differ from their terms; stemTerms[stemStart[i]..] are their terms. */
  stems: string[];
  stemStart: Uint32Array;
  stemTerms: Uint32Array;
}

/** Documents where one frequent word directly follows another (see the file comment). */
export interface WordPairs {
  /** Per term: 1 for a pair word (every pair of two pair words that occurs is listed). */
  word: Uint8Array;
  /** Term ordinals of each pair, sorted by first, then second. */
  first: Uint32Array;
  second: Uint32Array;
  /** Byte offsets into `postings` per pair, plus the end. */
  start: Uint32Array;
  postings: Uint8Array;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First index whose value is >= key. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findTerm(seg: Segment, term: string): number {
  const i = lowerBound(seg.terms, term);
  return seg.terms[i] === term ? i : -1;
}

export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}
