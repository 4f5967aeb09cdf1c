import type { Clipping } from '@shared/clipping';
import type { Snippet, TextRange } from '@shared/search/snippet';
import { toSearchDoc } from '@shared/search/types';
import { errorMessage } from '../lib/errors';
import type { LibraryChange, LibraryRepo } from '../lib/library-repo';
import type { MatchResponse, SearchClient } from '../search/search-client';
import { withOpenStory } from '@shared/stories/filters';
import type { Filters } from '../lib/row-filter';
import type { LibraryState } from './library.svelte';
import type { SelectionState } from './selection.svelte';
import type { NoticesState } from './notices.svelte';

export interface SearchResults {
  ids: string[];
  snippets: ReadonlyMap<string, { snippet: Snippet; titleRanges: TextRange[] }>;
  total: number;
}

/** Hits per page: each carries a snippet, so fetch what a screen or two can show, then more. */
const RESULT_LIMIT = 50;
const TYPING_DELAY_MS = 120;
const INDEX_CHUNK = 500;

/**
 * Full-text search over the library. The index lives in a worker; this keeps it in step with
 * every change the repo reports, and turns the query plus the library's filters into results.
 */
export class SearchState {
  query = $state('');
  results = $state.raw<SearchResults | null>(null);
  error = $state.raw<{ message: string; start: number; end: number } | null>(null);
  /** How the query ran, where the user should know (a wildcard's cap), in the user's text. */
  notice = $state.raw<{ message: string; start: number; end: number } | null>(null);
  /** The folded words the query matched, for marking them in the open article. */
  terms = $state.raw<ReadonlySet<string>>(new Set());
  ready = $state(false);
  /** Background (re)indexing progress, when there is any. */
  indexing = $state.raw<{ done: number; total: number } | null>(null);
  saved = $state.raw<string[]>([]);
  /** Bumped when the index takes in changes or the stories change: counts may be stale. */
  revision = $state(0);

  readonly #repo: LibraryRepo;
  readonly #library: LibraryState;
  readonly #selection: SelectionState;
  readonly #notices: NoticesState;
  readonly #client: SearchClient;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #seq = 0;
  /**
   * How many hits the list asked for ("Show more" adds a page). A run for the index or the
   * stories changing keeps it: going back to the first page would take away what the reader
   * scrolled to, and drop a "Show more" answered meanwhile.
   */
  #shown = RESULT_LIMIT;
  #pendingIds = new Set<string>();
  /**
   * Clippings an import just stored, indexed from memory: having the worker read them back
   * cost IndexedDB a read and the worker a deserialization of every article.
   */
  #pendingAdded = new Map<string, Clipping>();
  #pendingRemoved = new Set<string>();
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  #writes: Promise<void> = Promise.resolve();

  constructor(
    repo: LibraryRepo,
    library: LibraryState,
    selection: SelectionState,
    notices: NoticesState,
    client: SearchClient,
  ) {
    this.#repo = repo;
    this.#library = library;
    this.#selection = selection;
    this.#notices = notices;
    this.#client = client;
  }

  /** The saved searches as stored (again after a restore, which brings the backup's). */
  async loadSaved(): Promise<void> {
    this.saved = (await this.#repo.settings.get('savedSearches')) ?? [];
  }

  /** Loads the stored index, then brings it in line with the library without blocking anything. */
  async start(): Promise<void> {
    this.#repo.onChange((change) => this.#onChange(change));
    // Filters change what a search shows: run it again when they do.
    $effect.root(() => {
      $effect(() => {
        void this.#library.filters;
        if (this.query.trim()) void this.run();
      });
    });
    await this.loadSaved();
    try {
      await this.#client.ready();
      this.ready = true;
      if (this.query.trim()) void this.run();
      await this.#reconcile();
    } catch (error) {
      this.#notices.push('error', `Search is unavailable: ${errorMessage(error)}`);
    }
  }

  /** Indexes clippings the index lacks (new library, or a reset) and drops ones it no longer needs. */
  async #reconcile(): Promise<void> {
    // The worker compares the index with the clippings table itself (see DocTextSource.allIds).
    const { missing } = await this.#client.reconcile();
    if (missing.length === 0) return;
    this.indexing = { done: 0, total: missing.length };
    for (let i = 0; i < missing.length; i += INDEX_CHUNK) {
      await this.#indexIds(missing.slice(i, i + INDEX_CHUNK));
      this.indexing = { done: Math.min(missing.length, i + INDEX_CHUNK), total: missing.length };
    }
    this.indexing = null;
    this.revision += 1;
    if (this.query.trim()) void this.run({ keepShown: true });
  }

