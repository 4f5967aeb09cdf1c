/**
 * The tags table: maintained counts (never computed by scanning), colours, descriptions, and
 * renames, merges and deletes across clippings, highlights and the table in one transaction,
 * with the snapshot their undo needs. Adding and removing tags on clippings is a clipping
 * edit (clippings-repo.ts) that keeps these counts with TagCounter.
 */
import { normalizeTag } from '@shared/annotations';
import type { Clipping } from '@shared/clipping';
import { summaryOf, type ClipbookDb, type ClippingSummary, type TagRecord } from './db';
import type { RepoContext } from './repo-context';

/** What undo of a rename, merge or delete needs: each affected record's tags before. */
export interface TagSnapshot {
  clippings: { id: string; tags: string[] }[];
  highlights: { id: string; tags: string[] }[];
  tags: TagRecord[];
}

/** Count deltas per tag key, applied to the tags table inside the caller's transaction. */
export class TagCounter {
  readonly #deltas = new Map<string, { name: string; delta: number }>();

  add(names: readonly string[], delta: number): void {
    for (const name of names) {
      const key = name.toLowerCase();
      const entry = this.#deltas.get(key) ?? { name, delta: 0 };
      entry.delta += delta;
      this.#deltas.set(key, entry);
    }
  }

  async apply(db: ClipbookDb): Promise<boolean> {
    const entries = [...this.#deltas.entries()].filter(([, e]) => e.delta !== 0);
    if (entries.length === 0) return false;
    const existing = await db.tags.bulkGet(entries.map(([key]) => key));
    const puts: TagRecord[] = [];
    entries.forEach(([key, entry], index) => {
      const record = existing[index] ?? {
        key,
        name: entry.name,
        color: '',
        description: '',
        count: 0,
      };
      puts.push({ ...record, count: Math.max(0, record.count + entry.delta) });
    });
    await db.tags.bulkPut(puts);
    return true;
  }
}

/** Tags without case variants of one another, the first spelling kept. */
export function dedupeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Maps tag keys to the names already used in the library, so case variants merge. */
export async function canonicalTags(
  db: ClipbookDb,
  names: readonly string[],
): Promise<Map<string, string>> {
  const keys = [...new Set(names.map((n) => normalizeTag(n).toLowerCase()).filter(Boolean))];
  const records = await db.tags.bulkGet(keys);
  const map = new Map<string, string>();
  for (const record of records) if (record) map.set(record.key, record.name);
  return map;
}

export async function setTagColor(ctx: RepoContext, name: string, color: string): Promise<void> {
  const key = name.toLowerCase();
  await ctx.db.tags.update(key, { color });
  ctx.emit({ upserted: [], removed: [], tagsChanged: true });
}

/** Sets a tag's description (its codebook entry); returns the previous one, for undo. */
export async function setTagDescription(
  ctx: RepoContext,
  name: string,
  description: string,
): Promise<string | null> {
  const { db } = ctx;
  const key = normalizeTag(name).toLowerCase();
  const text = description.trim();
  if (text.length > 5_000) throw new Error('A description can be at most 5,000 characters.');
  let previous: string | null = null;
  await db.transaction('rw', db.tags, async () => {
    const record = await db.tags.get(key);
    if (!record) throw new Error(`There is no tag “${name}”.`);
    previous = record.description ?? '';
    await db.tags.put({ ...record, description: text });
  });
  ctx.emit({ upserted: [], removed: [], tagsChanged: true });
  return previous;
}

/**
 * Renames a tag and its sub-tags (`politics` → `world` moves `politics/europe` to
 * `world/europe`); renaming onto an existing tag merges the two.
 * Returns what undo needs: each affected clipping's tags before.
 */
export async function renameTag(ctx: RepoContext, from: string, to: string): Promise<TagSnapshot> {
  const target = normalizeTag(to);
  if (!target) throw new Error('A tag needs a name.');
  const fromKey = normalizeTag(from).toLowerCase();
  const rename = (tag: string): string => {
    const key = tag.toLowerCase();
    if (key === fromKey) return target;
    if (key.startsWith(`${fromKey}/`)) return target + tag.slice(fromKey.length);
    return tag;
  };
  return retag(
    ctx,
    fromKey,
    (tags) => dedupeTags(tags.map(rename)),
    (record) => {
      const name = rename(record.name);
      return name === record.name ? record : { ...record, key: name.toLowerCase(), name };
    },
  );
}

export async function deleteTag(ctx: RepoContext, name: string): Promise<TagSnapshot> {
  const key = normalizeTag(name).toLowerCase();
  return retag(
    ctx,
    key,
    (tags) => tags.filter((t) => t.toLowerCase() !== key),
    (record) => (record.key === key ? null : record),
  );
}

/**
 * Writes clippings with new tags and their summaries to match (highlight count and note flag
 * kept from the old summary); runs inside the caller's transaction.
 */
async function putRetagged(
  db: ClipbookDb,
  changes: readonly { clipping: Clipping; summary: ClippingSummary | undefined; tags: string[] }[],
): Promise<{ clippings: Clipping[]; summaries: ClippingSummary[] }> {
  const clippings: Clipping[] = [];
  const summaries: ClippingSummary[] = [];
  for (const { clipping, summary, tags } of changes) {
    const next = { ...clipping, tags };
    clippings.push(next);
    summaries.push(summaryOf(next, summary?.highlightCount ?? 0, summary?.hasNote ?? false));
  }
  await db.clippings.bulkPut(clippings);
  await db.summaries.bulkPut(summaries);
  return { clippings, summaries };
}

/** Rewrites tags across clippings, highlights and the tag table in one transaction. */
async function retag(
  ctx: RepoContext,
  key: string,
  mapTags: (tags: string[]) => string[],
  mapRecord: (record: TagRecord) => TagRecord | null,
): Promise<TagSnapshot> {
  const { db } = ctx;
  const snapshot: TagSnapshot = { clippings: [], highlights: [], tags: [] };
  const upserted: ClippingSummary[] = [];
  await db.transaction('rw', [db.clippings, db.summaries, db.tags, db.highlights], async () => {
    const allTags = await db.tags.toArray();
    const affectedRecords = allTags.filter((r) => r.key === key || r.key.startsWith(`${key}/`));
    const names = affectedRecords.map((r) => r.name);
    snapshot.tags = affectedRecords;
    const clippings = names.length ? await db.clippings.where('tags').anyOf(names).toArray() : [];
    const uniqueClippings = [...new Map(clippings.map((c) => [c.id, c])).values()];
    const summaries = await db.summaries.bulkGet(uniqueClippings.map((c) => c.id));
    snapshot.clippings = uniqueClippings.map((c) => ({ id: c.id, tags: c.tags }));
    const written = await putRetagged(
      db,
      uniqueClippings.map((clipping, index) => ({
        clipping,
        summary: summaries[index],
        tags: mapTags(clipping.tags),
      })),
    );
    const nextClippings = written.clippings;
    upserted.push(...written.summaries);
    const highlights = names.length ? await db.highlights.where('tags').anyOf(names).toArray() : [];
    const uniqueHighlights = [...new Map(highlights.map((h) => [h.id, h])).values()];
    snapshot.highlights = uniqueHighlights.map((h) => ({ id: h.id, tags: h.tags }));
    await db.highlights.bulkPut(uniqueHighlights.map((h) => ({ ...h, tags: mapTags(h.tags) })));
    // Counts move with the clippings: minus the old tags, plus the new ones.
    const counter = new TagCounter();
    uniqueClippings.forEach((clipping, index) => {
      if (clipping.deletedAt) return;
      counter.add(clipping.tags, -1);
      counter.add(nextClippings[index]?.tags ?? [], 1);
    });
    // Renamed tags keep their colour when they do not merge into an existing tag.
    for (const record of affectedRecords) {
      const next = mapRecord(record);
      if (next && next.key !== record.key && !(await db.tags.get(next.key))) {
        await db.tags.put({ ...next, count: 0 });
      }
    }
    await counter.apply(db);
    const stale = affectedRecords.filter((r) => mapRecord(r)?.key !== r.key).map((r) => r.key);
    const leftovers = await db.tags.bulkGet(stale);
    await db.tags.bulkDelete(stale.filter((_, i) => (leftovers[i]?.count ?? 0) <= 0));
  });
  ctx.emit({ upserted, removed: [], tagsChanged: true });
  return snapshot;
}

/** Puts tags back exactly as a snapshot recorded them (undo of rename, merge, delete). */
export async function restoreTags(ctx: RepoContext, snapshot: TagSnapshot): Promise<void> {
  const { db } = ctx;
  const upserted: ClippingSummary[] = [];
  await db.transaction('rw', [db.clippings, db.summaries, db.tags, db.highlights], async () => {
    const counter = new TagCounter();
    const ids = snapshot.clippings.map((c) => c.id);
    const clippings = await db.clippings.bulkGet(ids);
    const summaries = await db.summaries.bulkGet(ids);
    const restored = snapshot.clippings.flatMap((saved, index) => {
      const clipping = clippings[index];
      if (!clipping) return [];
      if (!clipping.deletedAt) {
        counter.add(clipping.tags, -1);
        counter.add(saved.tags, 1);
      }
      return [{ clipping, summary: summaries[index], tags: saved.tags }];
    });
    upserted.push(...(await putRetagged(db, restored)).summaries);
    const highlights = await db.highlights.bulkGet(snapshot.highlights.map((h) => h.id));
    await db.highlights.bulkPut(
      highlights.flatMap((h, i) =>
        h ? [{ ...h, tags: snapshot.highlights[i]?.tags ?? h.tags }] : [],
      ),
    );
    await counter.apply(db);
    // Colours of the restored tags come back too.
    for (const record of snapshot.tags) {
      const current = await db.tags.get(record.key);
      await db.tags.put({ ...record, count: current?.count ?? 0 });
    }
    // Drop records the undone rename created that no clipping uses any more.
    const empty = (await db.tags.toArray()).filter((r) => r.count <= 0);
    await db.tags.bulkDelete(empty.map((r) => r.key));
  });
  ctx.emit({ upserted, removed: [], tagsChanged: true });
}
