import { anchor, describeRange } from '@shared/anchoring';
import { clippingText, type Highlight, type HighlightColor } from '@shared/annotations';
import type { Clipping } from '@shared/clipping';
import { newId, type LibraryRepo } from '../lib/library-repo';
import type { NoticesState } from './notices.svelte';
import type { UndoState } from './undo.svelte';
import { describeWriteError } from '../lib/errors';

export interface PlacedHighlight {
  highlight: Highlight;
  /** null when the quote can no longer be found: an orphan, shown but never dropped. */
  range: { start: number; end: number } | null;
}

const NOTE_SAVE_DELAY_MS = 400;

/** The open clipping's highlights and note. */
export class ReaderState {
  clippingId = $state<string | null>(null);
  text = $state('');
  highlights = $state.raw<Highlight[]>([]);
  note = $state('');
  noteStatus = $state<'idle' | 'pending' | 'saved' | 'error'>('idle');
  /** Highlight whose editor is open. */
  activeHighlightId = $state<string | null>(null);
  /** The text selected in the article (stored-text offsets), what Highlight applies to. */
  selectedRange = $state.raw<{ start: number; end: number } | null>(null);

  readonly placed = $derived.by((): PlacedHighlight[] => {
    const text = this.text;
    return this.highlights
      .map((highlight) => {
        const result = anchor(text, { quote: highlight.quote, position: highlight.position });
        return {
          highlight,
          range: result.status === 'orphan' ? null : { start: result.start, end: result.end },
        };
      })
      .sort((a, b) => (a.range?.start ?? Infinity) - (b.range?.start ?? Infinity));
  });

  readonly #repo: LibraryRepo;
  readonly #notices: NoticesState;
  readonly #undo: UndoState;
  #noteTimer: ReturnType<typeof setTimeout> | null = null;
  #noteFor: string | null = null;

  constructor(repo: LibraryRepo, notices: NoticesState, undo: UndoState) {
    this.#repo = repo;
    this.#notices = notices;
    this.#undo = undo;
  }

  async open(clipping: Clipping | null): Promise<void> {
    if (clipping?.id === this.clippingId) {
      if (clipping) this.text = clippingText(clipping.paragraphs);
      return;
    }
    await this.flushNote();
    this.clippingId = clipping?.id ?? null;
    this.activeHighlightId = null;
    this.selectedRange = null;
    if (!clipping) {
      this.text = '';
      this.highlights = [];
      this.note = '';
      return;
    }
    this.text = clippingText(clipping.paragraphs);
    const [highlights, note] = await Promise.all([
      this.#repo.highlightsOf(clipping.id),
      this.#repo.noteOf(clipping.id),
    ]);
    if (this.clippingId !== clipping.id) return;
    this.highlights = highlights;
    this.note = note;
    this.noteStatus = 'idle';
  }

  /** Highlights the selected text (the reader's h, or the context menu's Highlight). */
  async highlightSelection(color: HighlightColor = 'yellow'): Promise<Highlight | null> {
    const range = this.selectedRange;
    if (!range) return null;
    this.selectedRange = null;
    return this.addHighlight(range.start, range.end, color);
  }

  async addHighlight(start: number, end: number, color: HighlightColor): Promise<Highlight | null> {
    const clippingId = this.clippingId;
    if (!clippingId || end <= start) return null;
    const selectors = describeRange(this.text, start, end);
    if (!selectors.quote.exact) return null;
    const now = new Date().toISOString();
    const highlight: Highlight = {
      id: newId(),
      clippingId,
      color,
      note: '',
      tags: [],
      ...selectors,
      createdAt: now,
      updatedAt: now,
    };
    await this.#save(highlight);
    this.activeHighlightId = highlight.id;
    return highlight;
  }

  async updateHighlight(
    id: string,
    patch: Partial<Pick<Highlight, 'color' | 'note' | 'tags'>>,
  ): Promise<void> {
    const current = this.highlights.find((h) => h.id === id);
    if (!current) return;
    await this.#save({ ...current, ...patch, updatedAt: new Date().toISOString() });
  }

  async deleteHighlight(id: string): Promise<void> {
    try {
      const removed = await this.#repo.deleteHighlight(id);
      this.highlights = this.highlights.filter((h) => h.id !== id);
      if (this.activeHighlightId === id) this.activeHighlightId = null;
      if (removed) {
        this.#undo.record('Highlight deleted', async () => {
          await this.#repo.saveHighlight(removed);
          if (this.clippingId === removed.clippingId)
            this.highlights = [...this.highlights, removed];
        });
      }
    } catch (error) {
      this.#fail('The highlight could not be deleted', error);
    }
  }

  async #save(highlight: Highlight): Promise<void> {
    try {
      await this.#repo.saveHighlight(highlight);
      if (this.clippingId === highlight.clippingId) {
        this.highlights = [...this.highlights.filter((h) => h.id !== highlight.id), highlight];
      }
    } catch (error) {
      this.#fail('The highlight could not be saved', error);
    }
  }

  /** Autosave: a short debounce, so a crash mid-typing loses at most a moment of it. */
  setNote(text: string): void {
    this.note = text;
    this.#noteFor = this.clippingId;
    this.noteStatus = 'pending';
    if (this.#noteTimer) clearTimeout(this.#noteTimer);
    this.#noteTimer = setTimeout(() => void this.flushNote(), NOTE_SAVE_DELAY_MS);
  }

  async flushNote(): Promise<void> {
    if (this.#noteTimer) clearTimeout(this.#noteTimer);
    this.#noteTimer = null;
    const id = this.#noteFor;
    if (!id) return;
    this.#noteFor = null;
    try {
      await this.#repo.saveNote(id, this.note);
      if (this.clippingId === id) this.noteStatus = 'saved';
    } catch (error) {
      this.noteStatus = 'error';
      this.#fail('The note could not be saved', error);
    }
  }

  #fail(what: string, error: unknown): void {
    this.#notices.push('error', `${what}: ${describeWriteError(error)}`);
  }
}
