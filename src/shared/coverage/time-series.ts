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
import {
  NO_DAY,
  idOfFoldedKey,
  indexOf,
  keyIdCount,
  zoneOf,
  type CoverageIndex,
} from './index-keys';
import { Counts, LazyBin, LazyCell, LazyFigure, OTHER_KEY, idsWhere } from './tally';

export interface Dated {
  /** Day number per item, NO_DAY when undated. */
  readonly days: Int32Array;
  readonly first: number;
  readonly last: number;
  readonly undated: Figure;
}

export function datesOf(index: CoverageIndex, zone: CalendarZone): Dated {
  const memo = `dates:${zone.timeZone}`;
  const held = index.memo.get(memo) as Dated | undefined;
  if (held) return held;
  const days = index.days(zone);
  const reach = index.store.reach;
  const rows = index.rows;
  const undated = new Counts(1);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (day === NO_DAY) undated.add(0, i, reach[rows[i]!]!);
    else {
      if (day < first) first = day;
      if (day > last) last = day;
    }
  }
  const dated: Dated = {
    days,
    first,
    last,
    undated: new LazyFigure('', 'Undated', undated, 0, () =>
      idsWhere(index.items, (i) => days[i] === NO_DAY),
    ),
  };
  index.memo.set(memo, dated);
  return dated;
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

export interface BinSpan {
  readonly start: string;
  readonly label: string;
  readonly end: string;
}

export interface Timeline {
  readonly unit: BinUnit;
  readonly starts: number[];
  /** Each bin's first day, label and end (`YYYY-MM-DD`, exclusive). */
  readonly bins: readonly BinSpan[];
  /** Index into `starts` of each item, -1 when undated. */
  readonly slot: Int32Array;
  readonly dated: Dated;
}

export function timeline(index: CoverageIndex, options: TimeOptions): Timeline {
  const zone = zoneOf(options.timeZone);
  const weekStart = options.weekStart ?? 1;
  const memo = `line:${zone.timeZone}:${options.bin ?? 'auto'}:${weekStart}`;
  const held = index.memo.get(memo) as Timeline | undefined;
  if (held) return held;
  const dated = datesOf(index, zone);
  const slot = new Int32Array(dated.days.length).fill(-1);
  let line: Timeline;
  if (dated.first === Infinity) {
    line = { unit: 'day', starts: [], bins: [], slot, dated };
  } else {
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
    for (let i = 0; i < slot.length; i++) {
      const d = dated.days[i]!;
      if (d !== NO_DAY) slot[i] = table[d - dated.first]!;
    }
    line = {
      unit,
      starts,
      bins: starts.map((s) => ({
        start: isoOfDay(s),
        label: binLabel(s, unit),
        end: isoOfDay(nextBinStart(s, unit)),
      })),
      slot,
      dated,
    };
  }
  index.memo.set(memo, line);
  return line;
}

/** Counted clippings per time bin, empty bins included; undated ones are left out. */
export function volumeOverTime(
  items: readonly CoverageItem[],
  options: TimeOptions = {},
): { bin: BinUnit; bins: TimeBin[] } {
  const index = indexOf(items);
  const line = timeline(index, options);
  return { bin: line.unit, bins: volumeOf(index, line) };
}

export function volumeOf(index: CoverageIndex, line: Timeline): TimeBin[] {
  const { slot } = line;
  const { reach } = index.store;
  const rows = index.rows;
  const counts = new Counts(line.starts.length);
  for (let i = 0; i < slot.length; i++) {
    const s = slot[i]!;
    if (s >= 0) counts.add(s, i, reach[rows[i]!]!);
  }
  const list = (s: number): string[] => idsWhere(index.items, (i) => slot[i] === s);
  return line.bins.map((b, s) => new LazyBin(b.start, b.label, b.end, counts, s, list));
}

/**
 * Which series each item falls in. Outlet, tone and media type: one (`column`, -1 for none);
 * tags: the series of each of its tags, and Other once for any past them (`inSeries`).
 */
interface Membership {
  /** A single-valued dimension's column of key ids or codes by row; undefined for tags. */
  readonly column?: Int32Array;
  /** Key id or code → series (`other` for values past the series shown). */
  readonly seriesOf: Int32Array;
  inSeries(i: number, g: number): boolean;
}

