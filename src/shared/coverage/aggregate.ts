/**
 * Coverage figures over a set of clippings: volume over time, splits by outlet, tag, tone and
 * media type, top outlets and authors, share of voice, reach. Pure and synchronous so the
 * dashboard, the report clip book and the CLI compute the same numbers. Every figure carries
 * the ids it counts, so a bar or a row can filter the library to exactly those clippings.
 */
import {
  MEDIA_TYPES,
  MEDIA_TYPE_LABELS,
  TONES,
  TONE_LABELS,
  coverageOf,
  type Clipping,
  type MediaType,
  type Tone,
} from '../clipping';
import {
  CalendarZone,
  autoBinUnit,
  binStart,
  isoOfDay,
  nextBinStart,
  type BinUnit,
  type WeekStart,
} from './calendar';

/** What the figures read of a clipping (a library summary row has all of it). */
export interface CoverageItem {
  readonly id: string;
  /** The outlet. */
  readonly source: string;
  readonly authors: readonly string[];
  readonly publishedAt: string;
  readonly tags: readonly string[];
  readonly mediaType: MediaType | '';
  readonly tone: Tone | '';
  readonly reach: number | null;
}

export function coverageItemOf(c: Clipping): CoverageItem {
  const cov = coverageOf(c);
  return {
    id: c.id,
    source: c.source,
    authors: c.authors,
    publishedAt: c.publishedAt,
    tags: c.tags,
    mediaType: cov.mediaType,
    tone: cov.tone,
    reach: cov.reach,
  };
}

/** `per-copy`: every clipping counts; `once`: a story of several copies counts as one. */
export type StoryCounting = 'once' | 'per-copy';

export const SPLIT_DIMENSIONS = ['outlet', 'tag', 'tone', 'mediaType'] as const;
export type SplitDimension = (typeof SPLIT_DIMENSIONS)[number];
export const SPLIT_LABELS: Record<SplitDimension, string> = {
  outlet: 'Outlet',
  tag: 'Tag',
  tone: 'Tone',
  mediaType: 'Media type',
};

/** One bar, slice or row: the clippings it counts. `count` is always `ids.length`. */
export interface Figure {
  /** Stable key (lower-cased for outlets, authors and tags); '' for "not set". */
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** Sum of the reach set on these clippings. */
  readonly reach: number;
  /** How many of them have reach set. */
  readonly withReach: number;
  readonly ids: readonly string[];
}

/** A time bin: days `start` (inclusive) to `end` (exclusive), as `YYYY-MM-DD`. */
export interface TimeBin extends Figure {
  readonly start: string;
  readonly end: string;
}

/** One bin of one split value (a small-multiple or stacked cell). */
export interface TimeCell extends TimeBin {
  /** The split value's key and label (`Figure.key`/`label` are the bin's start and label). */
  readonly group: string;
  readonly groupLabel: string;
}

export interface TimeOptions {
  /** 'auto' (default) chooses by the span: days up to a month, weeks up to half a year. */
  readonly bin?: BinUnit | 'auto';
  /** IANA zone for instants with an offset; the user's own when absent. */
  readonly timeZone?: string;
  readonly weekStart?: WeekStart;
}

export interface CountingOptions {
  readonly counting?: StoryCounting;
  /**
   * Clipping id → its story's id (its original's id), or a record holding it (the library's
   * story rows), for clippings in stories of two or more.
   */
  readonly stories?: ReadonlyMap<string, string | { readonly story: string }>;
}

export interface CoverageOptions extends TimeOptions, CountingOptions {
  /** How many rows the top-outlet and top-author lists keep (default 10). */
  readonly top?: number;
  /** How many split values get their own row of small multiples (default 6; the rest: Other). */
  readonly splitTop?: number;
  /** Volume over time split by this dimension (`CoverageSummary.volumeSplit`), if given. */
  readonly splitBy?: SplitDimension;
  /**
   * False leaves the time series out (`volume`, `volumeSplit`, `toneOverTime` empty), for a
   * caller that bins them on its own (the dashboard rebins without recounting the rest).
   */
  readonly timeSeries?: boolean;
}

