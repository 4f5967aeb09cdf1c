/** The story filters of the search language: parsed, and evaluated by the index. */
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '@shared/search/index';
import { parseQuery } from '@shared/search/query';
import { withOpenStory } from '@shared/stories/filters';
import { doc } from '../search/docs';

// a1 is the original of a story with a2 and a3; b1 is alone; c1–c2 are a story of two.
const stories = new Map([
  ['a1', { story: 'a1', size: 3 }],
  ['a2', { story: 'a1', size: 3 }],
  ['a3', { story: 'a1', size: 3 }],
  ['c1', { story: 'c1', size: 2 }],
  ['c2', { story: 'c1', size: 2 }],
]);

function search(text: string): string[] {
  const index = new SearchIndex();
  index.add(
    ['a1', 'a2', 'a3', 'b1', 'c1', 'c2'].map((id) =>
      doc(id, { title: `water ${id}`, body: 'leaks' }),
    ),
  );
  const r = index.search(text, { limit: 50, stories });
  if (r.error) throw new Error(r.error.message);
  return r.hits.map((h) => h.id).sort();
}

describe('story filters', () => {
  it('parse as filters, with clear errors', () => {
    expect(parseQuery('is:original')).toMatchObject({
      ok: true,
      query: { type: 'filter', filter: { kind: 'is', value: 'original' } },
    });
    expect(parseQuery('copies>3')).toMatchObject({
      ok: true,
      query: { filter: { kind: 'copies', op: '>', count: 3 } },
    });
    expect(parseQuery('story:abc')).toMatchObject({
      ok: true,
      query: { filter: { kind: 'story', id: 'abc' } },
    });
    expect(parseQuery('is:copy')).toMatchObject({
      ok: false,
      error: { message: 'is: takes original (is:original)' },
    });
    expect(parseQuery('story: leaks')).toMatchObject({ ok: false });
  });

  it('is:original keeps originals and clippings that are alone', () => {
    expect(search('is:original')).toEqual(['a1', 'b1', 'c1']);
    expect(search('water -is:original')).toEqual(['a2', 'a3', 'c2']);
  });

  it('story:ID lists the copies of that clipping’s story', () => {
    expect(search('story:a2')).toEqual(['a1', 'a2', 'a3']);
    expect(search('story:b1')).toEqual(['b1']);
    expect(search('leaks story:c2')).toEqual(['c1', 'c2']);
  });

  it('copies>N compares the number of other copies', () => {
    expect(search('copies>1')).toEqual(['a1', 'a2', 'a3']);
    expect(search('copies>=1 is:original')).toEqual(['a1', 'c1']);
    expect(search('copies=0')).toEqual(['b1']);
    expect(search('water copies<2')).toEqual(['b1', 'c1', 'c2']);
  });

  it('`story:` alone means the open clipping’s story', () => {
    expect(withOpenStory('leaks story:', 'a2')).toBe('leaks story:a2');
    expect(withOpenStory('story: -story: story:x', 'a2')).toBe('story:a2 -story:a2 story:x');
    expect(withOpenStory('story:', null)).toBe('story:');
  });
});
