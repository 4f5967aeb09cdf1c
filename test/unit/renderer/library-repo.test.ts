import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/renderer/src/lib/db';
import { listSummaries, storeDrafts } from '../../../src/renderer/src/lib/library-repo';
import { makeDraft } from '../db/draft-factory';
import { uniqueDbName } from '../db/seed';

describe('storing drafts', () => {
  it('stores each clipping with its original bytes, and skips duplicates by content', async () => {
    const db = createDatabase(uniqueDbName());
    const a = makeDraft('A title\nBody A.');
    const b = makeDraft('B title\nBody B.', { publishedAt: '2025-03-01' });
    const first = await storeDrafts(db, [
      { path: '/x/a.txt', ...a },
      { path: '/x/b.txt', ...b },
      { path: '/x/a-copy.txt', ...a },
    ]);
    expect(first.stored.map((s) => s.path)).toEqual(['/x/a.txt', '/x/b.txt']);
    expect(first.duplicates).toEqual([
      { path: '/x/a-copy.txt', existingId: first.stored[0]?.id, existingTitle: 'A title' },
    ]);
    const again = await storeDrafts(db, [{ path: '/y/b.txt', ...b }]);
    expect(again.stored).toEqual([]);
    expect(again.duplicates[0]?.existingTitle).toBe('B title');
    expect(await db.clippings.count()).toBe(2);
    expect(await db.originals.count()).toBe(2);
    const stored = await db.originals.get(first.stored[0]?.id ?? '');
    expect(new TextDecoder().decode(stored?.bytes)).toBe('A title\nBody A.');
    // Newest published first.
    expect((await listSummaries(db)).map((s) => s.title)).toEqual(['B title', 'A title']);
  });

  it('stores nothing of a batch that fails part-way', async () => {
    const db = createDatabase(uniqueDbName());
    const good = makeDraft('Good\nText.');
    const bad = makeDraft('Bad\nText.');
    // An id clash in the second table makes the transaction fail after the first write.
    await db.originals.add({
      id: 'taken',
      sha256: 'x',
      name: 'x',
      size: 0,
      bytes: new Uint8Array(),
    });
    const realAdd = db.originals.bulkAdd.bind(db.originals);
    db.originals.bulkAdd = (async () => {
      await realAdd([{ id: 'taken', sha256: 'y', name: 'y', size: 0, bytes: new Uint8Array() }]);
    }) as unknown as typeof db.originals.bulkAdd;
    await expect(
      storeDrafts(db, [
        { path: '/a', ...good },
        { path: '/b', ...bad },
      ]),
    ).rejects.toThrow();
    expect(await db.clippings.count()).toBe(0);
    expect(await db.originals.count()).toBe(1);
  });
});
