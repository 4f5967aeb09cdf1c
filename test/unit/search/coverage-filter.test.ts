/** The coverage operators: parsing (with the rest of the language) and evaluation in the index. */
import { describe, expect, it } from 'vitest';
import { matchesCoverage, type CoverageFacts } from '@shared/search/coverage-filter';
import { SearchIndex } from '@shared/search/index';
import { parseQuery } from '@shared/search/query';
import { doc } from './docs';

function filters(text: string): unknown {
  const r = parseQuery(text);
  if (!r.ok) throw new Error(r.error.message);
  const node = r.query;
  if (node?.type === 'filter') return [node.filter];
  if (node?.type === 'and')
    return node.children.map((c) => (c.type === 'filter' ? c.filter : c.type));
  return node?.type;
}

function errorOf(text: string): { message: string; start: number; end: number } {
  const r = parseQuery(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r.error;
}

const facts = (f: Partial<CoverageFacts>): CoverageFacts => ({
  tone: '',
  mediaType: '',
  reach: null,
  page: '',
  ...f,
});

describe('coverage operators', () => {
  it('parse with and without a colon, combined with words and other operators', () => {
    expect(filters('tone:negative reach>1000 ')).toEqual([
      { kind: 'tone', value: 'negative' },
      { kind: 'reach', op: '>', value: 1000 },
    ]);
    expect(filters('type:Print page:1 has:tone ')).toEqual([
      { kind: 'type', value: 'print' },
      { kind: 'page', op: '=', value: '1' },
      { kind: 'hasTone' },
    ]);
    expect(filters('reach>=100,000 reach<5k reach:>1.5m page<5 ')).toEqual([
      { kind: 'reach', op: '>=', value: 100_000 },
      { kind: 'reach', op: '<', value: 5_000 },
      { kind: 'reach', op: '>', value: 1_500_000 },
      { kind: 'page', op: '<', value: '5' },
    ]);
    expect(filters('harbour tag:port tone:mixed ')).toEqual([
      'term',
      { kind: 'tag', value: 'port' },
      { kind: 'tone', value: 'mixed' },
    ]);
    const negated = parseQuery('-tone:negative ');
    expect(negated.ok && negated.query?.type).toBe('not');
  });

  it('say what is wrong, marking the value', () => {
    expect(errorOf('tone:angry').message).toBe('tone: takes positive, neutral, negative, mixed');
    expect(errorOf('type:blog').message).toMatch(/^type: takes online, print, broadcast/);
    expect(errorOf('a reach>lots')).toEqual({
      message: 'reach takes a number, e.g. reach>100000 or reach<5k',
      start: 8,
      end: 12,
    });
    expect(errorOf('reach>').message).toBe('reach needs a value, e.g. reach>100000');
    expect(errorOf('page>A3').message).toMatch(/compare page numbers/);
    expect(errorOf('mood:x').message).toMatch(/tone:, type:, page:, reach>/);
  });

  it('match a clipping’s facts', () => {
    const parse = (text: string) => {
      const r = parseQuery(text);
      if (!r.ok || r.query?.type !== 'filter') throw new Error(text);
      return r.query.filter as Parameters<typeof matchesCoverage>[0];
    };
    expect(matchesCoverage(parse('tone:negative '), facts({ tone: 'negative' }))).toBe(true);
    expect(matchesCoverage(parse('tone:negative '), facts({ tone: 'mixed' }))).toBe(false);
    expect(matchesCoverage(parse('has:tone '), facts({ tone: 'neutral' }))).toBe(true);
    expect(matchesCoverage(parse('has:tone '), facts({}))).toBe(false);
    expect(matchesCoverage(parse('reach>1000 '), facts({ reach: 1001 }))).toBe(true);
    expect(matchesCoverage(parse('reach>1000 '), facts({ reach: 1000 }))).toBe(false);
    // No reach recorded is not a reach of 0.
    expect(matchesCoverage(parse('reach<1000 '), facts({ reach: null }))).toBe(false);
    expect(matchesCoverage(parse('reach<1000 '), facts({ reach: 0 }))).toBe(true);
    expect(matchesCoverage(parse('page:1 '), facts({ page: '1-2' }))).toBe(true);
    expect(matchesCoverage(parse('page:1 '), facts({ page: '11' }))).toBe(false);
    expect(matchesCoverage(parse('page:a3 '), facts({ page: 'A3' }))).toBe(true);
    expect(matchesCoverage(parse('page<5 '), facts({ page: '4' }))).toBe(true);
    expect(matchesCoverage(parse('page<5 '), facts({ page: 'A3' }))).toBe(false);
    expect(matchesCoverage(parse('type:print '), undefined)).toBe(false);
  });

  it('the index asks each candidate’s facts and ranks word hits among them', () => {
    const index = new SearchIndex();
    const coverage = new Map<string, CoverageFacts>([
      ['a', facts({ tone: 'negative', reach: 50_000, mediaType: 'print', page: '1' })],
      ['b', facts({ tone: 'negative', reach: 500 })],
      ['c', facts({ tone: 'positive', reach: 90_000 })],
    ]);
    index.add([
      doc('a', { title: 'Harbour strike', body: 'harbour harbour' }),
      doc('b', { title: 'Harbour fees', body: 'harbour' }),
      doc('c', { title: 'Harbour opens', body: 'harbour' }),
      doc('d', { title: 'Unrelated', body: 'harbour' }),
    ]);
    const ids = (q: string) =>
      index
        .search(q, { limit: 10, coverage: (id) => coverage.get(id) })
        .hits.map((h) => h.id)
        .sort();
    expect(ids('tone:negative reach>1000 ')).toEqual(['a']);
    expect(ids('tone:negative ')).toEqual(['a', 'b']);
    expect(ids('harbour -tone:negative ')).toEqual(['c', 'd']);
    expect(ids('type:print OR reach>80000 ')).toEqual(['a', 'c']);
    expect(ids('has:tone page:1 ')).toEqual(['a']);
    // Without facts (no lookup), coverage filters match nothing rather than everything.
    expect(index.search('tone:negative ', { limit: 10 }).total).toBe(0);
  });
});

describe('the search service and coverage', () => {
  it('reads every clipping’s facts once, when a query first needs them; newer documents win', async () => {
    const { SearchService } = await import('../../../src/renderer/src/search/search-service');
    let reads = 0;
    const service = new SearchService(null, {
      getTexts: async (ids) =>
        ids.map(() => ({ title: '', body: '', note: '', highlightNotes: '' })),
      allCoverage: async () => {
        reads += 1;
        return new Map([
          ['old', facts({ tone: 'negative' })],
          ['new', facts({ tone: 'negative' })],
        ]);
      },
    });
    await service.handle({
      kind: 'index',
      docs: [
        doc('old', { body: 'harbour' }),
        // Indexed with its own (newer) facts: the stored ones must not replace them.
        { ...doc('new', { body: 'harbour' }), coverage: facts({ tone: 'positive' }) },
      ],
    });
    // Documents without facts (segments loaded from storage) get theirs from the summaries.
    const first = await service.query('tone:negative ');
    expect(first.hits.map((h) => h.id)).toEqual(['old']);
    expect((await service.query('harbour ')).total).toBe(2);
    expect((await service.query('tone:positive ')).hits.map((h) => h.id)).toEqual(['new']);
    expect(reads).toBe(1);
    await service.handle({ kind: 'remove', ids: ['old'] });
    expect((await service.query('tone:negative ')).total).toBe(0);
  });
});
