/**
 * The search index: a list of immutable segments (one per added batch, merged in tiers like
 * an LSM tree), deletions as per-segment tombstone bytes, and a query evaluator that works
 * set-at-a-time on per-segment byte masks (one byte per document: at 100,000 documents a
 * mask operation is a 100 KB loop) while accumulating BM25F scores into Float32Arrays.
 *
 * Ranking is BM25F over three field groups: title (×6), meta = outlet, authors, tags (×3),
 * and text = body, article note and highlight notes (×1), each length-normalised against
 * the average over documents where the field is not empty. A query
 * word matches its exact folded form and every indexed word with the same stem; the word
 * being typed also matches the words it begins (per segment the most frequent 16, 32 or 64
 * for prefixes of 2, 3 or more letters).
 */
import { matchesCoverage, type CoverageFacts } from './coverage-filter';
import type { QueryError, QueryNode, Filter } from './query-ast';
import { storyFilterMatches, type StoryLookup } from '../stories/filters';
import { parseQuery } from './query';
import { isWordProximity, leavesOf, positionalMask, relax } from './positional';
import { expandWildcard } from './wildcard';
import {
  FLAG_HIGHLIGHTS,
  FLAG_NOTE,
  FLAG_TRASHED,
  SegmentBuilder,
  findPair,
  findTerm,
  isOwnStem,
  lowerBound,
  mergeSegmentsInSteps,
  termsWithStem,
  type Segment,
  type WordPairs,
} from './segment';
import { languagesIn, stem, stemIn } from './stem';
import { IntList } from './bytes';
import type { SearchDoc } from './types';

export type { SearchDoc } from './types';
export type { Segment } from './segment';

const K1 = 1.2;
// Titles and names are short and uniform: less length normalisation than running text.
const B_TITLE = 0.5;
const B_META = 0.5;
const B_TEXT = 0.75;
// A title mention outranks a few body mentions; a tag or outlet sits between.
const W_TITLE = 6;
const W_META = 3;
const W_TEXT = 1;
const MAX_PREFIX_TERMS = 64;
const MIN_PREFIX_LENGTH = 2;
/**
 * A prefix reads at most this many postings per document of a segment (see expand): the word
 * being typed then costs about as much as two common words.
 */
const PREFIX_POSTINGS_PER_DOC = 2;
/** `where` packs (segment id, local doc) into one number. */
const SEG_SHIFT = 2 ** 22;
const MERGE_FACTOR = 8;
/**
 * The most a merge may produce, in bytes of postings and positions: each segment is stored
 * as one IndexedDB value, and Chromium refuses a value over 128 MiB (tiered merging alone
 * would reach that near 250,000 news articles). Segments of half this are left alone.
 */
export const MAX_SEGMENT_BYTES = 64 * 1024 * 1024;

/** What a segment costs to store, for the cap above (positions count once loaded). */
function segmentBytes(seg: Segment): number {
  return seg.postings.byteLength + (seg.positions?.byteLength ?? 0);
}

export type TrashedMode = 'exclude' | 'include' | 'only';

export interface SearchOptions {
  /** Default 20. */
  limit?: number;
  offset?: number;
  /** Default 'exclude'. */
  trashed?: TrashedMode;
  /** Default true: the last bare word matches as a prefix (search as you type). */
  prefixLast?: boolean;
  /** Each document's coverage facts, for tone:, type:, page:, reach and has:tone. */
  coverage?: (id: string) => CoverageFacts | undefined;
  /** Story membership, for is:original, story: and copies>N (none: every clipping alone). */
  stories?: StoryLookup;
}

export interface SearchHit {
  id: string;
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** All matching documents, not just this page. */
  total: number;
  error?: QueryError;
  /** Folded terms that matched, for snippets (see makeSnippet). */
  highlight: string[];
  /** What the user should know about how the query ran (a wildcard's cap), with its range. */
  notices?: QueryError[];
}

/** A merge in progress (see SearchIndex.startMerge). */
export interface MergeTask {
  /** Works until done or `deadline` (performance.now()) passes; true once merged. */
  step(deadline: number): boolean;
}

export interface IndexChanges {
  /** New segments to store (with positions). */
  added: Segment[];
  /** Segment ids to delete from storage. */
  removed: number[];
  /** Tombstones to store, for segments that still exist. */
  dead: { id: number; dead: Uint8Array }[];
}

