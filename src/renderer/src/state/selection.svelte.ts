import type { Clipping } from '@shared/clipping';
import type { ClippingSummary } from '../lib/db';
import type { LibraryChange, LibraryRepo } from '../lib/library-repo';
import type { LibraryState } from './library.svelte';

export type SelectMode = 'replace' | 'toggle' | 'range';

/**
 * Which clipping is open in the reader and which clippings are selected for bulk actions
 * (toggle with Ctrl/⌘+click, a range with Shift). The rows themselves are the library's.
 */
export class SelectionState {
  /** The clipping open in the reader. */
  selectedId = $state<string | null>(null);
  selected = $state.raw<Clipping | null>(null);
  /** Multi-selection for bulk actions (always includes selectedId when non-empty). */
  ids = $state.raw<ReadonlySet<string>>(new Set());
  #anchor: string | null = null;
  #selecting: Promise<void> = Promise.resolve();
  readonly #repo: LibraryRepo;
  readonly #library: LibraryState;

  constructor(repo: LibraryRepo, library: LibraryState) {
    this.#repo = repo;
    this.#library = library;
    repo.onChange((change) => this.#apply(change));
    // Another view or a reloaded library: nothing stays open.
    library.onReset(() => this.clear());
  }

  /** The clippings a bulk action applies to: the selection, or else the open one. */
  get targets(): string[] {
    if (this.ids.size > 0) return [...this.ids];
    return this.selectedId ? [this.selectedId] : [];
  }

  /** Resolves once the clipping chosen last is loaded (keys pressed right after wait on it). */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.#selecting;
      await current;
    } while (current !== this.#selecting);
  }

  select(id: string | null, mode: SelectMode = 'replace'): Promise<void> {
    const done = this.#select(id, mode);
    this.#selecting = done.catch(() => undefined);
    return done;
  }

  /** Closes the open clipping and empties the selection. */
  clear(): Promise<void> {
    return this.select(null);
  }

  /** Keeps only the open clipping selected. */
  collapse(): Promise<void> {
    return this.select(this.selectedId);
  }

  /** Selects every row of `rows` (the visible list by default). */
  selectAll(rows: readonly ClippingSummary[] = this.#library.visible): void {
    this.ids = new Set(rows.map((s) => s.id));
  }

  /** Selects these clippings, keeping the open one open. */
  selectIds(ids: readonly string[]): void {
    this.ids = new Set(ids);
  }

  /**
   * Moves the open clipping by `delta` rows of the visible list (keyboard navigation), or of
   * `rows` when the list shows fewer (one row per story).
   */
  async move(
    delta: number,
    extend = false,
    rows: readonly ClippingSummary[] = this.#library.visible,
  ): Promise<void> {
    if (rows.length === 0) return;
    const index = this.#library.indexIn(rows, this.selectedId);
    const next = index < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, index + delta));
    const target = rows[next];
    if (target) await this.select(target.id, extend ? 'range' : 'replace');
  }

  async #select(id: string | null, mode: SelectMode): Promise<void> {
    if (id === null) {
      this.selectedId = null;
      this.selected = null;
      this.ids = new Set();
      return;
    }
    if (mode === 'toggle') {
      const next = new Set(this.ids.size ? this.ids : this.selectedId ? [this.selectedId] : []);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      this.ids = next;
      this.#anchor = id;
    } else if (mode === 'range' && this.#anchor) {
      const rows = this.#library.visible;
      const a = this.#library.indexIn(rows, this.#anchor);
      const b = this.#library.indexIn(rows, id);
      if (a >= 0 && b >= 0)
        this.ids = new Set(rows.slice(Math.min(a, b), Math.max(a, b) + 1).map((s) => s.id));
    } else {
      this.ids = new Set([id]);
      this.#anchor = id;
    }
    this.selectedId = id;
    await this.#reload(id);
  }

  async #reload(id: string): Promise<void> {
    const clipping = await this.#repo.getClipping(id);
    if (this.selectedId === id) this.selected = clipping ?? null;
  }

  #apply(change: LibraryChange): void {
    const open = this.selectedId;
    if (open && change.removed.includes(open)) void this.clear();
    else if (open && change.upserted.some((s) => s.id === open)) void this.#reload(open);
  }
}
