/**
 * The postings loops of query evaluation: reading a term's postings into a mask and term
 * frequencies, a word pair's documents, and phrases (postings walked together, positions
 * checked only where every word is).
 */
import { VarintReader, type IntList } from './bytes';
import { K1 as BM25_K1, weightedTf as bm25WeightedTf, type Norms } from './bm25';
import type { Segment, WordPairs } from './segment';

// Module constants, read once: where modules are CommonJS (tsx, the CLI) an imported binding
// is a getter call, and these are used per posting (1-word queries took twice as long).
const K1 = BM25_K1;
const weightedTf = bm25WeightedTf;

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
  const r = new VarintReader(seg.postings, seg.postStart[o]!);
  const end = seg.postStart[o + 1]!;
  const title = norms?.title;
  const meta = norms?.meta;
  const body = norms?.body;
  let counted = 0;
  let doc = 0;
  while (r.at < end) {
    doc += r.read();
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
      r.skip();
      r.skip();
      continue;
    }
    const code = r.read();
    // The positions length: not needed here.
    r.skip();
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
  const r = new VarintReader(pairs.postings, pairs.start[i]!);
  const end = pairs.start[i + 1]!;
  let doc = 0;
  while (r.at < end) {
    doc += r.read();
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
  const { title, meta, body } = norms;
  const r = new VarintReader(seg.postings, seg.postStart[o]!);
  const end = seg.postStart[o + 1]!;
  let doc = 0;
  while (r.at < end) {
    doc += r.read();
    if (!mask[doc]) {
      r.skip();
      r.skip();
      continue;
    }
    const code = r.read();
    r.skip();
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
  const wordReader = new VarintReader(seg.postings);
  const pairReader = new VarintReader(pairs.postings);
  const positionReader = new VarintReader(positions);
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
    if (p[c]! >= end[c]!) return false;
    const r = c < words ? wordReader : pairReader;
    r.at = p[c]!;
    doc[c]! += r.read();
    if (c < words) {
      code[c] = r.read();
      posAt[c] = x[c]!;
      x[c]! += r.read();
    }
    p[c] = r.at;
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
      if (!check || phraseAt(positionReader, at, k)) found(target, codes);
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
function phraseAt(r: VarintReader, at: Int32Array, k: number): boolean {
  if (curAt.length < k) {
    curAt = new Int32Array(k);
    curLeft = new Int32Array(k);
    curVal = new Int32Array(k);
  }
  for (let j = 0; j < k; j++) {
    r.at = at[j]!;
    curLeft[j] = r.read();
    curAt[j] = r.at;
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
        r.at = curAt[j]!;
        let left = curLeft[j]!;
        do {
          if (left === 0) return false;
          // Positions are deltas from 0; -1 means none read yet.
          v = (v < 0 ? 0 : v) + r.read();
          left--;
        } while (v < want);
        curAt[j] = r.at;
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