  /** The worker reads the clippings itself: the UI thread only sends ids. */
  async #indexIds(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.#client.indexIds([...ids]);
  }

  #onChange(change: LibraryChange): void {
    const added = new Map(change.added?.map((c) => [c.id, c]));
    for (const s of change.upserted) {
      const clipping = added.get(s.id);
      if (clipping && !this.#pendingIds.has(s.id)) {
        this.#pendingAdded.set(s.id, clipping);
      } else {
        this.#pendingAdded.delete(s.id);
        this.#pendingIds.add(s.id);
      }
    }
    for (const id of change.removed) {
      this.#pendingIds.delete(id);
      this.#pendingAdded.delete(id);
      this.#pendingRemoved.add(id);
    }
    // Batch bursts (an import sends a batch every ~100 ms) into one segment.
    if (this.#flushTimer) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = null;
      const ids = [...this.#pendingIds];
      const added = [...this.#pendingAdded.values()];
      const removed = [...this.#pendingRemoved];
      this.#pendingIds.clear();
      this.#pendingAdded.clear();
      this.#pendingRemoved.clear();
      this.#writes = this.#writes
        .then(async () => {
          if (removed.length) await this.#client.remove(removed);
          for (let i = 0; i < ids.length; i += INDEX_CHUNK)
            await this.#indexIds(ids.slice(i, i + INDEX_CHUNK));
          // New clippings have no highlights or notes yet: their documents are complete.
          for (let i = 0; i < added.length; i += INDEX_CHUNK) {
            await this.#client.index(
              added
                .slice(i, i + INDEX_CHUNK)
                .map((c) => toSearchDoc(c, { trashed: c.deletedAt !== '' })),
            );
          }
          this.revision += 1;
          if (this.query.trim()) await this.run({ keepShown: true });
        })
        .catch((error: unknown) => {
          this.#notices.push(
            'error',
            `The search index could not be updated: ${errorMessage(error)}`,
          );
        });
    }, 250);
  }

  /** Resolves when every change so far is in the index (tests, and before quitting). */
  async settled(): Promise<void> {
    while (this.#flushTimer || this.#pendingIds.size || this.#pendingAdded.size)
      await new Promise((r) => setTimeout(r, 50));
    await this.#writes;
  }

  setQuery(text: string): void {
    this.query = text;
    if (this.#timer) clearTimeout(this.#timer);
    if (!text.trim()) {
      this.#seq += 1;
      this.results = null;
      this.error = null;
      this.notice = null;
      this.terms = new Set();
      this.#library.searchIds = null;
      return;
    }
    this.#timer = setTimeout(() => void this.run(), TYPING_DELAY_MS);
  }

  /** Runs the query again when it filters by story (the stories changed). */
  rerunStoryQuery(): void {
    this.revision += 1;
    if (/(^|\s)-?(is:|story:|copies[<>=])/i.test(this.query)) void this.run({ keepShown: true });
  }

  /**
   * Runs the query with the library's filters folded in as operators: the first page, or with
   * `keepShown` (the same query over a changed index) as many hits as the list shows.
   */
  async run(options: { keepShown?: boolean } = {}): Promise<void> {
    const text = this.query;
    if (!text.trim() || !this.ready) return;
    if (!options.keepShown) this.#shown = RESULT_LIMIT;
    const seq = ++this.#seq;
    const filters = this.#library.filters;
    const query = withOpenStory(text, this.#selection.selectedId);
    const response = await this.#client.query(query, {
      limit: this.#shown,
      trashed: filters.view === 'trash' ? 'only' : 'exclude',
      filters: filterOperators(filters),
    });
    if (seq !== this.#seq) return;
    if (response.error) {
      this.error = response.error;
      this.notice = null;
      return;
    }
    this.error = null;
    this.notice = response.notices?.[0] ?? null;
    this.terms = new Set(response.highlight);
    const ids = response.hits.map((h) => h.id);
    this.results = {
      ids,
      snippets: new Map(
        response.hits.map((h) => [h.id, { snippet: h.snippet, titleRanges: h.titleRanges }]),
      ),
      total: response.total,
    };
    this.#library.searchIds = ids;
  }

  /**
   * Every clipping a query matches, in the trash or not (the caller intersects them with what
   * it counts), without ranking or snippets. A bad query comes back with the error the search
   * box shows.
   */
  async matches(text: string): Promise<MatchResponse> {
    await this.#client.ready();
    return this.#client.matches(text, { trashed: 'include' });
  }

  /** Fetches the next page of hits (the list's "Show more"). */
  async more(): Promise<void> {
    const current = this.results;
    const text = this.query;
    if (!current || current.ids.length >= current.total || !text.trim()) return;
    // A run that starts before this answers asks for the new page too.
    this.#shown = current.ids.length + RESULT_LIMIT;
    const seq = this.#seq;
    const filters = this.#library.filters;
    const query = withOpenStory(text, this.#selection.selectedId);
    const response = await this.#client.query(query, {
      filters: filterOperators(filters),
      limit: RESULT_LIMIT,
      offset: current.ids.length,
      trashed: filters.view === 'trash' ? 'only' : 'exclude',
    });
    if (seq !== this.#seq || response.error) return;
    const fresh = response.hits.filter((h) => !current.snippets.has(h.id));
    const ids = [...current.ids, ...fresh.map((h) => h.id)];
    const snippets = new Map(current.snippets);
    for (const h of fresh) snippets.set(h.id, { snippet: h.snippet, titleRanges: h.titleRanges });
    this.results = { ids, snippets, total: response.total };
    this.#library.searchIds = ids;
  }

  async saveCurrent(): Promise<void> {
    const q = this.query.trim();
    if (!q || this.saved.includes(q)) return;
    this.saved = [...this.saved, q];
    await this.#repo.settings.put('savedSearches', [...this.saved]);
  }

  async forget(query: string): Promise<void> {
    this.saved = this.saved.filter((s) => s !== query);
    await this.#repo.settings.put('savedSearches', [...this.saved]);
  }
}

function quote(value: string): string {
  return /^[\p{L}\p{N}/_.-]+$/u.test(value) ? value : `"${value.replace(/"/g, '')}"`;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The sidebar and filter panel as query operators, so search and filters combine. */
export function filterOperators(f: Filters): string {
  const parts: string[] = [];
  if (f.tags.length) {
    const tags = f.tags.map((t) => `tag:${quote(t)}`);
    parts.push(f.tagMode === 'any' ? tags.join(' OR ') : tags.join(' '));
  }
  if (f.source) parts.push(`source:${quote(f.source)}`);
  if (f.language) parts.push(`lang:${quote(f.language)}`);
  if (f.from) parts.push(`after:${f.from}`);
  if (f.to) parts.push(`before:${nextDay(f.to)}`);
  if (f.hasHighlights) parts.push('has:highlights');
  if (f.hasNote) parts.push('has:note');
  if (f.tone) parts.push(`tone:${f.tone}`);
  if (f.mediaType) parts.push(`type:${f.mediaType}`);
  return parts.join(' ');
}
