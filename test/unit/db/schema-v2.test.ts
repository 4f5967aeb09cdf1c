import { describe, expect, it } from 'vitest';
import { makeDraft } from './draft-factory';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

describe('schema version 2 (trash, summaries, tag counts, highlights, notes)', () => {
  it('upgrades a version 1 library: every clipping gets a summary, tags get counts', async () => {
    const name = uniqueDbName();
    const one = makeDraft('First\nBody one.', { tags: ['politics', 'energy'] });
    const two = makeDraft('Second\nBody two.', { tags: ['energy'] });
    await seedAtVersion(name, 1, async (db) => {
      // Version 1 records had no deletedAt.
      await db.table('clippings').bulkAdd([
        { ...one.draft, id: 'c1', importedAt: '2025-01-01T00:00:00.000Z' },
        { ...two.draft, id: 'c2', importedAt: '2025-01-02T00:00:00.000Z' },
      ]);
      await db
        .table('originals')
        .add({ id: 'c1', sha256: one.draft.original.sha256, name: 'a', size: 1, bytes: one.bytes });
    });
    const db = await openCurrent(name);
    const c1 = await db.clippings.get('c1');
    expect(c1).toMatchObject({ ...one.draft, id: 'c1', deletedAt: '' });
    expect(await db.summaries.get('c2')).toMatchObject({
      id: 'c2',
      title: 'Second',
      tags: ['energy'],
      deletedAt: '',
      highlightCount: 0,
      hasNote: false,
    });
    expect(await db.summaries.count()).toBe(2);
    expect(await db.tags.toArray()).toEqual([
      { key: 'energy', name: 'energy', color: '', description: '', count: 2 },
      { key: 'politics', name: 'politics', color: '', description: '', count: 1 },
    ]);
    expect((await db.originals.get('c1'))?.bytes).toEqual(one.bytes);
    db.close();
  });
});
