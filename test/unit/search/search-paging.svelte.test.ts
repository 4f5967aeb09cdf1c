import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../../src/renderer/src/lib/row-filter';
import type { LibraryChange, LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import type { SearchClient } from '../../../src/renderer/src/search/search-client';
import type { LibraryState } from '../../../src/renderer/src/state/library.svelte';
import type { NoticesState } from '../../../src/renderer/src/state/notices.svelte';
import { SearchState } from '../../../src/renderer/src/state/search.svelte';
import type { SelectionState } from '../../../src/renderer/src/state/selection.svelte';

const HITS = Array.from({ length: 120 }, (_, i) => `c${i}`);

interface Asked {
  limit: number;
  offset: number;
  answer: () => void;
}

/** A search worker whose query answers the test releases, one at a time or all at once. */
class FakeClient {
  readonly asked: Asked[] = [];
  held = false;

  ready = () => Promise.resolve({ docs: HITS.length });
  reconcile = () => Promise.resolve({ missing: [] as string[] });
  indexIds = () => Promise.resolve({});
  index = () => Promise.resolve({});
  remove = () => Promise.resolve({});

  query(_text: string, options: { limit?: number; offset?: number }) {
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 50;
    const hits = HITS.slice(offset, offset + limit).map((id) => ({
      id,
      snippet: { text: '', ranges: [] },
      titleRanges: [],
    }));
    return new Promise((resolve) => {
      const answer = () => resolve({ hits, total: HITS.length, highlight: [] });
      this.asked.push({ limit, offset, answer });
      if (!this.held) answer();
    });
  }
}

async function setUp() {
  let listener: (change: LibraryChange) => void = () => undefined;
  const repo = {
    settings: { get: () => Promise.resolve(undefined) },
    onChange: (l: (change: LibraryChange) => void) => {
      listener = l;
      return () => undefined;
    },
  } as unknown as LibraryRepo;
  const library = { filters: emptyFilters(), searchIds: null } as unknown as LibraryState;
  const selection = { selectedId: null } as unknown as SelectionState;
  const notices = { push: () => 0 } as unknown as NoticesState;
  const client = new FakeClient();
  const search = new SearchState(
    repo,
    library,
    selection,
    notices,
    client as unknown as SearchClient,
  );
  await search.start();
  search.query = 'ferry';
  await search.run();
  // A clipping changed: the index takes it in, then the query runs again.
  const changed = async () => {
    listener({ upserted: [{ id: 'c1' }], removed: [] } as unknown as LibraryChange);
    await search.settled();
  };
  return { search, client, changed };
}

describe('search results a page at a time', () => {
  it('keeps the pages shown when the index changes', async () => {
    const { search, client, changed } = await setUp();
    expect(search.results?.ids).toHaveLength(50);
    await search.more();
    expect(search.results?.ids).toHaveLength(100);
    await changed();
    expect(client.asked.at(-1)).toMatchObject({ limit: 100, offset: 0 });
    expect(search.results?.ids).toEqual(HITS.slice(0, 100));
  });

  it('keeps a "Show more" that is answered while the query runs again', async () => {
    const { search, client, changed } = await setUp();
    client.held = true;
    const before = client.asked.length;
    const more = search.more();
    const rerun = changed();
    // The next page is asked for, then the query again (after the index flush): the page's
    // answer comes first, while the re-run is still out.
    while (client.asked.length < before + 2) await new Promise((r) => setTimeout(r, 10));
    for (const asked of client.asked.slice(before)) asked.answer();
    await more;
    await rerun;
    expect(search.results?.ids).toEqual(HITS.slice(0, 100));
  });

  it('starts again at the first page for another query', async () => {
    const { search, client } = await setUp();
    await search.more();
    search.query = 'tram';
    await search.run();
    expect(client.asked.at(-1)).toMatchObject({ limit: 50, offset: 0 });
    expect(search.results?.ids).toHaveLength(50);
  });
});
