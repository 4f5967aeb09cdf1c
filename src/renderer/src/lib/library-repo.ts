/**
 * The library's one way in from outside the data layer. Every read and write goes through
 * here; each write is one transaction that keeps the derived data in step (the clipping, its
 * summary row and the maintained tag counts change together or not at all), done by the
 * module for its kind of record: clippings-repo, tags-repo, imports-repo, annotations-repo.
 * After a write commits, listeners hear which summaries changed, so the UI updates without
 * re-reading 100,000 rows. The Dexie database stays private to these modules.
 */
import type { Highlight } from '@shared/annotations';
import type { Clipping } from '@shared/clipping';
import type { ExportItem } from '@shared/export/types';
import * as annotations from './annotations-repo';
import { loadAnnotated } from './annotated';
import { restoreBackup, writeBackup, type RestoreMode, type VerifiedBackup } from './backup';
import * as clippings from './clippings-repo';
import {
  getDatabase,
  pagesByKey,
  type ClipbookDb,
  type ClippingSummary,
  type StoryMemberRecord,
  type TagRecord,
} from './db';
import * as imports from './imports-repo';
import { StringPool } from './intern';
import type { LibraryChange, RepoContext } from './repo-context';
import { SettingsStore } from './settings';
import { storiesForExport } from './stories-store';
import * as tags from './tags-repo';

export type { BulkEdit, BulkSnapshot, MetadataPatch } from './clippings-repo';
export type { DraftToStore, DuplicateEntry, StoredEntry, StoreResult } from './imports-repo';
export { newId, type LibraryChange } from './repo-context';
export type { TagSnapshot } from './tags-repo';

type Listener = (change: LibraryChange) => void;

/** The app's library, on the app's one database. */
export function openLibrary(): LibraryRepo {
  return new LibraryRepo(getDatabase());
}

export class LibraryRepo {
  readonly settings: SettingsStore;
  readonly #db: ClipbookDb;
  readonly #ctx: RepoContext;
  readonly #listeners = new Set<Listener>();