export class SearchIndex {
  private segs: Segment[] = [];
  /** Tests lower this to see the cap at work without 100 MB of documents. */
  maxSegmentBytes = MAX_SEGMENT_BYTES;
  private byId = new Map<number, Segment>();
  private deadBySeg = new Map<number, Uint8Array>();
  private where = new Map<string, number>();
  private nextSegmentId = 1;
  private live = 0;
  private sumTitle = 0;
  private sumMeta = 0;
  private sumText = 0;
  /** Documents whose title / meta / text is not empty. */
  private withTitle = 0;
  private withMeta = 0;
  private withText = 0;
  private added = new Set<number>();
  private removed = new Set<number>();
  private deadDirty = new Set<number>();
  private baseCache = new Map<TrashedMode, Uint8Array[]>();
  /** Length normalisation per segment, for the average lengths in `key`. */
  private normCache = new WeakMap<Segment, { key: string; norms: Norms }>();

  /** Live (not deleted) documents, trashed ones included. */
  get size(): number {
    return this.live;
  }

  get segments(): readonly Segment[] {
    return this.segs;
  }

  has(id: string): boolean {
    return this.where.has(id);
  }

  ids(): IterableIterator<string> {
    return this.where.keys();
  }

  deadOf(segmentId: number): Uint8Array | undefined {
    return this.deadBySeg.get(segmentId);
  }

