/**
 * Storing what imports bring: parsed drafts with their original files (one transaction per
 * batch, duplicates recognised by content or by a database export's document ID) and
 * Clipbook JSON exports read back with their highlights and notes.
 */
import { Dexie } from 'dexie';
import { normalizeTag } from '@shared/annotations';
import { coverageOf, emptyCoverage, type Clipping, type ClippingDraft } from '@shared/clipping';
import type { ExportItem } from '@shared/export/types';
import { rebuildDerived, summaryOf, type ClippingSummary, type OriginalFile } from './db';
import { newId, type RepoContext } from './repo-context';
import { restoreStoryChoices } from './stories-store';
import { canonicalTags, dedupeTags, TagCounter } from './tags-repo';

export interface DraftToStore {
  path: string;
  draft: ClippingDraft;
  bytes: Uint8Array;
}

export interface StoredEntry {
  path: string;
  id: string;
  title: string;
  /** Position of the draft in the request (several articles of an export share a path). */
  index: number;
}

export interface DuplicateEntry {
  path: string;
  existingId: string;
  existingTitle: string;
  index: number;
}

export interface StoreResult {
  stored: StoredEntry[];
  duplicates: DuplicateEntry[];
}

export async function storeDrafts(
  ctx: RepoContext,
  items: readonly DraftToStore[],
): Promise<StoreResult> {
  const result: StoreResult = { stored: [], duplicates: [] };
  if (items.length === 0) return result;
  const importedAt = new Date().toISOString();
  const { db } = ctx;
  const summaries: ClippingSummary[] = [];
  const clippings: Clipping[] = [];
  let tagsChanged = false;
  await db.transaction('rw', [db.clippings, db.originals, db.summaries, db.tags], async () => {
    const known = await existingByHash(
      ctx,
      items.map((item) => item.draft.original.sha256),
    );
    // Articles from database exports are also the same when their document ID is.
    const knownIds = await existingBy(
      ctx,
      'record.documentId',
      items.map((item) => item.draft.record?.documentId ?? ''),
    );
    const canonical = await canonicalTags(
      ctx.db,
      items.flatMap((item) => item.draft.tags),
    );
    const originals: OriginalFile[] = [];
    const counter = new TagCounter();
    for (const [index, item] of items.entries()) {
      const sha = item.draft.original.sha256;
      const documentId = item.draft.record?.documentId ?? '';
      const already = known.get(sha) ?? (documentId ? knownIds.get(documentId) : undefined);
      if (already) {
        result.duplicates.push({
          path: item.path,
          existingId: already.id,
          existingTitle: already.title,
          index,
        });
        continue;
      }
      const tags = dedupeTags(
        item.draft.tags.map((t) => canonical.get(normalizeTag(t).toLowerCase()) ?? normalizeTag(t)),
      );
      const clipping: Clipping = {
        ...item.draft,
        coverage: { ...emptyCoverage(), ...item.draft.coverage },
        tags,
        id: newId(),
        importedAt,
        deletedAt: '',
      };
      known.set(sha, { id: clipping.id, title: clipping.title });
      if (documentId) knownIds.set(documentId, { id: clipping.id, title: clipping.title });
      clippings.push(clipping);
      summaries.push(summaryOf(clipping, 0, false));
      counter.add(tags, 1);
      originals.push({
        id: clipping.id,
        sha256: sha,
        name: item.draft.original.name,
        size: item.draft.original.size,
        bytes: item.bytes,
      });
      result.stored.push({ path: item.path, id: clipping.id, title: clipping.title, index });
    }
    await db.clippings.bulkAdd(clippings);
    await db.originals.bulkAdd(originals);
    await db.summaries.bulkAdd(summaries);
    tagsChanged = await counter.apply(db);
  });
  ctx.emit({ upserted: summaries, removed: [], tagsChanged, added: clippings });
  return result;
}

