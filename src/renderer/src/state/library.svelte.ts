import type { ClippingSummary, TagRecord } from '../lib/db';
import type { LibraryChange, LibraryRepo } from '../lib/library-repo';
import { errorMessage } from '../lib/errors';
import { isVersionError, schemaFromVersionError, tooNewMessage } from '../lib/profile-guard';
import {
  emptyFilters,
  filterRows,
  replaceInOrder,
  sameTagsAndView,
  TagPostingsBuilder,
  type Filters,
  type TagPostings,
} from '../lib/row-filter';

export const SORT_KEYS = ['published', 'imported', 'title', 'outlet'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  published: 'Published date',
  imported: 'Date imported',
  title: 'Title',
  outlet: 'Outlet',
};

const FIRST_SCREEN_ROWS = 60;
/** Rows indexed by tag per task while the library loads (~2 ms at 100,000 rows). */
const POSTINGS_SLICE = 5_000;

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareBy(key: SortKey): (a: ClippingSummary, b: ClippingSummary) => number {
  switch (key) {
    case 'published':
      // Newest first; undated after dated. importedAt is always a UTC ISO instant of one
      // length, so plain string order is its time order (localeCompare gave the same
      // order at a hundred times the cost, which dominated sorting 100,000 rows).
      return (a, b) =>
        a.publishedAt === b.publishedAt
          ? a.importedAt === b.importedAt
            ? 0
            : a.importedAt < b.importedAt
              ? 1
              : -1
          : !a.publishedAt
            ? 1
            : !b.publishedAt
              ? -1
              : a.publishedAt < b.publishedAt
                ? 1
                : -1;
    case 'imported':
      return (a, b) => (a.importedAt === b.importedAt ? 0 : a.importedAt < b.importedAt ? 1 : -1);
    case 'title':
      return (a, b) => collator.compare(a.title, b.title);
    case 'outlet':
      return (a, b) => collator.compare(a.source, b.source) || collator.compare(a.title, b.title);
  }
}

/** Merges rows sorted by `compare` with more rows sorted by it; on ties `rows` come first. */
function mergeSorted(
  rows: readonly ClippingSummary[],
  more: readonly ClippingSummary[],
  compare: (a: ClippingSummary, b: ClippingSummary) => number,
): ClippingSummary[] {
  const out = new Array<ClippingSummary>(rows.length + more.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < rows.length && j < more.length) {
    const a = rows[i] as ClippingSummary;
    const b = more[j] as ClippingSummary;
    if (compare(a, b) <= 0) {
      out[k++] = a;
      i++;
    } else {
      out[k++] = b;
      j++;
    }
  }
  while (i < rows.length) out[k++] = rows[i++] as ClippingSummary;
  while (j < more.length) out[k++] = more[j++] as ClippingSummary;
  return out;
}

/**
 * The library as the list shows it. All summaries live in memory (small rows, loaded once);
 * sorting is cached per key and filtering keeps that order, so a filter change is one pass.
 */
