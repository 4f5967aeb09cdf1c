/**
 * A library written by a newer Clipbook (a higher IndexedDB version) is refused with a
 * full-window message and left untouched: never opened, upgraded, downgraded or wiped.
 */
import { join } from 'node:path';
import { ARTICLES, expect, libraryRows, test } from '../support/harness';

const MESSAGE =
  /This library was written by a newer version of Clipbook \(schema \d+\)\. Update Clipbook to open it; nothing has been changed\./;

function rawState() {
  return new Promise<{ version: number; clippings: number; stores: string[] }>(
    (resolve, reject) => {
      const request = indexedDB.open('clipbook');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const count = db.transaction('clippings').objectStore('clippings').count();
        count.onsuccess = () => {
          resolve({
            version: db.version,
            clippings: count.result,
            stores: [...db.objectStoreNames],
          });
          db.close();
        };
      };
    },
  );
}

test('a profile from a newer Clipbook is refused and kept as it is', async ({ app }) => {
  const { page } = app;
  await app.open();
  await app.dropFiles([join(ARTICLES, 'alalam-putin-guterres.txt')]);
  await expect(libraryRows(page)).toHaveCount(1);
  await app.settled();

  // A newer Clipbook upgrades the database (the app's connection closes on versionchange).
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('clipbook', 999);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('fromTheFuture', { keyPath: 'id' });
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );

  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText(MESSAGE);
  await expect(alert).toContainText('schema 99');
  // Nothing of the library UI runs.
  await expect(page.getByRole('button', { name: 'Import…' })).toHaveCount(0);

  const state = await page.evaluate(rawState);
  expect(state.version).toBe(999);
  expect(state.clippings).toBe(1);
  expect(state.stores).toEqual(expect.arrayContaining(['clippings', 'fromTheFuture']));

  // Files handed over at launch are not imported into it either.
  await app.handlers['import:start']([[join(ARTICLES, 'wire-tram-line.txt')], 'launch']);
  await page.waitForTimeout(1_000);
  expect((await page.evaluate(rawState)).clippings).toBe(1);
});

test('a database created too new before the first start is refused as well', async ({ app }) => {
  const { page } = app;
  // Runs before the app's scripts on the first load only.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    indexedDB.open('clipbook', 999);
  });
  await page.goto('http://localhost:47615/index.html');
  // The init script's open may finish after the app's check on this first load; on the
  // reload it certainly exists.
  await page.reload();
  await expect(page.getByRole('alert')).toHaveText(MESSAGE);
  const databases = await page.evaluate(() => indexedDB.databases());
  expect(databases.find((d) => d.name === 'clipbook')?.version).toBe(999);
});
