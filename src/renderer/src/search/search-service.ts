/**
 * What the search worker does, without the worker: owns the index, loads it from storage,
 * persists every change, merges segments in the background (in slices of a few milliseconds,
 * so queries interleave), and turns hits into snippets by reading only the page's texts.
 * Also defines the message protocol shared by the worker and the client.
 */
import {
  SearchIndex,
  type MergeTask,
  type SearchDoc,
  type SearchOptions,
  type TrashedMode,
} from '@shared/search/index';
import { isCoverageFilter, type CoverageFacts } from '@shared/search/coverage-filter';
import { errorMessage } from '@shared/errors';
import { parseQuery, type QueryError } from '@shared/search/query';
import { needsPositions, someFilter, type QueryNode } from '@shared/search/query-ast';
import { hitSnippet, type HitText, type Snippet, type TextRange } from '@shared/search/snippet';
import type { SearchStore } from './search-store';

export interface QueryOptions {
  /** Default 20. */
  limit?: number;
  offset?: number;
  /** Default 'exclude'. */
  trashed?: TrashedMode;
  /** Default true: the last word matches as a prefix unless followed by a space. */
  prefixLast?: boolean;
  /** Snippet length in characters, default 200. */
  snippetLength?: number;
  /**
   * Operators ANDed onto the query (the sidebar's filters), parsed on their own: the user's
   * NOT (which binds loosest) never reaches them, and error ranges stay in the user's text.
   */
  filters?: string;
}

/** What `matches` takes: no page, no snippets. */
export type MatchOptions = Pick<QueryOptions, 'trashed' | 'prefixLast' | 'filters'>;

export interface MatchResponse {
  /** Every matching clipping, in no particular order. */
  ids: string[];
  error?: QueryError;
  notices?: QueryError[];
}

export interface QueryHit {
  id: string;
  score: number;
  /** Plain text with the matched words' ranges in it (no HTML). */
  snippet: Snippet;
  /** Matched words in the title. */
  titleRanges: TextRange[];
}

export interface QueryResponse {
  hits: QueryHit[];
  total: number;
  error?: QueryError;
  /** How the query ran, where the user should know (a wildcard's cap). */
  notices?: QueryError[];
  /** Folded words that matched, for marking them in the open article. */
  highlight: string[];
}

export interface ReadyInfo {
  docCount: number;
  /** True when the stored index was unusable and dropped: everything must be re-indexed. */
  reset: boolean;
  loadMs: number;
}

export interface IndexInfo {
  docCount: number;
  segments: number;
}

export type SearchRequest =
  | { kind: 'ready' }
  | { kind: 'index'; docs: SearchDoc[] }
  /** Index clippings by id, read by the worker itself: the UI thread sends only the ids. */
  | { kind: 'indexIds'; ids: string[] }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'query'; text: string; options?: QueryOptions }
  /** Every match of a query (no ranking, no snippets), for counting. */
  | { kind: 'matches'; text: string; options?: MatchOptions }
  /** Drops ids whose clippings are gone and says which clippings the index lacks. */
  | { kind: 'reconcile' }
  | { kind: 'clear' }
  | { kind: 'flush' }
  /** The library's stories (id, story, copies) for is:original, story: and copies>N. */
  | { kind: 'stories'; members: [string, string, number][] }
  /** Only the stories' rows that changed (an import batch): `removed` are in no story now. */
  | { kind: 'storiesChanged'; members: [string, string, number][]; removed: string[] };

export interface SearchResponses {
  ready: ReadyInfo;
  index: IndexInfo;
  indexIds: IndexInfo;
  remove: IndexInfo;
  query: QueryResponse;
  matches: MatchResponse;
  /** The clippings the index lacks (to index by id), after stale entries were dropped. */
  reconcile: { missing: string[] };
  clear: IndexInfo;
  /** Resolves when pending writes and merges are done. */
  flush: IndexInfo;
  stories: { count: number };
  storiesChanged: { count: number };
}

export interface RequestMessage {
  seq: number;
  request: SearchRequest;
}

export type ResponseMessage =
  { seq: number; ok: true; result: unknown } | { seq: number; ok: false; message: string };