  /** Indexes a batch as one new segment; documents already indexed are replaced. */
  add(docs: readonly SearchDoc[]): void {
    if (docs.length === 0) return;
    const unique = new Map<string, SearchDoc>();
    for (const doc of docs) unique.set(doc.id, doc);
    this.remove([...unique.keys()]);
    const builder = new SegmentBuilder();
    for (const doc of unique.values()) builder.add(doc);
    const seg = builder.finish(this.nextSegmentId++);
    this.register(seg, undefined);
    this.added.add(seg.id);
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const w = this.where.get(id);
      if (w === undefined) continue;
      const segId = Math.floor(w / SEG_SHIFT);
      const local = w - segId * SEG_SHIFT;
      const seg = this.byId.get(segId)!;
      let dead = this.deadBySeg.get(segId);
      if (!dead) {
        dead = new Uint8Array(seg.docCount);
        this.deadBySeg.set(segId, dead);
      }
      dead[local] = 1;
      this.count(seg, local, -1);
      this.where.delete(id);
      this.deadDirty.add(segId);
    }
    this.baseCache.clear();
  }

  /** Adds a segment loaded from storage (not reported as a change). */
  attach(seg: Segment, dead: Uint8Array | undefined): void {
    this.register(seg, dead);
  }

  private register(seg: Segment, dead: Uint8Array | undefined): void {
    this.segs.push(seg);
    this.segs.sort((a, b) => a.id - b.id);
    this.byId.set(seg.id, seg);
    this.nextSegmentId = Math.max(this.nextSegmentId, seg.id + 1);
    const tomb = dead ?? new Uint8Array(seg.docCount);
    let dirty = false;
    for (let d = 0; d < seg.docCount; d++) {
      if (tomb[d]) continue;
      const id = seg.docIds[d]!;
      const previous = this.where.get(id);
      // Should a document be in two segments (a crash between writes), the newer one wins.
      if (previous !== undefined) {
        const prevSeg = Math.floor(previous / SEG_SHIFT);
        if (prevSeg > seg.id) {
          tomb[d] = 1;
          dirty = true;
          continue;
        }
        this.remove([id]);
      }
      this.where.set(id, seg.id * SEG_SHIFT + d);
      this.count(seg, d, 1);
    }
    if (dead || dirty) this.deadBySeg.set(seg.id, tomb);
    if (dirty) this.deadDirty.add(seg.id);
    this.baseCache.clear();
  }

  private count(seg: Segment, d: number, sign: 1 | -1): void {
    this.live += sign;
    this.sumTitle += sign * seg.titleLen[d]!;
    this.sumMeta += sign * seg.metaLen[d]!;
    this.sumText += sign * seg.bodyLen[d]!;
    if (seg.titleLen[d]) this.withTitle += sign;
    if (seg.metaLen[d]) this.withMeta += sign;
    if (seg.bodyLen[d]) this.withText += sign;
  }

  private liveCount(seg: Segment): number {
    const dead = this.deadBySeg.get(seg.id);
    if (!dead) return seg.docCount;
    let n = 0;
    for (let d = 0; d < seg.docCount; d++) if (!dead[d]) n++;
    return n;
  }

  /**
   * Tiered merging: segments are levelled by live size (factor 8 from 2,048 docs); when a
   * level holds 8, they merge into one of the next level — as many of the smallest as fit
   * under maxSegmentBytes, and at least two. A segment of half the cap or more is finished:
   * it merges no more. A segment more than half deleted is rewritten alone.
   */
  planMerge(): Segment[] | null {
    const levels = new Map<number, Segment[]>();
    for (const seg of this.segs) {
      const live = this.liveCount(seg);
      if (live * 2 < seg.docCount) return [seg];
      if (segmentBytes(seg) * 2 >= this.maxSegmentBytes) continue;
      const level = live < 2048 ? 0 : Math.floor(Math.log(live / 256) / Math.log(MERGE_FACTOR));
      const group = levels.get(level) ?? [];
      group.push(seg);
      levels.set(level, group);
    }
    for (const level of [...levels.keys()].sort((a, b) => a - b)) {
      const group = levels.get(level)!;
      if (group.length < MERGE_FACTOR) continue;
      const chosen = new Set<Segment>();
      let bytes = 0;
      for (const seg of [...group].sort((a, b) => segmentBytes(a) - segmentBytes(b))) {
        if (chosen.size === MERGE_FACTOR || bytes + segmentBytes(seg) > this.maxSegmentBytes) break;
        chosen.add(seg);
        bytes += segmentBytes(seg);
      }
      // In index order, as before the cap: the merged segment keeps documents oldest first.
      if (chosen.size >= 2) return group.filter((seg) => chosen.has(seg));
    }
    return null;
  }

  /** Segments whose positions are not loaded yet (merges and phrases need them). */
  missingPositions(): Segment[] {
    return this.segs.filter((s) => s.positions === null);
  }

  /** Performs one planned merge; false when nothing needs merging (or positions are missing). */
  mergeStep(): boolean {
    const task = this.startMerge();
    if (!task) return false;
    while (!task.step(Infinity));
    return true;
  }

  /** Merges a group of segments at once (see startMerge for merging in steps). */
  merge(group: readonly Segment[]): void {
    const task = this.mergeTask(group);
    while (!task.step(Infinity));
  }

  /**
   * Starts the next planned merge, to be run in steps (null when nothing needs merging or
   * positions are missing). Until it finishes, the index stays fully usable: queries read
   * the old segments, and documents added or removed meanwhile are accounted for at the end.
   * Only one merge may run at a time.
   */
  startMerge(stepWork?: number): MergeTask | null {
    const group = this.planMerge();
    if (!group || group.some((s) => s.positions === null)) return null;
    return this.mergeTask(group, stepWork);
  }

  private mergeTask(group: readonly Segment[], stepWork?: number): MergeTask {
    // Tombstones as they were when the merge began: the merged segment leaves those out.
    const deadAtStart = group.map((seg) => this.deadBySeg.get(seg.id)?.slice());
    const steps = mergeSegmentsInSteps(
      this.nextSegmentId++,
      group.map((seg, k) => ({ seg, dead: deadAtStart[k] })),
      stepWork,
    );
    let done = false;
    return {
      step: (deadline) => {
        if (done) return true;
        for (;;) {
          const r = steps.next();
          if (r.done) {
            done = true;
            this.finishMerge(group, deadAtStart, r.value);
            return true;
          }
          if (performance.now() >= deadline) return false;
        }
      },
    };
  }

  private finishMerge(
    group: readonly Segment[],
    deadAtStart: readonly (Uint8Array | undefined)[],
    merged: Segment,
  ): void {
    // Cleared or otherwise replaced meanwhile: the result is stale.
    if (group.some((seg) => this.byId.get(seg.id) !== seg)) return;
    // Documents deleted (or replaced) while merging are tombstoned in the merged segment.
    let tomb: Uint8Array | undefined;
    let next = 0;
    group.forEach((seg, k) => {
      const before = deadAtStart[k];
      const now = this.deadBySeg.get(seg.id);
      for (let d = 0; d < seg.docCount; d++) {
        if (before?.[d]) continue;
        if (now?.[d]) {
          tomb ??= new Uint8Array(merged.docCount);
          tomb[next] = 1;
        }
        next++;
      }
    });
    for (const seg of group) {
      const dead = this.deadBySeg.get(seg.id);
      for (let d = 0; d < seg.docCount; d++) {
        if (dead?.[d]) continue;
        this.count(seg, d, -1);
        this.where.delete(seg.docIds[d]!);
      }
      this.segs.splice(this.segs.indexOf(seg), 1);
      this.byId.delete(seg.id);
      this.deadBySeg.delete(seg.id);
      this.deadDirty.delete(seg.id);
      if (!this.added.delete(seg.id)) this.removed.add(seg.id);
    }
    if (merged.docCount > 0) {
      this.register(merged, tomb);
      this.added.add(merged.id);
    }
    this.baseCache.clear();
  }

  /** What changed since the last call, for persistence. */
  takeChanges(): IndexChanges {
    const changes: IndexChanges = {
      added: [...this.added].map((id) => this.byId.get(id)!),
      removed: [...this.removed],
      dead: [...this.deadDirty]
        .filter((id) => this.byId.has(id) && !this.added.has(id))
        .map((id) => ({ id, dead: this.deadBySeg.get(id)! })),
    };
    // A new segment is stored with its tombstones.
    for (const seg of changes.added) {
      const dead = this.deadBySeg.get(seg.id);
      if (dead) changes.dead.push({ id: seg.id, dead });
    }
    this.added.clear();
    this.removed.clear();
    this.deadDirty.clear();
    return changes;
  }

  hasChanges(): boolean {
    return this.added.size + this.removed.size + this.deadDirty.size > 0;
  }

  search(text: string, options: SearchOptions = {}): SearchResult {
    const parsed = parseQuery(text, { prefixLast: options.prefixLast ?? true });
    if (!parsed.ok) return { hits: [], total: 0, error: parsed.error, highlight: [] };
    return this.run(parsed.query, options);
  }

  /** Evaluates a parsed query (the empty query matches nothing). */
  run(query: QueryNode | null, options: SearchOptions = {}): SearchResult {
    if (!query || this.segs.length === 0) return { hits: [], total: 0, highlight: [] };
    const base = this.base(options.trashed ?? 'exclude');
    const avg: [number, number, number] = [
      this.sumTitle / Math.max(this.withTitle, 1),
      this.sumMeta / Math.max(this.withMeta, 1),
      this.sumText / Math.max(this.withText, 1),
    ];
    const key = avg.join(' ');
    const segs = this.segs;
    const norms = (s: number): Norms => {
      const seg = segs[s]!;
      let cached = this.normCache.get(seg);
      if (cached?.key !== key) {
        cached = { key, norms: segmentNorms(seg, avg) };
        this.normCache.set(seg, cached);
      }
      return cached.norms;
    };
    const ctx = new Evaluation(
      segs,
      base,
      this.live,
      norms,
      options.stories ?? new Map(),
      options.coverage,
    );
    const masks = ctx.evaluate(query, true, null);
    const limit = Math.max(0, options.limit ?? 20);
    const offset = Math.max(0, options.offset ?? 0);
    const want = offset + limit;
    // The best `want` (score desc, newest first, then stable), kept sorted by insertion.
    const topSeg: number[] = [];
    const topDoc: number[] = [];
    const topScore: number[] = [];
    const topDate: number[] = [];
    let worstScore = -Infinity;
    let worstDate = 0;
    let total = 0;
    for (let s = 0; s < segs.length; s++) {
      const seg = segs[s]!;
      const mask = masks[s]!;
      const scores = ctx.scores[s];
      const published = seg.published;
      // The count read once: a property read per document costs more than the loop itself.
      const n = seg.docCount;
      for (let d = 0; d < n; d++) {
        if (!mask[d]) continue;
        total++;
        if (want === 0) continue;
        const score = scores ? scores[d]! : 0;
        const date = published[d]!;
        let at = topScore.length;
        if (at === want && (score < worstScore || (score === worstScore && date <= worstDate))) {
          continue;
        }
        while (
          at > 0 &&
          (score > topScore[at - 1]! || (score === topScore[at - 1]! && date > topDate[at - 1]!))
        ) {
          at--;
        }
        topSeg.splice(at, 0, s);
        topDoc.splice(at, 0, d);
        topScore.splice(at, 0, score);
        topDate.splice(at, 0, date);
        if (topScore.length > want) {
          topSeg.pop();
          topDoc.pop();
          topScore.pop();
          topDate.pop();
        }
        if (topScore.length === want) {
          worstScore = topScore[want - 1]!;
          worstDate = topDate[want - 1]!;
        }
      }
    }
    const hits: SearchHit[] = [];
    for (let k = offset; k < topScore.length; k++) {
      hits.push({ id: segs[topSeg[k]!]!.docIds[topDoc[k]!]!, score: topScore[k]! });
    }
    const notices = [...ctx.notices.values()];
    return { hits, total, highlight: [...ctx.highlight], ...(notices.length ? { notices } : {}) };
  }

  /** Per segment: 1 for documents that are live and pass the trash mode. */
  private base(mode: TrashedMode): Uint8Array[] {
    const cached = this.baseCache.get(mode);
    if (cached) return cached;
    const base = this.segs.map((seg) => {
      const dead = this.deadBySeg.get(seg.id);
      const mask = new Uint8Array(seg.docCount);
      for (let d = 0; d < seg.docCount; d++) {
        if (dead?.[d]) continue;
        const trashed = (seg.flags[d]! & FLAG_TRASHED) !== 0;
        mask[d] = mode === 'include' || (mode === 'only') === trashed ? 1 : 0;
      }
      return mask;
    });
    this.baseCache.set(mode, base);
    return base;
  }
}

