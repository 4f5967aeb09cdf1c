/**
 * Stories in the library: grouping on import, the one-time regroup, and the user's split and
 * merge holding through later imports, regroupings and a backup restore.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/main/import/index';
import { createBackup, restoreBackup, verifyBackup } from '../../../src/renderer/src/lib/backup';
import { createDatabase, type ClipbookDb } from '../../../src/renderer/src/lib/db';
import type { LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import {
  addToStories,
  mergeStories,
  regroupAll,
  regroupIds,
  splitOut,
  STORY_SKETCHES_SETTING,
  undoChoice,
} from '../../../src/renderer/src/lib/stories-store';
import { exportJson, parseClipbookExport } from '@shared/export/json';
import { SketchShelf, unpackSketches } from '../../../src/renderer/src/lib/stories-sketches';
import { uniqueDbName } from '../db/seed';
import { dbOf, openTestLibrary } from '../db/library-factory';

const DIR = join(__dirname, '../../fixtures/stories');

async function store(
  repo: LibraryRepo,
  names: string[],
  shelf?: SketchShelf,
): Promise<Map<string, string>> {
  const items = [];
  for (const name of names) {
    const path = join(DIR, `${name}.md`);
    const r = await parseFile(path);
    if (!r.ok) throw new Error(r.error.message);
    items.push({ path, draft: r.draft, bytes: new Uint8Array(readFileSync(path)) });
  }
  const { stored } = await repo.storeDrafts(items);
  const ids = new Map(stored.map((s, i) => [names[i] as string, s.id]));
  const clippings = await dbOf(repo).clippings.bulkGet([...ids.values()]);
  await addToStories(
    dbOf(repo),
    clippings.filter((c) => c !== undefined),
    shelf,
  );
  return ids;
}

/** Story of each named clipping, as the name of its original ('' when alone). */
async function stories(db: ClipbookDb, ids: Map<string, string>): Promise<Record<string, string>> {
  const byId = new Map([...ids].map(([n, id]) => [id, n]));
  const out: Record<string, string> = {};
  for (const [name, id] of ids) {
    const row = await db.storyMembers.get(id);
    out[name] = row ? (byId.get(row.story) ?? '?') : '';
  }
  return out;
}