  constructor(db: ClipbookDb) {
    this.#db = db;
    this.settings = new SettingsStore(db);
    this.#ctx = { db, emit: (change) => this.#emit(change) };
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
    for await (const rows of pagesByKey(this.#db.summaries, chunk)) {
      pool.internSummaries(rows);
      for (const row of rows) all.push(row);
    }
    return all;
  }

  /** The newest clippings by published date, from the index: the list's first screen. */
  async newestSummaries(limit: number): Promise<ClippingSummary[]> {
    const ids = (await this.#db.clippings
      .orderBy('publishedAt')
      .reverse()
      .limit(limit)
      .primaryKeys()) as string[];
    const rows = await this.#db.summaries.bulkGet(ids);
    return rows.flatMap((row) => (row ? [row] : []));
  }

  getClipping(id: string): Promise<Clipping | undefined> {
    return this.#db.clippings.get(id);
  }

  listTags(): Promise<TagRecord[]> {
    return this.#db.tags.toArray();
  }

  /** Clippings with their highlights (in text order) and notes, in the order of `ids`. */
  async exportItems(ids: readonly string[]): Promise<ExportItem[]> {
    const items = await loadAnnotated(this.#db, ids);
    const stories = await storiesForExport(this.#db, ids);
    return items.map(({ clipping, highlights, note }) => {
      const story = stories.get(clipping.id);
      return { clipping, highlights, note: note?.text ?? '', ...(story ? { story } : {}) };
    });
  }

  /** The story rows of these clippings, in their order (undefined: the clipping is alone). */
  storyMembersOf(ids: readonly string[]): Promise<(StoryMemberRecord | undefined)[]> {
    return this.#db.storyMembers.bulkGet([...ids]);
  }

  /**
   * Every story row: each clipping that shares its story with others, a page at a time
   * (reading the whole table at once was one long task of the window: ≈ 0.9 s for 94,000 rows
   * after a regrouping, bench:stories).
   */
  storyMemberPages(size: number): AsyncGenerator<StoryMemberRecord[]> {
    return pagesByKey(this.#db.storyMembers, size);
  }

  // ---- Import ----------------------------------------------------------------------------

  storeDrafts(items: readonly imports.DraftToStore[]): Promise<imports.StoreResult> {
    return imports.storeDrafts(this.#ctx, items);
  }

  /** A Clipbook JSON export read back, same ids; what the library has is a duplicate. */
  importExportItems(
    items: readonly ExportItem[],
  ): Promise<{ added: string[]; duplicates: string[] }> {
    return imports.importExportItems(this.#ctx, items);
  }

  // ---- Backups ---------------------------------------------------------------------------

  /** Streams a backup of the whole library into `sink` (backup.ts). */
  writeBackup(
    sink: (chunk: Uint8Array) => Promise<void>,
    now = new Date(),
    onProgress?: (written: number, total: number) => void,
  ): Promise<void> {
    return writeBackup(this.#db, sink, now, onProgress);
  }

  /** Restores a verified backup in one transaction; listeners are not told (reload after). */
  restoreBackup(
    backup: VerifiedBackup,
    mode: RestoreMode,
    onProgress?: (written: number, total: number) => void,
  ): Promise<{ added: number }> {
    return restoreBackup(this.#db, backup, mode, onProgress);
  }

  // ---- Editing clippings -----------------------------------------------------------------

  updateMetadata(
    id: string,
    patch: clippings.MetadataPatch,
  ): Promise<clippings.MetadataPatch | null> {
    return clippings.updateMetadata(this.#ctx, id, patch);
  }

  bulkEdit(
    ids: readonly string[],
    edit: clippings.BulkEdit,
  ): Promise<clippings.BulkSnapshot | null> {
    return clippings.bulkEdit(this.#ctx, ids, edit);
  }

  restoreBulk(snapshot: clippings.BulkSnapshot): Promise<void> {
    return clippings.restoreBulk(this.#ctx, snapshot);
  }

  trash(ids: readonly string[]): Promise<string[]> {
    return clippings.trash(this.#ctx, ids);
  }

  restore(ids: readonly string[]): Promise<string[]> {
    return clippings.restore(this.#ctx, ids);
  }

  emptyTrash(): Promise<number> {
    return clippings.emptyTrash(this.#ctx);
  }

  changeTags(
    ids: readonly string[],
    add: readonly string[],
    remove: readonly string[],
  ): Promise<string[]> {
    return clippings.changeTags(this.#ctx, ids, add, remove);
  }

  // ---- Tags ------------------------------------------------------------------------------

  setTagColor(name: string, color: string): Promise<void> {
    return tags.setTagColor(this.#ctx, name, color);
  }

  setTagDescription(name: string, description: string): Promise<string | null> {
    return tags.setTagDescription(this.#ctx, name, description);
  }

  renameTag(from: string, to: string): Promise<tags.TagSnapshot> {
    return tags.renameTag(this.#ctx, from, to);
  }

  deleteTag(name: string): Promise<tags.TagSnapshot> {
    return tags.deleteTag(this.#ctx, name);
  }

  restoreTags(snapshot: tags.TagSnapshot): Promise<void> {
    return tags.restoreTags(this.#ctx, snapshot);
  }

  // ---- Highlights and notes --------------------------------------------------------------

  allHighlights(): Promise<Highlight[]> {
    return annotations.allHighlights(this.#ctx);
  }

  highlightsOf(clippingId: string): Promise<Highlight[]> {
    return annotations.highlightsOf(this.#ctx, clippingId);
  }

  noteOf(clippingId: string): Promise<string> {
    return annotations.noteOf(this.#ctx, clippingId);
  }

  saveHighlight(highlight: Highlight): Promise<void> {
    return annotations.saveHighlight(this.#ctx, highlight);
  }

  deleteHighlight(id: string): Promise<Highlight | undefined> {
    return annotations.deleteHighlight(this.#ctx, id);
  }

  saveNote(clippingId: string, text: string): Promise<void> {
    return annotations.saveNote(this.#ctx, clippingId, text);
  }
}
