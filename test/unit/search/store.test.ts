import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchIndex } from '@shared/search/index';
import {
  SEARCH_STORES,
  SearchStore,
  searchTables,
} from '../../../src/renderer/src/search/search-store';
import { doc } from './docs';

const open: Dexie[] = [];
let counter = 0;

/** A fresh database with the search stores, as the app will declare them. */
function database(name = `search-${++counter}-${Date.now()}`): Dexie {
  const db = new Dexie(name);
  db.version(1).stores(SEARCH_STORES);
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const corpus = [
  doc('a', {
    title: 'Elections in Europe',
    body: 'The election results were announced.',
    tags: ['politics/europe'],
  }),
  doc('b', { title: 'Cup final', body: 'The match ended in a draw.', tags: ['sport'] }),
  doc('c', { title: 'Выборы', body: 'Итоги выборов объявлены в Москве.', language: 'ru' }),
];
const QUERIES = ['election ', '"election results"', 'tag:politics', 'москва ', 'matc', '-sport'];

function answers(index: SearchIndex) {
  return QUERIES.map((q) => index.search(q));
}

describe('SearchStore', () => {
  it('saves segments, then a new index loads them and answers the same', async () => {
    const db = database();
    const store = new SearchStore(searchTables(db));
    const index = new SearchIndex();
    index.add(corpus.slice(0, 2));
    await store.save(index.takeChanges());
    index.add(corpus.slice(2));
    index.remove(['b']);
    await store.save(index.takeChanges());

    const { index: loaded, reset } = await store.load();
    expect(reset).toBe(false);
    expect(loaded.size).toBe(2);
    expect(loaded.missingPositions()).toHaveLength(2);
    await store.loadPositions(loaded);
    expect(loaded.missingPositions()).toHaveLength(0);
    expect(answers(loaded)).toEqual(answers(index));
  });

  it('persists merges: old segments and their tombstones are deleted', async () => {
    const db = database();
    const tables = searchTables(db);
    const store = new SearchStore(tables);
    const index = new SearchIndex();
    for (let b = 0; b < 9; b++) {
      index.add([doc(`${b}`, { body: `word${b} shared` })]);
      await store.save(index.takeChanges());
    }
    index.remove(['3']);
    await store.save(index.takeChanges());
    expect(await tables.meta.get('dead:4')).toBeDefined();
    // First the emptied segment is dropped, then the eight others merge into one.
    let merges = 0;
    while (index.mergeStep()) merges++;
    expect(merges).toBe(2);
    await store.save(index.takeChanges());
    expect(await tables.segments.count()).toBe(1);
    expect(await tables.positions.count()).toBe(1);
    expect(await tables.meta.get('dead:4')).toBeUndefined();

    const { index: loaded } = await store.load();
    await store.loadPositions(loaded);
    expect(loaded.size).toBe(8);
    expect(loaded.search('shared ').total).toBe(8);
    expect(loaded.search('word3 ').total).toBe(0);
  });

  it('drops data of another format and reports a reset', async () => {
    const db = database();
    const tables = searchTables(db);
    const store = new SearchStore(tables);
    const index = new SearchIndex();
    index.add(corpus);
    await store.save(index.takeChanges());
    await tables.meta.put({ key: 'format', value: 999 });
    const { index: loaded, reset } = await store.load();
    expect(reset).toBe(true);
    expect(loaded.size).toBe(0);
    expect(await tables.segments.count()).toBe(0);
  });

  it('drops an index stored before word pairs (format 1) so that it is rebuilt', async () => {
    const db = database();
    const tables = searchTables(db);
    const store = new SearchStore(tables);
    const index = new SearchIndex();
    index.add(corpus);
    await store.save(index.takeChanges());
    // What format 1 left behind: positions as bare bytes, the format key at 1.
    await tables.meta.put({ key: 'format', value: 1 });
    await tables.positions.put({ id: 1, data: index.segments[0]!.positions!.slice().buffer });
    const { index: loaded, reset } = await store.load();
    expect(reset).toBe(true);
    expect(loaded.size).toBe(0);
    expect(await tables.segments.count()).toBe(0);
    expect(await tables.positions.count()).toBe(0);
    // The app re-indexes its clippings after a reset; phrases then use the word pairs.
    loaded.add(corpus);
    await store.save(loaded.takeChanges());
    const again = await store.load();
    expect(again.reset).toBe(false);
    await store.loadPositions(again.index);
    expect(again.index.segments[0]!.pairs).not.toBeNull();
    expect(answers(again.index)).toEqual(answers(index));
  });

  it('drops a corrupt segment and reports a reset', async () => {
    const db = database();
    const tables = searchTables(db);
    const store = new SearchStore(tables);
    const index = new SearchIndex();
    index.add(corpus);
    await store.save(index.takeChanges());
    await tables.segments.put({ id: 1, docCount: 3, core: new ArrayBuffer(16) });
    expect((await store.load()).reset).toBe(true);
  });

  it('loads an empty database as an empty index without a reset', async () => {
    const { index, reset } = await new SearchStore(searchTables(database())).load();
    expect(index.size).toBe(0);
    expect(reset).toBe(false);
  });
});