/**
 * One query's evaluation: masks per segment, scores accumulated for positive terms.
 *
 * `restrict` (per segment, or null for all documents) is the set the caller will intersect
 * with anyway: an AND evaluates its cheapest children first (filters, then the rarest words)
 * and hands the running intersection to the rest, so they skip scoring, phrase checks and
 * prefix work on documents that cannot match. A returned mask is exact inside `restrict` and
 * 0 outside it; scores are only accumulated inside it. Document frequencies (idf) are always
 * counted over all documents, so ranking does not depend on the evaluation order.
 */
class Evaluation {
  readonly scores: (Float32Array | null)[];
  readonly highlight = new Set<string>();
  /** By the range they point at: each once. */
  readonly notices = new Map<string, QueryError>();
  private readonly tfs: (Float32Array | undefined)[] = [];

  constructor(
    private readonly segs: readonly Segment[],
    private readonly base: readonly Uint8Array[],
    private readonly docs: number,
    private readonly norms: (s: number) => Norms,
    private readonly stories: StoryLookup,
    private readonly coverage: SearchOptions['coverage'] = undefined,
  ) {
    this.scores = segs.map(() => null);
  }

  evaluate(node: QueryNode, positive: boolean, restrict: Uint8Array[] | null): Uint8Array[] {
    switch (node.type) {
      case 'and': {
        const children = [...node.children].sort((a, b) => this.cost(a) - this.cost(b));
        let out = this.evaluate(children[0]!, positive, restrict);
        for (let k = 1; k < children.length; k++) {
          const m = this.evaluate(children[k]!, positive, out);
          // m is 0 outside out: it is the intersection.
          out = m;
        }
        return out;
      }
      case 'or': {
        const [first, ...rest] = node.children;
        const out = this.evaluate(first!, positive, restrict);
        for (const child of rest) {
          const m = this.evaluate(child, positive, restrict);
          out.forEach((o, s) => {
            const c = m[s]!;
            for (let d = 0; d < o.length; d++) o[d]! |= c[d]!;
          });
        }
        return out;
      }
      case 'not': {
        const m = this.evaluate(node.child, false, restrict);
        return m.map((c, s) => {
          const base = this.base[s]!;
          const r = restrict?.[s];
          if (r) for (let d = 0; d < c.length; d++) c[d] = base[d]! & r[d]! & (c[d]! ^ 1);
          else for (let d = 0; d < c.length; d++) c[d] = base[d]! & (c[d]! ^ 1);
          return c;
        });
      }
      case 'term':
        if (node.field) return this.positional(node, positive, restrict);
        return this.words(
          (seg) => this.expand(seg, node.term, node.exact, node.prefix),
          positive,
          restrict,
        );
      case 'wildcard':
        if (node.field) return this.positional(node, positive, restrict);
        return this.words((seg) => this.wildcard(seg, node), positive, restrict);
      case 'phrase':
        if (node.field) return this.positional(node, positive, restrict);
        return this.phrase(node.terms, positive, restrict);
      case 'near':
      case 'atleast':
        return this.positional(node, positive, restrict);
      case 'filter':
        return this.filter(node.filter, restrict);
    }
  }