export interface CoverageSummary {
  /** Clippings in the set, every copy. */
  readonly clippings: number;
  /** What the figures count: clippings, or stories counted once. */
  readonly counted: number;
  readonly counting: StoryCounting;
  /** First and last dated day (`YYYY-MM-DD`), '' when none is dated. */
  readonly from: string;
  readonly to: string;
  readonly undated: Figure;
  readonly bin: BinUnit;
  readonly volume: readonly TimeBin[];
  readonly volumeSplit: readonly TimeCell[];
  readonly byOutlet: readonly Figure[];
  readonly byTag: readonly Figure[];
  readonly byTone: readonly Figure[];
  readonly byMediaType: readonly Figure[];
  readonly topOutlets: readonly Figure[];
  readonly topAuthors: readonly Figure[];
  readonly toneOverTime: readonly TimeCell[];
  readonly reach: ReachFigures;
}

export interface ReachFigures {
  readonly total: number;
  /** Counted clippings with reach set. */
  readonly withReach: number;
  /** Outlets with reach set, largest first. */
  readonly byOutlet: readonly Figure[];
}

const OTHER_KEY = '\u0000other';
export const UNSET_LABELS: Record<SplitDimension | 'author', string> = {
  outlet: 'Unknown outlet',
  tag: 'Untagged',
  tone: 'Tone not set',
  mediaType: 'Media type not set',
  author: 'No author',
};

class Tally {
  readonly ids: string[] = [];
  reach = 0;
  withReach = 0;
  constructor(
    readonly key: string,
    public label: string,
  ) {}
  add(item: CoverageItem): void {
    this.ids.push(item.id);
    if (item.reach !== null) {
      this.reach += item.reach;
      this.withReach++;
    }
  }
  figure(): Figure {
    const { key, label, reach, withReach, ids } = this;
    return { key, label, count: ids.length, reach, withReach, ids };
  }
}

function byCountThenLabel(a: Figure, b: Figure): number {
  return b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/**
 * The clippings the figures count. `once`: each story of several copies stands as one
 * clipping, its original when the set holds it, else the set's earliest copy; so a bar shows,
 * and filters to, exactly what it counts.
 */
export function countedItems<T extends CoverageItem>(
  items: readonly T[],
  options: CountingOptions = {},
): T[] {
  const stories = options.stories;
  if (options.counting !== 'once' || !stories || stories.size === 0) return [...items];
  const chosen = new Map<string, T>();
  const out: (T | string)[] = [];
  for (const item of items) {
    const entry = stories.get(item.id);
    if (entry === undefined) {
      out.push(item);
      continue;
    }
    const story = typeof entry === 'string' ? entry : entry.story;
    const held = chosen.get(story);
    if (!held) {
      chosen.set(story, item);
      out.push(story);
    } else if (held.id !== story && (item.id === story || earlier(item, held))) {
      chosen.set(story, item);
    }
  }
  return out.map((x) => (typeof x === 'string' ? chosen.get(x)! : x));
}

function earlier(a: CoverageItem, b: CoverageItem): boolean {
  if (!a.publishedAt !== !b.publishedAt) return a.publishedAt !== '';
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt;
  return a.id < b.id;
}

/**
 * Outlet, tag, author keys compare case-insensitively; the first spelling met is the label.
 * Folded once per distinct spelling: the same few thousand strings recur 100,000 times.
 */
class KeyFolder {
  readonly #keys = new Map<string, string>();
  fold(text: string): string {
    let key = this.#keys.get(text);
    if (key === undefined) this.#keys.set(text, (key = text.trim().toLowerCase()));
    return key;
  }
}

const TONE_OR_UNSET = (tone: Tone | ''): string => (tone ? TONE_LABELS[tone] : UNSET_LABELS.tone);
const MEDIA_OR_UNSET = (m: MediaType | ''): string =>
  m ? MEDIA_TYPE_LABELS[m] : UNSET_LABELS.mediaType;

/** Calls `visit` with each key of `item` in `dimension` (tags: each distinct tag, or ''). */
function visitKeys(
  item: CoverageItem,
  dimension: SplitDimension,
  folder: KeyFolder,
  visit: (key: string, label: string) => void,
): void {
  switch (dimension) {
    case 'outlet':
      visit(folder.fold(item.source), item.source.trim());
      return;
    case 'tone':
      visit(item.tone, TONE_OR_UNSET(item.tone));
      return;
    case 'mediaType':
      visit(item.mediaType, MEDIA_OR_UNSET(item.mediaType));
      return;
    case 'tag': {
      const tags = item.tags;
      let any = false;
      for (let i = 0; i < tags.length; i++) {
        const t = tags[i]!;
        const key = folder.fold(t);
        if (!key) continue;
        let repeat = false;
        for (let j = 0; j < i; j++) if (folder.fold(tags[j]!) === key) repeat = true;
        if (repeat) continue;
        any = true;
        visit(key, t.trim());
      }
      if (!any) visit('', UNSET_LABELS.tag);
    }
  }
}

/**
 * Counted clippings by one dimension, most first. Tags: a clipping counts under each of its
 * tags as written (so the rows add up to more than the total). Tone and media type list every
 * value in their fixed order, zeros included, then "not set" when any is.
 */
export function splitBy(items: readonly CoverageItem[], dimension: SplitDimension): Figure[] {
  const tallies = new Map<string, Tally>();
  if (dimension === 'tone') for (const t of TONES) tallies.set(t, new Tally(t, TONE_LABELS[t]));
  if (dimension === 'mediaType')
    for (const m of MEDIA_TYPES) tallies.set(m, new Tally(m, MEDIA_TYPE_LABELS[m]));
  const folder = new KeyFolder();
  for (const item of items) {
    if (dimension === 'tone' || dimension === 'mediaType') {
      // The common case without a callback: one map lookup per clipping.
      const key = dimension === 'tone' ? item.tone : item.mediaType;
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = new Tally(key, UNSET_LABELS[dimension])));
      t.add(item);
      continue;
    }
    visitKeys(item, dimension, folder, (key, label) => {
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = new Tally(key, key ? label : UNSET_LABELS[dimension])));
      t.add(item);
    });
  }
  const figures = [...tallies.values()].map((t) => t.figure());
  if (dimension === 'tone' || dimension === 'mediaType')
    return figures.filter((f) => f.key !== '' || f.count > 0);
  return figures.sort(byCountThenLabel);
}

