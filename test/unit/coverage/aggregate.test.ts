import { describe, expect, it } from 'vitest';
import {
  countedItems,
  coverageItemOf,
  idsWithTag,
  reachFigures,
  shareOfVoice,
  splitBy,
  summariseCoverage,
  topAuthors,
  volumeOverTime,
  volumeSplitBy,
  type Figure,
} from '@shared/coverage/aggregate';
import type { Clipping } from '@shared/clipping';
import { LIBRARY, STORIES } from './library';

const rows = (figures: readonly Figure[]) =>
  figures.map((f) => [f.label, f.count, [...f.ids].sort().join(' ')]);
const once = { counting: 'once', stories: STORIES } as const;

describe('story counting', () => {
  it('counts every copy by default', () => {
    expect(countedItems(LIBRARY, { stories: STORIES })).toHaveLength(8);
  });

  it('counts a story once, as its original, else its earliest copy in the set', () => {
    expect(countedItems(LIBRARY, once).map((i) => i.id)).toEqual(['a1', 'b2', 'c1', 'c2', 'u1']);
    // Without the original, the earliest copy stands for the story.
    const noOriginal = LIBRARY.filter((i) => i.id !== 'a1');
    expect(countedItems(noOriginal, once).map((i) => i.id)).toEqual(['a2', 'b2', 'c1', 'c2', 'u1']);
    // The original wins even when it comes later in the set.
    expect(countedItems([...LIBRARY].reverse(), once).map((i) => i.id)).toEqual([
      'u1',
      'c2',
      'c1',
      'b2',
      'a1',
    ]);
  });
});

describe('splits', () => {
  it('by outlet, case-insensitively, most first', () => {
    expect(rows(splitBy(LIBRARY, 'outlet'))).toEqual([
      ['Le Monde', 2, 'b2 c2'],
      ['Reuters', 2, 'a1 c1'],
      ['The Times', 2, 'a2 a3'],
      ['Blog', 1, 'u1'],
      ['El País', 1, 'b3'],
    ]);
  });

  it('by tag as written (a clipping counts under each), untagged apart', () => {
    expect(rows(splitBy(LIBRARY, 'tag'))).toEqual([
      ['climate', 4, 'a1 b2 b3 u1'],
      ['politics', 2, 'a2 a3'],
      ['Untagged', 1, 'c1'],
      ['politics/europe', 1, 'a1'],
      ['sport', 1, 'c2'],
    ]);
  });

  it('by tone and media type in their fixed order, with "not set" last', () => {
    expect(rows(splitBy(LIBRARY, 'tone'))).toEqual([
      ['Positive', 2, 'b2 b3'],
      ['Neutral', 1, 'a1'],
      ['Negative', 2, 'a2 a3'],
      ['Mixed', 1, 'c2'],
      ['Tone not set', 2, 'c1 u1'],
    ]);
    const media = splitBy(LIBRARY, 'mediaType');
    expect(media.map((f) => [f.key, f.count])).toEqual([
      ['online', 1],
      ['print', 1],
      ['broadcast', 0],
      ['wire', 2],
      ['newsletter', 0],
      ['social', 0],
      ['other', 0],
      ['', 4],
    ]);
    // No "not set" row when every clipping is coded.
    expect(splitBy(LIBRARY.slice(0, 2), 'tone').map((f) => f.key)).toEqual([
      'positive',
      'neutral',
      'negative',
      'mixed',
    ]);
  });

  it('top authors count each author of a clipping', () => {
    expect(rows(topAuthors(LIBRARY))).toEqual([
      ['Ann Lee', 2, 'a1 a2'],
      ['Bo Chen', 2, 'a2 b2'],
    ]);
    expect(topAuthors(LIBRARY, 1)).toHaveLength(1);
  });

  it('reach in total and per outlet, only where set', () => {
    const reach = reachFigures(LIBRARY);
    expect(reach.total).toBe(2700);
    expect(reach.withReach).toBe(4);
    expect(reach.byOutlet.map((f) => [f.label, f.reach, f.withReach, f.count])).toEqual([
      ['Reuters', 2000, 2, 2],
      ['The Times', 500, 1, 2],
      ['Le Monde', 200, 1, 2],
    ]);
    expect(reachFigures(countedItems(LIBRARY, once)).total).toBe(2200);
  });
});