export class LibraryState {
  loaded = $state(false);
  loadError = $state('');
  filters = $state<Filters>(emptyFilters());
  sort = $state<SortKey>('published');
  tags = $state.raw<TagRecord[]>([]);
  /** Bumped whenever #all changes, so derived views recompute. */
  #version = $state(0);
  readonly #all = new Map<string, ClippingSummary>();
  #sorted: {
    key: SortKey;
    version: number;
    rows: ClippingSummary[];
    /** Built when a tag filter first needs it, for these rows. */
    postings?: TagPostings;
  } | null = null;
  readonly #repo: LibraryRepo;
  readonly #resetListeners = new Set<() => void>();
  readonly #installListeners = new Set<(rows: readonly ClippingSummary[]) => void>();

  constructor(repo: LibraryRepo) {
    this.#repo = repo;
  }

  /** False while only the first screen of rows is loaded. */
  complete = $state(true);

  /** Set while a search is active: its ranked ids replace the sorted, filtered list. */
  searchIds = $state.raw<string[] | null>(null);

  readonly visible = $derived.by(() => {
    if (this.searchIds) {
      void this.#version;
      const trash = this.filters.view === 'trash';
      return this.searchIds.flatMap((id) => {
        const s = this.#all.get(id);
        return s && (s.deletedAt !== '') === trash ? [s] : [];
      });
    }
    const rows = this.#sortedRows(this.sort, this.#version);
    return filterRows(rows, this.filters, () => this.#postings(rows));
  });

  readonly counts = $derived.by(() => {
    void this.#version;
    let library = 0;
    let trash = 0;
    let highlights = 0;
    for (const s of this.#all.values()) {
      if (s.deletedAt) trash += 1;
      else {
        library += 1;
        highlights += s.highlightCount;
      }
    }
    return { library, trash, highlights };
  });

  readonly sources = $derived.by(() => {
    void this.#version;
    const seen = new Map<string, string>();
    for (const s of this.#all.values())
      if (s.source && !s.deletedAt) seen.set(s.source.toLowerCase(), s.source);
    return [...seen.values()].sort(collator.compare);
  });

  readonly languages = $derived.by(() => {
    void this.#version;
    const seen = new Set<string>();
    for (const s of this.#all.values()) if (s.language && !s.deletedAt) seen.add(s.language);
    return [...seen].sort();
  });

  readonly filtering = $derived.by(() => {
    const f = this.filters;
    return (
      f.tags.length > 0 ||
      !!f.source ||
      !!f.language ||
      !!f.from ||
      !!f.to ||
      f.hasHighlights ||
      f.hasNote ||
      !!f.tone ||
      !!f.mediaType
    );
  });

  #sortedRows(key: SortKey, version: number): ClippingSummary[] {
    if (this.#sorted?.key === key && this.#sorted.version === version) return this.#sorted.rows;
    const rows = [...this.#all.values()].sort(compareBy(key));
    this.#sorted = { key, version, rows };
    queueMicrotask(() => this.#indexWhenIdle());
    return rows;
  }

  #postings(rows: ClippingSummary[]): TagPostings {
    const cache = this.#sorted;
    let builder = new TagPostingsBuilder(rows);
    if (this.#building?.rows === rows) {
      // Finish what idle time started.
      builder = this.#building;
      this.#building = null;
    }
    if (cache?.rows !== rows) return builder.finish();
    cache.postings ??= builder.finish();
    return cache.postings;
  }

  #building: TagPostingsBuilder | null = null;

  /**
   * Indexes the sorted rows by tag in idle time, a slice per idle period, so that the first
   * tag filter after a change does not pay for it (about 100 ms at 100,000 rows in Chromium).
   */
  #indexWhenIdle(): void {
    const cache = this.#sorted;
    if (!cache || cache.postings || this.#building?.rows === cache.rows) return;
    if (typeof requestIdleCallback !== 'function') return;
    const builder = new TagPostingsBuilder(cache.rows);
    this.#building = builder;
    // Work in slices of a few milliseconds. A busy page (just after loading, while search
    // indexes) is rarely idle, so the timeout runs a slice anyway: the index should be there
    // within a fraction of a second of a change, not only after a quiet spell.
    const work = (deadline: IdleDeadline): void => {
      if (this.#building !== builder) return;
      const until = performance.now() + Math.max(6, deadline.timeRemaining() - 2);
      do {
        if (!builder.step(1_000)) continue;
        this.#building = null;
        if (this.#sorted?.rows === builder.rows) this.#sorted.postings ??= builder.finish();
        return;
      } while (performance.now() < until);
      requestIdleCallback(work, { timeout: 20 });
    };
    requestIdleCallback(work, { timeout: 20 });
  }

  async start(): Promise<void> {
    this.#repo.onChange((change) => this.#apply(change));
    try {
      // The first screen comes from the published-date index (a few rows, at once); the
      // whole list (100,000 rows take a while to read) replaces it when it has loaded.
      // Asked one after the other: IndexedDB answers in order, so a small request queued
      // behind the big read would wait for all of it.
      const preview = await this.#repo.newestSummaries(FIRST_SCREEN_ROWS);
      if (this.#all.size === 0 && preview.length > 0) {
        for (const s of preview) this.#all.set(s.id, s);
        this.complete = false;
        this.loaded = true;
        this.#version += 1;
      }
      const [summaries, tags] = await Promise.all([
        this.#repo.loadSummaries(),
        this.#repo.listTags(),
      ]);
      await this.#install(summaries, tags);
      this.complete = true;
      this.#version += 1;
    } catch (error) {
      // A newer Clipbook's library is left exactly as it is (main.ts refuses it up front;
      // this catches Dexie's VersionError should it still come).
      this.loadError = isVersionError(error)
        ? tooNewMessage(schemaFromVersionError(error))
        : `The library could not be read: ${errorMessage(error)}`;
    }
    this.loaded = true;
  }

  /** Reads everything again (after a restore replaced the database's contents). */
  async reload(): Promise<void> {
    const [summaries, tags] = await Promise.all([
      this.#repo.loadSummaries(),
      this.#repo.listTags(),
    ]);
    await this.#install(summaries, tags);
    this.#version += 1;
    this.#reset();
  }

  /** Called when what is open no longer applies: another view, or a reloaded library. */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /**
   * Called with every summary when the library is (re)read, before the list shows them:
   * for work that should be ready when it does. Returns an unsubscribe.
   */
  onInstall(listener: (rows: readonly ClippingSummary[]) => void): () => void {
    this.#installListeners.add(listener);
    return () => this.#installListeners.delete(listener);
  }

  #reset(): void {
    for (const listener of this.#resetListeners) listener();
  }

  /**
   * Makes `summaries` the library, sorted and indexed by tag first, in slices: a tag filter
   * clicked the moment loading ends then costs a frame, not the ~100 ms index build, and
   * 100,000 rows never hold the window in one task. The caller bumps #version.
   */
  async #install(summaries: readonly ClippingSummary[], tags: TagRecord[]): Promise<void> {
    for (const listener of this.#installListeners) listener(summaries);
    const version = this.#version;
    const sort = this.sort;
    const rows = [...summaries].sort(compareBy(sort));
    const builder = new TagPostingsBuilder(rows);
    while (!builder.step(POSTINGS_SLICE)) await nextTask();
    const postings = builder.finish();
    this.#all.clear();
    for (const s of summaries) this.#all.set(s.id, s);
    // Unless something changed meanwhile (then the list is sorted again when shown).
    if (this.#version === version && this.sort === sort)
      this.#sorted = { key: sort, version: version + 1, rows, postings };
    this.tags = tags;
  }

  #apply(change: LibraryChange): void {
    const added = this.#onlyNew(change);
    const olds = change.upserted.map((s) => this.#all.get(s.id));
    for (const s of change.upserted) this.#all.set(s.id, s);
    for (const id of change.removed) this.#all.delete(id);
    if (change.upserted.length || change.removed.length) {
      const cache = this.#sorted;
      const version = this.#version + 1;
      // An import only adds rows: merge them into the sorted cache (one linear pass) instead
      // of sorting 100,000 rows again for every batch. A stable sort of the whole map puts
      // ties in insertion order, so existing rows before new ones, as the merge does.
      if (added && cache && cache.version === this.#version) {
        const compare = compareBy(cache.key);
        this.#sorted = {
          key: cache.key,
          version,
          rows: mergeSorted(cache.rows, added.sort(compare), compare),
        };
        queueMicrotask(() => this.#indexWhenIdle());
      } else if (!added && change.removed.length === 0 && cache?.version === this.#version) {
        // Edits (tags, notes, highlights) usually leave the sort key alone: keep the order.
        const compare = compareBy(cache.key);
        const rows = replaceInOrder(cache.rows, olds, change.upserted, compare);
        if (rows) {
          const postings = sameTagsAndView(olds, change.upserted) ? cache.postings : undefined;
          this.#sorted = { key: cache.key, version, rows, ...(postings ? { postings } : {}) };
          if (!postings) queueMicrotask(() => this.#indexWhenIdle());
        }
      }
      this.#version = version;
    }
    if (change.tagsChanged) void this.refreshTags();
  }

  /** The upserted rows when the change only adds new, distinct ids; otherwise null. */
  #onlyNew(change: LibraryChange): ClippingSummary[] | null {
    if (change.removed.length > 0 || change.upserted.length === 0) return null;
    const ids = new Set<string>();
    for (const s of change.upserted) {
      if (this.#all.has(s.id) || ids.has(s.id)) return null;
      ids.add(s.id);
    }
    return [...change.upserted];
  }

  async refreshTags(): Promise<void> {
    this.tags = await this.#repo.listTags();
  }

  summary(id: string): ClippingSummary | undefined {
    void this.#version;
    return this.#all.get(id);
  }

  /**
   * Where clipping `id` is in `rows` (the visible list), or -1. By the row object, not its id:
   * Array#indexOf compares references natively, ~50 times faster than comparing 100,000 ids.
   */
  indexIn(rows: readonly ClippingSummary[], id: string | null): number {
    const row = id === null ? undefined : this.summary(id);
    return row ? rows.indexOf(row) : -1;
  }

  /** Live clippings under a tag (children included), in the list's current sort order. */
  idsWithTag(tag: string): string[] {
    const rows = this.#sortedRows(this.sort, this.#version);
    const ids: string[] = [];
    for (const position of this.#postings(rows).covering(tag)) {
      const s = rows[position] as ClippingSummary;
      if (!s.deletedAt) ids.push(s.id);
    }
    return ids;
  }

  idsInLibrary(): string[] {
    return this.#sortedRows(this.sort, this.#version)
      .filter((s) => !s.deletedAt)
      .map((s) => s.id);
  }

  setFilters(patch: Partial<Filters>): void {
    this.filters = { ...this.filters, ...patch };
  }

  toggleTagFilter(tag: string, additive: boolean): void {
    const has = this.filters.tags.some((t) => t.toLowerCase() === tag.toLowerCase());
    const tags = additive
      ? has
        ? this.filters.tags.filter((t) => t.toLowerCase() !== tag.toLowerCase())
        : [...this.filters.tags, tag]
      : has && this.filters.tags.length === 1
        ? []
        : [tag];
    this.setFilters({ tags, view: 'library' });
  }

  showView(view: Filters['view']): void {
    this.filters = emptyFilters(view);
    this.#reset();
  }
}
