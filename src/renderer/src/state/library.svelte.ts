import { liveQuery, type Subscription } from 'dexie';
import type { Clipping } from '../../../shared/clipping';
import type { ClipbookDb } from '../lib/db';
import { getClipping, listSummaries, type ClippingSummary } from '../lib/library-repo';

/** The library list and the open clipping; updates itself whenever the database changes. */
export class LibraryState {
  summaries = $state.raw<ClippingSummary[]>([]);
  loaded = $state(false);
  selectedId = $state<string | null>(null);
  selected = $state.raw<Clipping | null>(null);
  loadError = $state('');
  readonly #db: ClipbookDb;
  #subscription: Subscription | null = null;

  constructor(db: ClipbookDb) {
    this.#db = db;
  }

  start(): void {
    this.#subscription = liveQuery(() => listSummaries(this.#db)).subscribe({
      next: (summaries) => {
        this.summaries = summaries;
        this.loaded = true;
      },
      error: (error: unknown) => {
        this.loadError = `The library could not be read: ${error instanceof Error ? error.message : String(error)}`;
        this.loaded = true;
      },
    });
  }

  stop(): void {
    this.#subscription?.unsubscribe();
  }

  async select(id: string | null): Promise<void> {
    this.selectedId = id;
    if (id === null) {
      this.selected = null;
      return;
    }
    const clipping = await getClipping(this.#db, id);
    // A later selection may have finished first; keep the newest.
    if (this.selectedId === id) this.selected = clipping ?? null;
  }

  /** Moves the selection by `delta` rows (keyboard navigation). */
  async move(delta: number): Promise<void> {
    if (this.summaries.length === 0) return;
    const index = this.summaries.findIndex((s) => s.id === this.selectedId);
    const next = index < 0 ? 0 : Math.min(this.summaries.length - 1, Math.max(0, index + delta));
    const target = this.summaries[next];
    if (target) await this.select(target.id);
  }
}
