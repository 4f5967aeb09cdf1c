/**
 * The Highlights view: every highlight of the library as a row, filtered in memory. Loaded
 * when the view first opens and again (once, shortly after) whenever the library changes
 * while it is open, so the view is never stale and never reloads per keystroke elsewhere.
 */
import {
  COLOR_NAME_MAX,
  HIGHLIGHT_COLORS,
  type ColorNames,
  type HighlightColor,
} from '@shared/annotations';
import type { LibraryRepo } from '../lib/library-repo';
import { errorMessage } from '../lib/errors';
import {
  emptyPassageFilter,
  filterPassages,
  passageRows,
  prepareWordSearch,
  type PassageFilter,
  type PassageRow,
} from '../lib/passages';
import type { LibraryState } from './library.svelte';
import type { SelectionState } from './selection.svelte';

const RELOAD_DELAY_MS = 300;

export class PassagesState {
  rows = $state.raw<PassageRow[]>([]);
  loaded = $state(false);
  loadError = $state('');
  filter = $state<PassageFilter>(emptyPassageFilter());
  colorNames = $state.raw<ColorNames>({});
  readonly visible = $derived(filterPassages(this.rows, this.filter));
  /** Tags used on highlights, for the tag filter. */
  readonly tags = $derived.by(() => {
    const seen = new Map<string, string>();
    for (const r of this.rows) for (const t of r.tags) seen.set(t.toLowerCase(), t);
    return [...seen.values()].sort((a, b) => a.localeCompare(b));
  });
  readonly sources = $derived.by(() => {
    const seen = new Map<string, string>();
    for (const r of this.rows) if (r.source) seen.set(r.source.toLowerCase(), r.source);
    return [...seen.values()].sort((a, b) => a.localeCompare(b));
  });

  readonly #repo: LibraryRepo;
  readonly #library: LibraryState;
  readonly #selection: SelectionState;
  #open = false;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(repo: LibraryRepo, library: LibraryState, selection: SelectionState) {
    this.#repo = repo;
    this.#library = library;
    this.#selection = selection;
    repo.onChange(() => {
      if (!this.#open || this.#timer) return;
      this.#timer = setTimeout(() => {
        this.#timer = null;
        void this.#load();
      }, RELOAD_DELAY_MS);
    });
  }

  async loadColorNames(): Promise<void> {
    this.colorNames = (await this.#repo.settings.get('highlightColorNames')) ?? {};
  }

  async show(): Promise<void> {
    this.#open = true;
    await this.#load();
  }

  hide(): void {
    this.#open = false;
  }

  async #load(): Promise<void> {
    try {
      const highlights = await this.#repo.allHighlights();
      await this.#selection.settled();
      const rows = passageRows(highlights, (id) => this.#library.summary(id));
      this.rows = rows;
      this.loadError = '';
      // After the first screen is shown: the first word typed then costs what the next do.
      setTimeout(() => {
        if (this.rows === rows) void prepareWordSearch(rows);
      }, 50);
    } catch (error) {
      this.loadError = `The highlights could not be read: ${errorMessage(error)}`;
    }
    this.loaded = true;
  }

  setFilter(patch: Partial<PassageFilter>): void {
    this.filter = { ...this.filter, ...patch };
  }

  toggleColor(color: HighlightColor): void {
    const colors = this.filter.colors.includes(color)
      ? this.filter.colors.filter((c) => c !== color)
      : [...this.filter.colors, color];
    this.setFilter({ colors: HIGHLIGHT_COLORS.filter((c) => colors.includes(c)) });
  }

  /** Saves the colour names; returns an error for the dialog, or null. */
  async saveColorNames(names: ColorNames): Promise<string | null> {
    const clean: ColorNames = {};
    for (const color of HIGHLIGHT_COLORS) {
      const name = names[color]?.trim().replace(/\s+/g, ' ') ?? '';
      if (name.length > COLOR_NAME_MAX)
        return `A colour name can be at most ${COLOR_NAME_MAX} characters.`;
      if (name) clean[color] = name;
    }
    const used = Object.values(clean).map((n) => n.toLowerCase());
    if (new Set(used).size !== used.length) return 'Two colours cannot have the same name.';
    try {
      await this.#repo.settings.put('highlightColorNames', clean);
    } catch (error) {
      return errorMessage(error);
    }
    this.colorNames = clean;
    return null;
  }
}
