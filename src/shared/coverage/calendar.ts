/**
 * Calendar days and time bins for coverage figures. A clipping's day is the date the outlet
 * printed: a date alone (or a date and a time without an offset) is that calendar date, never
 * shifted; an instant with an offset (`…T23:30:00-05:00`) is the date it was in the chosen
 * time zone (the user's by default). Days are counted from 1970-01-01 so bins are integer sums.
 */

export const BIN_UNITS = ['day', 'week', 'month'] as const;
export type BinUnit = (typeof BIN_UNITS)[number];

/** 0 = weeks start on Sunday, 1 = on Monday (ISO 8601, the default). */
export type WeekStart = 0 | 1;

const MS_PER_DAY = 86_400_000;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
const WITH_OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
/** Time-zone offsets change on quarter hours at the finest, so one lookup serves 15 minutes. */
const ZONE_SLOT_MS = 15 * 60_000;

/** Days since 1970-01-01 of a valid calendar date, else null (e.g. 2024-02-30). */
export function dayOfDate(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  if (year < 100) back.setUTCFullYear(year);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return Math.round(back.getTime() / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day's UTC midnight as a Date (how charts place a calendar day on a time axis). */
export function dateOfDay(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Turns `publishedAt` values into day numbers in one time zone, caching the zone's answers:
 * Intl is the only correct source of offsets, and far too slow to ask 100,000 times.
 */
export class CalendarZone {
  readonly timeZone: string;
  readonly #parts: Intl.DateTimeFormat;
  readonly #slots = new Map<number, number>();

  /** `timeZone` is an IANA name; undefined is the user's own zone. Throws on an unknown name. */
  constructor(timeZone?: string) {
    this.#parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hourCycle: 'h23',
    });
    this.timeZone = this.#parts.resolvedOptions().timeZone;
  }

  /** The day number of `publishedAt`, or null when it has no valid date. */
  dayOf(publishedAt: string): number | null {
    const m = DATE_PREFIX.exec(publishedAt);
    if (!m) return null;
    if (publishedAt.length === 10 || !WITH_OFFSET.test(publishedAt))
      return dayOfDate(Number(m[1]), Number(m[2]), Number(m[3]));
    const ms = Date.parse(publishedAt);
    if (Number.isNaN(ms)) return null;
    return this.#dayOfInstant(ms);
  }

  #dayOfInstant(ms: number): number | null {
    const slot = Math.floor(ms / ZONE_SLOT_MS);
    const cached = this.#slots.get(slot);
    if (cached !== undefined) return cached;
    let year = 0;
    let month = 0;
    let day = 0;
    for (const p of this.#parts.formatToParts(ms)) {
      if (p.type === 'year') year = Number(p.value);
      else if (p.type === 'month') month = Number(p.value);
      else if (p.type === 'day') day = Number(p.value);
    }
    const result = dayOfDate(year, month, day);
    if (result !== null) this.#slots.set(slot, result);
    return result;
  }
}

/** The first day of the bin that holds `day`. */
export function binStart(day: number, unit: BinUnit, weekStart: WeekStart = 1): number {
  if (unit === 'day') return day;
  if (unit === 'week') return day - ((weekdayOfDay(day) - weekStart + 7) % 7);
  const d = dateOfDay(day);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / MS_PER_DAY);
}

/** The first day of the bin after the one starting on `start`. */
export function nextBinStart(start: number, unit: BinUnit): number {
  if (unit === 'day') return start + 1;
  if (unit === 'week') return start + 7;
  const d = dateOfDay(start);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / MS_PER_DAY);
}

/**
 * The bin a span of days reads best in: days up to a month (≤ 31 bars), weeks up to half a
 * year (≤ 27 bars), months beyond.
 */
export function autoBinUnit(firstDay: number, lastDay: number): BinUnit {
  const span = lastDay - firstDay + 1;
  if (span <= 31) return 'day';
  if (span <= 183) return 'week';
  return 'month';
}
