/**
 * The library's stories in IndexedDB: sketches of clippings, the stories of two or more,
 * and the user's split/merge choices. Runs where the grouping runs (the stories worker; tests
 * call it directly). Every regrouping reads the choices, so a split or merge holds through
 * later imports, regroupings and restores.
 */
import type { Clipping } from '@shared/clipping';
import type { ExportStory } from '@shared/export/types';
import { groupStories, type Story, type StoryChoices, type StoryDoc } from '@shared/stories/group';
import { sketchOf } from '@shared/stories/sketch';
import { pagesByKey, type ClipbookDb, type StoryChoiceRecord, type StoryMemberRecord } from './db';
import { SketchShelf } from './stories-sketches';

/** Bumped when the engine groups differently, so libraries are regrouped once. */
export const STORY_ENGINE_VERSION = 1;
/** The settings key that says the library's sketches are complete (made by this engine). */
export const STORY_SKETCHES_SETTING = 'storySketches';
const PAGE = 500;

export function choiceRecord(
  kind: StoryChoiceRecord['kind'],
  x: string,
  y: string,
): StoryChoiceRecord {
  const [a, b] = x < y ? [x, y] : [y, x];
  return { id: `${kind}:${a}:${b}`, kind, a, b };
}

export function docOf(
  c: Pick<Clipping, 'id' | 'source' | 'publishedAt' | 'language' | 'paragraphs'>,
): StoryDoc {
  return {
    id: c.id,
    source: c.source,
    publishedAt: c.publishedAt,
    language: c.language,
    sketch: sketchOf(c),
  };
}

/** The rows of stories of two or more (a clipping alone has none). */
function memberRows(stories: readonly Story[]): StoryMemberRecord[] {
  const rows: StoryMemberRecord[] = [];
  for (const s of stories) {
    if (s.members.length < 2) continue;
    for (const m of s.members)
      rows.push({
        id: m.id,
        story: s.id,
        similarity: m.similarity,
        size: s.members.length,
        agency: s.agency,
      });
  }
  return rows;
}

async function loadChoices(db: ClipbookDb): Promise<StoryChoices> {
  const all = await db.storyChoices.toArray();
  return {
    together: all.filter((c) => c.kind === 'together').map((c) => [c.a, c.b] as const),
    apart: all.filter((c) => c.kind === 'apart').map((c) => [c.a, c.b] as const),
  };
}

/**
 * Regroups `seeds` with their current story-mates; returns the ids whose rows changed.
 * `fresh` are sketches of clippings just stored (live, in memory): they are written here, as
 * one pack in the transaction that writes the rows, and neither read back nor checked
 * against the Trash.
 *
 * Everything is read and grouped before that transaction, which spans only the stories'
 * tables: one over summaries (for the Trash check) queued the window's import batches, which
 * write summaries, behind every regrouping. Only the stories worker writes story rows, one
 * request at a time; a clipping trashed meanwhile is regrouped when the window hears of it.
 */
async function regroup(
  db: ClipbookDb,
  shelf: SketchShelf,
  seeds: Iterable<string>,
  fresh: readonly StoryDoc[] = [],
): Promise<string[]> {
  const known = new Map(fresh.map((d) => [d.id, d]));
  const ids = new Set(seeds);
  // Clippings just stored were never grouped: only the others can have rows to look up (an
  // import batch with no copies has none, and its request then reads nothing but choices).
  const lookup = [...ids].filter((id) => !known.has(id));
  const rows = lookup.length > 0 ? await db.storyMembers.bulkGet(lookup) : [];
  const stories = new Set(rows.flatMap((r) => (r ? [r.story] : [])));
  const mates =
    stories.size > 0
      ? await db.storyMembers
          .where('story')
          .anyOf([...stories])
          .toArray()
      : [];
  for (const m of mates) ids.add(m.id);
  // Clippings in the Trash are in no story.
  const list = [...ids];
  const others = list.filter((id) => !known.has(id));
  const [sketches, summaries, choices] = await Promise.all([
    shelf.get(db, others),
    others.length > 0 ? db.summaries.bulkGet(others) : [],
    loadChoices(db),
  ]);
  const live = new Set(summaries.flatMap((s) => (s && s.deletedAt === '' ? [s.id] : [])));
  const docs = [...known.values()];
  for (const id of others) {
    const doc = sketches.get(id);
    if (doc && live.has(id)) docs.push(doc);
  }
  const grouped = groupStories(docs, choices);
  const before = new Map(mates.map((m) => [m.id, m]));
  for (const r of rows) if (r) before.set(r.id, r);
  const puts = memberRows(grouped);
  const after = new Map(puts.map((p) => [p.id, p]));
  const changed = list.filter(
    (id) => JSON.stringify(before.get(id)) !== JSON.stringify(after.get(id)),
  );
  // Only rows that changed are written: an import batch touches few of its stories' rows.
  const writes: StoryMemberRecord[] = [];
  const deletes: string[] = [];
  for (const id of changed) {
    const row = after.get(id);
    if (row) writes.push(row);
    else deletes.push(id);
  }
  await db.transaction('rw', [db.storySketchPacks, db.storyMembers], async () => {
    await shelf.put(db, fresh);
    if (deletes.length) await db.storyMembers.bulkDelete(deletes);
    if (writes.length) await db.storyMembers.bulkPut(writes);
  });
  return changed;
}

