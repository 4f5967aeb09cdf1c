/**
 * Time series of coverage figures: each clipping's day in the chosen zone, the bins from the
 * first dated day to the last (empty ones included), volume per bin, and per bin and series.
 */
import type {
  CoverageItem,
  Figure,
  SplitDimension,
  TimeBin,
  TimeCell,
  TimeOptions,
} from './aggregate';
import {
  type CalendarZone,
  autoBinUnit,
  binStart,
  isoOfDay,
  nextBinStart,
  type BinUnit,
  type WeekStart,
} from './calendar';
import { NO_DAY, idOfFoldedKey, indexOf, keyIdCount, zoneOf } from './index-keys';
import { OTHER_KEY, Tally } from './tally';

export interface Dated {
  readonly days: Int32Array;
  readonly first: number;
  readonly last: number;
  readonly undated: Tally;
}

export function datesOf(items: readonly CoverageItem[], zone: CalendarZone): Dated {
  const days = new Int32Array(items.length);
  const undated = new Tally('', 'Undated');
  let first = Infinity;
  let last = -Infinity;
  const all = indexOf(items).days(zone);
  items.forEach((item, i) => {
    const day = all[i]!;
    if (day === NO_DAY) {
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

export interface Timeline {
  readonly unit: BinUnit;
  readonly starts: number[];
  /** Index into `starts` of each item, -1 when undated. */
  readonly slot: Int32Array;
  readonly dated: Dated;
}

export function timeline(items: readonly CoverageItem[], options: TimeOptions): Timeline {
  const zone = zoneOf(options.timeZone);
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

export function volumeOf(items: readonly CoverageItem[], line: Timeline): TimeBin[] {
  const tallies = line.starts.map((s) => new Tally(isoOfDay(s), binLabel(s, line.unit)));
  items.forEach((item, i) => {
    const s = line.slot[i]!;
    if (s >= 0) tallies[s]!.add(item);
  });
  return tallies.map((t, i) => timeBin(t, line.starts[i]!, line.unit));
}

export function splitOf(
  items: readonly CoverageItem[],
  line: Timeline,
  dimension: SplitDimension,
  top: number,
  split: readonly Figure[],
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
  const otherRow = hasOther ? grid[groups.length - 1]! : null;
  if (dimension === 'tone' || dimension === 'mediaType') {
    items.forEach((item, i) => {
      const s = line.slot[i]!;
      if (s < 0) return;
      const g = index.get(dimension === 'tone' ? item.tone : item.mediaType);
      if (g !== undefined) grid[g]![s]!.add(item);
      else otherRow?.[s]!.add(item);
    });
  } else {
    // Key id → series, -1 for Other.
    const seriesOf = new Int32Array(keyIdCount()).fill(-1);
    own.forEach((f, g) => {
      const id = idOfFoldedKey(f.key);
      if (id !== undefined) seriesOf[id] = g;
    });
    const index = indexOf(items);
    const { start, ids } = index.tags;
    items.forEach((item, i) => {
      const s = line.slot[i]!;
      if (s < 0) return;
      if (dimension === 'outlet') {
        const g = seriesOf[index.outlet[i]!]!;
        if (g >= 0) grid[g]![s]!.add(item);
        else otherRow?.[s]!.add(item);
        return;
      }
      let other = start[i] === start[i + 1] && seriesOf[0]! < 0;
      if (start[i] === start[i + 1] && seriesOf[0]! >= 0) grid[seriesOf[0]!]![s]!.add(item);
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const g = seriesOf[ids[k]!]!;
        if (g >= 0) grid[g]![s]!.add(item);
        else other = true;
      }
      if (other) otherRow?.[s]!.add(item);
    });
  }
  return grid.flatMap((row, g) =>
    row.map((t, s) => ({
      ...timeBin(t, line.starts[s]!, line.unit),
      group: groups[g]![0],
      groupLabel: groups[g]![1],
    })),
  );
}
