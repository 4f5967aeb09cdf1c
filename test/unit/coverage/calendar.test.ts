import { describe, expect, it } from 'vitest';
import {
  CalendarZone,
  autoBinUnit,
  binStart,
  dayOfDate,
  isoOfDay,
  nextBinStart,
  weekdayOfDay,
} from '@shared/coverage/calendar';

const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return dayOfDate(y!, m!, d!)!;
};

describe('calendar days', () => {
  it('numbers valid dates and refuses impossible ones', () => {
    expect(dayOfDate(1970, 1, 1)).toBe(0);
    expect(isoOfDay(day('2024-02-29'))).toBe('2024-02-29');
    expect(dayOfDate(2023, 2, 29)).toBeNull();
    expect(dayOfDate(2024, 13, 1)).toBeNull();
    expect(isoOfDay(day('1969-12-31'))).toBe('1969-12-31');
    expect(weekdayOfDay(day('1969-12-28'))).toBe(0);
  });

  it('keeps a date, or a time without offset, as written; moves instants into the zone', () => {
    const ny = new CalendarZone('America/New_York');
    const tokyo = new CalendarZone('Asia/Tokyo');
    for (const zone of [ny, tokyo]) {
      expect(isoOfDay(zone.dayOf('2024-03-03')!)).toBe('2024-03-03');
      expect(isoOfDay(zone.dayOf('2024-03-03T23:59')!)).toBe('2024-03-03');
    }
    // 23:30 UTC on the 3rd is still the 3rd in New York, already the 4th in Tokyo.
    expect(isoOfDay(ny.dayOf('2024-03-03T23:30:00Z')!)).toBe('2024-03-03');
    expect(isoOfDay(tokyo.dayOf('2024-03-03T23:30:00Z')!)).toBe('2024-03-04');
    // Across New York's switch to summer time (10 March 2024, 02:00 local).
    expect(isoOfDay(ny.dayOf('2024-03-10T04:30:00Z')!)).toBe('2024-03-09');
    expect(isoOfDay(ny.dayOf('2024-03-10T05:30:00Z')!)).toBe('2024-03-10');
    expect(ny.dayOf('')).toBeNull();
    expect(ny.dayOf('2024-02-30')).toBeNull();
    expect(ny.dayOf('March 2024')).toBeNull();
  });

  it('refuses an unknown time zone', () => {
    expect(() => new CalendarZone('Mars/Olympus')).toThrow(RangeError);
  });
});

describe('bins', () => {
  it('starts weeks on Monday by default, on Sunday when asked', () => {
    expect(isoOfDay(binStart(day('2024-03-03'), 'week'))).toBe('2024-02-26');
    expect(isoOfDay(binStart(day('2024-03-04'), 'week'))).toBe('2024-03-04');
    expect(isoOfDay(binStart(day('2024-03-10'), 'week'))).toBe('2024-03-04');
    expect(isoOfDay(binStart(day('2024-03-03'), 'week', 0))).toBe('2024-03-03');
    expect(isoOfDay(binStart(day('2024-03-09'), 'week', 0))).toBe('2024-03-03');
    // A week across the year's end.
    expect(isoOfDay(binStart(day('2025-01-01'), 'week'))).toBe('2024-12-30');
  });

  it('walks months of every length', () => {
    expect(isoOfDay(binStart(day('2024-02-29'), 'month'))).toBe('2024-02-01');
    expect(isoOfDay(nextBinStart(day('2024-01-01'), 'month'))).toBe('2024-02-01');
    expect(isoOfDay(nextBinStart(day('2024-12-01'), 'month'))).toBe('2025-01-01');
    expect(isoOfDay(nextBinStart(day('2024-03-04'), 'week'))).toBe('2024-03-11');
  });

  it('chooses days up to a month, weeks up to half a year, then months', () => {
    expect(autoBinUnit(day('2024-03-01'), day('2024-03-31'))).toBe('day');
    expect(autoBinUnit(day('2024-03-01'), day('2024-04-01'))).toBe('week');
    expect(autoBinUnit(day('2024-01-01'), day('2024-07-01'))).toBe('week');
    expect(autoBinUnit(day('2024-01-01'), day('2024-07-02'))).toBe('month');
  });
});
