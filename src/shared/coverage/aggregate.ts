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
import { isoOfDay, type BinUnit, type WeekStart } from './calendar';
import { foldedId, indexOf, keyIdCount, keyOfKeyId, zoneOf } from './index-keys';
import { KeyedTallies, Tally, byCountThenLabel } from './tally';
import { datesOf, splitOf, timeline, volumeOf } from './time-series';

export { volumeOverTime } from './time-series';

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

export const UNSET_LABELS: Record<SplitDimension | 'author', string> = {
  outlet: 'Unknown outlet',
  tag: 'Untagged',
  tone: 'Tone not set',
  mediaType: 'Media type not set',
  author: 'No author',
};

/**
 * The clippings the figures count. `once`: each story of several copies stands as one
 * clipping, its original when the set holds it, else the set's earliest copy; so a bar shows,
 * and filters to, exactly what it counts. With nothing to merge, the list itself (its keys are
 * indexed once for every figure asked of it).
 */
export function countedItems<T extends CoverageItem>(
  items: readonly T[],
  options: CountingOptions = {},
): readonly T[] {
  const stories = options.stories;
  if (options.counting !== 'once' || !stories || stories.size === 0) return items;
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
 * Counted clippings by one dimension, most first. Tags: a clipping counts under each of its
 * tags as written (so the rows add up to more than the total). Tone and media type list every
 * value in their fixed order, zeros included, then "not set" when any is.
 */
export function splitBy(items: readonly CoverageItem[], dimension: SplitDimension): Figure[] {
  if (dimension === 'tone' || dimension === 'mediaType') {
    const tallies = new Map<string, Tally>();
    if (dimension === 'tone') for (const t of TONES) tallies.set(t, new Tally(t, TONE_LABELS[t]));
    else for (const m of MEDIA_TYPES) tallies.set(m, new Tally(m, MEDIA_TYPE_LABELS[m]));
    for (const item of items) {
      const key = dimension === 'tone' ? item.tone : item.mediaType;
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = new Tally(key, UNSET_LABELS[dimension])));
      t.add(item);
    }
    return [...tallies.values()].map((t) => t.figure()).filter((f) => f.key !== '' || f.count > 0);
  }
  const tallies = new KeyedTallies();
  const index = indexOf(items);
  if (dimension === 'outlet')
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      tallies.add(index.outlet[i]!, item, item.source, UNSET_LABELS.outlet);
    }
  else {
    const { start, ids } = index.tags;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const from = start[i]!;
      const to = start[i + 1]!;
      if (from === to) tallies.add(0, item, item.tags, UNSET_LABELS.tag);
      for (let k = from; k < to; k++) tallies.add(ids[k]!, item, item.tags, UNSET_LABELS.tag);
    }
  }
  return tallies.order.map((t) => t.figure()).sort(byCountThenLabel);
}

/** The `n` authors with most counted clippings (each author of a clipping counts it). */
export function topAuthors(items: readonly CoverageItem[], n = 10): Figure[] {
  const tallies = new KeyedTallies();
  const { start, ids } = indexOf(items).authors;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    for (let k = start[i]!; k < start[i + 1]!; k++)
      tallies.add(ids[k]!, item, item.authors, UNSET_LABELS.author);
  }
  return tallies.order
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
    for (let g = 0; g < groups.length; g++) if (groups[g]!.ids.has(item.id)) tallies[g]!.add(item);
  const sum = tallies.reduce((s, t) => s + t.ids.length, 0);
  return tallies.map((t) => ({ ...t.figure(), share: sum > 0 ? t.ids.length / sum : 0 }));
}

/** The ids of items carrying `tag` or a tag under it (`politics` covers `politics/europe`). */
export function idsWithTag(items: readonly CoverageItem[], tag: string): Set<string> {
  const key = keyOfKeyId(foldedId(tag));
  const prefix = `${key}/`;
  const ids = new Set<string>();
  if (key === '') {
    // A blank tag matches only blank tags, which the keys leave out.
    for (const item of items) if (item.tags.some((t) => t.trim() === '')) ids.add(item.id);
    return ids;
  }
  // Whether each tag key is the tag or under it, decided once per key: 1 yes, 2 no.
  const matches = new Uint8Array(keyIdCount());
  const { start, ids: tagIds } = indexOf(items).tags;
  for (let i = 0; i < items.length; i++) {
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const id = tagIds[k]!;
      let m = id < matches.length ? matches[id]! : 0;
      if (m === 0) {
        const k = keyOfKeyId(id);
        m = k === key || k.startsWith(prefix) ? 1 : 2;
        if (id < matches.length) matches[id] = m;
      }
      if (m === 1) {
        ids.add(items[i]!.id);
        break;
      }
    }
  }
  return ids;
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
  return {
    bin: line.unit,
    cells: splitOf(items, line, dimension, options.top ?? 6, splitBy(items, dimension)),
  };
}

/** Every figure of the dashboard and the report's summary page, in one pass per part. */
export function summariseCoverage(
  items: readonly CoverageItem[],
  options: CoverageOptions = {},
): CoverageSummary {
  const counting = options.counting ?? 'per-copy';
  const counted = countedItems(items, options);
  const line = options.timeSeries === false ? null : timeline(counted, options);
  const dated = line ? line.dated : datesOf(counted, zoneOf(options.timeZone));
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
