/**
 * The Coverage view's state: the figures of the clippings in scope (the selection, else the
 * list as filtered or searched), the reader's choices (bin, split, story counting, the voices
 * to compare, see coverage-voices.svelte.ts), and the focus a bar or row puts on the library list until the user goes back.
 */
import type { BinUnit } from '@shared/coverage/calendar';
import {
  summariseCoverage,
  countedItems,
  volumeOverTime,
  volumeSplitBy,
  type CoverageSummary,
  type SplitDimension,
  type StoryCounting,
} from '@shared/coverage/aggregate';
import type { ClippingSummary, StoryMemberRecord } from '../lib/db';
import { CoverageVoices, type VoiceSearch } from './coverage-voices.svelte';

export interface CoverageScope {
  /** The clippings the dashboard counts. */
  readonly rows: readonly ClippingSummary[];
  /** What they are, in words: "Tag: climate", "3 selected clippings". */
  readonly label: string;
  readonly stories: ReadonlyMap<string, StoryMemberRecord>;
}

/** A bar, slice or row the list is narrowed to. */
export interface CoverageFocus {
  readonly label: string;
  readonly ids: ReadonlySet<string>;
}

export class CoverageState {
  bin = $state<BinUnit | 'auto'>('auto');
  splitBy = $state<SplitDimension>('outlet');
  counting = $state<StoryCounting>('per-copy');
  display = $state<'charts' | 'table'>('charts');
  focus = $state.raw<CoverageFocus | null>(null);
  /** Share of voice between the tags and searches the reader chose. */
  readonly voices: CoverageVoices;
  readonly #scope: () => CoverageScope;

  constructor(scope: () => CoverageScope, search?: VoiceSearch) {
    this.#scope = scope;
    this.voices = new CoverageVoices({
      counted: () => this.#counted,
      // From the figures, not the summary: a change of bins or split keeps the comparison.
      tagFigures: () => this.#figures.byTag,
      ...(search ? { search } : {}),
    });
  }

  get scope(): CoverageScope {
    return this.#scope();
  }

  /** What the figures count; recomputed only when the scope or the counting changes. */
  readonly #counted = $derived.by(() => {
    const scope = this.#scope();
    return countedItems(scope.rows, { counting: this.counting, stories: scope.stories });
  });

  /** The figures that do not depend on time bins: kept when only the bin or split changes. */
  readonly #figures = $derived.by(() => summariseCoverage(this.#counted, { timeSeries: false }));

  get figures(): CoverageSummary {
    return this.#figures;
  }

  readonly #volume = $derived.by(() => volumeOverTime(this.#counted, { bin: this.bin }));

  readonly #split = $derived.by(() =>
    volumeSplitBy(this.#counted, this.splitBy, { bin: this.bin }),
  );

  readonly summary: CoverageSummary = $derived.by(() => ({
    ...this.#figures,
    clippings: this.#scope().rows.length,
    counting: this.counting,
    bin: this.#volume.bin,
    volume: this.#volume.bins,
    volumeSplit: this.#split.cells,
  }));

  /** Narrows the library list to these clippings. */
  focusOn(label: string, ids: readonly string[]): void {
    this.focus = { label, ids: new Set(ids) };
  }

  clearFocus(): void {
    this.focus = null;
  }

  /** The rows the list shows: all of them, or those of the focused bar. */
  narrow<T extends { id: string }>(rows: T[]): T[] {
    const focus = this.focus;
    return focus ? rows.filter((r) => focus.ids.has(r.id)) : rows;
  }
}

/** The scope in words, for the dashboard's heading. */
export function scopeLabel(input: {
  selected: number;
  query: string;
  tags: readonly string[];
  filtering: boolean;
  trash: boolean;
}): string {
  if (input.selected > 1) return `${input.selected.toLocaleString()} selected clippings`;
  const parts: string[] = [];
  if (input.trash) parts.push('Trash');
  if (input.query.trim()) parts.push(`Search: ${input.query.trim()}`);
  if (input.tags.length > 0)
    parts.push(`${input.tags.length === 1 ? 'Tag' : 'Tags'}: ${input.tags.join(', ')}`);
  if (parts.length === 0) return input.filtering ? 'Filtered clippings' : 'Whole library';
  if (input.filtering && input.tags.length === 0) parts.push('filtered');
  return parts.join(' · ');
}
