/** The search worker's story lookup: a whole table, then only the rows an import changed. */
import { describe, expect, it } from 'vitest';
import { SearchService } from '../../../src/renderer/src/search/search-service';
import { doc } from '../search/docs';

async function service(): Promise<SearchService> {
  const s = new SearchService(null, {
    getTexts: async (ids) => ids.map(() => ({ title: '', body: '', note: '', highlightNotes: '' })),
    allCoverage: async () => new Map(),
  });
  await s.handle({
    kind: 'index',
    docs: ['a', 'b', 'c', 'd'].map((id) => doc(id, { body: 'harbour' })),
  });
  return s;
}

const ids = async (s: SearchService, text: string): Promise<string[]> =>
  (await s.query(text)).hits.map((h) => h.id).sort();

describe('story filters in the search service', () => {
  it('apply changed rows on top of the last table, dropping the ids in no story', async () => {
    const s = await service();
    await s.handle({
      kind: 'stories',
      members: [
        ['a', 'a', 2],
        ['b', 'a', 2],
      ],
    });
    expect(await ids(s, 'harbour copies>0 ')).toEqual(['a', 'b']);
    // An import batch: c joins a's story (every member's size changed), d stays alone.
    const added = await s.handle({
      kind: 'storiesChanged',
      members: [
        ['a', 'a', 3],
        ['b', 'a', 3],
        ['c', 'a', 3],
      ],
      removed: [],
    });
    expect(added).toEqual({ count: 3 });
    expect(await ids(s, 'harbour copies>1 ')).toEqual(['a', 'b', 'c']);
    // A clipping alone is its own original; a copy is not.
    expect(await ids(s, 'harbour is:original ')).toEqual(['a', 'd']);
    // b leaves for the Trash: its row goes, the others shrink.
    await s.handle({
      kind: 'storiesChanged',
      members: [
        ['a', 'a', 2],
        ['c', 'a', 2],
      ],
      removed: ['b'],
    });
    expect(await ids(s, 'harbour copies>0 ')).toEqual(['a', 'c']);
    expect(await ids(s, 'harbour copies>1 ')).toEqual([]);
    // A whole table replaces everything before it.
    await s.handle({ kind: 'stories', members: [] });
    expect(await ids(s, 'harbour copies>0 ')).toEqual([]);
  });
});
