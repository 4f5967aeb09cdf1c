/**
 * Reads and writes of the library. Storing a batch is one transaction: a batch lands whole
 * or not at all, so an interrupted import never leaves a clipping without its original.
 */
import type { Clipping, ClippingDraft } from '../../../shared/clipping';
import type { ClipbookDb, OriginalFile } from './db';

export interface DraftToStore {
  path: string;
  draft: ClippingDraft;
  bytes: Uint8Array;
}

export interface StoredEntry {
  path: string;
  id: string;
  title: string;
}

export interface DuplicateEntry {
  path: string;
  existingId: string;
  existingTitle: string;
}

export interface StoreResult {
  stored: StoredEntry[];
  duplicates: DuplicateEntry[];
}

export function newClippingId(): string {
  return crypto.randomUUID();
}

export async function storeDrafts(
  db: ClipbookDb,
  items: readonly DraftToStore[],
): Promise<StoreResult> {
  const result: StoreResult = { stored: [], duplicates: [] };
  if (items.length === 0) return result;
  const importedAt = new Date().toISOString();
  await db.transaction('rw', db.clippings, db.originals, async () => {
    const hashes = [...new Set(items.map((item) => item.draft.original.sha256))];
    const existing = await db.clippings.where('original.sha256').anyOf(hashes).toArray();
    const known = new Map(existing.map((c) => [c.original.sha256, c]));
    const clippings: Clipping[] = [];
    const originals: OriginalFile[] = [];
    for (const item of items) {
      const sha = item.draft.original.sha256;
      const already = known.get(sha);
      if (already) {
        result.duplicates.push({
          path: item.path,
          existingId: already.id,
          existingTitle: already.title,
        });
        continue;
      }
      const clipping: Clipping = { ...item.draft, id: newClippingId(), importedAt };
      known.set(sha, clipping);
      clippings.push(clipping);
      originals.push({
        id: clipping.id,
        sha256: sha,
        name: item.draft.original.name,
        size: item.draft.original.size,
        bytes: item.bytes,
      });
      result.stored.push({ path: item.path, id: clipping.id, title: clipping.title });
    }
    await db.clippings.bulkAdd(clippings);
    await db.originals.bulkAdd(originals);
  });
  return result;
}

export interface ClippingSummary {
  id: string;
  title: string;
  source: string;
  section: string;
  publishedAt: string;
  importedAt: string;
  language: string;
  direction: Clipping['direction'];
}

export function summarize(clipping: Clipping): ClippingSummary {
  return {
    id: clipping.id,
    title: clipping.title,
    source: clipping.source,
    section: clipping.section,
    publishedAt: clipping.publishedAt,
    importedAt: clipping.importedAt,
    language: clipping.language,
    direction: clipping.direction,
  };
}

/** Newest first by published date; undated clippings after dated ones, newest import first. */
export function compareNewestFirst(a: ClippingSummary, b: ClippingSummary): number {
  if (a.publishedAt !== b.publishedAt) {
    if (!a.publishedAt) return 1;
    if (!b.publishedAt) return -1;
    return a.publishedAt < b.publishedAt ? 1 : -1;
  }
  return a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : 0;
}

export async function listSummaries(db: ClipbookDb): Promise<ClippingSummary[]> {
  const all = await db.clippings.toArray();
  return all.map(summarize).sort(compareNewestFirst);
}

export async function getClipping(db: ClipbookDb, id: string): Promise<Clipping | undefined> {
  return db.clippings.get(id);
}