/** The `n` authors with most counted clippings (each author of a clipping counts it). */
export function topAuthors(items: readonly CoverageItem[], n = 10): Figure[] {
  const tallies = new Map<string, Tally>();
  const folder = new KeyFolder();
  for (const item of items) {
    const authors = item.authors;
    for (let i = 0; i < authors.length; i++) {
      const a = authors[i]!;
      const key = folder.fold(a);
      if (!key || (i > 0 && authors.slice(0, i).some((b) => folder.fold(b) === key))) continue;
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = new Tally(key, a.trim())));
      t.add(item);
    }
  }
  return [...tallies.values()]
    .map((t) => t.figure())
    .sort(byCountThenLabel)
    .slice(0, n);
}

/** Total reach and reach per outlet (outlets with reach set, largest first). */
export function reachFigures(
  items: readonly CoverageItem[],
  byOutlet: readonly Figure[] = splitBy(items, 'outlet'),
): ReachFigures {
  let total = 0;
  let withReach = 0;
  for (const item of items)
    if (item.reach !== null) {
      total += item.reach;
      withReach++;
    }
  const withSet = byOutlet
    .filter((f) => f.withReach > 0)
    .sort((a, b) => b.reach - a.reach || byCountThenLabel(a, b));
  return { total, withReach, byOutlet: withSet };
}

/** A side in a share-of-voice comparison: a tag's or a search's clippings. */
export interface VoiceGroup {
  readonly key: string;
  readonly label: string;
  readonly ids: ReadonlySet<string>;
}

export interface VoiceShare extends Figure {
  /** This group's part of all the groups' counts together (0–1); 0 when all are empty. */
  readonly share: number;
}

/**
 * Share of voice: how much of the coverage each group has, among the counted clippings. A
 * clipping in two groups counts for both (as in PR reporting), so shares are of the groups'
 * sum, not of the library.
 */
