/**
 * Faults in the app: the page reloaded while a folder imports, and a full disk during an
 * import. Afterwards the library must be consistent (every clipping with its summary and
 * original, tag counts equal to a scan) and nothing may be half-stored or duplicated.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { createIpcHandlers, type HandlerDeps } from '../../../src/main/ipc/handlers';
import { ImportService } from '../../../src/main/services/import-service';
import type { ImportEvent } from '@shared/ipc';
import { EVENT_CHANNELS } from '@shared/ipc-channels';
import { emitToPage, expect, libraryRows, test, type Harness } from '../support/harness';
import { PAUSED_IMPORT_WORKER_ARGV } from '../support/paused-import';

const WORKER = resolve(__dirname, '../../../out/main/import-worker.js');
const TAGS = ['harbour', 'council', 'budget', 'transport'];

/** `count` distinct small articles, some tagged, in two folders. */
function writeArticles(dir: string, count: number, prefix = 'Harbour report'): void {
  mkdirSync(join(dir, 'more'), { recursive: true });
  for (let i = 1; i <= count; i++) {
    const tags = [TAGS[i % 4], TAGS[(i * 3) % 4]].join(', ');
    const body = `${prefix} number ${i}\n\nTags: ${tags}\n\nThe council met on day ${i} and approved plan ${i * 7} for the harbour, officials said.\n\nResidents asked about item ${i} before the vote.`;
    writeFileSync(join(dir, i % 2 ? '' : 'more', `report-${String(i).padStart(4, '0')}.txt`), body);
  }
}

/**
 * The import channels wired to our own real ImportService, so the test knows in Node when a
 * job has finished and when every event has been handed to the page, across a reload.
 */
function ownImports(app: Harness): {
  finished: ImportEvent[];
  delivered(): Promise<unknown>;
  dispose(): void;
} {
  const finished: ImportEvent[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  const service = new ImportService({
    workerPath: WORKER,
    // The reload test needs the job still running when the first rows show.
    workerExecArgv: PAUSED_IMPORT_WORKER_ARGV,
    emit: (event) => {
      if (event.type === 'finished') finished.push(event);
      chain = chain.then(() => emitToPage(app.page, EVENT_CHANNELS.import, event)).catch(() => {});
    },
  });
  const own = createIpcHandlers({
    imports: service,
    choosePaths: async () => app.nextDialogPaths,
  } as Pick<HandlerDeps, 'imports' | 'choosePaths'> as HandlerDeps);
  app.handlers = {
    ...app.handlers,
    'import:start': own['import:start'],
    'import:choose': own['import:choose'],
  };
  return { finished, delivered: () => chain, dispose: () => service.dispose() };
}

interface LibraryScan {
  clippings: number;
  summaries: number;
  originals: number;
  withoutParagraphs: number;
  orphanOriginals: number;
  orphanSummaries: number;
  tagCounts: Record<string, number>;
  scannedTags: Record<string, number>;
  sha256: string[];
}

/** Reads the whole library straight from IndexedDB (not through the app). */
function scanLibrary(page: Page): Promise<LibraryScan> {
  return page.evaluate(
    () =>
      new Promise<LibraryScan>((resolve, reject) => {
        const open = indexedDB.open('clipbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['clippings', 'summaries', 'originals', 'tags']);
          const all = (store: string) =>
            new Promise<Record<string, unknown>[]>((res, rej) => {
              const r = tx.objectStore(store).getAll();
              r.onsuccess = () => res(r.result);
              r.onerror = () => rej(r.error);
            });
          Promise.all(['clippings', 'summaries', 'originals', 'tags'].map(all))
            .then(([clippings = [], summaries = [], originals = [], tags = []]) => {
              db.close();
              const ids = new Set(clippings.map((c) => c['id']));
              const scanned: Record<string, number> = {};
              for (const c of clippings) {
                if (c['deletedAt']) continue;
                for (const t of c['tags'] as string[]) {
                  scanned[t.toLowerCase()] = (scanned[t.toLowerCase()] ?? 0) + 1;
                }
              }
              resolve({
                clippings: clippings.length,
                summaries: summaries.length,
                originals: originals.length,
                withoutParagraphs: clippings.filter(
                  (c) => (c['paragraphs'] as string[]).length === 0,
                ).length,
                orphanOriginals: originals.filter((o) => !ids.has(o['id'])).length,
                orphanSummaries: summaries.filter((s) => !ids.has(s['id'])).length,
                tagCounts: Object.fromEntries(
                  tags.filter((t) => (t['count'] as number) > 0).map((t) => [t['key'], t['count']]),
                ),
                scannedTags: scanned,
                sha256: clippings.map((c) => (c['original'] as { sha256: string }).sha256),
              });
            })
            .catch(reject);
        };
      }),
  );
}

function expectConsistent(scan: LibraryScan): void {
  expect(scan.summaries).toBe(scan.clippings);
  expect(scan.originals).toBe(scan.clippings);
  expect(scan.withoutParagraphs).toBe(0);
  expect(scan.orphanOriginals).toBe(0);
  expect(scan.orphanSummaries).toBe(0);
  expect(scan.tagCounts).toEqual(scan.scannedTags);
  expect(new Set(scan.sha256).size).toBe(scan.sha256.length);
}

test('reloading the window mid-import leaves a consistent library, and re-importing adds no duplicates', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const { page } = app;
  const total = 1500;
  const dir = join(app.tempDir, 'reports');
  writeArticles(dir, total);
  await app.open();
  const imports = ownImports(app);
  try {
    app.nextDialogPaths = [dir];
    await page.getByRole('button', { name: 'Import folder…' }).click();
    // Some clippings are stored, the job is still running: now the window reloads.
    await expect(libraryRows(page).first()).toBeVisible();
    expect(imports.finished).toEqual([]);
    await app.reload();
    await expect.poll(() => imports.finished.length, { timeout: 60_000 }).toBe(1);
    await imports.delivered();
    // The reloaded page stores what arrives after it is back; wait until it has settled.
    await expect(page.getByRole('status', { name: 'Import progress' })).toHaveCount(0);
    const first = await scanLibrary(page);
    expectConsistent(first);
    expect(first.clippings).toBeGreaterThan(0);
    expect(first.clippings).toBeLessThanOrEqual(total);

    // Again: every file is either imported now or reported as already there.
    await page.getByRole('button', { name: 'Import folder…' }).click();
    await expect.poll(() => imports.finished.length, { timeout: 60_000 }).toBe(2);
    await imports.delivered();
    await expect(page.getByRole('status', { name: 'Import progress' })).toHaveCount(0);
    const second = await scanLibrary(page);
    expectConsistent(second);
    expect(second.clippings).toBe(total);
    await page.getByRole('button', { name: 'Import report' }).click();
    const report = page.getByRole('dialog', { name: 'Import report' });
    await expect(report).toContainText(
      `${total - first.clippings} imported · ${first.clippings} duplicate`,
    );
  } finally {
    imports.dispose();
  }
});

