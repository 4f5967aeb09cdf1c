/**
 * Seeds a database at an old schema version, as a user's profile would hold it, so that a
 * test can open it with the current code and check the upgrade.
 */
import { createDatabase, type ClipbookDb } from '../../../src/renderer/src/lib/db';

let counter = 0;

export function uniqueDbName(): string {
  counter += 1;
  return `clipbook-test-${process.pid}-${counter}`;
}

export async function seedAtVersion(
  name: string,
  version: number,
  seed: (db: ClipbookDb) => Promise<void>,
): Promise<void> {
  const old = createDatabase(name, version);
  await old.open();
  await seed(old);
  old.close();
}

export async function openCurrent(name: string): Promise<ClipbookDb> {
  const db = createDatabase(name);
  await db.open();
  return db;
}
