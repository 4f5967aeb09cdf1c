import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, createDatabase } from '../../../src/renderer/src/lib/db';
import {
  checkProfileVersion,
  isVersionError,
  schemaFromVersionError,
  tooNewMessage,
} from '../../../src/renderer/src/lib/profile-guard';
import { loadTheme, saveTheme } from '../../../src/renderer/src/lib/theme';
import { SettingsStore } from '../../../src/renderer/src/lib/settings';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

/** Opens the raw database at a native version, as a newer Clipbook would leave it. */
function bumpTo(name: string, nativeVersion: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, nativeVersion);
    request.onupgradeneeded = () => {
      // A newer schema: one store more.
      request.result.createObjectStore('futureStore', { keyPath: 'id' });
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

function readRaw(name: string): Promise<{ version: number; stores: string[]; titles: string[] }> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('clippings', 'readonly');
      const all = tx.objectStore('clippings').getAll();
      all.onsuccess = () => {
        resolve({
          version: db.version,
          stores: [...db.objectStoreNames],
          titles: (all.result as Array<{ title: string }>).map((c) => c.title),
        });
        db.close();
      };
    };
    request.onerror = () => reject(request.error);
  });
}

describe('a profile written by a newer Clipbook', () => {
  it('is refused before anything opens it, and left exactly as it was', async () => {
    const name = uniqueDbName();
    await seedAtVersion(name, CURRENT_SCHEMA_VERSION, async (db) => {
      await db.clippings.put({ id: 'c1', title: 'Kept' } as never);
    });
    const newer = (CURRENT_SCHEMA_VERSION + 1) * 10;
    await bumpTo(name, newer);

    const check = await checkProfileVersion(indexedDB, name);
    expect(check).toEqual({ ok: false, schema: CURRENT_SCHEMA_VERSION + 1 });
    expect(tooNewMessage(CURRENT_SCHEMA_VERSION + 1)).toBe(
      `This library was written by a newer version of Clipbook (schema ${CURRENT_SCHEMA_VERSION + 1}). Update Clipbook to open it; nothing has been changed.`,
    );
    expect(await readRaw(name)).toEqual({
      version: newer,
      stores: expect.arrayContaining(['clippings', 'futureStore']),
      titles: ['Kept'],
    });
  });

  it('refuses the raw version 999 too (schema 99)', async () => {
    const name = uniqueDbName();
    await bumpTo(name, 999);
    expect(await checkProfileVersion(indexedDB, name)).toEqual({ ok: false, schema: 99 });
  });

  it('is why the guard exists: Dexie 4 alone opens it without a VersionError', async () => {
    const name = uniqueDbName();
    await seedAtVersion(name, CURRENT_SCHEMA_VERSION, async () => undefined);
    await bumpTo(name, (CURRENT_SCHEMA_VERSION + 1) * 10);
    const db = createDatabase(name);
    let error: unknown = null;
    try {
      await db.open();
    } catch (e) {
      error = e;
    }
    db.close();
    // Should a Dexie upgrade start refusing (VersionError), LibraryState.start reports it
    // with the same message; until then the guard in main.ts is what protects the profile.
    expect(error).toBeNull();
  });

  it('lets the current and older profiles through, and a missing one', async () => {
    const name = uniqueDbName();
    expect(await checkProfileVersion(indexedDB, name)).toEqual({ ok: true });
    await seedAtVersion(name, 1, async () => undefined);
    expect(await checkProfileVersion(indexedDB, name)).toEqual({ ok: true });
    const db = await openCurrent(name);
    db.close();
    expect(await checkProfileVersion(indexedDB, name)).toEqual({ ok: true });
    // A failing databases() cannot tell; Dexie's VersionError is the fallback then.
    expect(
      await checkProfileVersion({ databases: () => Promise.reject(new Error('no')) }, name),
    ).toEqual({ ok: true });
  });

  it('reads the schema from a Dexie VersionError', () => {
    const error = Object.assign(
      new Error('The requested version (20) is less than the existing version (30).'),
      { name: 'VersionError' },
    );
    expect(isVersionError(error)).toBe(true);
    expect(schemaFromVersionError(error)).toBe(3);
    expect(isVersionError(new Error('other'))).toBe(false);
    expect(schemaFromVersionError(new Error('other'))).toBeNull();
    expect(tooNewMessage(null)).toMatch(
      /^This library was written by a newer version of Clipbook\./,
    );
  });
});

describe('the theme setting', () => {
  it('defaults to system and survives reopening', async () => {
    const name = uniqueDbName();
    const db = await openCurrent(name);
    expect(await loadTheme(new SettingsStore(db))).toBe('system');
    await saveTheme(new SettingsStore(db), 'dark');
    db.close();
    const again = await openCurrent(name);
    expect(await loadTheme(new SettingsStore(again))).toBe('dark');
    await again.settings.put({ key: 'theme', value: 'neon' });
    expect(await loadTheme(new SettingsStore(again))).toBe('system');
    again.close();
  });
});