  /** A rough cost (postings to read) to order an AND's children, cheapest first. */
  private cost(node: QueryNode): number {
    const df = (term: string) => {
      let n = 0;
      for (const seg of this.segs) {
        const o = findTerm(seg, term);
        if (o >= 0) n += seg.df[o]!;
      }
      return n;
    };
    switch (node.type) {
      // A linear scan of small arrays, and usually selective.
      case 'filter':
        return -1;
      case 'term':
        // Prefixes expand to many words: last among the words.
        return node.prefix
          ? 2 * this.docs + 1
          : df(node.term) + (node.exact ? 0 : df(stem(node.term)));
      case 'wildcard':
        return 2 * this.docs + 1;
      // Positions cost more than postings: after the plain words of similar rarity.
      case 'near':
        return 2 * Math.min(this.cost(node.left), this.cost(node.right));
      case 'atleast':
        return 2 * this.cost(node.child);
      case 'phrase':
        // Position checks cost more than postings: after the plain words of similar rarity.
        return 2 * Math.min(...node.terms.map(df));
      // Complements match most documents: best evaluated on what is left.
      case 'not':
        return 4 * this.docs + 2;
      case 'and':
        return Math.min(...node.children.map((c) => this.cost(c)));
      case 'or':
        return node.children.reduce((n, c) => n + this.cost(c), 0);
    }
  }

  private idf(df: number): number {
    return Math.log(1 + (this.docs - df + 0.5) / (df + 0.5));
  }

  /** A zeroed per-segment buffer for term frequencies, reused by every term of the query. */
  private scratch(s: number): Float32Array {
    let tf = this.tfs[s];
    if (!tf) {
      tf = new Float32Array(this.segs[s]!.docCount);
      this.tfs[s] = tf;
    }
    return tf;
  }

