/**
 * Every read and write of the library. Each operation is one transaction that keeps the
 * derived data in step: the clipping, its summary row and the maintained tag counts change
 * together or not at all. After a write commits, listeners hear which summaries changed, so
 * the UI updates without re-reading 100,000 rows.
 */
import { Dexie } from 'dexie';
import type { ArticleNote, Highlight } from '@shared/annotations';
import { normalizeTag } from '@shared/annotations';
import * as v from 'valibot';
import {
  CoverageSchema,
  coverageOf,
  emptyCoverage,
  type Clipping,
  type ClippingDraft,
  type Coverage,
} from '@shared/clipping';
import type { ExportItem } from '@shared/export/types';
import { loadAnnotated } from './annotated';
import { rebuildDerived } from './backup';
import { StringPool } from './intern';
import { SettingsStore } from './settings';
import { restoreStoryChoices, storiesForExport } from './stories-store';
import {
  pagesByKey,
  summaryOf,
  type ClipbookDb,
  type ClippingSummary,
  type OriginalFile,
  type TagRecord,
} from './db';

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

export interface LibraryChange {
  upserted: ClippingSummary[];
  removed: string[];
  tagsChanged: boolean;
  /**
   * Clippings this change wrote whole and new (an import), so listeners that need their text
   * (search) have it without reading every article back.
   */
  added?: readonly Clipping[];
  /** Clippings written whole and new from an export file (stories group them). */
  imported?: readonly string[];
}

export type MetadataPatch = Partial<
  Pick<Clipping, 'title' | 'source' | 'section' | 'authors' | 'publishedAt' | 'url'>
> & {
  /** Only the coverage fields named change. */
  coverage?: Partial<Coverage>;
};

/** A bulk edit of a selection: coverage fields to set, tags to add and to remove. */
export interface BulkEdit {
  coverage?: Partial<Coverage>;
  addTags?: readonly string[];
  removeTags?: readonly string[];
}

/** What a bulk edit changed, clipping by clipping, so undo can put it back exactly. */
export interface BulkSnapshot {
  clippings: { id: string; coverage: Coverage; tags: string[] }[];
}

const CoveragePatchSchema = v.partial(CoverageSchema);

/** Trims a coverage patch and checks it against the schema; throws a message for the user. */
export function cleanCoveragePatch(patch: Partial<Coverage>): Partial<Coverage> {
  const clean: Partial<Coverage> = { ...patch };
  for (const key of ['page', 'edition', 'reachSource'] as const) {
    const value = clean[key];
    if (value !== undefined) clean[key] = value.trim();
  }
  if (clean.entities) {
    const seen = new Set<string>();
    clean.entities = clean.entities
      .map((e) => e.trim().replace(/\s+/g, ' '))
      .filter((e) => e && !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
  }
  if (clean.reach !== undefined && clean.reach !== null) {
    if (!Number.isFinite(clean.reach) || clean.reach < 0 || !Number.isInteger(clean.reach))
      throw new Error('Reach must be a whole number of people, such as 25000.');
  }
  const parsed = v.safeParse(CoveragePatchSchema, clean);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new Error(
      `The ${v.getDotPath(issue) ?? 'coverage'} field is not valid: ${issue.message}`,
    );
  }
  return parsed.output;
}

export function newId(): string {
  return crypto.randomUUID();
}

type Listener = (change: LibraryChange) => void;

/** Count deltas per tag key, applied to the tags table inside the caller's transaction. */
class TagCounter {
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

export class LibraryRepo {
  readonly db: ClipbookDb;
  readonly settings: SettingsStore;
  readonly #listeners = new Set<Listener>();

