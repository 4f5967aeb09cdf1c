import { describe, expect, it } from 'vitest';
import { parseQuery, type QueryNode } from '@shared/search/query';

function ok(text: string, prefixLast = true): QueryNode | null {
  const r = parseQuery(text, { prefixLast });
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r.query;
}

/** A compact rendering of the tree, to compare structure at a glance. */
function show(node: QueryNode | null): string {
  if (!node) return '∅';
  const field = (n: { field: string | null }) => (n.field ? `${n.field}:` : '');
  switch (node.type) {
    case 'term':
      return `${field(node)}${node.exact ? '=' : ''}${node.term}${node.prefix ? '*' : ''}`;
    case 'wildcard':
      return `${field(node)}${node.pattern}`;
    case 'phrase':
      return `${field(node)}"${node.terms.join(' ')}"`;
    case 'near': {
      const p = node.proximity;
      const op = p.unit === 'words' ? `${p.ordered ? 'pre' : 'w'}/${p.distance}` : `w/${p.unit[0]}`;
      return `[${show(node.left)} ${op} ${show(node.right)}]`;
    }
    case 'atleast':
      return `atleast${node.count}(${show(node.child)})`;
    case 'filter':
      return `${node.filter.kind}:${'value' in node.filter ? node.filter.value : 'day' in node.filter ? node.filter.day : JSON.stringify(node.filter)}`;
    case 'not':
      return `-${show(node.child)}`;
    case 'or':
      return `(${node.children.map(show).join(' | ')})`;
    case 'and':
      return `{${node.children.map(show).join(' & ')}}`;
  }
}

