/**
 * Word pairs (see segment.ts): which words are pair words, the pair dictionary built from a
 * segment's word sequences, and looking a pair and its documents up.
 */
import { ByteWriter, VarintReader } from './bytes';
import type { WordPairs } from './segment';

/** A word is a pair word when at least this share of the segment's documents have it... */
const PAIR_WORD_MIN_SHARE = 1 / 5;
/** ...among the most frequent this many (a bound on the pair dictionary's key space). */
const MAX_PAIR_WORDS = 1024;

/** The pair index of `a` followed by `b` (both pair words), or -1 when they never meet. */
export function findPair(pairs: WordPairs, a: number, b: number): number {
  let lo = 0;
  let hi = pairs.first.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const f = pairs.first[mid]!;
    if (f < a || (f === a && pairs.second[mid]! < b)) lo = mid + 1;
    else hi = mid;
  }
  return lo < pairs.first.length && pairs.first[lo] === a && pairs.second[lo] === b ? lo : -1;
}

/** The documents (local numbers, ascending) of pair `i`. */
export function pairDocuments(pairs: WordPairs, i: number): number[] {
  const out: number[] = [];
  const r = new VarintReader(pairs.postings, pairs.start[i]!);
  const end = pairs.start[i + 1]!;
  let doc = 0;
  while (r.at < end) {
    doc += r.read();
    out.push(doc);
  }
  return out;
}

/** The dictionary from the pairs as written: `offsets` has each pair's start, not the end. */
export function finishPairs(
  word: Uint8Array,
  first: readonly number[],
  second: readonly number[],
  offsets: number[],
  w: ByteWriter,
): WordPairs {
  offsets.push(w.length);
  return {
    word,
    first: Uint32Array.from(first),
    second: Uint32Array.from(second),
    start: Uint32Array.from(offsets),
    postings: w.finish(),
  };
}

/** The fewest documents a pair word is in, for a segment of `docCount` documents. */
function pairWordMinDf(docCount: number): number {
  return Math.max(1, Math.ceil(docCount * PAIR_WORD_MIN_SHARE));
}

/**
 * Flags as pair words the terms that `eligible` allows and that are in enough documents, the
 * most frequent MAX_PAIR_WORDS of them when there are more.
 */
export function choosePairWords(
  df: ArrayLike<number>,
  docCount: number,
  eligible: (t: number) => boolean,
): Uint8Array {
  const word = new Uint8Array(df.length);
  const min = pairWordMinDf(docCount);
  const chosen: number[] = [];
  for (let t = 0; t < df.length; t++) if (df[t]! >= min && eligible(t)) chosen.push(t);
  if (chosen.length > MAX_PAIR_WORDS) {
    chosen.sort((a, b) => df[b]! - df[a]! || a - b);
    chosen.length = MAX_PAIR_WORDS;
  }
  for (const t of chosen) word[t] = 1;
  return word;
}

/**
 * A segment's word pairs from its documents' word sequences: `seq[seqStart[d] ..
 * seqStart[d + 1])` are document d's words in order (builder term ids, -1 between two that
 * are not adjacent), `rank` maps builder ids to ordinals and `df` is by ordinal.
 */
export function buildPairs(
  seq: Int32Array,
  seqStart: Int32Array,
  seqLength: number,
  rank: Int32Array,
  df: Uint32Array,
): WordPairs {
  const docCount = seqStart.length - 1;
  const word = choosePairWords(df, docCount, () => true);
  // Pair words numbered in ordinal order, so that keys (first × count + second) sort as
  // the dictionary does.
  const local = new Int32Array(df.length).fill(-1);
  const ordinalOf: number[] = [];
  for (let t = 0; t < df.length; t++) {
    if (word[t]) {
      local[t] = ordinalOf.length;
      ordinalOf.push(t);
    }
  }
  const count = ordinalOf.length;
  const keys = count * count;
  // Pair-word number by builder id, -1 for other words (and for gaps, at index 0 of it).
  const localOf = new Int32Array(rank.length + 1);
  for (let t = 0; t < rank.length; t++) localOf[t + 1] = local[rank[t]!]!;
  localOf[0] = -1;
  const stamp = new Int32Array(keys);
  const start = new Uint32Array(keys + 1);
  // At most one record per adjacent two words.
  const recKey = new Int32Array(seqLength);
  const recDoc = new Int32Array(seqLength);
  let records = 0;
  for (let d = 0; d < docCount; d++) {
    let prev = -1;
    for (let i = seqStart[d]!; i < seqStart[d + 1]!; i++) {
      const cur = localOf[seq[i]! + 1]!;
      if (prev >= 0 && cur >= 0) {
        const key = prev * count + cur;
        if (stamp[key] !== d + 1) {
          stamp[key] = d + 1;
          start[key + 1]!++;
          recKey[records] = key;
          recDoc[records++] = d;
        }
      }
      prev = cur;
    }
  }
  // Counting sort by key; records are in document order and stay so within a key.
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const sorted = new Int32Array(records);
  const cursor = start.slice(0, keys);
  for (let r = 0; r < records; r++) sorted[cursor[recKey[r]!]!++] = recDoc[r]!;
  const first: number[] = [];
  const second: number[] = [];
  const offsets: number[] = [];
  const w = new ByteWriter(records * 2 + 16);
  for (let k = 0; k < keys; k++) {
    if (start[k + 1] === start[k]) continue;
    first.push(ordinalOf[Math.floor(k / count)]!);
    second.push(ordinalOf[k % count]!);
    offsets.push(w.length);
    let prevDoc = 0;
    for (let r = start[k]!; r < start[k + 1]!; r++) {
      w.varint(sorted[r]! - prevDoc);
      prevDoc = sorted[r]!;
    }
  }
  return finishPairs(word, first, second, offsets, w);
}