/** Reads the texts of the hits being shown (title, body, notes), in order; undefined if gone. */
export interface DocTextSource {
  getTexts(ids: readonly string[]): Promise<(HitText | undefined)[]>;
  /** The documents to index for these ids (clippings gone by now are left out). */
  getDocs?(ids: readonly string[]): Promise<SearchDoc[]>;
  /**
   * Every clipping's id, for reconciling. Read here in the worker: 100,000 IndexedDB keys
   * become strings that Blink tracks one by one, and when they die the next full garbage
   * collection of that thread spends ~25 ms on them; on the UI thread that stopped a scroll.
   */
  allIds?(): Promise<string[]>;
  /**
   * Every clipping's coverage facts (from the summaries), read the first time a query uses a
   * coverage operator: segments do not hold them, and most sessions never ask.
   */
  allCoverage?(): Promise<Map<string, CoverageFacts>>;
}

/** The longest a merge holds the worker before letting queued messages through. */
const MERGE_SLICE_MS = 20;

export class SearchService {
  private index = new SearchIndex();
  /** Coverage facts by clipping id: from indexed documents, and all of them once asked for. */
  private coverage = new Map<string, CoverageFacts>();
  private coverageLoaded: Promise<void> | null = null;
  private stories = new Map<string, { story: string; size: number }>();
  private loading: Promise<ReadyInfo> | null = null;
  private positions: Promise<void> = Promise.resolve();
  private writes: Promise<void> = Promise.resolve();
  private merging = false;
  private failure: unknown = null;

  constructor(
    private readonly store: SearchStore | null,
    private readonly texts: DocTextSource,
  ) {}

  ready(): Promise<ReadyInfo> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<ReadyInfo> {
    const t0 = performance.now();
    let reset = false;
    if (this.store) {
      const loaded = await this.store.load();
      this.index = loaded.index;
      reset = loaded.reset;
      // Positions load after ready: only phrases (which wait for them) and merges need them.
      const store = this.store;
      this.positions = store
        .loadPositions(this.index)
        .then(() => this.scheduleMerge())
        .catch((e: unknown) => {
          // Phrases on those segments will fail and say so; the next call reports this.
          this.failure = e;
        });
    }
    return { docCount: this.index.size, reset, loadMs: Math.round(performance.now() - t0) };
  }

  async handle(request: SearchRequest): Promise<unknown> {
    await this.ready();
    switch (request.kind) {
      case 'ready':
        return this.ready();
      case 'index':
        this.noteCoverage(request.docs);
        this.index.add(request.docs);
        this.persist();
        this.scheduleMerge();
        return this.info();
      case 'indexIds': {
        if (!this.texts.getDocs)
          throw new Error('This search service cannot read documents by id.');
        const docs = await this.texts.getDocs(request.ids);
        if (docs.length > 0) {
          this.noteCoverage(docs);
          this.index.add(docs);
          this.persist();
          this.scheduleMerge();
        }
        return this.info();
      }
      case 'remove':
        for (const id of request.ids) this.coverage.delete(id);
        this.index.remove(request.ids);
        this.persist();
        this.scheduleMerge();
        return this.info();
      case 'query':
        return this.query(request.text, request.options);
      case 'matches':
        return this.matches(request.text, request.options);
      case 'stories':
        this.stories = new Map(request.members.map(([id, story, size]) => [id, { story, size }]));
        return { count: this.stories.size };
      case 'storiesChanged':
        for (const id of request.removed) this.stories.delete(id);
        for (const [id, story, size] of request.members) this.stories.set(id, { story, size });
        return { count: this.stories.size };
      case 'reconcile':
        return this.reconcile();
      case 'clear':
        this.index = new SearchIndex();
        this.coverage = new Map();
        this.coverageLoaded = null;
        this.writes = this.writes.then(() => this.store?.clear());
        await this.writes;
        return this.info();
      case 'flush':
        await this.positions;
        while (this.merging || this.index.hasChanges()) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await this.writes;
        this.throwFailure();
        return this.info();
    }
  }

  private async reconcile(): Promise<SearchResponses['reconcile']> {
    if (!this.texts.allIds) throw new Error('This search service cannot list the clippings.');
    const all = await this.texts.allIds();
    const known = new Set(all);
    const stale = [...this.index.ids()].filter((id) => !known.has(id));
    if (stale.length > 0) {
      this.index.remove(stale);
      this.persist();
      this.scheduleMerge();
    }
    const indexed = new Set(this.index.ids());
    return { missing: all.filter((id) => !indexed.has(id)) };
  }

  private info(): IndexInfo {
    this.throwFailure();
    return { docCount: this.index.size, segments: this.index.segments.length };
  }

