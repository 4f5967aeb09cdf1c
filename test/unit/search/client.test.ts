import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchClient, type WorkerLike } from '../../../src/renderer/src/search/search-client';
import {
  SearchService,
  respond,
  type DocTextSource,
  type RequestMessage,
  type ResponseMessage,
} from '../../../src/renderer/src/search/search-service';
import {
  SEARCH_STORES,
  SearchStore,
  searchTables,
} from '../../../src/renderer/src/search/search-store';
import type { SearchDoc } from '@shared/search/types';
import { doc } from './docs';

/** A worker stand-in: messages are structured-cloned and delivered asynchronously, as for real. */
function inProcessWorker(service: SearchService): WorkerLike {
  const listeners: ((event: MessageEvent<ResponseMessage>) => void)[] = [];
  return {
    postMessage(message: RequestMessage) {
      const copy = structuredClone(message);
      setTimeout(() => {
        void respond(service, copy).then((response) => {
          const event = { data: structuredClone(response) } as MessageEvent<ResponseMessage>;
          for (const l of listeners) l(event);
        });
      }, 0);
    },
    addEventListener(_type, listener) {
      listeners.push(listener);
    },
  };
}

const dbs: Dexie[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function setup(name: string, docs: Map<string, SearchDoc>, clippingIds: string[] = []) {
  const db = new Dexie(name);
  db.version(1).stores(SEARCH_STORES);
  dbs.push(db);
  const texts: DocTextSource = {
    getTexts: async (ids) => ids.map((id) => docs.get(id)),
    getDocs: async (ids) => ids.flatMap((id) => docs.get(id) ?? []),
    allIds: async () => clippingIds,
  };
  const service = new SearchService(new SearchStore(searchTables(db)), texts);
  return new SearchClient(inProcessWorker(service));
}

describe('SearchClient over the service protocol', () => {
  it('indexes, queries with snippets, removes, and survives a restart', async () => {
    const docs = new Map<string, SearchDoc>();
    for (const d of [
      doc('a', {
        title: 'Kovač wins the election',
        body: 'After a long count, the election commission confirmed the result.',
      }),
      doc('b', { title: 'Rain', body: 'Rain all week, says the forecast.' }),
    ]) {
      docs.set(d.id, d);
    }
    const name = `client-${Date.now()}`;
    const client = setup(name, docs);
    expect(await client.ready()).toMatchObject({ docCount: 0, reset: false });
    expect(await client.index([...docs.values()])).toEqual({ docCount: 2, segments: 1 });

    const r = await client.query('elect');
    expect(r.total).toBe(1);
    const hit = r.hits[0]!;
    expect(hit.id).toBe('a');
    expect(hit.snippet.ranges.map((x) => hit.snippet.text.slice(x.start, x.end))).toEqual([
      'election',
    ]);
    expect(hit.titleRanges).toEqual([{ start: 15, end: 23 }]);

    const bad = await client.query('tag:');
    expect(bad.error?.message).toMatch(/needs a value/);

    await client.remove(['b']);
    expect((await client.query('rain ')).total).toBe(0);
    await client.flush();

    // A new worker on the same database: ready without re-indexing, phrases included.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const again = setup(name, docs);
    const ready = await again.ready();
    expect(ready.docCount).toBe(1);
    expect((await again.query('"election commission"')).hits.map((h) => h.id)).toEqual(['a']);
  });

  it('lists every match of a query, unranked, without snippets, trash on request', async () => {
    const docs = new Map<string, SearchDoc>();
    const all = Array.from({ length: 60 }, (_, i) =>
      doc(`d${i}`, {
        body: i % 3 === 0 ? 'wind farm planned' : 'tram line opens',
        trashed: i === 0,
      }),
    );
    for (const d of all) docs.set(d.id, d);
    const client = setup(`matches-${Date.now()}`, docs);
    await client.ready();
    await client.index(all);
    // More than a page of hits: all of them, with the trashed one when asked.
    const wind = all.filter((_, i) => i % 3 === 0).map((d) => d.id);
    const included = await client.matches('wind', { trashed: 'include' });
    expect(included.ids.sort()).toEqual([...wind].sort());
    expect((await client.matches('wind')).ids).toHaveLength(wind.length - 1);
    expect((await client.query('wind', { limit: 5 })).total).toBe(wind.length - 1);
    expect((await client.matches('"wind farm" OR tram', { trashed: 'include' })).ids).toHaveLength(
      60,
    );
    // The same message as a query's, with its place.
    const bad = await client.matches('wind AND (farm');
    expect(bad.ids).toEqual([]);
    expect(bad.error).toEqual((await client.query('wind AND (farm')).error);
  });

  it('reconciles with the clippings table: drops what is gone, names what is missing', async () => {
    const docs = new Map<string, SearchDoc>();
    for (const d of [
      doc('a', { body: 'apples' }),
      doc('b', { body: 'bananas' }),
      doc('c', { body: 'cherries' }),
    ]) {
      docs.set(d.id, d);
    }
    // The library holds a, c and d: b was deleted while the index was not told, d is new.
    const client = setup(`reconcile-${Date.now()}`, docs, ['a', 'c', 'd']);
    await client.ready();
    await client.index([...docs.values()]);
    expect(await client.reconcile()).toEqual({ missing: ['d'] });
    expect((await client.query('bananas')).total).toBe(0);
    expect((await client.query('cherries')).total).toBe(1);
    const info = await client.flush();
    expect(info.docCount).toBe(2);
    expect(await client.reconcile()).toEqual({ missing: ['d'] });
  });

  it('merges in the background and keeps answering', async () => {
    const client = setup(`merge-${Date.now()}`, new Map());
    for (let b = 0; b < 9; b++) {
      await client.index([doc(`d${b}`, { body: `common word${b}` })]);
    }
    const info = await client.flush();
    expect(info.docCount).toBe(9);
    expect(info.segments).toBeLessThan(9);
    expect((await client.query('common ', { limit: 50 })).total).toBe(9);
  });

  it('rebuilds an index stored in format 2 in the background, answering meanwhile', async () => {
    const docs = new Map<string, SearchDoc>();
    for (let i = 0; i < 6; i++) {
      docs.set(
        `d${i}`,
        doc(`d${i}`, { body: `The ban on pesticides number ${i}. Farmers agreed.` }),
      );
    }
    const name = `format2-${Date.now()}`;
    const ids = [...docs.keys()];
    const first = setup(name, docs, ids);
    await first.ready();
    await first.index([...docs.values()]);
    await first.flush();
    // What format 2 left behind: the same tables, the format key and each buffer's version at 2.
    const db = new Dexie(name);
    db.version(1).stores(SEARCH_STORES);
    dbs.push(db);
    const tables = searchTables(db);
    await tables.meta.put({ key: 'format', value: 2 });
    for (const row of await tables.segments.toArray()) {
      new DataView(row.core).setUint8(4, 2);
      await tables.segments.put(row);
    }
    db.close();

    const client = setup(name, docs, ids);
    expect(await client.ready()).toMatchObject({ docCount: 0, reset: true });
    const { missing } = await client.reconcile();
    expect(missing).toEqual(ids);
    // Search works on what is re-indexed so far, then on everything.
    await client.indexIds(missing.slice(0, 2));
    const partial = await client.query('ban w/3 pesticides ');
    expect(partial.hits.map((h) => h.id).sort()).toEqual(['d0', 'd1']);
    await client.indexIds(missing.slice(2));
    expect((await client.query('ban w/3 pesticides ', { limit: 10 })).total).toBe(6);
    expect((await client.query('farmers w/s ban ')).total).toBe(0);
    await client.flush();
    expect((await setup(name, docs, ids).ready()).reset).toBe(false);
  });

  it("ANDs the filters on apart from the query: NOT stays in the user's text", async () => {
    const docs = new Map<string, SearchDoc>();
    for (const d of [
      doc('a', { body: 'war and peace', tags: ['books'] }),
      doc('b', { body: 'war reports', tags: ['news'] }),
      doc('c', { body: 'war and peace', tags: ['news'] }),
    ]) {
      docs.set(d.id, d);
    }
    const client = setup(`filters-${Date.now()}`, docs);
    await client.index([...docs.values()]);
    const ids = async (q: string, filters: string) =>
      (await client.query(q, { filters })).hits.map((h) => h.id).sort();
    expect(await ids('war NOT peace', 'tag:news')).toEqual(['b']);
    expect(await ids('war', 'tag:news')).toEqual(['b', 'c']);
    // The word being typed is still a prefix.
    expect(await ids('pea', 'tag:news')).toEqual(['c']);
    const bad = await client.query('war (peace', { filters: 'tag:news' });
    expect([bad.error?.start, bad.error?.end]).toEqual([4, 10]);
  });

  it('rejects pending calls when disposed', async () => {
    const silent: WorkerLike = { postMessage() {}, addEventListener() {} };
    const client = new SearchClient(silent);
    const pending = client.ready();
    client.dispose();
    await expect(pending).rejects.toThrow(/closed/);
  });
});
