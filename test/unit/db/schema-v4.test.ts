import { describe, expect, it } from 'vitest';
import { LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import { SCHEMA_VERSIONS } from '../../../src/renderer/src/lib/db';
import { makeDraft } from './draft-factory';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

const indexNames =
  (db: { table(name: string): { schema: { indexes: { name: string }[] } } }) => (table: string) =>
    db
      .table(table)
      .schema.indexes.map((i) => i.name)
      .sort();

describe('schema version 4 (only the indexes something queries by)', () => {
  it('keeps publishedAt, tags and original.sha256 on clippings and no index on originals', () => {
    expect(SCHEMA_VERSIONS.find((s) => s.version === 4)?.stores).toEqual({
      clippings: 'id, publishedAt, *tags, original.sha256',
      originals: 'id',
    });
  });

  it('upgrades a version 3 library: records intact, the unused indexes gone, the used ones answering', async () => {
    const name = uniqueDbName();
    const a = makeDraft('Older\nBody one.', { tags: ['energy'], publishedAt: '2024-01-01' });
    const b = makeDraft('Newer\nBody two.', { tags: ['Energy/Grid'], publishedAt: '2025-06-01' });
    await seedAtVersion(name, 3, async (db) => {
      for (const [id, { draft, bytes }] of [
        ['c1', a],
        ['c2', b],
      ] as const) {
        await db.clippings.add({
          ...draft,
          id,
          importedAt: '2025-07-01T00:00:00.000Z',
          deletedAt: '',
        });
        await db.originals.add({
          id,
          sha256: draft.original.sha256,
          name: `${id}.txt`,
          size: bytes.length,
          bytes,
        });
      }
    });
    const db = await openCurrent(name);
    try {
      const indexes = indexNames(db);
      // Later versions may add indexes; the five version 4 dropped stay gone.
      expect(indexes('clippings')).toEqual(
        expect.arrayContaining(['original.sha256', 'publishedAt', 'tags']),
      );
      for (const dropped of ['importedAt', 'title', 'source', 'language', 'deletedAt'])
        expect(indexes('clippings')).not.toContain(dropped);
      expect(indexes('originals')).toEqual([]);
      expect((await db.clippings.get('c1'))?.title).toBe('Older');
      expect((await db.originals.get('c2'))?.bytes).toEqual(b.bytes);
      // What the app asks of the kept indexes still works on the upgraded data.
      expect(await db.clippings.orderBy('publishedAt').reverse().primaryKeys()).toEqual([
        'c2',
        'c1',
      ]);
      expect(await db.clippings.where('tags').equals('Energy/Grid').primaryKeys()).toEqual(['c2']);
      const repo = new LibraryRepo(db);
      const again = await repo.storeDrafts([{ path: '/again.txt', ...a }]);
      expect(again.duplicates).toEqual([
        expect.objectContaining({ path: '/again.txt', existingId: 'c1' }),
      ]);
    } finally {
      db.close();
    }
  });
});
