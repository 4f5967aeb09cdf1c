/**
 * What every write of the library shares: the database and the listeners to tell once a
 * transaction has committed. The repo modules (clippings, tags, imports, annotations) take
 * this context; LibraryRepo owns it and is the only way in from outside the data layer.
 */
import type { Clipping } from '@shared/clipping';
import type { ClipbookDb, ClippingSummary } from './db';

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

export interface RepoContext {
  readonly db: ClipbookDb;
  /** Tells the listeners what a committed write changed (nothing when it changed nothing). */
  emit(change: LibraryChange): void;
}

/** The id of a new record (clipping, highlight). */
export function newId(): string {
  return crypto.randomUUID();
}
