/**
 * The postings loops of query evaluation: reading a term's postings into a mask and term
 * frequencies, a word pair's documents, and phrases (postings walked together, positions
 * checked only where every word is).
 */
import type { IntList } from './bytes';
import { K1, weightedTf, type Norms } from './bm25';
import type { Segment, WordPairs } from './segment';

/**
 * Reads the postings of term `o`: marks the documents of `base` (and of `restrict`, if given)
 * in `mask`, lists the newly marked ones in `docs` and adds their weighted frequencies to `tf`.
 * Returns the documents it counts for idf: with `countAll`, every document of `base` it has
 * (`seen` tells those already counted for another form of the word); otherwise the newly
 * marked ones.
 */
export function scanPostings(
  seg: Segment,
  o: number,
  base: Uint8Array,
  restrict: Uint8Array | null,
  mask: Uint8Array,
  docs: IntList | null,
  tf: Float32Array | null,
  norms: Norms | null,
  seen: Uint8Array | null,
  countAll: boolean,
): number {
  const postings = seg.postings;
  let p = seg.postStart[o]!;
  const end = seg.postStart[o + 1]!;
  const title = norms?.title;
  const meta = norms?.meta;
  const body = norms?.body;
  let counted = 0;
  let doc = 0;
  while (p < end) {
    let b = postings[p++]!;
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = postings[p++]!;
      v |= (b & 0x7f) << shift;
    }
    doc += v;
    const live = base[doc]!;
    if (live && countAll) {
      if (!seen) counted++;
      else if (!seen[doc]) {
        seen[doc] = 1;
        counted++;
      }
    }
    if (!live || (restrict !== null && !restrict[doc])) {
      // Skip the code and the positions length.
      while (postings[p++]! & 0x80);
      while (postings[p++]! & 0x80);
      continue;
    }
    b = postings[p++]!;
    let code = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = postings[p++]!;
      code |= (b & 0x7f) << shift;
    }
    // The positions length: not needed here.
    while (postings[p++]! & 0x80);
    if (!mask[doc]) {
      mask[doc] = 1;
      if (!countAll) counted++;
      docs?.push(doc);
    }
    if (tf) tf[doc]! += weightedTf(code, title![doc]!, meta![doc]!, body![doc]!);
  }
  return counted;
}

/** Marks the documents of pair `i` that are in `base` (and in `restrict`, if given). */
export function markPairDocuments(
  pairs: WordPairs,
  i: number,
  base: Uint8Array,
  restrict: Uint8Array | null,
  mask: Uint8Array,
): void {
  const bytes = pairs.postings;
  let doc = 0;
  for (let p = pairs.start[i]!, end = pairs.start[i + 1]!; p < end;) {
    let b = bytes[p++]!;
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[p++]!;
      v |= (b & 0x7f) << shift;
    }
    doc += v;
    if (base[doc] && (restrict === null || restrict[doc])) mask[doc] = 1;
  }
}

/** Adds one word's BM25 (as a phrase scores its words) to the documents of `mask`. */
export function addPhraseWordScores(
  seg: Segment,
  o: number,
  mask: Uint8Array,
  scores: Float32Array,
  norms: Norms,
  idf: number,
): void {
  const postings = seg.postings;
  const { title, meta, body } = norms;
  let doc = 0;
  for (let p = seg.postStart[o]!, end = seg.postStart[o + 1]!; p < end;) {
    let b = postings[p++]!;
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = postings[p++]!;
      v |= (b & 0x7f) << shift;
    }
    doc += v;
    if (!mask[doc]) {
      while (postings[p++]! & 0x80);
      while (postings[p++]! & 0x80);
      continue;
    }
    b = postings[p++]!;
    let code = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = postings[p++]!;
      code |= (b & 0x7f) << shift;
    }
    while (postings[p++]! & 0x80);
    const w = weightedTf(code, title[doc]!, meta[doc]!, body[doc]!);
    scores[doc]! += (idf * w * (K1 + 1)) / (w + K1);
  }
}

/**
 * Calls `found` for each document (in `base`, and in `restrict` if given) where the words
 * `ords` occur consecutively, with the words' posting codes. The postings lists of the words
 * (each distinct word once) and of the word pairs `pairList` are walked together, each entry
 * decoded once and nothing allocated per document; positions are only read (when `check`)
 * for documents that have every word and pair.
 */