  /**
   * Adds a term's BM25 to the scores of the documents it matched (`docs`, or when null every
   * document of `mask`) and zeroes their frequencies for the next term.
   */
  private addScores(
    s: number,
    mask: Uint8Array,
    docs: IntList | null,
    tf: Float32Array,
    idf: number,
  ): void {
    let scores = this.scores[s];
    if (!scores) {
      scores = new Float32Array(this.segs[s]!.docCount);
      this.scores[s] = scores;
    }
    if (docs) {
      for (let k = 0; k < docs.length; k++) {
        const d = docs.a[k]!;
        const t = tf[d]!;
        scores[d]! += (idf * t * (K1 + 1)) / (t + K1);
        tf[d] = 0;
      }
      return;
    }
    for (let d = 0; d < mask.length; d++) {
      if (!mask[d]) continue;
      const t = tf[d]!;
      scores[d]! += (idf * t * (K1 + 1)) / (t + K1);
      tf[d] = 0;
    }
  }

  /** The ordinals a query word stands for in one segment. */
  private expand(seg: Segment, term: string, exact: boolean, prefix: boolean): number[] {
    const ords = new Set<number>();
    const o = findTerm(seg, term);
    if (o >= 0) ords.add(o);
    if (!exact) {
      // The query's language is not known: its stem in each language of the segment.
      for (const lang of segmentLanguages(seg)) {
        const s = stemIn(lang, term);
        const os = findTerm(seg, s);
        if (os >= 0 && isOwnStem(seg, os)) ords.add(os);
        for (const t of termsWithStem(seg, s)) ords.add(t);
      }
    }
    if (prefix && term.length >= MIN_PREFIX_LENGTH) {
      // The most frequent completions: a bounded selection by df.
      const found: number[] = [];
      for (let t = lowerBound(seg.terms, term); t < seg.terms.length; t++) {
        if (!seg.terms[t]!.startsWith(term)) break;
        found.push(t);
      }
      // Short prefixes are passing states while typing: fewer completions keep them fast.
      const max = term.length === 2 ? 16 : term.length === 3 ? 32 : MAX_PREFIX_TERMS;
      found.sort((a, b) => seg.df[b]! - seg.df[a]!);
      // And a bound on the postings read: the words that would blow it (the most common
      // ones, which add least to a score) are left out, except the first.
      const budget = PREFIX_POSTINGS_PER_DOC * seg.docCount;
      let taken = 0;
      let postings = 0;
      for (const t of found) {
        if (taken === max) break;
        if (taken > 0 && postings + seg.df[t]! > budget) continue;
        ords.add(t);
        taken++;
        postings += seg.df[t]!;
      }
    }
    return [...ords];
  }

  /** A wildcard's terms in one segment; a notice when it stands for more than are searched. */
  private wildcard(seg: Segment, node: QueryNode & { type: 'wildcard' }): number[] {
    const { ords, capped } = expandWildcard(seg, node.pattern);
    if (capped) {
      this.notices.set(`${node.start}:${node.end}`, {
        message:
          `${node.pattern} stands for more than ${ords.length} words: the ${ords.length} ` +
          'most frequent are searched. Give more letters to search them all.',
        start: node.start,
        end: node.end,
      });
    }
    return ords;
  }

  /**
   * Proximity, fields and atleast: candidates from postings alone (without scores), then
   * their positions checked; the words of the operands score the documents that hold.
   */
  private positional(
    node: QueryNode,
    positive: boolean,
    restrict: Uint8Array[] | null,
  ): Uint8Array[] {
    // A proximity of words finds the documents with both operands itself.
    const candidates = isWordProximity(node)
      ? this.segs.map((_, s) => restrict?.[s] ?? this.base[s]!)
      : this.evaluate(relax(node), false, restrict);
    const leafOrds = (seg: Segment) => (leaf: QueryNode & { type: 'term' | 'wildcard' }) =>
      leaf.type === 'term'
        ? this.expand(seg, leaf.term, leaf.exact, leaf.prefix)
        : this.wildcard(seg, leaf);
    const masks = this.segs.map((seg, s) =>
      positionalMask(node, seg, candidates[s]!, leafOrds(seg)),
    );
    if (!positive) return masks;
    for (const leaf of leavesOf(node)) {
      const ordsOf = (seg: Segment): number[] => {
        if (leaf.type === 'term' || leaf.type === 'wildcard') return leafOrds(seg)(leaf);
        if (leaf.type !== 'phrase') return [];
        return leaf.terms.map((t) => findTerm(seg, t)).filter((o) => o >= 0);
      };
      const perSeg = this.segs.map(ordsOf);
      let df = 0;
      perSeg.forEach((ords, s) => {
        for (const o of ords) df += this.segs[s]!.df[o]!;
      });
      const idf = this.idf(Math.min(df, this.docs));
      perSeg.forEach((ords, s) => {
        const seg = this.segs[s]!;
        const mask = masks[s]!;
        let scores = this.scores[s];
        if (!scores) {
          scores = new Float32Array(seg.docCount);
          this.scores[s] = scores;
        }
        for (const o of ords) {
          this.highlight.add(seg.terms[o]!);
          addPhraseWordScores(seg, o, mask, scores, this.norms(s), idf);
        }
      });
    }
    return masks;
  }

