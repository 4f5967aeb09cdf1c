/** Merging segments into one, in small steps, dropping deleted documents. */
import { ByteWriter, VarintReader } from './bytes';
import type { Segment, WordPairs } from './segment';
import { MetaBuilder } from './segment-meta';
import { buildStems } from './segment-stems';
import { choosePairWords, finishPairs } from './word-pairs';

export interface MergeInput {
  seg: Segment;
  /** 1 = deleted; deleted documents are dropped. */
  dead: Uint8Array | undefined;
}

/** Merges segments (in order) into one, dropping deleted documents. Needs positions. */
export function mergeSegments(id: number, inputs: readonly MergeInput[]): Segment {
  const steps = mergeSegmentsInSteps(id, inputs);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Roughly how much work (documents, or postings bytes) a merge does between yields. */
const MERGE_STEP_WORK = 1 << 16;

/**
 * mergeSegments in small steps: yields every ~64 KB of postings (or 64K documents of metadata)
 * so the caller can answer queries in between; the inputs must not change meanwhile
 * (segments are immutable; tombstones are read once, at the start).
 */
export function* mergeSegmentsInSteps(
  id: number,
  inputs: readonly MergeInput[],
  stepWork = MERGE_STEP_WORK,
): Generator<void, Segment> {
  const meta = new MetaBuilder();
  const docMaps: Int32Array[] = [];
  const struct = new ByteWriter(
    inputs.reduce((n, { seg }) => n + (seg.structure?.length ?? 0), 0) + 16,
  );
  const structStarts: number[] = [];
  let work = 0;
  for (const { seg } of inputs) {
    if (!seg.positions || !seg.pairs || !seg.structure || !seg.structStart) {
      throw new Error(`Positions of segment ${seg.id} are not loaded`);
    }
  }
  for (const { seg, dead } of inputs) {
    const map = new Int32Array(seg.docCount).fill(-1);
    docMaps.push(map);
    for (let d = 0; d < seg.docCount; d++) {
      if (++work >= stepWork) {
        work = 0;
        yield;
      }
      if (dead?.[d]) continue;
      map[d] = meta.docIds.length;
      structStarts.push(struct.length);
      struct.bytes(seg.structure!, seg.structStart![d]!, seg.structStart![d + 1]!);
      const strings = (start: Uint32Array, ids: Uint32Array) => {
        const out: string[] = [];
        for (let k = start[d]!; k < start[d + 1]!; k++) out.push(seg.strings[ids[k]!]!);
        return out;
      };
      meta.addDoc(
        seg.docIds[d]!,
        [seg.titleLen[d]!, seg.metaLen[d]!, seg.bodyLen[d]!],
        seg.published[d]!,
        seg.flags[d]!,
        seg.strings[seg.lang[d]!]!,
        seg.strings[seg.source[d]!]!,
        strings(seg.tagStart, seg.tagIds),
        strings(seg.authorStart, seg.authorIds),
      );
    }
  }

  const k = inputs.length;
  const heads = new Int32Array(k);
  const terms: string[] = [];
  const langsOf: number[] = [];
  const df: number[] = [];
  const postStarts: number[] = [];
  const posStarts: number[] = [];
  const totalPostings = inputs.reduce((n, { seg }) => n + seg.postings.length, 0);
  const totalPositions = inputs.reduce((n, { seg }) => n + (seg.positions?.length ?? 0), 0);
  const pw = new ByteWriter(totalPostings + 16);
  const xw = new ByteWriter(totalPositions + 16);
  // Per input: the merged ordinal of each of its terms (-1: dropped, no live document left).
  const ordinals = inputs.map(({ seg }) => new Int32Array(seg.terms.length).fill(-1));
  // Per merged term: whether every input that has it lists its pairs (a pair word there).
  const pairable: number[] = [];
  for (;;) {
    if (work >= stepWork) {
      work = 0;
      yield;
    }
    // The smallest head term (k is small: a linear scan beats a heap).
    let term: string | undefined;
    for (let j = 0; j < k; j++) {
      const t = inputs[j]!.seg.terms[heads[j]!];
      if (t !== undefined && (term === undefined || t < term)) term = t;
    }
    if (term === undefined) break;
    const postAt = pw.length;
    const posAt = xw.length;
    let count = 0;
    let prev = 0;
    let langs = 0;
    let everywherePairWord = 1;
    for (let j = 0; j < k; j++) {
      const { seg } = inputs[j]!;
      const o = heads[j]!;
      if (seg.terms[o] !== term) continue;
      heads[j] = o + 1;
      ordinals[j]![o] = terms.length;
      everywherePairWord &= seg.pairs!.word[o]!;
      langs |= seg.termLang[o]!;
      const map = docMaps[j]!;
      const positions = seg.positions!;
      const r = new VarintReader(seg.postings, seg.postStart[o]!);
      const end = seg.postStart[o + 1]!;
      let x = seg.posStart[o]!;
      work += end - r.at;
      let doc = 0;
      while (r.at < end) {
        doc += r.read();
        const code = r.read();
        const bytes = r.read();
        const from = x;
        x += bytes;
        const nd = map[doc]!;
        if (nd < 0) continue;
        pw.varint(nd - prev);
        prev = nd;
        pw.varint(code);
        pw.varint(bytes);
        // Positions are per document, independent of doc numbers: copied as they are.
        xw.bytes(positions, from, x);
        count++;
      }
    }
    if (count === 0) {
      // Every document of the term was deleted: it is dropped.
      for (let j = 0; j < k; j++) {
        const o = heads[j]! - 1;
        if (o >= 0 && ordinals[j]![o] === terms.length) ordinals[j]![o] = -1;
      }
      continue;
    }
    pairable.push(everywherePairWord);
    terms.push(term);
    langsOf.push(langs >>> 0);
    df.push(count);
    postStarts.push(postAt);
    posStarts.push(posAt);
  }
  yield;
  postStarts.push(pw.length);
  posStarts.push(xw.length);
  const pairs = yield* mergePairs(
    inputs,
    docMaps,
    ordinals,
    pairable,
    df,
    meta.docIds.length,
    stepWork,
  );
  return {
    id,
    ...meta.finish(),
    terms,
    df: Uint32Array.from(df),
    postStart: Uint32Array.from(postStarts),
    postings: pw.finish(),
    posStart: Uint32Array.from(posStarts),
    positions: xw.finish(),
    pairs,
    structStart: Uint32Array.from([...structStarts, struct.length]),
    structure: struct.finish(),
    ...buildStems(terms, Uint32Array.from(langsOf)),
  };
}

/**
 * The merged segment's word pairs: its pair words are frequent words that were pair words in
 * every input that has them (so their pairs are complete), and each pair's documents are the
 * inputs' in order, renumbered, deleted ones dropped.
 */
function* mergePairs(
  inputs: readonly MergeInput[],
  docMaps: readonly Int32Array[],
  ordinals: readonly Int32Array[],
  pairable: readonly number[],
  df: readonly number[],
  docCount: number,
  stepWork: number,
): Generator<void, WordPairs> {
  const word = choosePairWords(df, docCount, (t) => pairable[t] === 1);
  const k = inputs.length;
  const heads = new Int32Array(k);
  const first: number[] = [];
  const second: number[] = [];
  const offsets: number[] = [];
  const w = new ByteWriter(inputs.reduce((n, { seg }) => n + seg.pairs!.postings.length, 0) + 16);
  // Input j's current pair, as merged ordinals (-1 once done), and its index there.
  const curA = new Int32Array(k);
  const curB = new Int32Array(k);
  /** Moves input j to its next pair that the merged segment lists. */
  const seek = (j: number, from: number): void => {
    const pairs = inputs[j]!.seg.pairs!;
    const map = ordinals[j]!;
    for (let i = from; i < pairs.first.length; i++) {
      const a = map[pairs.first[i]!]!;
      const b = map[pairs.second[i]!]!;
      if (a >= 0 && b >= 0 && word[a] && word[b]) {
        heads[j] = i;
        curA[j] = a;
        curB[j] = b;
        return;
      }
    }
    curA[j] = -1;
  };
  for (let j = 0; j < k; j++) seek(j, 0);
  let work = 0;
  for (;;) {
    if (work >= stepWork) {
      work = 0;
      yield;
    }
    // The smallest current pair (ordinals keep their order through a merge).
    let a = -1;
    let b = -1;
    for (let j = 0; j < k; j++) {
      const ca = curA[j]!;
      if (ca >= 0 && (a < 0 || ca < a || (ca === a && curB[j]! < b))) {
        a = ca;
        b = curB[j]!;
      }
    }
    if (a < 0) break;
    const at = w.length;
    let prev = 0;
    for (let j = 0; j < k; j++) {
      if (curA[j] !== a || curB[j] !== b) continue;
      const pairs = inputs[j]!.seg.pairs!;
      const i = heads[j]!;
      const map = docMaps[j]!;
      const r = new VarintReader(pairs.postings, pairs.start[i]!);
      const end = pairs.start[i + 1]!;
      work += end - r.at;
      let doc = 0;
      while (r.at < end) {
        doc += r.read();
        const nd = map[doc]!;
        if (nd < 0) continue;
        w.varint(nd - prev);
        prev = nd;
      }
      seek(j, i + 1);
    }
    // Every document of the pair may have been deleted.
    if (w.length === at) continue;
    first.push(a);
    second.push(b);
    offsets.push(at);
  }
  return finishPairs(word, first, second, offsets, w);
}