function error(text: string) {
  const r = parseQuery(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r.error;
}

describe('parseQuery', () => {
  it('parses words, phrases, exclusions and OR with OR binding tighter than AND', () => {
    expect(show(ok('climate "carbon tax" -coal '))).toBe('{climate & "carbon tax" & -coal}');
    expect(show(ok('a b OR c d '))).toBe('{a & (b | c) & d}');
    expect(show(ok('a OR b OR c '))).toBe('(a | b | c)');
    expect(show(ok('-"fossil fuel" OR wind '))).toBe('(-"fossil fuel" | wind)');
    expect(show(ok('“smart quotes” '))).toBe('"smart quotes"');
    expect(show(ok('"Kovač" '))).toBe('=kovac');
  });

  it('marks the last bare word as a prefix while typing', () => {
    expect(show(ok('climate chan'))).toBe('{climate & chan*}');
    expect(show(ok('climate chan '))).toBe('{climate & chan}');
    expect(show(ok('climate chan', false))).toBe('{climate & chan}');
    expect(show(ok('"climate chan"'))).toBe('"climate chan"');
    expect(show(ok('climate -chan'))).toBe('{climate & -chan}');
    expect(show(ok('chan tag:x'))).toBe('{chan & tag:x}');
    // An operator word being typed is still a word ("or" on the way to "oregon").
    expect(show(ok('floods or'))).toBe('{floods & or*}');
    expect(show(ok('(a w/5 prot'.replace('(', '')))).toBe('[a w/5 prot*]');
  });

  it('folds words and splits punctuated words into phrases', () => {
    expect(show(ok('ZOË covid-19 '))).toBe('{zoe & "covid 19"}');
    expect(show(ok('- & ... '))).toBe('∅');
    expect(show(ok(''))).toBe('∅');
    expect(show(ok('http://example.com '))).toBe('"http example com"');
    expect(show(ok('10:30 '))).toBe('"10 30"');
  });

  it('parses operators, quoted values and negated filters', () => {
    expect(show(ok('tag:Politics/Europe source:"New York Times" author:Kovač lang:EN'))).toBe(
      '{tag:politics/europe & source:new york times & author:kovac & lang:en}',
    );
    expect(show(ok('has:highlights has:notes -tag:sport'))).toBe(
      '{has:highlights & has:note & -tag:sport}',
    );
    expect(show(ok('before:2024 after:2023-02 after:2020-02-29'))).toBe(
      '{before:20240101 & after:20230201 & after:20200229}',
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

  it('reports a lone or doubled OR, AND and NOT on the operator', () => {
    for (const [text, start, side] of [
      ['OR war', 0, 'before'],
      ['war OR ', 4, 'after'],
      ['war OR OR peace', 4, 'after'],
      ['AND war', 0, 'before'],
      ['war and ', 4, 'after'],
      ['war NOT ', 4, 'after'],
      ['(war OR) peace', 5, 'after'],
    ] as const) {
      const e = error(text);
      expect(e.message, text).toMatch(new RegExp(`needs a word, phrase or group ${side} it`));
      expect(e.start, text).toBe(start);
    }
  });

  it('reports bad has: and lang: values', () => {
    expect(error('has:coffee').message).toBe('has: takes highlights, note or tone');
    expect(error('lang:english!').message).toMatch(/language code/);
  });

  it('never throws on arbitrary input', () => {
    const alphabet = [
      ...['a', ' ', '"', '-', ':', 'OR', 'tag', 'before', '2024', '“', '»', '/', 'é'],
      ...['(', ')', '*', '?', 'w/5', 'pre/2', 'w/s', 'NOT', 'title:', 'atleast2'],
    ];
    let seed = 7;
    for (let k = 0; k < 4000; k++) {
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

  it('applies Nexis precedence: () > OR > proximity (smallest first) > AND > NOT', () => {
    expect(show(ok('a OR b w/5 c '))).toBe('[(a | b) w/5 c]');
    expect(show(ok('a w/5 b OR c '))).toBe('[a w/5 (b | c)]');
    expect(show(ok('a b w/5 c d '))).toBe('{a & [b w/5 c] & d}');
    expect(show(ok('a w/10 b w/2 c '))).toBe('[a w/10 [b w/2 c]]');
    expect(show(ok('a w/2 b w/10 c '))).toBe('[[a w/2 b] w/10 c]');
    expect(show(ok('a w/p b w/s c w/3 d '))).toBe('[a w/p [b w/s [c w/3 d]]]');
    expect(show(ok('a w/5 b w/5 c '))).toBe('[[a w/5 b] w/5 c]');
    expect(show(ok('(a w/5 b) w/10 c '))).toBe('[[a w/5 b] w/10 c]');
    expect(show(ok('a AND b OR c NOT d e '))).toBe('{{a & (b | c)} & -{d & e}}');
    expect(show(ok('NOT a b '))).toBe('-{a & b}');
    expect(show(ok('a -b OR c '))).toBe('{a & (-b | c)}');
    expect(show(ok('((a OR b) (c OR (d e))) '))).toBe('{(a | b) & (c | {d & e})}');
    expect(show(ok('a and not b '))).toBe('{a & -b}');
  });

  it('parses every proximity operator, case-insensitively', () => {
    expect(show(ok('ban w/5 pesticide '))).toBe('[ban w/5 pesticide]');
    expect(show(ok('ban W/5 pesticide '))).toBe('[ban w/5 pesticide]');
    expect(show(ok('ban near/5 pesticide '))).toBe('[ban w/5 pesticide]');
    expect(show(ok('ban pre/3 pesticide '))).toBe('[ban pre/3 pesticide]');
    expect(show(ok('ban w/s pesticide '))).toBe('[ban w/s pesticide]');
    expect(show(ok('ban /s pesticide '))).toBe('[ban w/s pesticide]');
    expect(show(ok('ban w/p pesticide '))).toBe('[ban w/p pesticide]');
    expect(show(ok('"climate change" near/10 (protest* OR strike*) -sport'))).toBe(
      '{["climate change" w/10 (protest* | strike*)] & -sport}',
    );
    expect(show(ok('"and" w/2 "or" '))).toBe('[=and w/2 =or]');
  });

  it('parses wildcards anywhere in a word', () => {
    expect(show(ok('pesticid* ban '))).toBe('{pesticid* & ban}');
    expect(show(ok('wom?n '))).toBe('wom?n');
    expect(show(ok('*ism '))).toBe('*ism');
    expect(show(ok('Pestizid** '))).toBe('pestizid*');
    expect(show(ok('ÉLECT?ON '))).toBe('elect?on');
  });

  it('parses field scopes and atleast', () => {
    expect(show(ok('title:war '))).toBe('title:war');
    expect(show(ok('lead:"peace talks" '))).toBe('lead:"peace talks"');
    expect(show(ok('text:(war OR peace) '))).toBe('(text:war | text:peace)');
    expect(show(ok('note:check* '))).toBe('note:check*');
    expect(show(ok('-title:war '))).toBe('-title:war');
    expect(show(ok('title:(war w/3 peace) '))).toBe('[title:war w/3 title:peace]');
    expect(show(ok('title:(a text:b) '))).toBe('{title:a & text:b}');
    expect(show(ok('atleast3(vote) '))).toBe('atleast3(vote)');
    expect(show(ok('ATLEAST2(vot* OR "ballot box") '))).toBe('atleast2((vot* | "ballot box"))');
    expect(show(ok('title:atleast2(war) '))).toBe('atleast2(title:war)');
  });

  it('explains invalid queries at their position', () => {
    const cases: [string, RegExp, number, number][] = [
      ['war (peace OR truce', /Unclosed parenthesis/, 4, 19],
      ['war) peace', /closes nothing/, 3, 4],
      ['war () peace', /Empty parentheses/, 4, 6],
      ['war w/5 ', /w\/5 needs a word, phrase or group after it/, 4, 7],
      ['w/5 war', /w\/5 needs a word, phrase or group before it/, 0, 3],
      ['war w/0 peace', /from 1 to 255/, 4, 7],
      ['war w/300 peace', /from 1 to 255/, 4, 9],
      ['war w/x peace', /w\/ takes a number of words/, 4, 7],
      ['war near/ peace', /near\/ takes a number/, 4, 9],
      ['tag:x w/5 peace', /links words.*not a filter \(tag:\)/, 0, 5],
      ['war w/5 -peace', /links words.*not an exclusion/, 8, 14],
      ['(war peace) w/5 truce', /links words.*joined by AND/, 1, 10],
      ['atleast3 war', /counts what follows in parentheses: atleast3\(protest\)/, 0, 8],
      ['atleast0(war)', /from 1 to 1000/, 0, 8],
      ['atleast2(tag:x)', /atleast2 counts words/, 9, 14],
      ['title: war', /title: needs a word/, 0, 6],
      ['title:tag:x', /title: applies to words, not to the filter tag:/, 0, 11],
      ['a* ', /too many words/, 0, 2],
      ['war ?* ', /too many words/, 4, 6],
      ['foo:bar', /Unknown operator "foo:"/, 0, 4],
    ];
    for (const [text, message, start, end] of cases) {
      const e = error(text);
      expect(e.message, text).toMatch(message);
      expect([e.start, e.end], text).toEqual([start, end]);
    }
  });
});