  /** Documents with any of the terms `ordsOf` gives per segment (a word's forms, a wildcard's words). */
  private words(
    ordsOf: (seg: Segment) => number[],
    positive: boolean,
    restrict: Uint8Array[] | null,
  ): Uint8Array[] {
    const masks: Uint8Array[] = [];
    const touched: (IntList | null)[] = [];
    let df = 0;
    for (let s = 0; s < this.segs.length; s++) {
      const seg = this.segs[s]!;
      const r = restrict?.[s] ?? null;
      const mask = new Uint8Array(seg.docCount);
      const ords = ordsOf(seg);
      // Documents are counted for idf over the whole segment, restricted or not; several
      // completions may share a document, so those need a mark of their own.
      const countAll = r !== null && positive;
      const seen = countAll && ords.length > 1 ? new Uint8Array(seg.docCount) : null;
      let postings = 0;
      for (const o of ords) postings += seg.df[o]!;
      // Scoring visits the matched documents: from a list, or by mask when they are most of
      // the segment (a frequent word, unrestricted).
      const byMask = r === null && postings * 2 >= seg.docCount;
      const docs = positive && !byMask ? new IntList(Math.min(postings, 1024)) : null;
      const tf = positive ? this.scratch(s) : null;
      const norms = positive ? this.norms(s) : null;
      for (const o of ords) {
        if (positive) this.highlight.add(seg.terms[o]!);
        df += scanPostings(seg, o, this.base[s]!, r, mask, docs, tf, norms, seen, countAll);
      }
      masks.push(mask);
      touched.push(docs);
    }
    if (positive) {
      const idf = this.idf(df);
      for (let s = 0; s < this.segs.length; s++) {
        this.addScores(s, masks[s]!, touched[s]!, this.scratch(s), idf);
      }
    }
    return masks;
  }

  private phrase(
    terms: readonly string[],
    positive: boolean,
    restrict: Uint8Array[] | null,
  ): Uint8Array[] {
    if (positive) for (const t of terms) this.highlight.add(t);
    // Word idfs from dictionary dfs (deleted documents included: close enough for ranking).
    const dfs = terms.map((t) =>
      this.segs.reduce((n, seg) => {
        const o = findTerm(seg, t);
        return o >= 0 ? n + seg.df[o]! : n;
      }, 0),
    );
    const idfs = dfs.map((df) => this.idf(df));
    return this.segs.map((seg, s) => {
      const mask = new Uint8Array(seg.docCount);
      const ords = terms.map((t) => findTerm(seg, t));
      if (ords.some((o) => o < 0)) return mask;
      const { positions, pairs } = seg;
      if (!positions || !pairs) throw new Error(`Positions of segment ${seg.id} are not loaded`);
      // Two adjacent pair words: the pair's documents are the only candidates (and when the
      // pair is not listed, the phrase is nowhere in this segment).
      const pairList: number[] = [];
      for (let j = 0; j + 1 < ords.length; j++) {
        if (!pairs.word[ords[j]!] || !pairs.word[ords[j + 1]!]) continue;
        const i = findPair(pairs, ords[j]!, ords[j + 1]!);
        if (i < 0) return mask;
        pairList.push(i);
      }
      // A two-word pair is the phrase itself: no positions to check.
      const check = ords.length > 2 || pairList.length === 0;
      const base = this.base[s]!;
      const r = restrict?.[s] ?? null;
      let scores = this.scores[s] ?? null;
      const norms = this.norms(s);
      if (!check) {
        // The pair's documents are the matches; then each word's postings, read once in
        // a tight loop, score them (in word order per document, as below).
        markPairDocuments(pairs, pairList[0]!, base, r, mask);
        if (positive) {
          if (!scores) {
            scores = new Float32Array(seg.docCount);
            this.scores[s] = scores;
          }
          for (let j = 0; j < ords.length; j++) {
            addPhraseWordScores(seg, ords[j]!, mask, scores, norms, idfs[j]!);
          }
        }
        return mask;
      }
      const { title, meta, body } = norms;
      forEachPhraseMatch(seg, ords, pairList, check, base, r, (doc, codes) => {
        mask[doc] = 1;
        if (!positive) return;
        if (!scores) {
          scores = new Float32Array(seg.docCount);
          this.scores[s] = scores;
        }
        for (let j = 0; j < ords.length; j++) {
          const w = weightedTf(codes[j]!, title[doc]!, meta[doc]!, body[doc]!);
          scores[doc]! += (idfs[j]! * w * (K1 + 1)) / (w + K1);
        }
      });
      return mask;
    });
  }

