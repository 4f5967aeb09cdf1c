/**
 * Refuses a profile written by a newer Clipbook before anything opens it. Dexie 4 does not
 * throw VersionError when the database on disk is newer than the code: it opens it anyway
 * and, if the schemas differ, "adds missing parts" by bumping the version, which an older
 * Clipbook must never do to a newer library. So the version is read from
 * indexedDB.databases(), which opens nothing, and compared with ours first.
 */
import { CURRENT_SCHEMA_VERSION, DATABASE_NAME } from './db';
import { errorMessage, hasErrorName } from './errors';

/** Dexie stores version N as IndexedDB version N × 10 (it may add a little on top). */
export const DEXIE_VERSION_FACTOR = 10;

export type ProfileCheck = { ok: true } | { ok: false; schema: number };

export async function checkProfileVersion(
  factory: Pick<IDBFactory, 'databases'>,
  name: string = DATABASE_NAME,
  current: number = CURRENT_SCHEMA_VERSION,
): Promise<ProfileCheck> {
  let databases: IDBDatabaseInfo[];
  try {
    databases = await factory.databases();
  } catch {
    // Without the list we cannot tell; Dexie's own VersionError is the fallback.
    return { ok: true };
  }
  const native = databases.find((d) => d.name === name)?.version ?? 0;
  const schema = Math.floor(native / DEXIE_VERSION_FACTOR);
  return schema > current ? { ok: false, schema } : { ok: true };
}

export function tooNewMessage(schema: number | null): string {
  const which = schema === null ? '' : ` (schema ${schema})`;
  return `This library was written by a newer version of Clipbook${which}. Update Clipbook to open it; nothing has been changed.`;
}

/** Dexie's VersionError, should it ever be raised (older Dexie, or a race with a newer app). */
export function isVersionError(error: unknown): boolean {
  return hasErrorName(error, 'VersionError');
}

/** The on-disk schema in a VersionError ("… existing version (30)" is schema 3), if any. */
export function schemaFromVersionError(error: unknown): number | null {
  const match = /existing version \((\d+(?:\.\d+)?)\)/i.exec(errorMessage(error));
  return match ? Math.floor(Number(match[1]) / DEXIE_VERSION_FACTOR) : null;
}