  constructor(db: ClipbookDb) {
    this.db = db;
    this.settings = new SettingsStore(db);
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: LibraryChange): void {
    if (change.upserted.length === 0 && change.removed.length === 0 && !change.tagsChanged) return;
    for (const listener of this.#listeners) listener(change);
  }

  // ---- Reading ---------------------------------------------------------------------------

  /**
   * Every summary, read in chunks by primary key: each chunk is its own request, so a click
   * that opens an article is answered between chunks instead of after the whole library.
   */
  async loadSummaries(chunk = 10_000): Promise<ClippingSummary[]> {
    const all: ClippingSummary[] = [];
    const pool = new StringPool();
    for await (const rows of pagesByKey(this.db.summaries, chunk)) {
      pool.internSummaries(rows);
      for (const row of rows) all.push(row);
    }
    return all;
  }

  /** The newest clippings by published date, from the index: the list's first screen. */
  async newestSummaries(limit: number): Promise<ClippingSummary[]> {
    const ids = (await this.db.clippings
      .orderBy('publishedAt')
      .reverse()
      .limit(limit)
      .primaryKeys()) as string[];
    const rows = await this.db.summaries.bulkGet(ids);
    return rows.flatMap((row) => (row ? [row] : []));
  }

  getClipping(id: string): Promise<Clipping | undefined> {
    return this.db.clippings.get(id);
  }

  listTags(): Promise<TagRecord[]> {
    return this.db.tags.toArray();
  }

  /** Every highlight in the library, a page at a time (the Highlights view). */
  async allHighlights(): Promise<Highlight[]> {
    const all: Highlight[] = [];
    for await (const rows of pagesByKey(this.db.highlights, 10_000))
      for (const h of rows) all.push(h);
    return all;
  }

  async highlightsOf(clippingId: string): Promise<Highlight[]> {
    const list = await this.db.highlights.where('clippingId').equals(clippingId).toArray();
    return list.sort(
      (a, b) => a.position.start - b.position.start || a.position.end - b.position.end,
    );
  }

  /** Clippings with their highlights (in text order) and notes, in the order of `ids`. */
  async exportItems(ids: readonly string[]): Promise<ExportItem[]> {
    const items = await loadAnnotated(this.db, ids);
    const stories = await storiesForExport(this.db, ids);
    return items.map(({ clipping, highlights, note }) => {
      const story = stories.get(clipping.id);
      return { clipping, highlights, note: note?.text ?? '', ...(story ? { story } : {}) };
    });
  }

  /**
   * Imports a Clipbook JSON export: clippings with their highlights and notes, exactly as
   * exported (same ids). Clippings already in the library (same id or same original) are
   * skipped and reported as duplicates.
   */
  async importExportItems(
    items: readonly ExportItem[],
  ): Promise<{ added: string[]; duplicates: string[] }> {
    const db = this.db;
    const added: string[] = [];
    const duplicates: string[] = [];
    await db.transaction(
      'rw',
      [db.clippings, db.summaries, db.highlights, db.notes, db.tags],
      async () => {
        const ids = items.map((i) => i.clipping.id);
        const hashes = items.map((i) => i.clipping.original.sha256);
        const byId = new Set((await db.clippings.bulkGet(ids)).flatMap((c) => (c ? [c.id] : [])));
        const byHash = new Set((await this.#existingByHash(hashes)).keys());
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
    this.#emit({
      upserted: await this.db.summaries
        .bulkGet(added)
        .then((rows) => rows.flatMap((r) => (r ? [r] : []))),
      removed: [],
      tagsChanged: true,
      imported: added,
    });
    return { added, duplicates };
  }

  async noteOf(clippingId: string): Promise<string> {
    return (await this.db.notes.get(clippingId))?.text ?? '';
  }

  // ---- Import ----------------------------------------------------------------------------

  async storeDrafts(items: readonly DraftToStore[]): Promise<StoreResult> {
    const result: StoreResult = { stored: [], duplicates: [] };
    if (items.length === 0) return result;
    const importedAt = new Date().toISOString();
    const db = this.db;
    const summaries: ClippingSummary[] = [];
    const clippings: Clipping[] = [];
    let tagsChanged = false;
    await db.transaction('rw', [db.clippings, db.originals, db.summaries, db.tags], async () => {
      const known = await this.#existingByHash(items.map((item) => item.draft.original.sha256));
      // Articles from database exports are also the same when their document ID is.
      const knownIds = await this.#existingBy(
        'record.documentId',
        items.map((item) => item.draft.record?.documentId ?? ''),
      );
      const canonical = await this.#canonicalTags(items.flatMap((item) => item.draft.tags));
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
          item.draft.tags.map(
            (t) => canonical.get(normalizeTag(t).toLowerCase()) ?? normalizeTag(t),
          ),
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
    this.#emit({ upserted: summaries, removed: [], tagsChanged, added: clippings });
    return result;
  }

  /**
   * The clippings that already hold these originals, by SHA-256; runs inside the caller's
   * transaction. One key-only request per hash, all in flight at once: a cursor over the index
   * (anyOf) reads and clones every clipping it lands on, a whole article per hash even when
   * nothing matches, with a round trip per step; a Dexie query per hash costs twice the CPU
   * of the bare request.
   */
  async #existingByHash(
    hashes: readonly string[],
  ): Promise<Map<string, { id: string; title: string }>> {
    return this.#existingBy('original.sha256', hashes);
  }

  /** The same, for any unique-valued index (hashes, database document IDs). */
  async #existingBy(
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
    const rows = await this.db.clippings.bulkGet(found.map((f) => f.id));
    found.forEach(({ hash, id }, i) => known.set(hash, { id, title: rows[i]?.title ?? '' }));
    return known;
  }

  /** Maps tag keys to the names already used in the library, so case variants merge. */
  async #canonicalTags(names: readonly string[]): Promise<Map<string, string>> {
    const keys = [...new Set(names.map((n) => normalizeTag(n).toLowerCase()).filter(Boolean))];
    const records = await this.db.tags.bulkGet(keys);
    const map = new Map<string, string>();
    for (const record of records) if (record) map.set(record.key, record.name);
    return map;
  }

  // ---- Editing clippings ---------------------------------------------------------------

  /** Rewrites clippings with `edit` and keeps summaries and tag counts in step. */
  async #rewrite(
    ids: readonly string[],
    edit: (clipping: Clipping) => Clipping | null,
  ): Promise<Clipping[]> {
    const db = this.db;
    const before: Clipping[] = [];
    const upserted: ClippingSummary[] = [];
    let tagsChanged = false;
    await db.transaction('rw', [db.clippings, db.summaries, db.tags], async () => {
      const clippings = await db.clippings.bulkGet([...ids]);
      const summaries = await db.summaries.bulkGet([...ids]);
      const counter = new TagCounter();
      const nextClippings: Clipping[] = [];
      const nextSummaries: ClippingSummary[] = [];
      clippings.forEach((clipping, index) => {
        if (!clipping) return;
        const next = edit(clipping);
        if (!next) return;
        before.push(clipping);
        if (!clipping.deletedAt) counter.add(clipping.tags, -1);
        if (!next.deletedAt) counter.add(next.tags, 1);
        const old = summaries[index];
        nextClippings.push(next);
        nextSummaries.push(summaryOf(next, old?.highlightCount ?? 0, old?.hasNote ?? false));
      });
      await db.clippings.bulkPut(nextClippings);
      await db.summaries.bulkPut(nextSummaries);
      upserted.push(...nextSummaries);
      tagsChanged = await counter.apply(db);
    });
    this.#emit({ upserted, removed: [], tagsChanged });
    return before;
  }