/**
 * Groups newly stored clippings with the clippings they share text with. `shelf` holds the
 * stored sketches (the worker keeps one; without it, one is read from the database).
 */
export async function addToStories(
  db: ClipbookDb,
  clippings: readonly Pick<Clipping, 'id' | 'source' | 'publishedAt' | 'language' | 'paragraphs'>[],
  shelf?: SketchShelf,
): Promise<string[]> {
  const docs = clippings.map(docOf);
  if (docs.length === 0) return [];
  const stored = shelf ?? (await SketchShelf.open(db));
  const candidates = stored.index;
  for (const d of docs) candidates.add(d);
  const seeds = new Set(docs.map((d) => d.id));
  for (const d of docs) for (const id of candidates.candidates(d)) seeds.add(id);
  return regroup(db, stored, seeds, docs);
}

/** Regroups clippings already stored (by id), e.g. after they leave or return from the Trash. */
export async function regroupIds(
  db: ClipbookDb,
  ids: readonly string[],
  shelf?: SketchShelf,
): Promise<string[]> {
  const stored = shelf ?? (await SketchShelf.open(db));
  const wanted = ids.filter(Boolean);
  const have = await stored.get(db, wanted);
  const made = (await db.clippings.bulkGet(wanted.filter((id) => !have.has(id)))).flatMap((c) =>
    c ? [docOf(c)] : [],
  );
  await stored.put(db, made);
  const candidates = stored.index;
  const docs = [...have.values(), ...made];
  for (const d of docs) candidates.add(d);
  const seeds = new Set(wanted);
  for (const d of docs) for (const id of candidates.candidates(d)) seeds.add(id);
  return regroup(db, stored, seeds);
}

/**
 * Sketches every clipping and groups the whole library (the one-time background pass, and
 * after a restore); returns the number of stories of two or more and the filled shelf.
 * `onProgress` hears clippings sketched, then grouped, out of twice the total.
 */
export async function regroupAll(
  db: ClipbookDb,
  onProgress?: (done: number, total: number) => void,
): Promise<{ stories: number; shelf: SketchShelf }> {
  const total = await db.clippings.count();
  let done = 0;
  const docs: StoryDoc[] = [];
  const shelf = new SketchShelf();
  await db.storySketchPacks.clear();
  for await (const page of pagesByKey(db.clippings, PAGE)) {
    const sketched = page.filter((c) => c.deletedAt === '').map(docOf);
    await shelf.put(db, sketched);
    for (const d of sketched) docs.push(d);
    done += page.length;
    onProgress?.(done, 2 * total);
  }
  const stories = groupStories(docs, await loadChoices(db), {
    onProgress: (grouped, of) =>
      onProgress?.(total + Math.round((grouped / Math.max(1, of)) * total), 2 * total),
  });
  const puts = memberRows(stories);
  await db.transaction('rw', db.storyMembers, async () => {
    await db.storyMembers.clear();
    for (let i = 0; i < puts.length; i += PAGE * 4)
      await db.storyMembers.bulkPut(puts.slice(i, i + PAGE * 4));
  });
  await db.settings.put({ key: STORY_SKETCHES_SETTING, value: STORY_ENGINE_VERSION });
  onProgress?.(2 * total, 2 * total);
  return { stories: stories.filter((s) => s.members.length > 1).length, shelf };
}

/** What a choice changed, so it can be undone exactly. */
export interface ChoiceChange {
  added: StoryChoiceRecord[];
  removed: StoryChoiceRecord[];
  /** Clippings to regroup. */
  ids: string[];
}

async function applyChoices(
  db: ClipbookDb,
  change: ChoiceChange,
  shelf?: SketchShelf,
): Promise<string[]> {
  await db.storyChoices.bulkDelete(change.removed.map((c) => c.id));
  await db.storyChoices.bulkPut(change.added);
  return regroup(db, shelf ?? (await SketchShelf.open(db)), change.ids);
}