describe('share of voice', () => {
  const groups = (items = LIBRARY) => [
    { key: 'politics', label: 'politics', ids: idsWithTag(items, 'politics') },
    { key: 'climate', label: 'climate', ids: idsWithTag(items, 'Climate') },
  ];

  it('a tag covers the tags under it', () => {
    expect([...idsWithTag(LIBRARY, 'politics')].sort()).toEqual(['a1', 'a2', 'a3']);
    expect([...idsWithTag(LIBRARY, 'politics/europe')]).toEqual(['a1']);
    expect(idsWithTag(LIBRARY, 'polit').size).toBe(0);
  });

  it('shares are of the groups together; a clipping in both counts for both', () => {
    const shares = shareOfVoice(LIBRARY, groups());
    expect(shares.map((s) => [s.key, s.count, s.share])).toEqual([
      ['politics', 3, 3 / 7],
      ['climate', 4, 4 / 7],
    ]);
  });

  it('follows story counting', () => {
    const counted = countedItems(LIBRARY, once);
    const shares = shareOfVoice(counted, groups());
    expect(shares.map((s) => [s.key, s.count, s.share, [...s.ids].sort()])).toEqual([
      ['politics', 1, 1 / 4, ['a1']],
      ['climate', 3, 3 / 4, ['a1', 'b2', 'u1']],
    ]);
  });

  it('is zero, not NaN, when nothing matches', () => {
    const shares = shareOfVoice([], groups([]));
    expect(shares.map((s) => s.share)).toEqual([0, 0]);
  });
});

