/**
 * A library on a fresh database for a test, and the database behind it: the repo keeps its
 * Dexie database private, so tests that seed or inspect tables directly ask for it here.
 */
import { createDatabase, type ClipbookDb } from '../../../src/renderer/src/lib/db';
import { LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import { uniqueDbName } from './seed';

const databases = new WeakMap<LibraryRepo, ClipbookDb>();

export function openTestLibrary(name: string = uniqueDbName()): LibraryRepo {
  const db = createDatabase(name);
  const repo = new LibraryRepo(db);
  databases.set(repo, db);
  return repo;
}

/** The database a library of openTestLibrary's writes to. */
export function dbOf(repo: LibraryRepo): ClipbookDb {
  const db = databases.get(repo);
  if (!db) throw new Error('This library was not opened by openTestLibrary.');
  return db;
}