/** Takes a copy out of its story for good: it is kept apart from each of its story-mates. */
export async function splitOut(
  db: ClipbookDb,
  id: string,
  shelf?: SketchShelf,
): Promise<{ change: ChoiceChange; changed: string[] }> {
  const row = await db.storyMembers.get(id);
  const mates = row
    ? (await db.storyMembers.where('story').equals(row.story).primaryKeys()).filter((m) => m !== id)
    : [];
  const removed = (await db.storyChoices.where('a').equals(id).or('b').equals(id).toArray()).filter(
    (c) => c.kind === 'together',
  );
  const change: ChoiceChange = {
    added: mates.map((m) => choiceRecord('apart', id, m)),
    removed,
    ids: [id, ...mates],
  };
  return { change, changed: await applyChoices(db, change, shelf) };
}

/** Joins two clippings' stories for good, lifting any split between their members. */
export async function mergeStories(
  db: ClipbookDb,
  x: string,
  y: string,
  shelf?: SketchShelf,
): Promise<{ change: ChoiceChange; changed: string[] }> {
  const members = async (id: string): Promise<string[]> => {
    const row = await db.storyMembers.get(id);
    return row ? await db.storyMembers.where('story').equals(row.story).primaryKeys() : [id];
  };
  const [left, right] = await Promise.all([members(x), members(y)]);
  const rightSet = new Set(right);
  const apart = await db.storyChoices.where('a').anyOf(left).or('b').anyOf(left).toArray();
  const removed = apart.filter(
    (c) => c.kind === 'apart' && (rightSet.has(c.a) || rightSet.has(c.b)),
  );
  const change: ChoiceChange = {
    added: [choiceRecord('together', x, y)],
    removed,
    ids: [...left, ...right],
  };
  return { change, changed: await applyChoices(db, change, shelf) };
}

/** Undoes a split or merge: its choices back as they were, and the clippings regrouped. */
export async function undoChoice(
  db: ClipbookDb,
  change: ChoiceChange,
  shelf?: SketchShelf,
): Promise<string[]> {
  return applyChoices(db, { added: change.removed, removed: change.added, ids: change.ids }, shelf);
}

/** Each clipping's story for exports: id, other copies' count and outlets, the user's choices. */
export async function storiesForExport(
  db: ClipbookDb,
  ids: readonly string[],
): Promise<Map<string, ExportStory>> {
  const out = new Map<string, ExportStory>();
  const choicesOf = new Map<string, ExportStory['choices']>();
  const wanted = [...ids];
  for (const c of await db.storyChoices.where('a').anyOf(wanted).or('b').anyOf(wanted).toArray()) {
    for (const [self, other] of [
      [c.a, c.b],
      [c.b, c.a],
    ] as const)
      choicesOf.set(self, [...(choicesOf.get(self) ?? []), { kind: c.kind, with: other }]);
  }
  const rows = (await db.storyMembers.bulkGet(wanted)).filter((r) => r !== undefined);
  const mates =
    rows.length > 0
      ? await db.storyMembers
          .where('story')
          .anyOf([...new Set(rows.map((r) => r.story))])
          .toArray()
      : [];
  const sources = new Map(
    (await db.summaries.bulkGet(mates.map((m) => m.id))).flatMap((s) =>
      s ? [[s.id, s.source] as const] : [],
    ),
  );
  const byStory = new Map<string, StoryMemberRecord[]>();
  for (const m of mates) byStory.set(m.story, [...(byStory.get(m.story) ?? []), m]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of wanted) {
    const r = byId.get(id);
    const choices = choicesOf.get(id) ?? [];
    if (!r) {
      // Alone, but a split copy still carries its choices.
      if (choices.length > 0) out.set(id, { id, copies: 0, alsoIn: [], choices });
      continue;
    }
    const others = (byStory.get(r.story) ?? [])
      .filter((m) => m.id !== id)
      .sort((a, b) => (a.id === a.story ? -1 : b.id === b.story ? 1 : b.similarity - a.similarity));
    out.set(id, {
      id: r.story,
      copies: r.size - 1,
      alsoIn: others.map((m) => sources.get(m.id) ?? ''),
      choices,
    });
  }
  return out;
}

/** The choices carried by imported export items, where both clippings are in the library. */
export async function restoreStoryChoices(
  db: ClipbookDb,
  items: readonly { clipping: { id: string }; story?: ExportStory }[],
): Promise<void> {
  const pairs = items.flatMap((i) =>
    (i.story?.choices ?? []).map((c) => choiceRecord(c.kind, i.clipping.id, c.with)),
  );
  if (pairs.length === 0) return;
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const present = new Set((await db.summaries.bulkGet(ids)).flatMap((s) => (s ? [s.id] : [])));
  await db.storyChoices.bulkPut(pairs.filter((p) => present.has(p.a) && present.has(p.b)));
}
