/**
 * The fast path of w/N, pre/N, w/s and w/p between two sets of words (a word's forms, a
 * wildcard's words, an OR of them) when only the matching documents are wanted: per
 * candidate document, both operands' positions are read lazily, in order, and the check
 * stops at the first pair that is close enough, usually within the first paragraph. Nothing
 * is allocated per document. (spans.ts handles the general case: phrases, fields, nesting.)
 */
import { VarintReader } from './bytes';
import type { Proximity } from './query-ast';
import type { Segment } from './segment';
import type { Structures } from './spans';

/** The positions of a set of terms in one document at a time, in ascending order. */
class WordStream {
  private readonly k: number;
  /**
   * Per term, its postings cursor: the next unread entry, the current entry's document (-1
   * before the first) and where its positions start, and where the next entry's start.
   */
  private readonly pAt: Int32Array;
  private readonly pEnd: Int32Array;
  private readonly curDoc: Int32Array;
  private readonly curX: Int32Array;
  private readonly nextX: Int32Array;
  /** Per term in the open document: positions left, read offset and current value. */
  private readonly left: Int32Array;
  private readonly at: Int32Array;
  private readonly val: Int32Array;
  private count = 0;
  private readonly postings: VarintReader;
  private readonly positions: VarintReader;

  constructor(
    private readonly seg: Segment,
    ords: readonly number[],
  ) {
    const k = ords.length;
    this.k = k;
    this.postings = new VarintReader(seg.postings);
    this.positions = new VarintReader(seg.positions!);
    this.pAt = new Int32Array(k);
    this.pEnd = new Int32Array(k);
    this.curDoc = new Int32Array(k).fill(-1);
    this.curX = new Int32Array(k);
    this.nextX = new Int32Array(k);
    this.left = new Int32Array(k);
    this.at = new Int32Array(k);
    this.val = new Int32Array(k);
    ords.forEach((o, j) => {
      this.pAt[j] = seg.postStart[o]!;
      this.pEnd[j] = seg.postStart[o + 1]!;
      this.nextX[j] = seg.posStart[o]!;
    });
  }

  /** Moves to document `d` (ascending calls); false when none of the terms is in it. */
  open(d: number): boolean {
    const r = this.postings;
    const positions = this.positions;
    this.count = 0;
    for (let j = 0; j < this.k; j++) {
      let doc = this.curDoc[j]!;
      if (doc < d) {
        r.at = this.pAt[j]!;
        const end = this.pEnd[j]!;
        let x = this.curX[j]!;
        let nx = this.nextX[j]!;
        while (doc < d) {
          if (r.at >= end) {
            doc = 0x7fffffff;
            break;
          }
          doc = (doc < 0 ? 0 : doc) + r.read();
          r.skip();
          const bytes = r.read();
          x = nx;
          nx = x + bytes;
        }
        this.curDoc[j] = doc;
        this.pAt[j] = r.at;
        this.curX[j] = x;
        this.nextX[j] = nx;
      }
      if (doc !== d) continue;
      positions.at = this.curX[j]!;
      const n = positions.read();
      const c = this.count++;
      this.left[c] = n;
      this.at[c] = positions.at;
      this.val[c] = 0;
      this.step(c);
    }
    return this.count > 0;
  }

  /** Reads the next position of active term c into val[c] (-1 when none is left). */
  private step(c: number): void {
    if (this.left[c] === 0) {
      this.val[c] = -1;
      return;
    }
    const positions = this.positions;
    positions.at = this.at[c]!;
    const d = positions.read();
    this.at[c] = positions.at;
    this.left[c]!--;
    this.val[c]! += d;
  }

  /** The next position in the open document, or -1. */
  next(): number {
    let best = -1;
    let bc = -1;
    for (let c = 0; c < this.count; c++) {
      const v = this.val[c]!;
      if (v >= 0 && (best < 0 || v < best)) {
        best = v;
        bc = c;
      }
    }
    if (bc >= 0) this.step(bc);
    return best;
  }
}

/** The operands' positions pass each other in order: is some pair (not the same word) close enough? */
function wordsNear(a: WordStream, b: WordStream, n: number, ordered: boolean): boolean {
  let x = a.next();
  let y = b.next();
  let lastA = -1;
  let lastB = -1;
  while (x >= 0 || y >= 0) {
    if (y < 0 || (x >= 0 && x < y)) {
      if (!ordered && lastB >= 0 && x - lastB <= n) return true;
      lastA = x;
      x = a.next();
    } else if (x < 0 || y < x) {
      if (lastA >= 0 && y - lastA <= n) return true;
      lastB = y;
      y = b.next();
    } else {
      // One word in both operands: it pairs with the other side's earlier words.
      if (lastA >= 0 && y - lastA <= n) return true;
      if (!ordered && lastB >= 0 && x - lastB <= n) return true;
      lastA = x;
      lastB = y;
      x = a.next();
      y = b.next();
    }
  }
  return false;
}

/**
 * Is there a pair (not the same word) in one sentence or paragraph? The unit starts are
 * read from `bytes` at `at` (count of them, as deltas) only as far as the words go.
 */
function unitNear(
  a: WordStream,
  b: WordStream,
  bytes: Uint8Array,
  at: number,
  count: number,
): boolean {
  let x = a.next();
  let y = b.next();
  let u = 0;
  const starts = new VarintReader(bytes, at);
  let nextStart = count > 0 ? starts.read() : -1;
  let unit = -1;
  let aFirst = -1;
  let bFirst = -1;
  let aMore = false;
  let bMore = false;
  while (x >= 0 || y >= 0) {
    const p = y < 0 || (x >= 0 && x <= y) ? x : y;
    const isA = p === x;
    const isB = p === y;
    while (u < count && nextStart <= p) {
      u++;
      if (u < count) nextStart += starts.read();
    }
    if (u !== unit) {
      unit = u;
      aFirst = -1;
      bFirst = -1;
      aMore = false;
      bMore = false;
    }
    if (isA) {
      if (aFirst < 0) aFirst = p;
      else aMore = true;
      x = a.next();
    }
    if (isB) {
      if (bFirst < 0) bFirst = p;
      else bMore = true;
      y = b.next();
    }
    if (aFirst >= 0 && bFirst >= 0 && (aFirst !== bFirst || aMore || bMore)) return true;
  }
  return false;
}

/** The documents of `candidates` where a word of `left` and one of `right` are close enough. */
export function nearWordsMask(
  seg: Segment,
  left: readonly number[],
  right: readonly number[],
  proximity: Proximity,
  candidates: Uint8Array,
  structures: Structures,
): Uint8Array {
  const mask = new Uint8Array(seg.docCount);
  if (left.length === 0 || right.length === 0) return mask;
  const a = new WordStream(seg, left);
  const b = new WordStream(seg, right);
  for (let d = 0; d < seg.docCount; d++) {
    if (!candidates[d]) continue;
    const inA = a.open(d);
    const inB = b.open(d);
    if (!inA || !inB) continue;
    let ok: boolean;
    if (proximity.unit === 'words') {
      ok = wordsNear(a, b, proximity.distance, proximity.ordered);
    } else {
      const { bytes, at, count } = structures.unitList(d, proximity.unit);
      ok = unitNear(a, b, bytes, at, count);
    }
    if (ok) mask[d] = 1;
  }
  return mask;
}