export function shareOfVoice(
  items: readonly CoverageItem[],
  groups: readonly VoiceGroup[],
): VoiceShare[] {
  const tallies = groups.map((g) => new Tally(g.key, g.label));
  for (const item of items)
    groups.forEach((g, i) => {
      if (g.ids.has(item.id)) tallies[i]!.add(item);
    });
  const sum = tallies.reduce((s, t) => s + t.ids.length, 0);
  return tallies.map((t) => ({ ...t.figure(), share: sum > 0 ? t.ids.length / sum : 0 }));
}

/** The ids of items carrying `tag` or a tag under it (`politics` covers `politics/europe`). */
export function idsWithTag(items: readonly CoverageItem[], tag: string): Set<string> {
  const folder = new KeyFolder();
  const key = folder.fold(tag);
  const prefix = `${key}/`;
  const ids = new Set<string>();
  for (const item of items)
    for (const t of item.tags) {
      const k = folder.fold(t);
      if (k === key || k.startsWith(prefix)) {
        ids.add(item.id);
        break;
      }
    }
  return ids;
}

interface Dated {
  readonly days: Int32Array;
  readonly first: number;
  readonly last: number;
  readonly undated: Tally;
}

const NO_DAY = -2_147_483_648;

function datesOf(items: readonly CoverageItem[], zone: CalendarZone): Dated {
  const days = new Int32Array(items.length);
  const undated = new Tally('', 'Undated');
  let first = Infinity;
  let last = -Infinity;
  // Most clippings share their date string with others: parse each once.
  const cache = new Map<string, number | null>();
  items.forEach((item, i) => {
    let day = cache.get(item.publishedAt);
    if (day === undefined) cache.set(item.publishedAt, (day = zone.dayOf(item.publishedAt)));
    if (day === null) {
      days[i] = NO_DAY;
      undated.add(item);
      return;
    }
    days[i] = day;
    if (day < first) first = day;
    if (day > last) last = day;
  });
  return { days, first, last, undated };
}

function binLabel(start: number, unit: BinUnit): string {
  const iso = isoOfDay(start);
  if (unit === 'month') return iso.slice(0, 7);
  if (unit === 'week') return `Week of ${iso}`;
  return iso;
}

/** The bins from the first dated day's to the last's, empty ones included. */
function binsBetween(first: number, last: number, unit: BinUnit, weekStart: WeekStart): number[] {
  const starts: number[] = [];
  for (let s = binStart(first, unit, weekStart); s <= last; s = nextBinStart(s, unit))
    starts.push(s);
  return starts;
}

function timeBin(t: Tally, start: number, unit: BinUnit): TimeBin {
  return { ...t.figure(), start: isoOfDay(start), end: isoOfDay(nextBinStart(start, unit)) };
}

interface Timeline {
  readonly unit: BinUnit;
  readonly starts: number[];
  /** Index into `starts` of each item, -1 when undated. */
  readonly slot: Int32Array;
  readonly dated: Dated;
}

function timeline(items: readonly CoverageItem[], options: TimeOptions): Timeline {
  const zone = new CalendarZone(options.timeZone);
  const weekStart = options.weekStart ?? 1;
  const dated = datesOf(items, zone);
  const slot = new Int32Array(items.length).fill(-1);
  if (dated.first === Infinity) return { unit: 'day', starts: [], slot, dated };
  const unit =
    !options.bin || options.bin === 'auto' ? autoBinUnit(dated.first, dated.last) : options.bin;
  const starts = binsBetween(dated.first, dated.last, unit, weekStart);
  // Day → bin index through a table over the span: one lookup per clipping.
  const table = new Int32Array(dated.last - dated.first + 1);
  let b = 0;
  for (let d = dated.first; d <= dated.last; d++) {
    while (b + 1 < starts.length && starts[b + 1]! <= d) b++;
    table[d - dated.first] = b;
  }
  for (let i = 0; i < items.length; i++) {
    const d = dated.days[i]!;
    if (d !== NO_DAY) slot[i] = table[d - dated.first]!;
  }
  return { unit, starts, slot, dated };
}

/** Counted clippings per time bin, empty bins included; undated ones are left out. */
export function volumeOverTime(
  items: readonly CoverageItem[],
  options: TimeOptions = {},
): { bin: BinUnit; bins: TimeBin[] } {
  const line = timeline(items, options);
  return { bin: line.unit, bins: volumeOf(items, line) };
}

