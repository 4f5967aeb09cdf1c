import { describe, expect, it } from 'vitest';
import type { Highlight, HighlightColor } from '@shared/annotations';
import type { ClippingSummary } from '../../../src/renderer/src/lib/db';
import { makeSummary } from './summary-factory';
import {
  emptyPassageFilter,
  filterPassages,
  passageRows,
  prepareWordSearch,
} from '../../../src/renderer/src/lib/passages';

const summary = (id: string, extra: Partial<ClippingSummary>) =>
  makeSummary(id, { highlightCount: 1, ...extra });

function highlight(
  id: string,
  clippingId: string,
  color: HighlightColor,
  extra: Partial<Highlight> = {},
): Highlight {
  return {
    id,
    clippingId,
    color,
    note: '',
    tags: [],
    quote: { type: 'TextQuoteSelector', exact: `quote ${id}`, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 5 },
    createdAt: '',
    updatedAt: '',
    ...extra,
  };
}

const summaries = new Map([
  ['a', summary('a', { source: 'Nordic Wire', publishedAt: '2025-03-03', tone: 'negative' })],
  ['b', summary('b', { source: 'Valley Gazette', publishedAt: '2024-01-10' })],
  ['t', summary('t', { deletedAt: '2025-01-01T00:00:00.000Z' })],
]);

const rows = passageRows(
  [
    highlight('a2', 'a', 'green', {
      position: { type: 'TextPositionSelector', start: 50, end: 60 },
    }),
    highlight('a1', 'a', 'yellow', { tags: ['politics/council'], note: 'Close vote' }),
    highlight('b1', 'b', 'green', {
      quote: { type: 'TextQuoteSelector', exact: 'Harbour fees rise', prefix: '', suffix: '' },
    }),
    highlight('t1', 't', 'yellow'),
  ],
  (id) => summaries.get(id),
);

const ids = (f: Partial<ReturnType<typeof emptyPassageFilter>>) =>
  filterPassages(rows, { ...emptyPassageFilter(), ...f }).map((r) => r.id);

describe('passages (the Highlights view)', () => {
  it('lists highlights of live clippings, newest clipping first, in text order within one', () => {
    expect(rows.map((r) => r.id)).toEqual(['a1', 'a2', 'b1']);
    expect(rows[0]).toMatchObject({ source: 'Nordic Wire', tone: 'negative', title: 'Title a' });
  });

  it('filters by colour, tag (with its children), outlet, date, tone and words', () => {
    expect(ids({})).toEqual(['a1', 'a2', 'b1']);
    expect(ids({ colors: ['green'] })).toEqual(['a2', 'b1']);
    expect(ids({ colors: ['green', 'yellow'] })).toEqual(['a1', 'a2', 'b1']);
    expect(ids({ tag: 'politics' })).toEqual(['a1']);
    expect(ids({ tag: 'polit' })).toEqual([]);
    expect(ids({ source: 'valley gazette' })).toEqual(['b1']);
    expect(ids({ from: '2025-01-01' })).toEqual(['a1', 'a2']);
    expect(ids({ to: '2024-12-31' })).toEqual(['b1']);
    expect(ids({ tone: 'negative' })).toEqual(['a1', 'a2']);
    expect(ids({ tone: 'unset' })).toEqual(['b1']);
    expect(ids({ words: 'HARBOUR fees' })).toEqual(['b1']);
    expect(ids({ words: 'close' })).toEqual(['a1']);
    expect(ids({ words: 'quote', colors: ['green'] })).toEqual(['a2']);
  });
});

describe('word search over folded rows', () => {
  it('finds words after a row whose lower-casing changes its length, folded at once or in slices', async () => {
    // Lower-cased, each İ becomes two characters: offsets taken before folding would put the
    // end of the first row ("xyz") into the second.
    const s = new Map([
      ['x', summary('x', { title: 'Alpha xyz', publishedAt: '2025-05-01' })],
      ['y', summary('y', { title: 'Beta', publishedAt: '2025-01-01' })],
    ]);
    const make = () =>
      passageRows(
        [
          highlight('1', 'x', 'yellow', {
            quote: { type: 'TextQuoteSelector', exact: 'İSTANBUL İİİİ', prefix: '', suffix: '' },
          }),
          highlight('2', 'y', 'yellow', {
            quote: { type: 'TextQuoteSelector', exact: 'harbour fees', prefix: '', suffix: '' },
          }),
        ],
        (id) => s.get(id),
      );
    const words = (rows: ReturnType<typeof make>, w: string) =>
      filterPassages(rows, { ...emptyPassageFilter(), words: w }).map((r) => r.id);
    const atOnce = make();
    expect(words(atOnce, 'xyz')).toEqual(['1']);
    expect(words(atOnce, 'fees')).toEqual(['2']);
    expect(words(atOnce, 'beta')).toEqual(['2']);
    const sliced = make();
    await prepareWordSearch(sliced, async () => undefined);
    expect(words(sliced, 'xyz')).toEqual(['1']);
    expect(words(sliced, 'beta')).toEqual(['2']);
  });
});

describe('passage rows against a plain sort', () => {
  it('match sorting every row by clipping date, id and position', () => {
    const rnd = (() => {
      let x = 7;
      return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    })();
    const lookup = new Map<string, ClippingSummary>();
    for (let i = 0; i < 40; i++) {
      const id = `c${i}`;
      lookup.set(
        id,
        summary(id, {
          publishedAt: `2024-0${1 + (i % 3)}-1${i % 4}`,
          deletedAt: i % 9 === 0 ? '2025-01-01T00:00:00.000Z' : '',
        }),
      );
    }
    const list = Array.from({ length: 400 }, (_, i) =>
      highlight(`h${i}`, `c${Math.floor(rnd() * 45)}`, 'yellow', {
        position: { type: 'TextPositionSelector', start: Math.floor(rnd() * 1000), end: 2000 },
      }),
    );
    const got = passageRows(list, (id) => lookup.get(id)).map((r) => r.id);
    const want = list
      .filter((h) => lookup.get(h.clippingId) && !lookup.get(h.clippingId)?.deletedAt)
      .map((h, i) => ({ h, i, s: lookup.get(h.clippingId) as ClippingSummary }))
      .sort(
        (a, b) =>
          (a.s.publishedAt === b.s.publishedAt ? 0 : a.s.publishedAt < b.s.publishedAt ? 1 : -1) ||
          (a.s.id === b.s.id ? 0 : a.s.id < b.s.id ? -1 : 1) ||
          a.h.position.start - b.h.position.start ||
          a.i - b.i,
      )
      .map((x) => x.h.id);
    expect(got).toEqual(want);
  });
});