/**
 * The clippings that already hold these originals, by SHA-256; runs inside the caller's
 * transaction. One key-only request per hash, all in flight at once: a cursor over the index
 * (anyOf) reads and clones every clipping it lands on, a whole article per hash even when
 * nothing matches, with a round trip per step; a Dexie query per hash costs twice the CPU
 * of the bare request.
 */
async function existingByHash(
  ctx: RepoContext,
  hashes: readonly string[],
): Promise<Map<string, { id: string; title: string }>> {
  return existingBy(ctx, 'original.sha256', hashes);
}

/** The same, for any unique-valued index (hashes, database document IDs). */
async function existingBy(
  ctx: RepoContext,
  indexName: string,
  keys: readonly string[],
): Promise<Map<string, { id: string; title: string }>> {
  const unique = [...new Set(keys)].filter(Boolean);
  const known = new Map<string, { id: string; title: string }>();
  if (unique.length === 0) return known;
  const transaction = Dexie.currentTransaction;
  if (!transaction) throw new Error('Looking for duplicates needs the write transaction.');
  const index = transaction.idbtrans.objectStore('clippings').index(indexName);
  // Dexie.Promise keeps Dexie's transaction zone: the writes after this stay in it.
  const ids = await new Dexie.Promise<(IDBValidKey | undefined)[]>((resolve, reject) => {
    const out = new Array<IDBValidKey | undefined>(unique.length);
    let left = unique.length;
    unique.forEach((hash, i) => {
      const request = index.getKey(hash);
      request.onsuccess = () => {
        out[i] = request.result;
        if (--left === 0) resolve(out);
      };
      request.onerror = () => reject(request.error);
    });
  });
  const found = unique.flatMap((hash, i) => {
    const id = ids[i];
    return typeof id === 'string' ? [{ hash, id }] : [];
  });
  if (found.length === 0) return known;
  // Only duplicates (rare) are read, for the report's title.
  const rows = await ctx.db.clippings.bulkGet(found.map((f) => f.id));
  found.forEach(({ hash, id }, i) => known.set(hash, { id, title: rows[i]?.title ?? '' }));
  return known;
}

/**
 * Imports a Clipbook JSON export: clippings with their highlights and notes, exactly as
 * exported (same ids). Clippings already in the library (same id or same original) are
 * skipped and reported as duplicates.
 */
export async function importExportItems(
  ctx: RepoContext,
  items: readonly ExportItem[],
): Promise<{ added: string[]; duplicates: string[] }> {
  const { db } = ctx;
  const added: string[] = [];
  const duplicates: string[] = [];
  await db.transaction(
    'rw',
    [db.clippings, db.summaries, db.highlights, db.notes, db.tags],
    async () => {
      const ids = items.map((i) => i.clipping.id);
      const hashes = items.map((i) => i.clipping.original.sha256);
      const byId = new Set((await db.clippings.bulkGet(ids)).flatMap((c) => (c ? [c.id] : [])));
      const byHash = new Set((await existingByHash(ctx, hashes)).keys());
      for (const item of items) {
        const c = item.clipping;
        if (byId.has(c.id) || byHash.has(c.original.sha256)) {
          duplicates.push(c.title);
          continue;
        }
        byId.add(c.id);
        byHash.add(c.original.sha256);
        await db.clippings.add({
          ...c,
          coverage: coverageOf(c),
          deletedAt: c.deletedAt ?? '',
        });
        await db.highlights.bulkPut(item.highlights);
        if (item.note.trim())
          await db.notes.put({
            clippingId: c.id,
            text: item.note,
            updatedAt: new Date().toISOString(),
          });
        added.push(c.id);
      }
      await rebuildDerived(db);
    },
  );
  await restoreStoryChoices(db, items);
  ctx.emit({
    upserted: await ctx.db.summaries
      .bulkGet(added)
      .then((rows) => rows.flatMap((r) => (r ? [r] : []))),
    removed: [],
    tagsChanged: true,
    imported: added,
  });
  return { added, duplicates };
}