function volumeOf(items: readonly CoverageItem[], line: Timeline): TimeBin[] {
  const tallies = line.starts.map((s) => new Tally(isoOfDay(s), binLabel(s, line.unit)));
  items.forEach((item, i) => {
    const s = line.slot[i]!;
    if (s >= 0) tallies[s]!.add(item);
  });
  return tallies.map((t, i) => timeBin(t, line.starts[i]!, line.unit));
}

/**
 * Volume over time for each value of a dimension: the `top` values with most clippings get
 * their own series, the rest are one "Other" series. Tone and media type keep their fixed
 * order. Cells come series by series, each over every bin.
 */
export function volumeSplitBy(
  items: readonly CoverageItem[],
  dimension: SplitDimension,
  options: TimeOptions & { readonly top?: number } = {},
): { bin: BinUnit; cells: TimeCell[] } {
  const line = timeline(items, options);
  return { bin: line.unit, cells: splitOf(items, line, dimension, options.top ?? 6) };
}

function splitOf(
  items: readonly CoverageItem[],
  line: Timeline,
  dimension: SplitDimension,
  top: number,
  split: readonly Figure[] = splitBy(items, dimension),
): TimeCell[] {
  const series = split.filter((f) => f.count > 0);
  const own = series.slice(0, top);
  const index = new Map(own.map((f, i) => [f.key, i]));
  const hasOther = series.length > top;
  const groups = [
    ...own.map((f) => [f.key, f.label] as const),
    ...(hasOther ? [[OTHER_KEY, 'Other'] as const] : []),
  ];
  const grid = groups.map(() =>
    line.starts.map((s) => new Tally(isoOfDay(s), binLabel(s, line.unit))),
  );
  const folder = new KeyFolder();
  items.forEach((item, i) => {
    const s = line.slot[i]!;
    if (s < 0) return;
    let other = false;
    visitKeys(item, dimension, folder, (key) => {
      const g = index.get(key);
      if (g !== undefined) grid[g]![s]!.add(item);
      else other = true;
    });
    if (other && hasOther) grid[groups.length - 1]![s]!.add(item);
  });
  return grid.flatMap((row, g) =>
    row.map((t, s) => ({
      ...timeBin(t, line.starts[s]!, line.unit),
      group: groups[g]![0],
      groupLabel: groups[g]![1],
    })),
  );
}

/** Every figure of the dashboard and the report's summary page, in one pass per part. */
export function summariseCoverage(
  items: readonly CoverageItem[],
  options: CoverageOptions = {},
): CoverageSummary {
  const counting = options.counting ?? 'per-copy';
  const counted = countedItems(items, options);
  const line = options.timeSeries === false ? null : timeline(counted, options);
  const dated = line ? line.dated : datesOf(counted, new CalendarZone(options.timeZone));
  const byOutlet = splitBy(counted, 'outlet');
  const byTag = splitBy(counted, 'tag');
  const byTone = splitBy(counted, 'tone');
  const byMediaType = splitBy(counted, 'mediaType');
  const splits: Record<SplitDimension, Figure[]> = {
    outlet: byOutlet,
    tag: byTag,
    tone: byTone,
    mediaType: byMediaType,
  };
  const first = dated.first;
  return {
    clippings: items.length,
    counted: counted.length,
    counting,
    from: first === Infinity ? '' : isoOfDay(first),
    to: first === Infinity ? '' : isoOfDay(dated.last),
    undated: dated.undated.figure(),
    bin: line?.unit ?? 'day',
    volume: line ? volumeOf(counted, line) : [],
    volumeSplit:
      line && options.splitBy
        ? splitOf(counted, line, options.splitBy, options.splitTop ?? 6, splits[options.splitBy])
        : [],
    byOutlet,
    byTag,
    byTone,
    byMediaType,
    topOutlets: byOutlet.slice(0, options.top ?? 10),
    topAuthors: topAuthors(counted, options.top ?? 10),
    toneOverTime: line ? splitOf(counted, line, 'tone', TONES.length + 1, byTone) : [],
    reach: reachFigures(counted, byOutlet),
  };
}