describe('volume over time', () => {
  it('bins by day for a month, empty days included, undated left out', () => {
    const { bin, bins } = volumeOverTime(LIBRARY, { timeZone: 'UTC' });
    expect(bin).toBe('day');
    expect(bins).toHaveLength(29);
    expect(bins[0]).toMatchObject({ start: '2024-03-03', end: '2024-03-04', count: 1 });
    const nonEmpty = bins.filter((b) => b.count > 0).map((b) => [b.start, [...b.ids].sort()]);
    expect(nonEmpty).toEqual([
      ['2024-03-03', ['a1']],
      ['2024-03-04', ['a2', 'a3']],
      ['2024-03-10', ['b2']],
      ['2024-03-11', ['b3']],
      ['2024-03-18', ['c1']],
      ['2024-03-31', ['c2']],
    ]);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(7);
  });

  it('weeks start on Monday: Sunday 3 March is the week before Monday 4 March', () => {
    const { bins } = volumeOverTime(LIBRARY, { bin: 'week', timeZone: 'UTC' });
    expect(bins.map((b) => [b.start, b.count])).toEqual([
      ['2024-02-26', 1],
      ['2024-03-04', 3],
      ['2024-03-11', 1],
      ['2024-03-18', 1],
      ['2024-03-25', 1],
    ]);
    const sunday = volumeOverTime(LIBRARY, { bin: 'week', weekStart: 0, timeZone: 'UTC' });
    expect(sunday.bins.map((b) => [b.start, b.count])).toEqual([
      ['2024-03-03', 3],
      ['2024-03-10', 2],
      ['2024-03-17', 1],
      ['2024-03-24', 0],
      ['2024-03-31', 1],
    ]);
  });

  it('an instant falls in the week of its date in the chosen time zone', () => {
    // c1 is Sunday 17 March 23:30 in New York: week of 11 March there, of 18 March in UTC.
    const ny = volumeOverTime(LIBRARY, { bin: 'week', timeZone: 'America/New_York' });
    expect(ny.bins.map((b) => [b.start, [...b.ids].sort()])).toEqual([
      ['2024-02-26', ['a1']],
      ['2024-03-04', ['a2', 'a3', 'b2']],
      ['2024-03-11', ['b3', 'c1']],
      ['2024-03-18', []],
      ['2024-03-25', ['c2']],
    ]);
  });

  it('bins by month over a longer span', () => {
    const spread = [...LIBRARY, { ...LIBRARY[0]!, id: 'z', publishedAt: '2024-11-02' }];
    const { bin, bins } = volumeOverTime(spread, { timeZone: 'UTC' });
    expect(bin).toBe('month');
    expect(bins.map((b) => b.start)).toEqual([
      '2024-03-01',
      '2024-04-01',
      '2024-05-01',
      '2024-06-01',
      '2024-07-01',
      '2024-08-01',
      '2024-09-01',
      '2024-10-01',
      '2024-11-01',
    ]);
    expect(bins.map((b) => b.count)).toEqual([7, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('has no bins when nothing is dated', () => {
    expect(volumeOverTime([LIBRARY[7]!]).bins).toEqual([]);
  });

  it('splits by outlet: the top values own a series, the rest are Other', () => {
    const { cells } = volumeSplitBy(LIBRARY, 'outlet', { bin: 'week', top: 2, timeZone: 'UTC' });
    const totals = new Map<string, number>();
    for (const c of cells) totals.set(c.groupLabel, (totals.get(c.groupLabel) ?? 0) + c.count);
    expect([...totals]).toEqual([
      ['Le Monde', 2],
      ['Reuters', 2],
      ['Other', 3],
    ]);
    expect(cells).toHaveLength(15);
    const other = cells.filter((c) => c.groupLabel === 'Other' && c.count > 0);
    expect(other.map((c) => [c.start, [...c.ids].sort()])).toEqual([
      ['2024-03-04', ['a2', 'a3']],
      ['2024-03-11', ['b3']],
    ]);
  });
});

describe('summary', () => {
  it('gathers every figure, counting copies', () => {
    const s = summariseCoverage(LIBRARY, { timeZone: 'UTC', stories: STORIES });
    expect(s).toMatchObject({
      clippings: 8,
      counted: 8,
      counting: 'per-copy',
      from: '2024-03-03',
      to: '2024-03-31',
      bin: 'day',
    });
    expect(s.undated.ids).toEqual(['u1']);
    expect(s.topOutlets.map((f) => f.label)).toEqual([
      'Le Monde',
      'Reuters',
      'The Times',
      'Blog',
      'El País',
    ]);
    expect(s.reach.total).toBe(2700);
    expect(s.volumeSplit).toEqual([]);
    const negative = s.toneOverTime.filter((c) => c.group === 'negative' && c.count > 0);
    expect(negative.map((c) => [c.start, c.count])).toEqual([['2024-03-04', 2]]);
  });

  it('counting stories once changes every figure alike', () => {
    const s = summariseCoverage(LIBRARY, { ...once, timeZone: 'UTC', bin: 'week', splitBy: 'tag' });
    expect(s.clippings).toBe(8);
    expect(s.counted).toBe(5);
    expect(s.volume.map((b) => b.count)).toEqual([1, 1, 0, 1, 1]);
    expect(rows(s.byOutlet)).toEqual([
      ['Le Monde', 2, 'b2 c2'],
      ['Reuters', 2, 'a1 c1'],
      ['Blog', 1, 'u1'],
    ]);
    expect(s.byTone.find((f) => f.key === 'negative')?.count).toBe(0);
    expect(s.reach.total).toBe(2200);
    expect(new Set(s.volumeSplit.map((c) => c.groupLabel))).toEqual(
      new Set(['climate', 'Untagged', 'politics/europe', 'sport']),
    );
  });

  it('leaves the time series out when asked, keeping the dates', () => {
    const s = summariseCoverage(LIBRARY, { timeZone: 'UTC', timeSeries: false, splitBy: 'tone' });
    expect(s).toMatchObject({ from: '2024-03-03', to: '2024-03-31', volume: [], volumeSplit: [] });
    expect(s.toneOverTime).toEqual([]);
    expect(s.undated.ids).toEqual(['u1']);
    expect(s.byTone.map((f) => f.count)).toEqual([2, 1, 2, 1, 2]);
  });

  it('reads a stored clipping through coverageItemOf', () => {
    const clipping = {
      id: 'k',
      source: 'Wire',
      authors: ['X'],
      publishedAt: '2024-01-01',
      tags: ['t'],
      coverage: { mediaType: 'wire', tone: 'mixed', reach: 7 },
    } as unknown as Clipping;
    expect(coverageItemOf(clipping)).toEqual({
      id: 'k',
      source: 'Wire',
      authors: ['X'],
      publishedAt: '2024-01-01',
      tags: ['t'],
      mediaType: 'wire',
      tone: 'mixed',
      reach: 7,
    });
    const old = { ...clipping, coverage: undefined } as unknown as Clipping;
    expect(coverageItemOf(old)).toMatchObject({ mediaType: '', tone: '', reach: null });
  });
});
