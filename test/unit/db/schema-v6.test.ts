import { describe, expect, it } from 'vitest';
import { LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import { SCHEMA_VERSIONS, type ClippingSummary } from '../../../src/renderer/src/lib/db';
import { emptyCoverage } from '@shared/clipping';
import { makeDraft } from './draft-factory';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

describe('schema version 6 (coverage fields, tag descriptions)', () => {
  it('adds no index: coverage is filtered in memory', () => {
    expect(SCHEMA_VERSIONS.find((s) => s.version === 6)?.stores).toEqual({});
  });

  it('upgrades a version 4 library: empty coverage, summary fields, tag descriptions; the rest intact', async () => {
    const name = uniqueDbName();
    const a = makeDraft('Older\nBody one.', { tags: ['energy'], publishedAt: '2024-01-01' });
    await seedAtVersion(name, 4, async (db) => {
      await db.clippings.add({
        ...a.draft,
        id: 'c1',
        importedAt: '2025-07-01T00:00:00.000Z',
        deletedAt: '',
      });
      await db.summaries.add({
        id: 'c1',
        title: 'Older',
        source: '',
        section: '',
        authors: [],
        publishedAt: '2024-01-01',
        importedAt: '2025-07-01T00:00:00.000Z',
        language: 'en',
        direction: 'ltr',
        tags: ['energy'],
        deletedAt: '',
        highlightCount: 2,
        hasNote: true,
      } as unknown as ClippingSummary);
      await db.table('tags').add({ key: 'energy', name: 'energy', color: '#0a0', count: 1 });
    });
    const db = await openCurrent(name);
    try {
      const clipping = await db.clippings.get('c1');
      expect(clipping?.coverage).toEqual(emptyCoverage());
      expect(clipping?.paragraphs).toEqual(a.draft.paragraphs);
      expect(await db.summaries.get('c1')).toMatchObject({
        highlightCount: 2,
        hasNote: true,
        mediaType: '',
        tone: '',
        reach: null,
        page: '',
      });
      expect(await db.tags.get('energy')).toEqual({
        key: 'energy',
        name: 'energy',
        color: '#0a0',
        description: '',
        count: 1,
      });
      // The upgraded clipping takes coverage edits like a new one.
      const repo = new LibraryRepo(db);
      await repo.updateMetadata('c1', { coverage: { tone: 'negative', reach: 5000 } });
      expect((await db.summaries.get('c1'))?.tone).toBe('negative');
      expect((await db.clippings.get('c1'))?.coverage?.reach).toBe(5000);
    } finally {
      db.close();
    }
  });
});