  /** Returns the fields as they were, for undo. */
  async updateMetadata(id: string, patch: MetadataPatch): Promise<MetadataPatch | null> {
    const clean: MetadataPatch = { ...patch };
    if (clean.title !== undefined) clean.title = clean.title.trim();
    if (clean.title === '') throw new Error('A clipping needs a title.');
    if (clean.authors) clean.authors = clean.authors.map((a) => a.trim()).filter(Boolean);
    if (
      clean.publishedAt &&
      !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?/.test(clean.publishedAt)
    ) {
      throw new Error('The date must look like 2024-07-18 or 2024-07-18T09:30.');
    }
    if (clean.url && !/^https?:\/\//i.test(clean.url))
      throw new Error('The URL must start with http:// or https://.');
    const { coverage: rawCoverage, ...fields } = clean;
    const coverage = rawCoverage ? cleanCoveragePatch(rawCoverage) : undefined;
    const [before] = await this.#rewrite([id], (c) => ({
      ...c,
      ...fields,
      ...(coverage ? { coverage: { ...coverageOf(c), ...coverage } } : {}),
    }));
    if (!before) return null;
    const previous: MetadataPatch = {};
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
      (previous as Record<string, unknown>)[key] = before[key];
    }
    if (coverage) {
      const old = coverageOf(before);
      previous.coverage = Object.fromEntries(
        Object.keys(coverage).map((key) => [key, old[key as keyof Coverage]]),
      ) as Partial<Coverage>;
    }
    return previous;
  }

  /**
   * Sets coverage fields and adds or removes tags on many clippings in one transaction.
   * Returns the clippings it changed as they were, for undo (null when nothing changed).
   */
  async bulkEdit(ids: readonly string[], edit: BulkEdit): Promise<BulkSnapshot | null> {
    const coverage = edit.coverage ? cleanCoveragePatch(edit.coverage) : {};
    const canonical = await this.#canonicalTags(edit.addTags ?? []);
    const adding = dedupeTags(
      (edit.addTags ?? [])
        .map(normalizeTag)
        .filter(Boolean)
        .map((t) => canonical.get(t.toLowerCase()) ?? t),
    );
    const removing = new Set((edit.removeTags ?? []).map((t) => normalizeTag(t).toLowerCase()));
    const keys = Object.keys(coverage) as (keyof Coverage)[];
    const before = await this.#rewrite(ids, (c) => {
      const old = coverageOf(c);
      const next = { ...old, ...coverage };
      const tags = dedupeTags([...c.tags.filter((t) => !removing.has(t.toLowerCase())), ...adding]);
      const same =
        keys.every((k) => JSON.stringify(old[k]) === JSON.stringify(next[k])) &&
        sameTags(tags, c.tags);
      return same ? null : { ...c, coverage: next, tags };
    });
    if (before.length === 0) return null;
    return {
      clippings: before.map((c) => ({ id: c.id, coverage: coverageOf(c), tags: c.tags })),
    };
  }

  /** Puts back what a bulk edit changed (its undo). */
  async restoreBulk(snapshot: BulkSnapshot): Promise<void> {
    const saved = new Map(snapshot.clippings.map((c) => [c.id, c]));
    const canonical = await this.#canonicalTags(snapshot.clippings.flatMap((c) => c.tags));
    await this.#rewrite([...saved.keys()], (c) => {
      const was = saved.get(c.id);
      if (!was) return null;
      const tags = dedupeTags(was.tags.map((t) => canonical.get(t.toLowerCase()) ?? t));
      return { ...c, coverage: was.coverage, tags };
    });
  }

  async trash(ids: readonly string[]): Promise<string[]> {
    const at = new Date().toISOString();
    const before = await this.#rewrite(ids, (c) => (c.deletedAt ? null : { ...c, deletedAt: at }));
    return before.map((c) => c.id);
  }

  async restore(ids: readonly string[]): Promise<string[]> {
    const before = await this.#rewrite(ids, (c) => (c.deletedAt ? { ...c, deletedAt: '' } : null));
    return before.map((c) => c.id);
  }

  /** Deletes trashed clippings for good, with everything that belongs to them. */
  async emptyTrash(): Promise<number> {
    const db = this.db;
    let removed: string[] = [];
    await db.transaction(
      'rw',
      [db.clippings, db.originals, db.summaries, db.highlights, db.notes],
      async () => {
        removed = (await db.summaries.where('deletedAt').above('').primaryKeys()) as string[];
        await db.clippings.bulkDelete(removed);
        await db.originals.bulkDelete(removed);
        await db.summaries.bulkDelete(removed);
        await db.notes.bulkDelete(removed);
        await db.highlights.where('clippingId').anyOf(removed).delete();
      },
    );
    this.#emit({ upserted: [], removed, tagsChanged: false });
    return removed.length;
  }

  // ---- Tags ------------------------------------------------------------------------------

  /** Adds and removes tags on clippings; returns the ids whose tags actually changed. */
  async changeTags(
    ids: readonly string[],
    add: readonly string[],
    remove: readonly string[],
  ): Promise<string[]> {
    const canonical = await this.#canonicalTags(add);
    const adding = dedupeTags(
      add
        .map(normalizeTag)
        .filter(Boolean)
        .map((t) => canonical.get(t.toLowerCase()) ?? t),
    );
    const removing = new Set(remove.map((t) => normalizeTag(t).toLowerCase()));
    const before = await this.#rewrite(ids, (c) => {
      const kept = c.tags.filter((t) => !removing.has(t.toLowerCase()));
      const next = dedupeTags([...kept, ...adding]);
      return sameTags(next, c.tags) ? null : { ...c, tags: next };
    });
    return before.map((c) => c.id);
  }

  async setTagColor(name: string, color: string): Promise<void> {
    const key = name.toLowerCase();
    await this.db.tags.update(key, { color });
    this.#emit({ upserted: [], removed: [], tagsChanged: true });
  }

  /** Sets a tag's description (its codebook entry); returns the previous one, for undo. */
  async setTagDescription(name: string, description: string): Promise<string | null> {
    const key = normalizeTag(name).toLowerCase();
    const text = description.trim();
    if (text.length > 5_000) throw new Error('A description can be at most 5,000 characters.');
    let previous: string | null = null;
    await this.db.transaction('rw', this.db.tags, async () => {
      const record = await this.db.tags.get(key);
      if (!record) throw new Error(`There is no tag “${name}”.`);
      previous = record.description ?? '';
      await this.db.tags.put({ ...record, description: text });
    });
    this.#emit({ upserted: [], removed: [], tagsChanged: true });
    return previous;
  }

  /**
   * Renames a tag and its sub-tags (`politics` → `world` moves `politics/europe` to
   * `world/europe`); renaming onto an existing tag merges the two.
   * Returns what undo needs: each affected clipping's tags before.
   */
  async renameTag(from: string, to: string): Promise<TagSnapshot> {
    const target = normalizeTag(to);
    if (!target) throw new Error('A tag needs a name.');
    const fromKey = normalizeTag(from).toLowerCase();
    const rename = (tag: string): string => {
      const key = tag.toLowerCase();
      if (key === fromKey) return target;
      if (key.startsWith(`${fromKey}/`)) return target + tag.slice(fromKey.length);
      return tag;
    };
    return this.#retag(
      fromKey,
      (tags) => dedupeTags(tags.map(rename)),
      (record) => {
        const name = rename(record.name);
        return name === record.name ? record : { ...record, key: name.toLowerCase(), name };
      },
    );
  }

  async deleteTag(name: string): Promise<TagSnapshot> {
    const key = normalizeTag(name).toLowerCase();
    return this.#retag(
      key,
      (tags) => tags.filter((t) => t.toLowerCase() !== key),
      (record) => (record.key === key ? null : record),
    );
  }

  /** Rewrites tags across clippings, highlights and the tag table in one transaction. */
  async #retag(
    key: string,
    mapTags: (tags: string[]) => string[],
    mapRecord: (record: TagRecord) => TagRecord | null,
  ): Promise<TagSnapshot> {
    const db = this.db;
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
      const nextClippings: Clipping[] = [];
      const nextSummaries: ClippingSummary[] = [];
      uniqueClippings.forEach((clipping, index) => {
        snapshot.clippings.push({ id: clipping.id, tags: clipping.tags });
        const next = { ...clipping, tags: mapTags(clipping.tags) };
        nextClippings.push(next);
        const old = summaries[index];
        nextSummaries.push(summaryOf(next, old?.highlightCount ?? 0, old?.hasNote ?? false));
      });
      await db.clippings.bulkPut(nextClippings);
      await db.summaries.bulkPut(nextSummaries);
      upserted.push(...nextSummaries);
      const highlights = names.length
        ? await db.highlights.where('tags').anyOf(names).toArray()
        : [];
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
    this.#emit({ upserted, removed: [], tagsChanged: true });
    return snapshot;
  }

  /** Puts tags back exactly as a snapshot recorded them (undo of rename, merge, delete). */
  async restoreTags(snapshot: TagSnapshot): Promise<void> {
    const db = this.db;
    const upserted: ClippingSummary[] = [];
    await db.transaction('rw', [db.clippings, db.summaries, db.tags, db.highlights], async () => {
      const counter = new TagCounter();
      const ids = snapshot.clippings.map((c) => c.id);
      const clippings = await db.clippings.bulkGet(ids);
      const summaries = await db.summaries.bulkGet(ids);
      const next: Clipping[] = [];
      const nextSummaries: ClippingSummary[] = [];
      snapshot.clippings.forEach((saved, index) => {
        const clipping = clippings[index];
        if (!clipping) return;
        if (!clipping.deletedAt) {
          counter.add(clipping.tags, -1);
          counter.add(saved.tags, 1);
        }
        const restored = { ...clipping, tags: saved.tags };
        next.push(restored);
        const old = summaries[index];
        nextSummaries.push(summaryOf(restored, old?.highlightCount ?? 0, old?.hasNote ?? false));
      });
      await db.clippings.bulkPut(next);
      await db.summaries.bulkPut(nextSummaries);
      upserted.push(...nextSummaries);
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
    this.#emit({ upserted, removed: [], tagsChanged: true });
  }

  // ---- Highlights and notes ----------------------------------------------------------

  async saveHighlight(highlight: Highlight): Promise<void> {
    await this.#withHighlights(highlight.clippingId, async () => {
      await this.db.highlights.put(highlight);
    });
  }

  async deleteHighlight(id: string): Promise<Highlight | undefined> {
    const highlight = await this.db.highlights.get(id);
    if (!highlight) return undefined;
    await this.#withHighlights(highlight.clippingId, async () => {
      await this.db.highlights.delete(id);
    });
    return highlight;
  }

  async #withHighlights(clippingId: string, write: () => Promise<void>): Promise<void> {
    const db = this.db;
    let summary: ClippingSummary | undefined;
    await db.transaction('rw', [db.highlights, db.summaries], async () => {
      await write();
      const count = await db.highlights.where('clippingId').equals(clippingId).count();
      summary = await db.summaries.get(clippingId);
      if (summary && summary.highlightCount !== count) {
        summary = { ...summary, highlightCount: count };
        await db.summaries.put(summary);
      }
    });
    if (summary) this.#emit({ upserted: [summary], removed: [], tagsChanged: false });
  }

  async saveNote(clippingId: string, text: string): Promise<void> {
    const db = this.db;
    let summary: ClippingSummary | undefined;
    await db.transaction('rw', [db.notes, db.summaries], async () => {
      if (text.trim()) {
        await db.notes.put({
          clippingId,
          text,
          updatedAt: new Date().toISOString(),
        } satisfies ArticleNote);
      } else {
        await db.notes.delete(clippingId);
      }
      const current = await db.summaries.get(clippingId);
      const hasNote = text.trim() !== '';
      if (current && current.hasNote !== hasNote) {
        summary = { ...current, hasNote };
        await db.summaries.put(summary);
      }
    });
    if (summary) this.#emit({ upserted: [summary], removed: [], tagsChanged: false });
  }
}

export interface TagSnapshot {
  clippings: { id: string; tags: string[] }[];
  highlights: { id: string; tags: string[] }[];
  tags: TagRecord[];
}

function dedupeTags(tags: readonly string[]): string[] {
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

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
