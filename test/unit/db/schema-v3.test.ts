import { describe, expect, it } from 'vitest';
import { SEARCH_STORES } from '../../../src/renderer/src/search/search-store';
import {
  SCHEMA_VERSIONS,
  type ClippingSummary,
  type TagRecord,
} from '../../../src/renderer/src/lib/db';
import { makeDraft } from './draft-factory';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

describe('schema version 3 (full-text search tables)', () => {
  it('declares exactly the stores the search store needs', () => {
    expect(SCHEMA_VERSIONS.find((s) => s.version === 3)?.stores).toEqual(SEARCH_STORES);
  });

  it('upgrades a version 2 library with every record intact and empty search tables', async () => {
    const name = uniqueDbName();
    const { draft, bytes } = makeDraft('Kept\nBody.', { tags: ['energy'] });
    await seedAtVersion(name, 2, async (db) => {
      await db.clippings.add({
        ...draft,
        id: 'c1',
        importedAt: '2025-01-01T00:00:00.000Z',
        deletedAt: '',
      });
      await db.originals.add({
        id: 'c1',
        sha256: draft.original.sha256,
        name: 'a',
        size: bytes.length,
        bytes,
      });
      await db.summaries.add({
        id: 'c1',
        title: 'Kept',
        source: '',
        section: '',
        authors: [],
        publishedAt: '',
        importedAt: 'x',
        language: 'en',
        direction: 'ltr',
        tags: ['energy'],
        deletedAt: '',
        highlightCount: 0,
        hasNote: true,
      } as unknown as ClippingSummary);
      await db.notes.add({ clippingId: 'c1', text: 'n', updatedAt: 'x' });
      await db.tags.add({ key: 'energy', name: 'energy', color: '#fff', count: 1 } as TagRecord);
    });
    const db = await openCurrent(name);
    expect((await db.clippings.get('c1'))?.title).toBe('Kept');
    expect((await db.summaries.get('c1'))?.hasNote).toBe(true);
    expect(await db.notes.get('c1')).toEqual({ clippingId: 'c1', text: 'n', updatedAt: 'x' });
    expect(await db.tags.get('energy')).toEqual({
      key: 'energy',
      name: 'energy',
      color: '#fff',
      // Added by version 6.
      description: '',
      count: 1,
    });
    expect(await db.table('searchSegments').count()).toBe(0);
    db.close();
  });
});
