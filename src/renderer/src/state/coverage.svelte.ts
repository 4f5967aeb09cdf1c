/**
 * The Coverage view's state: the figures of the clippings in scope (the selection, else the
 * list as filtered or searched), the reader's choices (bin, split, story counting, the voices
 * to compare, see coverage-voices.svelte.ts), and the focus a bar or row puts on the library
 * list until the user goes back.
 */
import type { BinUnit } from '@shared/coverage/calendar';
import {
  idsWithTag,
  shareOfVoice,
  summariseCoverage,
  countedItems,
  volumeOverTime,
  volumeSplitBy,
  type CoverageSummary,
  type SplitDimension,
  type StoryCounting,
} from '@shared/coverage/aggregate';
import {
  barsChart,
  splitVolumeChart,
  volumeChart,
  type ChartDocument,
} from '@shared/coverage/charts';
import { prepareIndex, zoneOf } from '@shared/coverage/index-keys';
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

/** Whether the figures' and the charts' code has run once since start-up. */
let warmedUp = false;

/**
 * Tasks that run the figures' code on a sample of the rows, a few times, then draw each kind
 * of chart once off-screen. The first open of the dashboard otherwise ran all of it for the
 * first time, in the interpreter and compiling as it went: Plot and d3 took 58 ms of its CPU
 * profile, 14-28 ms once drawn ahead (bench:coverage, load 6-8).
 */
function warmUp(rows: readonly ClippingSummary[]): (() => boolean)[] {
  let s: CoverageSummary | undefined;
  const opts = () => ({
    document: document as unknown as ChartDocument,
    width: 640,
    href: (i: number) => `#mark-${i}`,
  });
  const figures = (): boolean => {
    // The same rows over again, as many as make the loops hot (the figures are thrown away).
    const sample = Array.from({ length: WARM_UP_ROWS }, (_, i) => rows[i % rows.length]!);
    s = summariseCoverage(sample, { splitBy: 'outlet' });
    volumeSplitBy(sample, 'tag');
    const tags = s.byTag.filter((f) => f.key !== '').slice(0, 2);
    shareOfVoice(
      sample,
      tags.map((f) => ({ key: f.key, label: f.label, ids: idsWithTag(sample, f.label) })),
    );
    return true;
  };
  return [
    figures,
    figures,
    figures,
    () => (volumeChart(s!.volume, s!.bin, opts()), true),
    () => (splitVolumeChart(s!.volumeSplit, s!.bin, opts()), true),
    () => {
      barsChart(s!.byTone, { ...opts(), toneColors: true });
      warmedUp = true;
      return true;
    },
  ];
}

/** Rows the warm-up counts each time (a few milliseconds). */
const WARM_UP_ROWS = 5_000;
/** Rows keyed per idle slice (about 2 ms in Chromium). */
const PREPARE_SLICE = 2_000;

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

  /**
   * Works out the coverage keys of `rows` in idle time, a slice at a time, so that opening
   * the dashboard only looks them up; first, once, runs the figures' and the charts' code
   * (see warmUp). `list`: the rows are the list the dashboard would open on, so their index
   * is made too. Returns a cancel.
   */
  prepare(rows: readonly ClippingSummary[], list: boolean): () => void {
    if (typeof requestIdleCallback !== 'function' || rows.length === 0) return () => undefined;
    const step = prepareIndex(rows, zoneOf(), list);
    const tasks = [...(warmedUp ? [] : warmUp(rows)), () => step(PREPARE_SLICE)];
    // While the library installs (its tag index in slices, hardly ever idle), a slice at
    // least every frame, so the keys are mostly made by the time the list shows.
    const timeout = list ? 50 : 16;
    let handle = 0;
    const work = (deadline: IdleDeadline): void => {
      const until = performance.now() + Math.max(4, deadline.timeRemaining() - 2);
      do if (tasks[0]!()) tasks.shift();
      while (tasks.length > 0 && performance.now() < until);
      if (tasks.length > 0) handle = requestIdleCallback(work, { timeout });
    };
    handle = requestIdleCallback(work, { timeout });
    return () => cancelIdleCallback(handle);
  }

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
