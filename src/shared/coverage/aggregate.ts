/**
 * Coverage figures over a set of clippings: volume over time, splits by outlet, tag, tone and
 * media type, top outlets and authors, share of voice, reach. Pure and synchronous so the
 * dashboard, the report clip book and the CLI compute the same numbers. Every figure carries
 * the ids it counts (listed when first read), so a bar or a row can filter the library to
 * exactly those clippings.
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
import {
  foldedId,
  indexOf,
  keyIdCount,
  keyOfKeyId,
  spellingOf,
  zoneOf,
  type CoverageIndex,
} from './index-keys';
import { Counts, LazyFigure, byCountThenLabel, idsWhere, type Lister } from './tally';
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
  return [...splitOfIndex(indexOf(items), dimension)];
}

/** A split of an index, worked out once (figures are never changed once made). */
function splitOfIndex(index: CoverageIndex, dimension: SplitDimension): readonly Figure[] {
  const memo = `split:${dimension}`;
  let split = index.memo.get(memo) as readonly Figure[] | undefined;
  if (!split) {
    split =
      dimension === 'tone' || dimension === 'mediaType'
        ? codedSplit(index, dimension)
        : keyedSplit(index, dimension === 'outlet' ? 'outlet' : 'tags', UNSET_LABELS[dimension]);
    index.memo.set(memo, split);
  }
  return split;
}

function codedSplit(index: CoverageIndex, dimension: 'tone' | 'mediaType'): Figure[] {
  const { store, rows, items } = index;
  const tone = dimension === 'tone';
  const codes = tone ? store.toneCodes : store.mediaCodes;
  const column = tone ? store.tone : store.media;
  const fixed = tone ? TONES.length : MEDIA_TYPES.length;
  const labels: Record<string, string> = tone ? TONE_LABELS : MEDIA_TYPE_LABELS;
  const counts = new Counts(codes.values.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    counts.add(column[r]!, i, store.reach[r]!);
  }
  const list = (c: number): string[] => idsWhere(items, (i) => column[rows[i]!] === c);
  const figure = (c: number, label: string): Figure =>
    new LazyFigure(codes.values[c]!, label, counts, c, list);
  const out: Figure[] = [];
  for (let c = 1; c <= fixed; c++) out.push(figure(c, labels[codes.values[c]!]!));
  // Then "not set" (and any value the app does not know), in the order met.
  for (const c of counts.order)
    if (c === 0 || c > fixed) out.push(figure(c, UNSET_LABELS[dimension]));
  return out;
}

/**
 * Counts by interned key (outlets, tags and authors compare case-insensitively; the first
 * spelling met is the label). `unset`: the label of clippings with none (outlets and tags
 * count them; authors leave them out).
 */
function keyedSplit(
  index: CoverageIndex,
  of: 'outlet' | 'tags' | 'authors',
  unset: string | null,
  top = Infinity,
): Figure[] {
  const { store, rows, items } = index;
  const counts = new Counts(keyIdCount());
  const reach = store.reach;
  let list: Lister;
  let spelling: (i: number) => string | readonly string[];
  if (of === 'outlet') {
    const outlet = store.outlet;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      counts.add(outlet[r]!, i, reach[r]!);
    }
    list = (id) => idsWhere(items, (i) => outlet[rows[i]!] === id);
    spelling = (i) => items[i]!.source;
  } else {
    const { start, ids } = store[of];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const from = start[r]!;
      const to = start[r + 1]!;
      if (from === to && unset !== null) counts.add(0, i, reach[r]!);
      for (let k = from; k < to; k++) counts.add(ids[k]!, i, reach[r]!);
    }
    const has = (r: number, id: number): boolean => {
      const to = start[r + 1]!;
      if (id === 0) return start[r] === to;
      for (let k = start[r]!; k < to; k++) if (ids[k] === id) return true;
      return false;
    };
    list = (id) => idsWhere(items, (i) => has(rows[i]!, id));
    spelling = of === 'tags' ? (i) => items[i]!.tags : (i) => items[i]!.authors;
  }
  // Only the `top` (and those tied with the last of them) need a label and a figure.
  let least = 0;
  if (top < counts.order.length) {
    const sorted = Int32Array.from(counts.order, (id) => counts.count[id]!).sort();
    least = sorted[sorted.length - top]!;
  }
  const figures: Figure[] = [];
  counts.order.forEach((id, n) => {
    if (counts.count[id]! < least) return;
    const label = id === 0 ? (unset ?? '') : spellingOf(spelling(counts.firstAt[n]!), id);
    figures.push(new LazyFigure(keyOfKeyId(id), label, counts, id, list));
  });
  return figures.sort(byCountThenLabel).slice(0, top);
}

/** The `n` authors with most counted clippings (each author of a clipping counts it). */
export function topAuthors(items: readonly CoverageItem[], n = 10): Figure[] {
  return keyedSplit(indexOf(items), 'authors', null, n);
}

