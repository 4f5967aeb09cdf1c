import { describe, expect, it } from 'vitest';
import { LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import { SCHEMA_VERSIONS } from '../../../src/renderer/src/lib/db';
import { makeDraft } from './draft-factory';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

describe('schema version 5 (database-export records, found by document ID)', () => {
  it('adds record.documentId to the clippings indexes', () => {
    expect(SCHEMA_VERSIONS.find((s) => s.version === 5)?.stores).toEqual({
      clippings: 'id, publishedAt, *tags, original.sha256, record.documentId',
    });
  });

  it('upgrades a version 4 library untouched, and finds export articles by document ID', async () => {
    const name = uniqueDbName();
    const plain = makeDraft('Older\nBody one.', { tags: ['energy'] });
    await seedAtVersion(name, 4, async (db) => {
      await db.clippings.add({
        ...plain.draft,
        id: 'c1',
        importedAt: '2025-07-01T00:00:00.000Z',
        deletedAt: '',
      });
    });
    const db = await openCurrent(name);
    try {
      expect(
        db
          .table('clippings')
          .schema.indexes.map((i) => i.name)
          .sort(),
      ).toEqual(['original.sha256', 'publishedAt', 'record.documentId', 'tags']);
      expect(await db.clippings.get('c1')).toMatchObject({ title: 'Older' });
      // A clipping without a record is not in the new index.
      expect(await db.clippings.where('record.documentId').above('').count()).toBe(0);

      const repo = new LibraryRepo(db);
      const record = {
        database: 'factiva' as const,
        file: 'factiva.rtf',
        part: 1,
        parts: 2,
        documentId: 'TVSTAR0020220917ei9g0y58p',
        outletRaw: 'Tamsin Valley Star',
        page: 'A12',
        edition: '',
        wordCount: 218,
        copyright: '',
        loadDate: '',
        dateIsLoadDate: false,
        abstractOnly: false,
      };
      const first = makeDraft('Stadium plans\nThe club has plans.');
      const stored = await repo.storeDrafts([
        { path: '/x/factiva.rtf', draft: { ...first.draft, record }, bytes: first.bytes },
      ]);
      expect(stored.stored).toHaveLength(1);
      // The same document ID with different text (a corrected reload) is the same article.
      const corrected = makeDraft('Stadium plans\nThe club has new plans.');
      const again = await repo.storeDrafts([
        { path: '/y/factiva.rtf', draft: { ...corrected.draft, record }, bytes: corrected.bytes },
      ]);
      expect(again.stored).toEqual([]);
      expect(again.duplicates).toEqual([
        expect.objectContaining({ path: '/y/factiva.rtf', existingId: stored.stored[0]?.id }),
      ]);
    } finally {
      db.close();
    }
  });
});