function membership(
  index: CoverageIndex,
  dimension: SplitDimension,
  own: readonly Figure[],
  other: number,
): Membership {
  const { store, rows } = index;
  if (dimension === 'tone' || dimension === 'mediaType') {
    const codes = dimension === 'tone' ? store.toneCodes : store.mediaCodes;
    const column = dimension === 'tone' ? store.tone : store.media;
    const seriesOf = new Int32Array(codes.values.length).fill(other);
    own.forEach((f, g) => {
      const c = codes.codeOf(f.key);
      if (c !== undefined) seriesOf[c] = g;
    });
    return { column, seriesOf, inSeries: (i, g) => seriesOf[column[rows[i]!]!] === g };
  }
  // Key id → series, `other` for the rest.
  const seriesOf = new Int32Array(keyIdCount()).fill(other);
  own.forEach((f, g) => {
    const id = idOfFoldedKey(f.key);
    if (id !== undefined) seriesOf[id] = g;
  });
  if (dimension === 'outlet') {
    const outlet = store.outlet;
    return {
      column: outlet,
      seriesOf,
      inSeries: (i, g) => seriesOf[outlet[rows[i]!]!] === g,
    };
  }
  const { start, ids } = store.tags;
  return {
    seriesOf,
    inSeries: (i, g) => {
      const r = rows[i]!;
      const from = start[r]!;
      const to = start[r + 1]!;
      if (from === to) return seriesOf[0] === g;
      let inOther = false;
      for (let k = from; k < to; k++) {
        const h = seriesOf[ids[k]!]!;
        if (h === g && g !== other) return true;
        if (h === other) inOther = true;
      }
      return inOther && g === other;
    },
  };
}

export function splitOf(
  index: CoverageIndex,
  line: Timeline,
  dimension: SplitDimension,
  top: number,
  split: readonly Figure[],
): TimeCell[] {
  const series = split.filter((f) => f.count > 0);
  const own = series.slice(0, top);
  const hasOther = series.length > top;
  const groups = [
    ...own.map((f) => [f.key, f.label] as const),
    ...(hasOther ? [[OTHER_KEY, 'Other'] as const] : []),
  ];
  const other = hasOther ? groups.length - 1 : -1;
  const bins = line.starts.length;
  const { slot } = line;
  const { reach, tags } = index.store;
  const rows = index.rows;
  const member = membership(index, dimension, own, other);
  // Cell g * bins + s: series g, bin s.
  const counts = new Counts(groups.length * bins);
  const { column, seriesOf } = member;
  if (column) {
    for (let i = 0; i < slot.length; i++) {
      const s = slot[i]!;
      if (s < 0) continue;
      const g = seriesOf[column[rows[i]!]!]!;
      if (g >= 0) counts.add(g * bins + s, i, reach[rows[i]!]!);
    }
  } else {
    // A clipping counts in each series of its tags, and once in Other for any tag past them.
    const { start, ids } = tags;
    for (let i = 0; i < slot.length; i++) {
      const s = slot[i]!;
      if (s < 0) continue;
      const r = rows[i]!;
      const from = start[r]!;
      const to = start[r + 1]!;
      if (from === to) {
        const g = seriesOf[0]!;
        if (g >= 0) counts.add(g * bins + s, i, reach[r]!);
        continue;
      }
      let inOther = false;
      for (let k = from; k < to; k++) {
        const g = seriesOf[ids[k]!]!;
        if (g >= 0 && g !== other) counts.add(g * bins + s, i, reach[r]!);
        else inOther = true;
      }
      if (inOther && other >= 0) counts.add(other * bins + s, i, reach[r]!);
    }
  }
  const list = (k: number): string[] => {
    const g = Math.floor(k / bins);
    const s = k % bins;
    return idsWhere(index.items, (i) => slot[i] === s && member.inSeries(i, g));
  };
  const cells: TimeCell[] = [];
  groups.forEach(([group, groupLabel], g) => {
    for (let s = 0; s < bins; s++)
      cells.push(new LazyCell(line.bins[s]!, group, groupLabel, counts, g * bins + s, list));
  });
  return cells;
}
