import { describe, expect, it } from 'vitest';
import {
  idsWithTag,
  shareOfVoice,
  splitBy,
  summariseCoverage,
  topAuthors,
  volumeSplitBy,
  type CoverageItem,
} from '@shared/coverage/aggregate';
import { LIBRARY } from './library';

const byLabel = (items: readonly CoverageItem[], dimension: 'tag' | 'outlet' | 'tone') =>
  splitBy(items, dimension).map((f) => [f.label, f.count, [...f.ids].sort().join(' ')]);

describe('keys kept per clipping', () => {
  it('an edited clipping (a new object) counts under its new keys; the old one keeps its own', () => {
    const before = LIBRARY.slice();
    expect(byLabel(before, 'tag')[0]).toEqual(['climate', 4, 'a1 b2 b3 u1']);
    const edited = before.map((i) =>
      i.id === 'c1'
        ? { ...i, tags: ['Climate'], source: 'Le Monde', tone: 'positive' as const }
        : i,
    );
    expect(byLabel(edited, 'tag')[0]).toEqual(['climate', 5, 'a1 b2 b3 c1 u1']);
    expect(byLabel(edited, 'outlet')[0]).toEqual(['Le Monde', 3, 'b2 c1 c2']);
    // The list before the edit still counts the clipping as it was.
    expect(byLabel(before, 'tag')[0]).toEqual(['climate', 4, 'a1 b2 b3 u1']);
    expect(byLabel(LIBRARY, 'tone')).toEqual(byLabel(before, 'tone'));
  });

  it('a part of a list counts the same as that part on its own', () => {
    const whole = summariseCoverage(LIBRARY, { splitBy: 'tag' });
    const part = LIBRARY.filter((i) => i.tags.length > 0);
    const fresh = part.map((i) => ({ ...i }));
    const a = summariseCoverage(part, { splitBy: 'tag' });
    const b = summariseCoverage(fresh, { splitBy: 'tag' });
    expect(whole.counted).toBe(LIBRARY.length);
    expect(a.byTag).toEqual(b.byTag);
    expect(a.volumeSplit).toEqual(b.volumeSplit);
    expect(a.topAuthors).toEqual(b.topAuthors);
    expect(a.byTone.map((f) => f.count)).toEqual(b.byTone.map((f) => f.count));
  });
});

describe('ids listed when read', () => {
  it('a figure and a copy of it (a spread) list the same ids, once', () => {
    const [top] = splitBy(LIBRARY, 'outlet');
    const copy = { ...top!, label: 'Top outlet' };
    expect(copy.ids).toEqual(top!.ids);
    expect(top!.ids).toBe(top!.ids);
    expect(top!.ids).toHaveLength(top!.count);
  });

  it('each cell lists the clippings it counts, Other included', () => {
    const { cells } = volumeSplitBy(LIBRARY, 'tag', { top: 2, bin: 'week' });
    for (const c of cells) expect(c.ids).toHaveLength(c.count);
    const other = cells.filter((c) => c.groupLabel === 'Other').flatMap((c) => [...c.ids]);
    expect(other.sort()).toEqual(['a1', 'c1', 'c2']);
  });
});

describe('top authors', () => {
  it('the first n are those of the whole ranking, ties broken by name', () => {
    // Counts: Cy 3; Al, Bea and Dan 2 (a tie across the cut at 2 and 3); Eve 1.
    const written = [['Cy', 'Dan'], ['Cy', 'Bea'], ['Cy', 'Al'], ['Dan'], ['Bea', 'Al'], ['Eve']];
    const items = written.map((authors, i) => ({ ...LIBRARY[0]!, id: `t${i}`, authors }));
    const all = topAuthors(items, 100);
    expect(all.map((f) => [f.label, f.count])).toEqual([
      ['Cy', 3],
      ['Al', 2],
      ['Bea', 2],
      ['Dan', 2],
      ['Eve', 1],
    ]);
    for (const n of [0, 1, 2, 3, 4]) expect(topAuthors(items, n)).toEqual(all.slice(0, n));
  });
});

describe('share of voice', () => {
  it('counts a tag set the same whether made by idsWithTag or given as a plain set', () => {
    const made = ['politics', 'climate'].map((t) => ({
      key: t,
      label: t,
      ids: idsWithTag(LIBRARY, t),
    }));
    const plain = made.map((g) => ({ ...g, ids: new Set([...g.ids]) }));
    const shares = (groups: typeof made) =>
      shareOfVoice(LIBRARY, groups).map((s) => [s.key, s.count, s.share, [...s.ids].sort()]);
    expect(shares(made)).toEqual(shares(plain));
    expect(shares(made)[0]).toEqual(['politics', 3, 3 / 7, ['a1', 'a2', 'a3']]);
  });
});