  private throwFailure(): void {
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      throw failure instanceof Error ? failure : new Error(String(failure));
    }
  }

  private noteCoverage(docs: readonly SearchDoc[]): void {
    for (const doc of docs) if (doc.coverage) this.coverage.set(doc.id, doc.coverage);
  }

  /** Reads every clipping's facts once; documents indexed since keep their newer facts. */
  private loadCoverage(): Promise<void> {
    this.coverageLoaded ??= (async () => {
      const all = (await this.texts.allCoverage?.()) ?? new Map<string, CoverageFacts>();
      for (const [id, facts] of all) if (!this.coverage.has(id)) this.coverage.set(id, facts);
    })().catch((e: unknown) => {
      this.coverageLoaded = null;
      throw e;
    });
    return this.coverageLoaded;
  }

  /** The query with the filters ANDed on, ready to run (positions and facts loaded). */
  private async prepare(
    text: string,
    options: QueryOptions,
  ): Promise<{ query: QueryNode | null } | { error: QueryError }> {
    const parsed = parseQuery(text, { prefixLast: options.prefixLast ?? true });
    if (!parsed.ok) return { error: parsed.error };
    const filters = parseQuery(options.filters ?? '', { prefixLast: false });
    if (!filters.ok)
      return { error: { message: `Filter: ${filters.error.message}`, start: 0, end: 0 } };
    let query = parsed.query;
    if (query && filters.query) {
      query = { type: 'and', children: [query, filters.query], start: query.start, end: query.end };
    }
    if (needsPositions(query)) await this.positions;
    if (someFilter(query, isCoverageFilter)) await this.loadCoverage();
    return { query };
  }

  private searchOptions(options: QueryOptions): SearchOptions {
    const coverage = this.coverage;
    return { ...options, coverage: (id) => coverage.get(id), stories: this.stories };
  }

  /** Every clipping the query matches, unranked and without snippets. */
  async matches(text: string, options: MatchOptions = {}): Promise<MatchResponse> {
    const prepared = await this.prepare(text, options);
    if ('error' in prepared) return { ids: [], error: prepared.error };
    return this.index.matches(prepared.query, this.searchOptions(options));
  }

  async query(text: string, options: QueryOptions = {}): Promise<QueryResponse> {
    const prepared = await this.prepare(text, options);
    if ('error' in prepared) return { hits: [], total: 0, error: prepared.error, highlight: [] };
    const result = this.index.run(prepared.query, this.searchOptions(options));
    const texts =
      result.hits.length > 0 ? await this.texts.getTexts(result.hits.map((h) => h.id)) : [];
    const hits = result.hits.map((hit, k): QueryHit => {
      const text = texts[k];
      if (!text) return { ...hit, snippet: { text: '', ranges: [] }, titleRanges: [] };
      return { ...hit, ...hitSnippet(text, result.highlight, options.snippetLength ?? 200) };
    });
    return {
      hits,
      total: result.total,
      highlight: result.highlight,
      ...(result.notices ? { notices: result.notices } : {}),
    };
  }

  /** Queues the current changes for storage; writes happen in order, one transaction each. */
  private persist(): void {
    const store = this.store;
    if (!store) {
      this.index.takeChanges();
      return;
    }
    const changes = this.index.takeChanges();
    this.writes = this.writes
      .then(() => store.save(changes))
      .catch((e: unknown) => {
        this.failure = e;
      });
  }

  /**
   * Merges until the tiers are in shape, in slices of at most MERGE_SLICE_MS with a macrotask
   * between them, so queries (and imports) are answered while a large merge runs.
   */
  private scheduleMerge(): void {
    if (this.merging) return;
    this.merging = true;
    const index = this.index;
    let task: MergeTask | null = null;
    const step = () => {
      try {
        // After a clear the old index's merges are moot.
        if (index === this.index) task ??= index.startMerge();
        if (!task || index !== this.index) {
          this.merging = false;
          return;
        }
        if (task.step(performance.now() + MERGE_SLICE_MS)) {
          task = null;
          this.persist();
        }
        setTimeout(step, 0);
      } catch (e) {
        this.merging = false;
        this.failure = e;
      }
    };
    setTimeout(step, 0);
  }
}

/** Answers one protocol message (the worker's whole job). */
export async function respond(
  service: SearchService,
  message: RequestMessage,
): Promise<ResponseMessage> {
  try {
    return { seq: message.seq, ok: true, result: await service.handle(message.request) };
  } catch (e) {
    return { seq: message.seq, ok: false, message: errorMessage(e) };
  }
}