export function forEachPhraseMatch(
  seg: Segment,
  ords: readonly number[],
  pairList: readonly number[],
  check: boolean,
  base: Uint8Array,
  restrict: Uint8Array | null,
  found: (doc: number, codes: Int32Array) => void,
): void {
  const k = ords.length;
  const positions = seg.positions!;
  const pairs = seg.pairs!;
  const distinct = [...new Set(ords)];
  const cursorOf = ords.map((o) => distinct.indexOf(o));
  const words = distinct.length;
  const n = words + pairList.length;
  const postings = seg.postings;
  const pairPostings = pairs.postings;
  const p = new Int32Array(n);
  const end = new Int32Array(n);
  const doc = new Int32Array(n);
  const code = new Int32Array(words);
  const posAt = new Int32Array(words);
  const x = new Int32Array(words);
  for (let c = 0; c < n; c++) {
    if (c < words) {
      const o = distinct[c]!;
      p[c] = seg.postStart[o]!;
      end[c] = seg.postStart[o + 1]!;
      x[c] = seg.posStart[o]!;
    } else {
      const i = pairList[c - words]!;
      p[c] = pairs.start[i]!;
      end[c] = pairs.start[i + 1]!;
    }
  }
  /** Moves cursor c to its next entry; false at the end of its list. */
  const advance = (c: number): boolean => {
    let q = p[c]!;
    if (q >= end[c]!) return false;
    const bytes = c < words ? postings : pairPostings;
    let b = bytes[q++]!;
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[q++]!;
      v |= (b & 0x7f) << shift;
    }
    doc[c]! += v;
    if (c < words) {
      b = postings[q++]!;
      let cd = b & 0x7f;
      for (let shift = 7; b & 0x80; shift += 7) {
        b = postings[q++]!;
        cd |= (b & 0x7f) << shift;
      }
      b = postings[q++]!;
      let len = b & 0x7f;
      for (let shift = 7; b & 0x80; shift += 7) {
        b = postings[q++]!;
        len |= (b & 0x7f) << shift;
      }
      code[c] = cd;
      posAt[c] = x[c]!;
      x[c]! += len;
    }
    p[c] = q;
    return true;
  };
  const codes = new Int32Array(k);
  const at = new Int32Array(k);
  for (let c = 0; c < n; c++) if (!advance(c)) return;
  for (;;) {
    let target = 0;
    for (let c = 0; c < n; c++) if (doc[c]! > target) target = doc[c]!;
    let same = true;
    for (let c = 0; c < n; c++) {
      while (doc[c]! < target) if (!advance(c)) return;
      if (doc[c]! !== target) same = false;
    }
    if (!same) continue;
    if (base[target] && (!restrict || restrict[target])) {
      for (let j = 0; j < k; j++) {
        codes[j] = code[cursorOf[j]!]!;
        at[j] = posAt[cursorOf[j]!]!;
      }
      if (!check || phraseAt(positions, at, k)) found(target, codes);
    }
    if (!advance(0)) return;
  }
}

// Cursor state for phraseAt, reused: phrases have few words.
let curAt = new Int32Array(8);
let curLeft = new Int32Array(8);
let curVal = new Int32Array(8);

/**
 * Whether word j is at p + j for some p, given each word's positions at byte offset at[j].
 * Decodes lazily and stops at the first occurrence: common word pairs (where the time
 * goes) usually occur early, so most of their positions are never read.
 */
function phraseAt(positions: Uint8Array, at: Int32Array, k: number): boolean {
  if (curAt.length < k) {
    curAt = new Int32Array(k);
    curLeft = new Int32Array(k);
    curVal = new Int32Array(k);
  }
  for (let j = 0; j < k; j++) {
    let x = at[j]!;
    let b = positions[x++]!;
    let count = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = positions[x++]!;
      count |= (b & 0x7f) << shift;
    }
    curAt[j] = x;
    curLeft[j] = count;
    curVal[j] = -1;
  }
  // Leapfrog: the candidate start p only grows; each word's cursor moves to p + j or past.
  let p = 0;
  for (;;) {
    let j = 0;
    for (; j < k; j++) {
      const want = p + j;
      let v = curVal[j]!;
      if (v < want) {
        let x = curAt[j]!;
        let left = curLeft[j]!;
        do {
          if (left === 0) return false;
          let b = positions[x++]!;
          let d = b & 0x7f;
          for (let shift = 7; b & 0x80; shift += 7) {
            b = positions[x++]!;
            d |= (b & 0x7f) << shift;
          }
          // Positions are deltas from 0; -1 means none read yet.
          v = (v < 0 ? 0 : v) + d;
          left--;
        } while (v < want);
        curAt[j] = x;
        curLeft[j] = left;
        curVal[j] = v;
      }
      if (v > want) {
        p = v - j;
        break;
      }
    }
    if (j === k) return true;
  }
}
