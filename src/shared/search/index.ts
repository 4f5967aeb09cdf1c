/**
 * The search index: a list of immutable segments (one per added batch, merged in tiers like
 * an LSM tree, see merge-plan.ts), deletions as per-segment tombstone bytes, and searching:
 * a query is parsed (query.ts), evaluated over the segments (evaluation.ts, scored by
 * bm25.ts) and its best hits picked (top-hits.ts).
 */
import { segmentNorms, type Norms } from './bm25';
import { Evaluation } from './evaluation';
import { MAX_SEGMENT_BYTES, planMerge } from './merge-plan';
import type { CoverageFacts } from './coverage-filter';
import type { QueryError, QueryNode } from './query-ast';
import type { StoryLookup } from '../stories/filters';
import { parseQuery } from './query';
import { FLAG_TRASHED, type Segment } from './segment';
import { SegmentBuilder } from './segment-builder';
import { mergeSegmentsInSteps } from './segment-merge';
import { topHits, type SearchHit } from './top-hits';
import type { SearchDoc } from './types';

export type { SearchDoc } from './types';
export type { Segment } from './segment';
export type { SearchHit } from './top-hits';
export { MAX_SEGMENT_BYTES } from './merge-plan';

/** `where` packs (segment id, local doc) into one number. */
const SEG_SHIFT = 2 ** 22;

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

  /** The next group of segments to merge (see merge-plan.ts), or null. */
  planMerge(): Segment[] | null {
    return planMerge(this.segs, (seg) => this.liveCount(seg), this.maxSegmentBytes);
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

  /**
   * Every document a parsed query matches, unranked: for counting (share of voice), where
   * ranking all hits would cost a sort of the whole library.
   */
  matches(
    query: QueryNode | null,
    options: SearchOptions = {},
  ): { ids: string[]; notices?: QueryError[] } {
    if (!query || this.segs.length === 0) return { ids: [] };
    // Nothing is ranked: the masks alone, without BM25 scores or highlight terms.
    const { ctx, masks } = this.evaluate(query, options, false);
    const ids: string[] = [];
    for (let s = 0; s < this.segs.length; s++) {
      const mask = masks[s]!;
      const docIds = this.segs[s]!.docIds;
      for (let d = 0; d < mask.length; d++) if (mask[d]) ids.push(docIds[d]!);
    }
    const notices = [...ctx.notices.values()];
    return notices.length ? { ids, notices } : { ids };
  }

  /** Evaluates a parsed query (the empty query matches nothing). */
  run(query: QueryNode | null, options: SearchOptions = {}): SearchResult {
    if (!query || this.segs.length === 0) return { hits: [], total: 0, highlight: [] };
    const { ctx, masks } = this.evaluate(query, options, true);
    const { hits, total } = topHits(
      this.segs,
      masks,
      ctx.scores,
      Math.max(0, options.offset ?? 0),
      Math.max(0, options.limit ?? 20),
    );
    const notices = [...ctx.notices.values()];
    return { hits, total, highlight: [...ctx.highlight], ...(notices.length ? { notices } : {}) };
  }

  /** The query's masks per segment; `score`: also its documents' scores and highlight terms. */
  private evaluate(
    query: QueryNode,
    options: SearchOptions,
    score: boolean,
  ): { ctx: Evaluation; masks: Uint8Array[] } {
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
    return { ctx, masks: ctx.evaluate(query, score, null) };
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
