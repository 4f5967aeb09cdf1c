import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS, summaryOf } from '../../../src/renderer/src/lib/db';
import { addToStories, STORY_SKETCHES_SETTING } from '../../../src/renderer/src/lib/stories-store';
import { HARBOUR_BODY as BODY, makeDraft } from './draft-factory';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

describe('schema version 7 (stories)', () => {
  it('adds sketches by date, story members by story and the choices by clipping', () => {
    expect(SCHEMA_VERSIONS.find((s) => s.version === 7)?.stores).toEqual({
      storySketches: 'id, publishedAt',
      storyMembers: 'id, story',
      storyChoices: 'id, a, b',
    });
  });

  it('upgrades a version 4 library untouched, ungrouped until the background pass; grouping works on it', async () => {
    const name = uniqueDbName();
    const a = makeDraft(`Bridge to be rebuilt\n${BODY}`, { source: 'Valley Gazette' });
    const b = makeDraft(`Harbour bridge: two years of work\n${BODY}\nRead more: ferry times`, {
      source: 'Coastal Herald',
    });
    await seedAtVersion(name, 4, async (db) => {
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
      expect(await db.clippings.count()).toBe(2);
      expect(await db.storyMembers.count()).toBe(0);
      expect(await db.settings.get(STORY_SKETCHES_SETTING)).toBeUndefined();
      // What the app does on start: summaries from the upgrade, then the grouping pass.
      await db.summaries.bulkPut((await db.clippings.toArray()).map((c) => summaryOf(c, 0, false)));
      await addToStories(db, await db.clippings.toArray());
      expect((await db.storyMembers.where('story').equals('c1').primaryKeys()).sort()).toEqual([
        'c1',
        'c2',
      ]);
    } finally {
      db.close();
    }
  });
});