/** Total reach and reach per outlet (outlets with reach set, largest first). */
export function reachFigures(
  items: readonly CoverageItem[],
  byOutlet: readonly Figure[] = splitBy(items, 'outlet'),
): ReachFigures {
  const { store, rows } = indexOf(items);
  let total = 0;
  let withReach = 0;
  for (let i = 0; i < rows.length; i++) {
    const reach = store.reach[rows[i]!]!;
    if (reach === reach) {
      total += reach;
      withReach++;
    }
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
  const index = indexOf(items);
  const { store, rows } = index;
  const counts = new Counts(groups.length);
  // A tag's group made by idsWithTag for these items is tested by position, not by id.
  const masks = groups.map((g) => {
    const made = tagSets.get(g.ids);
    return made?.index === index && made.size === g.ids.size ? made.mask : null;
  });
  for (let g = 0; g < groups.length; g++) {
    const mask = masks[g];
    const ids = groups[g]!.ids;
    if (mask) {
      for (let i = 0; i < rows.length; i++) if (mask[i]) counts.add(g, i, store.reach[rows[i]!]!);
    } else {
      for (let i = 0; i < rows.length; i++)
        if (ids.has(items[i]!.id)) counts.add(g, i, store.reach[rows[i]!]!);
    }
  }
  let sum = 0;
  for (let g = 0; g < groups.length; g++) sum += counts.count[g]!;
  return groups.map((group, g) => {
    let ids: readonly string[] | undefined;
    const count = counts.count[g]!;
    return {
      key: group.key,
      label: group.label,
      count,
      reach: counts.reach[g]!,
      withReach: counts.withReach[g]!,
      get ids() {
        return (ids ??= idsWhere(items, (i) => group.ids.has(items[i]!.id)));
      },
      share: sum > 0 ? count / sum : 0,
    };
  });
}

/**
 * The sets idsWithTag made, with the items they are of and which of them they hold (by
 * position), while their size is what it was made with (they are best left unchanged).
 */
const tagSets = new WeakMap<
  ReadonlySet<string>,
  { index: CoverageIndex; mask: Uint8Array; size: number }
>();

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
  const index = indexOf(items);
  const { store, rows } = index;
  const { start, ids: tagIds } = store.tags;
  const mask = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    for (let k = start[r]!; k < start[r + 1]!; k++) {
      const id = tagIds[k]!;
      let m = id < matches.length ? matches[id]! : 0;
      if (m === 0) {
        const k = keyOfKeyId(id);
        m = k === key || k.startsWith(prefix) ? 1 : 2;
        if (id < matches.length) matches[id] = m;
      }
      if (m === 1) {
        ids.add(items[i]!.id);
        mask[i] = 1;
        break;
      }
    }
  }
  tagSets.set(ids, { index, mask, size: ids.size });
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
  const index = indexOf(items);
  const line = timeline(index, options);
  return {
    bin: line.unit,
    cells: splitOf(index, line, dimension, options.top ?? 6, splitOfIndex(index, dimension)),
  };
}

/** Every figure of the dashboard and the report's summary page, in one pass per part. */
export function summariseCoverage(
  items: readonly CoverageItem[],
  options: CoverageOptions = {},
): CoverageSummary {
  const counting = options.counting ?? 'per-copy';
  const counted = countedItems(items, options);
  const index = indexOf(counted);
  const line = options.timeSeries === false ? null : timeline(index, options);
  const dated = line ? line.dated : datesOf(index, zoneOf(options.timeZone));
  const splits: Record<SplitDimension, readonly Figure[]> = {
    outlet: splitOfIndex(index, 'outlet'),
    tag: splitOfIndex(index, 'tag'),
    tone: splitOfIndex(index, 'tone'),
    mediaType: splitOfIndex(index, 'mediaType'),
  };
  const first = dated.first;
  return {
    clippings: items.length,
    counted: counted.length,
    counting,
    from: first === Infinity ? '' : isoOfDay(first),
    to: first === Infinity ? '' : isoOfDay(dated.last),
    undated: dated.undated,
    bin: line?.unit ?? 'day',
    volume: line ? volumeOf(index, line) : [],
    volumeSplit:
      line && options.splitBy
        ? splitOf(index, line, options.splitBy, options.splitTop ?? 6, splits[options.splitBy])
        : [],
    byOutlet: [...splits.outlet],
    byTag: [...splits.tag],
    byTone: [...splits.tone],
    byMediaType: [...splits.mediaType],
    topOutlets: splits.outlet.slice(0, options.top ?? 10),
    topAuthors: topAuthors(counted, options.top ?? 10),
    toneOverTime: line ? splitOf(index, line, 'tone', TONES.length + 1, splits.tone) : [],
    reach: reachFigures(counted, splits.outlet),
  };
}
