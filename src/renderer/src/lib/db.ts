/**
 * The one IndexedDB database of Clipbook, through Dexie. The schema is append-only: each
 * change is a new entry in SCHEMA_VERSIONS (never edit a released one), and data moves in
 * that entry's upgrade. Tests open the database at any older version to seed it, then
 * upgrade it with the current code.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { Clipping } from '../../../shared/clipping';

export const DATABASE_NAME = 'clipbook';

/** The original bytes of an imported file, kept so any clipping can be re-parsed later. */
export interface OriginalFile {
  /** Same id as the clipping it belongs to. */
  id: string;
  sha256: string;
  name: string;
  size: number;
  bytes: Uint8Array;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      clippings: 'id, importedAt, publishedAt, title, source, language, *tags, original.sha256',
      originals: 'id, sha256',
    },
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)?.version ?? 1;

export type ClipbookDb = Dexie & {
  clippings: EntityTable<Clipping, 'id'>;
  originals: EntityTable<OriginalFile, 'id'>;
};

/** Opens (lazily) the database, declaring versions up to `upTo` (tests seed old versions). */
export function createDatabase(
  name: string = DATABASE_NAME,
  upTo: number = CURRENT_SCHEMA_VERSION,
): ClipbookDb {
  const db = new Dexie(name) as ClipbookDb;
  for (const schema of SCHEMA_VERSIONS) {
    if (schema.version > upTo) break;
    const version = db.version(schema.version).stores(schema.stores);
    if (schema.upgrade) version.upgrade(schema.upgrade);
  }
  return db;
}

let instance: ClipbookDb | null = null;

export function getDatabase(): ClipbookDb {
  instance ??= createDatabase();
  return instance;
}
