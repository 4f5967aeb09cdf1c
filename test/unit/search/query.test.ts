import { describe, expect, it } from 'vitest';
import { parseQuery, type QueryNode } from '../../../src/shared/search/query';

function ok(text: string, prefixLast = true): QueryNode | null {
  const r = parseQuery(text, { prefixLast });
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r.query;
}

/** A compact rendering of the tree, to compare structure at a glance. */
function show(node: QueryNode | null): string {
  if (!node) return '∅';
  switch (node.type) {
    case 'term':
      return `${node.exact ? '=' : ''}${node.term}${node.prefix ? '*' : ''}`;
    case 'phrase':
      return `"${node.terms.join(' ')}"`;
    case 'filter':
      return `${node.filter.kind}:${'value' in node.filter ? node.filter.value : 'day' in node.filter ? node.filter.day : JSON.stringify(node.filter)}`;
    case 'not':
      return `-${show(node.child)}`;
    case 'or':
      return `(${node.children.map(show).join(' | ')})`;
    case 'and':
      return node.children.map(show).join(' & ');
  }
}

function error(text: string) {
  const r = parseQuery(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r.error;
}

describe('parseQuery', () => {
  it('parses words, phrases, exclusions and OR with OR binding tighter than AND', () => {
    expect(show(ok('climate "carbon tax" -coal '))).toBe('climate & "carbon tax" & -coal');
    expect(show(ok('a b OR c d '))).toBe('a & (b | c) & d');
    expect(show(ok('a OR b OR c '))).toBe('(a | b | c)');
    expect(show(ok('-"fossil fuel" OR wind '))).toBe('(-"fossil fuel" | wind)');
    expect(show(ok('“smart quotes” '))).toBe('"smart quotes"');
    expect(show(ok('"Kovač" '))).toBe('=kovac');
  });

  it('marks the last bare word as a prefix while typing', () => {
    expect(show(ok('climate chan'))).toBe('climate & chan*');
    expect(show(ok('climate chan '))).toBe('climate & chan');
    expect(show(ok('climate chan', false))).toBe('climate & chan');
    expect(show(ok('"climate chan"'))).toBe('"climate chan"');
    expect(show(ok('climate -chan'))).toBe('climate & -chan');
    expect(show(ok('chan tag:x'))).toBe('chan & tag:x');
  });

  it('folds words and splits punctuated words into phrases', () => {
    expect(show(ok('ZOË covid-19 '))).toBe('zoe & "covid 19"');
    expect(show(ok('- & ... '))).toBe('∅');
    expect(show(ok(''))).toBe('∅');
    expect(show(ok('http://example.com '))).toBe('"http example com"');
    expect(show(ok('10:30 '))).toBe('"10 30"');
  });

  it('parses operators, quoted values and negated filters', () => {
    expect(show(ok('tag:Politics/Europe source:"New York Times" author:Kovač lang:EN'))).toBe(
      'tag:politics/europe & source:new york times & author:kovac & lang:en',
    );
    expect(show(ok('has:highlights has:notes -tag:sport'))).toBe(
      'has:highlights & has:note & -tag:sport',
    );
    expect(show(ok('before:2024 after:2023-02 after:2020-02-29'))).toBe(
      'before:20240101 & after:20230201 & after:20200229',
    );
    expect(show(ok('tag:a OR tag:b'))).toBe('(tag:a | tag:b)');
  });

  it('keeps source ranges on nodes', () => {
    const q = ok('war "peace talks"');
    expect(q?.type).toBe('and');
    if (q?.type !== 'and') return;
    expect(q.children.map((c) => [c.start, c.end])).toEqual([
      [0, 3],
      [4, 17],
    ]);
  });

  it('reports an unclosed quote from the quote to the end', () => {
    expect(error('war "peace talks')).toEqual({
      message: 'Unclosed quote: add a closing "',
      start: 4,
      end: 16,
    });
    expect(error('source:"new york').start).toBe(7);
  });

  it('reports an unknown operator on its name', () => {
    const e = error('war foo:bar');
    expect(e.message).toMatch(/Unknown operator "foo:"/);
    expect([e.start, e.end]).toEqual([4, 8]);
  });

  it('reports a bad date on the value', () => {
    for (const [text, start, end] of [
      ['before:2024-13', 7, 14],
      ['after:2023-02-30', 6, 16],
      ['after:yesterday', 6, 15],
      ['before:24', 7, 9],
    ] as const) {
      const e = error(text);
      expect(e.message, text).toMatch(/is not a date/);
      expect([e.start, e.end], text).toEqual([start, end]);
    }
  });

  it('reports an empty operator value on the operator', () => {
    const e = error('war tag: peace');
    expect(e.message).toBe('tag: needs a value, e.g. tag:politics');
    expect([e.start, e.end]).toEqual([4, 8]);
    expect(error('source:""').message).toMatch(/source: needs a value/);
    expect(error('author:...').message).toMatch(/author: needs a name/);
  });

  it('reports a lone or doubled OR', () => {
    for (const [text, start] of [
      ['OR', 0],
      ['OR war', 0],
      ['war OR', 4],
      ['war OR OR peace', 7],
    ] as const) {
      const e = error(text);
      expect(e.message, text).toBe('OR needs a word or filter on each side');
      expect(e.start, text).toBe(start);
    }
  });

  it('reports bad has: and lang: values', () => {
    expect(error('has:coffee').message).toBe('has: takes highlights or note');
    expect(error('lang:english!').message).toMatch(/language code/);
  });

  it('never throws on arbitrary input', () => {
    const alphabet = ['a', ' ', '"', '-', ':', 'OR', 'tag', 'before', '2024', '“', '»', '/', 'é'];
    let seed = 7;
    for (let k = 0; k < 2000; k++) {
      let text = '';
      const len = k % 12;
      for (let j = 0; j < len; j++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += alphabet[seed % alphabet.length];
      }
      const r = parseQuery(text);
      if (!r.ok) {
        expect(r.error.start).toBeGreaterThanOrEqual(0);
        expect(r.error.end).toBeLessThanOrEqual(text.length);
        expect(r.error.start).toBeLessThanOrEqual(r.error.end);
      }
    }
  });
});
