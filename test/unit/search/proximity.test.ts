import { describe, expect, it } from 'vitest';
import { SearchIndex } from '@shared/search/index';
import { MAX_WILDCARD_TERMS } from '@shared/search/wildcard';
import { doc } from './docs';

function ids(index: SearchIndex, q: string): string[] {
  const r = index.search(q, { limit: 100 });
  if (r.error) throw new Error(r.error.message);
  return r.hits.map((h) => h.id).sort();
}

describe('proximity, fields, atleast and wildcards', () => {
  const index = new SearchIndex();
  index.add([
    doc('a', {
      title: 'Pesticide rules',
      body: 'The government announced a ban on some pesticides today. Farmers protested.\n\nThe moratorium starts in May.',
      note: 'ask about the pesticide ban',
    }),
    doc('b', {
      title: 'Farm news',
      body: 'Pesticides were discussed. Later in the week a ban was mentioned.',
    }),
    doc('c', {
      title: 'Women in science',
      body: 'A woman and two women won prizes. Vote vote vote.',
      highlightNotes: 'quote the prize committee',
    }),
  ]);

  it('w/N counts the words apart, in either order; pre/N wants the left word first', () => {
    // a: "ban on some pesticides" — pesticides is 3 words after ban (and the note's
    // "pesticide ban" is one, so these look at the text only).
    expect(ids(index, 'text:(ban w/3 pesticides) ')).toEqual(['a']);
    expect(ids(index, 'text:(ban w/2 pesticides) ')).toEqual([]);
    expect(ids(index, 'text:(pesticides w/3 ban) ')).toEqual(['a']);
    expect(ids(index, 'text:(ban pre/3 pesticides) ')).toEqual(['a']);
    expect(ids(index, 'text:(pesticides pre/3 ban) ')).toEqual([]);
    expect(ids(index, 'text:(ban near/3 pesticide) ')).toEqual(['a']);
    // Adjacent words are one word apart.
    expect(ids(index, 'pesticide pre/1 ban ')).toEqual(['a']);
    expect(ids(index, 'ban pre/1 pesticide ')).toEqual([]);
  });

  it('w/s and w/p compare sentences and paragraphs', () => {
    expect(ids(index, 'ban w/s pesticides ')).toEqual(['a']);
    expect(ids(index, 'ban w/p pesticides ')).toEqual(['a', 'b']);
    expect(ids(index, 'ban w/p moratorium ')).toEqual([]);
    expect(ids(index, 'farmers w/s ban ')).toEqual([]);
    expect(ids(index, 'farmers w/p ban ')).toEqual(['a']);
  });

  it('pairs two different occurrences when both operands are the same word', () => {
    const same = new SearchIndex();
    same.add([
      doc('x', { body: 'Vote early, vote often. Rain later.' }),
      doc('y', { body: 'One vote here.\n\nAnother vote there.' }),
    ]);
    expect(ids(same, 'vote w/s vote ')).toEqual(['x']);
    expect(ids(same, 'vote w/p vote ')).toEqual(['x']);
    expect(ids(same, 'vote w/2 vote ')).toEqual(['x']);
    expect(ids(same, 'vote w/1 vote ')).toEqual([]);
    expect(ids(same, 'vote w/s rain ')).toEqual([]);
    expect(ids(same, 'text:(vote w/s vote) ')).toEqual(['x']);
    expect(ids(same, '(vote w/s vote) w/p rain ')).toEqual(['x']);
  });

  it('links phrases and OR groups, and nests', () => {
    expect(ids(index, '"the government" w/5 (ban OR moratorium) ')).toEqual(['a']);
    expect(ids(index, '(ban OR moratorium) w/5 pesticid* ')).toEqual(['a']);
    expect(ids(index, '(ban w/3 pesticides) w/5 government ')).toEqual(['a']);
    expect(ids(index, '(ban w/3 pesticides) w/1 government ')).toEqual([]);
    // Never across fields: the title's last word and the body's first.
    expect(ids(index, 'ban w/2 government ')).toEqual([]);
  });

  it('scopes words to the title, lead, text and notes', () => {
    expect(ids(index, 'title:pesticide ')).toEqual(['a']);
    expect(ids(index, 'title:ban ')).toEqual([]);
    expect(ids(index, 'text:ban ')).toEqual(['a', 'b']);
    expect(ids(index, 'lead:moratorium ')).toEqual([]);
    expect(ids(index, 'text:moratorium ')).toEqual(['a']);
    expect(ids(index, 'lead:farmers ')).toEqual(['a']);
    expect(ids(index, 'note:ban ')).toEqual(['a']);
    expect(ids(index, 'note:prize ')).toEqual(['c']);
    expect(ids(index, 'title:(women OR farm) ')).toEqual(['b', 'c']);
    expect(ids(index, '-title:pesticide ban ')).toEqual(['b']);
  });

  it('atleastN counts occurrences', () => {
    expect(ids(index, 'atleast3(vote) ')).toEqual(['c']);
    expect(ids(index, 'atleast4(vote) ')).toEqual([]);
    // In a: the body's and the note's.
    expect(ids(index, 'atleast2(ban) ')).toEqual(['a']);
    expect(ids(index, 'atleast2(pesticid*) ')).toEqual(['a']);
  });

  it('expands wildcards anywhere in the word', () => {
    expect(ids(index, 'wom?n ')).toEqual(['c']);
    expect(ids(index, 'pest*des ')).toEqual(['a', 'b']);
    expect(ids(index, '*torium ')).toEqual(['a']);
    expect(ids(index, 'pesticid* ban ')).toEqual(['a', 'b']);
  });

  it('caps a wildcard expansion and says so', () => {
    const big = new SearchIndex();
    const words = Array.from({ length: MAX_WILDCARD_TERMS + 10 }, (_, i) => `zeta${i}`);
    big.add([doc('w', { body: words.join(' ') }), doc('v', { body: 'zeta0 alone' })]);
    const r = big.search('zeta* ');
    expect(r.hits.map((h) => h.id).sort()).toEqual(['v', 'w']);
    expect(r.notices?.[0]?.message).toMatch(/stands for more than 256 words/);
    expect([r.notices?.[0]?.start, r.notices?.[0]?.end]).toEqual([0, 5]);
    expect(big.search('zeta1* ').notices).toBeUndefined();
  });

  it('ranks a proximity match by its words', () => {
    const r = index.search('ban w/p pesticides ');
    expect(r.hits.length).toBe(2);
    expect(r.hits[0]!.score).toBeGreaterThan(0);
    expect(r.highlight.sort()).toEqual(['ban', 'pesticide', 'pesticides']);
  });
});

describe('languages', () => {
  it('stems each document in its language and searches Chinese and Japanese words', () => {
    const index = new SearchIndex();
    index.add([
      doc('de', { body: 'Die Pestizide wurden verboten.', language: 'de' }),
      doc('fr', { body: 'Les manifestations continuent.', language: 'fr' }),
      doc('zh', { body: '气候变化抗议活动在北京举行。', language: 'zh' }),
      doc('ja', { body: '東京で気候変動への抗議デモが行われた。', language: 'ja' }),
    ]);
    expect(ids(index, 'Pestiziden ')).toEqual(['de']);
    expect(ids(index, 'manifestation ')).toEqual(['fr']);
    expect(ids(index, '北京 ')).toEqual(['zh']);
    expect(ids(index, '抗议 ')).toEqual(['zh']);
    expect(ids(index, '気候 ')).toEqual(['ja']);
    // 東京 で 気候 変動 へ の 抗議: six words apart.
    expect(ids(index, '抗議 w/6 東京 ')).toEqual(['ja']);
    expect(ids(index, '抗議 w/5 東京 ')).toEqual([]);
    // A multi-word CJK query is a phrase of its words.
    expect(ids(index, '气候变化 ')).toEqual(['zh']);
  });
});
