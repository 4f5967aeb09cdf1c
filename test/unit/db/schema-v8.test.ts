import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS, summaryOf } from '../../../src/renderer/src/lib/db';
import { addToStories, STORY_SKETCHES_SETTING } from '../../../src/renderer/src/lib/stories-store';
import { SketchShelf } from '../../../src/renderer/src/lib/stories-sketches';
import { HARBOUR_BODY as BODY, makeDraft } from './draft-factory';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

describe('schema version 8 (story sketches packed)', () => {
  it('replaces the sketch rows with packs of sketches', () => {
    expect(SCHEMA_VERSIONS.find((s) => s.version === 8)?.stores).toEqual({
      storySketches: null,
      storySketchPacks: 'id',
    });
  });

  it('upgrades a grouped version 7 library: stories and choices kept, sketches made again once', async () => {
    const name = uniqueDbName();
    // The same text three times, retitled and with each outlet's own closing line.
    const [a, b, c] = [
      ['Valley Gazette', 'Bridge to be rebuilt', ''],
      ['Coastal Herald', 'Harbour bridge: two years of work', '\nRead more: ferry times'],
      ['River Post', 'Bridge works: the ferry', '\nSign up for our newsletter'],
    ].map(([source, title, tail]) => makeDraft(`${title}\n${BODY}${tail}`, { source }));
    if (!a || !b || !c) throw new Error('three drafts');
    const clippings = [
      { ...a.draft, id: 'c1', importedAt: '2025-07-01T00:00:00.000Z', deletedAt: '' },
      { ...b.draft, id: 'c2', importedAt: '2025-07-01T00:00:00.000Z', deletedAt: '' },
    ];
    await seedAtVersion(name, 7, async (db) => {
      await db.clippings.bulkAdd(clippings);
      await db.summaries.bulkAdd(clippings.map((x) => summaryOf(x, 0, false)));
      // Version 7's form: a sketch row per clipping, the library marked as grouped.
      await db.table('storySketches').bulkAdd([
        { id: 'c1', source: 'Valley Gazette', publishedAt: '', language: 'en', sketch: {} },
        { id: 'c2', source: 'Coastal Herald', publishedAt: '', language: 'en', sketch: {} },
      ]);
      await db.storyMembers.bulkAdd([
        { id: 'c1', story: 'c1', similarity: 1, size: 2, agency: '' },
        { id: 'c2', story: 'c1', similarity: 0.9, size: 2, agency: '' },
      ]);
      await db.storyChoices.add({ id: 'apart:c1:c9', kind: 'apart', a: 'c1', b: 'c9' });
      await db.settings.bulkAdd([
        { key: STORY_SKETCHES_SETTING, value: 1 },
        { key: 'theme', value: 'dark' },
      ]);
    });
    const db = await openCurrent(name);
    try {
      expect(db.tables.map((t) => t.name)).not.toContain('storySketches');
      expect(await db.storySketchPacks.count()).toBe(0);
      // Not grouped any more, so the next start sketches and groups the library once.
      expect(await db.settings.get(STORY_SKETCHES_SETTING)).toBeUndefined();
      expect((await db.settings.get('theme'))?.value).toBe('dark');
      expect(await db.storyMembers.count()).toBe(2);
      expect(await db.storyChoices.count()).toBe(1);
      // A new copy finds its story's members by their new sketches once they are made.
      const shelf = new SketchShelf();
      await addToStories(db, clippings, shelf);
      await addToStories(db, [{ ...c.draft, id: 'c3' }], shelf);
      expect(await db.storySketchPacks.count()).toBe(2);
      expect((await db.storyMembers.where('story').equals('c1').primaryKeys()).sort()).toEqual([
        'c1',
        'c2',
        'c3',
      ]);
    } finally {
      db.close();
    }
  });
});