test('a full disk during an import is reported, the batch rolls back and earlier data stays', async ({
  app,
}) => {
  const { page } = app;
  // IndexedDB writes throw QuotaExceededError once window.__quotaAfter writes have succeeded,
  // as Chromium does when the disk is full; off until the test sets the flag.
  await page.addInitScript(() => {
    const w = window as unknown as { __quotaAfter?: number };
    for (const method of ['add', 'put'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
        if (typeof w.__quotaAfter === 'number' && this.name !== 'settings') {
          if (w.__quotaAfter <= 0)
            throw new DOMException('The disk is full.', 'QuotaExceededError');
          w.__quotaAfter -= 1;
        }
        return (original as (...a: unknown[]) => IDBRequest).apply(this, args);
      } as IDBObjectStore['add'];
    }
  });
  const before = join(app.tempDir, 'before');
  const during = join(app.tempDir, 'during');
  writeArticles(before, 3, 'Earlier report');
  writeArticles(during, 6, 'Later report');
  await app.open();
  await app.dropFiles([before]);
  await expect(libraryRows(page)).toHaveCount(3);
  await app.settled();
  const earlier = await scanLibrary(page);
  expectConsistent(earlier);

  // The first write of the next batch succeeds, the second finds the disk full: the failure
  // lands mid-transaction, so the write that did succeed must be rolled back with it.
  await page.evaluate(() => {
    (window as unknown as { __quotaAfter?: number }).__quotaAfter = 1;
  });
  await app.dropFiles([during]);
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /not enough disk space.*import again/ })
      .first(),
  ).toBeVisible();
  await app.settled();
  await page.evaluate(() => {
    delete (window as unknown as { __quotaAfter?: number }).__quotaAfter;
  });
  const after = await scanLibrary(page);
  expectConsistent(after);
  expect(after.sha256.sort()).toEqual(earlier.sha256.sort());
  await expect(libraryRows(page)).toHaveCount(3);
  // The earlier articles still open.
  await libraryRows(page).filter({ hasText: 'Earlier report number 2' }).click();
  await expect(page.getByRole('article')).toContainText('approved plan 14 for the harbour');
});