describe('stories in the library', () => {
  it('groups on import, within the window of what is already there', async () => {
    const repo = openTestLibrary();
    const first = await store(repo, ['wire-reuters', 'rival-report']);
    const later = await store(repo, ['copy-trimmed', 'copy-herald', 'update-reuters']);
    const ids = new Map([...first, ...later]);
    expect(await stories(dbOf(repo), ids)).toEqual({
      'wire-reuters': 'wire-reuters',
      'copy-trimmed': 'wire-reuters',
      'copy-herald': 'wire-reuters',
      'rival-report': '',
      'update-reuters': '',
    });
    const row = await dbOf(repo).storyMembers.get(ids.get('copy-trimmed') as string);
    expect(row).toMatchObject({ size: 3, agency: 'Reuters' });
  });

  it('imports with the shelf kept in memory store each sketch once, a pack per batch, and group the same', async () => {
    const repo = openTestLibrary();
    const shelf = new SketchShelf();
    const first = await store(repo, ['wire-reuters', 'rival-report'], shelf);
    const later = await store(repo, ['copy-trimmed', 'copy-herald', 'update-reuters'], shelf);
    const ids = new Map([...first, ...later]);
    expect(shelf.index.size).toBe(5);
    const packs = await dbOf(repo).storySketchPacks.toArray();
    expect(packs.map((p) => p.ids.length)).toEqual([2, 3]);
    const stored = packs.flatMap(unpackSketches);
    expect(stored.map((d) => d.id).sort()).toEqual([...ids.values()].sort());
    expect(stored.every((d) => d.sketch.samples.length > 0)).toBe(true);
    // What the shelf reads back from the database is what it was given.
    const reopened = await SketchShelf.open(dbOf(repo));
    expect(reopened.index.size).toBe(5);
    const again = await reopened.get(dbOf(repo), [...ids.values()]);
    const original = await shelf.get(dbOf(repo), [...ids.values()]);
    for (const id of ids.values()) expect(again.get(id)).toEqual(original.get(id));
    expect(await stories(dbOf(repo), ids)).toMatchObject({
      'copy-trimmed': 'wire-reuters',
      'copy-herald': 'wire-reuters',
      'rival-report': '',
    });
    // A copy moved to the Trash is left out when a new copy regroups its story.
    await dbOf(repo).summaries.update(ids.get('copy-herald') as string, {
      deletedAt: '2025-01-01T00:00:00.000Z',
    });
    const more = await store(repo, ['copy-near-exact'], shelf);
    const row = await dbOf(repo).storyMembers.get(ids.get('copy-trimmed') as string);
    expect(row?.story).toBe(ids.get('wire-reuters'));
    expect(await dbOf(repo).storyMembers.get(ids.get('copy-herald') as string)).toBeUndefined();
    expect(more.size).toBe(1);
  });

  it('a split copy stays out through imports, a full regroup and undo brings it back', async () => {
    const repo = openTestLibrary();
    const ids = await store(repo, ['wire-reuters', 'copy-trimmed', 'copy-herald']);
    const trimmed = ids.get('copy-trimmed') as string;
    const { change, changed } = await splitOut(dbOf(repo), trimmed);
    expect(changed).toContain(trimmed);
    expect((await stories(dbOf(repo), ids))['copy-trimmed']).toBe('');
    const more = await store(repo, ['copy-own-lead']);
    for (const [k, v] of more) ids.set(k, v);
    expect(await stories(dbOf(repo), ids)).toMatchObject({
      'copy-trimmed': '',
      'copy-own-lead': 'wire-reuters',
    });
    await dbOf(repo).settings.delete(STORY_SKETCHES_SETTING);
    await regroupAll(dbOf(repo));
    expect((await stories(dbOf(repo), ids))['copy-trimmed']).toBe('');
    expect((await dbOf(repo).settings.get(STORY_SKETCHES_SETTING))?.value).toBe(1);
    await undoChoice(dbOf(repo), change);
    expect((await stories(dbOf(repo), ids))['copy-trimmed']).toBe('wire-reuters');
  });

  it('two stories merged by hand stay merged after a regroup; undo parts them', async () => {
    const repo = openTestLibrary();
    const ids = await store(repo, ['wire-reuters', 'copy-herald', 'rival-report']);
    const { change } = await mergeStories(
      dbOf(repo),
      ids.get('rival-report') as string,
      ids.get('copy-herald') as string,
    );
    expect((await stories(dbOf(repo), ids))['rival-report']).toBe('wire-reuters');
    await regroupAll(dbOf(repo));
    expect((await stories(dbOf(repo), ids))['rival-report']).toBe('wire-reuters');
    await undoChoice(dbOf(repo), change);
    expect((await stories(dbOf(repo), ids))['rival-report']).toBe('');
  });

  it('a backup keeps stories and choices, and a restore brings them back exactly', async () => {
    const repo = openTestLibrary();
    const ids = await store(repo, ['wire-reuters', 'copy-trimmed', 'copy-herald', 'copy-own-lead']);
    await splitOut(dbOf(repo), ids.get('copy-herald') as string);
    const members = await dbOf(repo).storyMembers.toArray();
    const choices = await dbOf(repo).storyChoices.toArray();
    const verified = await verifyBackup(await createBackup(dbOf(repo)));
    if (!verified.ok) throw new Error(verified.error);
    const target = createDatabase(uniqueDbName());
    await restoreBackup(target, verified.backup, 'replace');
    expect(await target.storyMembers.toArray()).toEqual(members);
    expect(await target.storyChoices.toArray()).toEqual(choices);
    // The restored library is sketched and regrouped again: the split still holds.
    await regroupAll(target);
    expect(await target.storyMembers.toArray()).toEqual(members);
  });

  it('a lossless JSON export carries the stories and choices; importing it keeps the split', async () => {
    const repo = openTestLibrary();
    const ids = await store(repo, ['wire-reuters', 'copy-trimmed', 'copy-herald']);
    await splitOut(dbOf(repo), ids.get('copy-trimmed') as string);
    const items = await repo.exportItems([...ids.values()]);
    const wire = items.find((i) => i.clipping.id === ids.get('wire-reuters'));
    expect(wire?.story).toMatchObject({
      id: ids.get('wire-reuters'),
      copies: 1,
      alsoIn: ['The Coastal Herald'],
    });
    expect(
      items.find((i) => i.clipping.id === ids.get('copy-trimmed'))?.story?.choices,
    ).toHaveLength(2);
    const [file] = exportJson(items, { generatedAt: '2025-07-01T00:00:00.000Z' });
    const parsed = parseClipbookExport(String(file?.data));
    if (!parsed.ok) throw new Error(parsed.error);
    const target = openTestLibrary();
    const { added } = await target.importExportItems(parsed.items);
    expect((await dbOf(target).storyChoices.toArray()).map((c) => c.id).sort()).toEqual(
      (await dbOf(repo).storyChoices.toArray()).map((c) => c.id).sort(),
    );
    await addToStories(
      dbOf(target),
      (await dbOf(target).clippings.bulkGet(added)).filter((c) => c !== undefined),
    );
    expect((await stories(dbOf(target), ids))['copy-trimmed']).toBe('');
    expect((await stories(dbOf(target), ids))['copy-herald']).toBe('wire-reuters');
  });

  it('clippings in the Trash leave their story, and come back with it', async () => {
    const repo = openTestLibrary();
    const ids = await store(repo, ['wire-reuters', 'copy-trimmed']);
    const trimmed = ids.get('copy-trimmed') as string;
    await repo.trash([trimmed]);
    await regroupIds(dbOf(repo), [trimmed]);
    expect(await dbOf(repo).storyMembers.count()).toBe(0);
    await repo.restore([trimmed]);
    await regroupIds(dbOf(repo), [trimmed]);
    expect(await dbOf(repo).storyMembers.count()).toBe(2);
    await repo.trash([trimmed]);
    await regroupAll(dbOf(repo));
    expect(await dbOf(repo).storyMembers.count()).toBe(0);
  });
});