  private filter(filter: Filter, restrict: Uint8Array[] | null): Uint8Array[] {
    return this.segs.map((seg, s) => {
      const base = restrict?.[s] ?? this.base[s]!;

      const mask = new Uint8Array(seg.docCount);
      const n = seg.docCount;
      const byString = (test: (value: string) => boolean) =>
        Uint8Array.from(seg.strings, (value) => (test(value) ? 1 : 0));
      const anyOf = (ok: Uint8Array, start: Uint32Array, ids: Uint32Array) => {
        for (let d = 0; d < n; d++) {
          if (!base[d]) continue;
          for (let k = start[d]!; k < start[d + 1]!; k++) {
            if (ok[ids[k]!]) {
              mask[d] = 1;
              break;
            }
          }
        }
      };
      switch (filter.kind) {
        case 'tag': {
          const v = filter.value;
          anyOf(
            byString((t) => t === v || t.startsWith(`${v}/`)),
            seg.tagStart,
            seg.tagIds,
          );
          break;
        }
        case 'author': {
          const v = ` ${filter.value}`;
          anyOf(
            byString((a) => ` ${a}`.includes(v)),
            seg.authorStart,
            seg.authorIds,
          );
          break;
        }
        case 'source':
        case 'lang': {
          const v = filter.value;
          const ok =
            filter.kind === 'source'
              ? byString((x) => ` ${x}`.includes(` ${v}`))
              : byString((x) => x === v || x.startsWith(`${v}-`));
          const ids = filter.kind === 'source' ? seg.source : seg.lang;
          for (let d = 0; d < n; d++) mask[d] = base[d]! & ok[ids[d]!]!;
          break;
        }
        case 'before':
        case 'after': {
          const day = filter.day;
          const before = filter.kind === 'before';
          for (let d = 0; d < n; d++) {
            const p = seg.published[d]!;
            if (base[d] && p !== 0 && (before ? p < day : p >= day)) mask[d] = 1;
          }
          break;
        }
        case 'has': {
          const bit = filter.value === 'highlights' ? FLAG_HIGHLIGHTS : FLAG_NOTE;
          for (let d = 0; d < n; d++) if (base[d] && seg.flags[d]! & bit) mask[d] = 1;
          break;
        }
        case 'tone':
        case 'type':
        case 'page':
        case 'reach':
        case 'hasTone': {
          // Not in the segments: asked per candidate (without facts nothing matches).
          const facts = this.coverage;
          if (!facts) break;
          for (let d = 0; d < n; d++)
            if (base[d] && matchesCoverage(filter, facts(seg.docIds[d]!))) mask[d] = 1;
          break;
        }
        case 'is':
        case 'story':
        case 'copies':
          for (let d = 0; d < n; d++)
            if (base[d] && storyFilterMatches(filter, this.stories, seg.docIds[d]!)) mask[d] = 1;
          break;
      }
      return mask;
    });
  }
}

const languagesBySegment = new WeakMap<Segment, number[]>();

/** The stemming languages of a segment's terms. */
function segmentLanguages(seg: Segment): number[] {
  let langs = languagesBySegment.get(seg);
  if (!langs) {
    let mask = 0;
    for (let t = 0; t < seg.termLang.length; t++) mask |= seg.termLang[t]!;
    langs = languagesIn(mask);
    languagesBySegment.set(seg, langs);
  }
  return langs;
}

/** Per-document BM25F length normalisation of a segment, for the current average lengths. */
interface Norms {
  /** What an occurrence in the title adds: W_TITLE over the title's normaliser. */
  title: Float64Array;
  meta: Float64Array;
  /** The text's normaliser (its frequency is divided by it). */
  body: Float64Array;
}

function segmentNorms(seg: Segment, avg: readonly [number, number, number]): Norms {
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
function weightedTf(code: number, title: number, meta: number, bodyNorm: number): number {
  let w = 0;
  if (code & 2) w += title;
  if (code & 1) w += meta;
  const body = code >>> 2;
  if (body) w += (W_TEXT * body) / bodyNorm;
  return w;
}

/**
 * Reads the postings of term `o`: marks the documents of `base` (and of `restrict`, if given)
 * in `mask`, lists the newly marked ones in `docs` and adds their weighted frequencies to `tf`.
 * Returns the documents it counts for idf: with `countAll`, every document of `base` it has
 * (`seen` tells those already counted for another form of the word); otherwise the newly
 * marked ones.
 */
function scanPostings(
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
function markPairDocuments(
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
function addPhraseWordScores(
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
function forEachPhraseMatch(
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
