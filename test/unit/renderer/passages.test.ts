import { describe, expect, it } from 'vitest';
import type { Highlight, HighlightColor } from '../../../src/shared/annotations';
import type { ClippingSummary } from '../../../src/renderer/src/lib/db';
import { makeSummary } from './summary-factory';
import {
  emptyPassageFilter,
  filterPassages,
  passageRows,
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
