/**
 * Importing a whole folder: the window stays usable while thousands of files come in, the
 * report accounts for every file, and Cancel leaves the library whole.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createIpcHandlers, type HandlerDeps } from '../../../src/main/ipc/handlers';
import { ImportService } from '../../../src/main/services/import-service';
import type { ImportEvent } from '@shared/ipc';
import { EVENT_CHANNELS } from '@shared/ipc-channels';
import { ARTICLES, emitToPage, expect, libraryRows, test, type Harness } from '../support/harness';
import { countRecords } from '../support/idb';
import { PAUSED_IMPORT_WORKER_ARGV } from '../support/paused-import';

const WORKER = resolve(__dirname, '../../../out/main/import-worker.js');
const WORDS =
  'the council said on monday that the new plan for the harbour would cost more than expected and residents asked for a vote before work begins'.split(
    ' ',
  );

/** Writes `count` small, distinct text articles (half in a sub-folder); returns their folder. */
function writeArticles(dir: string, count: number): void {
  mkdirSync(join(dir, 'archive'), { recursive: true });
  for (let i = 1; i <= count; i++) {
    const words = (n: number) =>
      Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]);
    const title = `Harbour plan update number ${i}`;
    const body = [
      `${title}`,
      '',
      `Published: ${1 + (i % 28)} March 2024`,
      '',
      `${words(24).join(' ')} (report ${i}).`,
      '',
      `${words(30).join(' ')}, officials said in statement ${i}.`,
    ].join('\n');
    const name = `article-${String(i).padStart(4, '0')}.txt`;
    writeFileSync(join(dir, i % 2 ? '' : 'archive', name), body);
  }
}

/**
 * Points the harness's import channels at `service` (the real handlers around it); every other
 * channel keeps the harness's handler.
 */
function useImports(app: Harness, service: ImportService): void {
  const deps: Pick<HandlerDeps, 'imports' | 'choosePaths'> = {
    imports: service,
    choosePaths: async () => app.nextDialogPaths,
  };
  const own = createIpcHandlers(deps as HandlerDeps);
  app.handlers = {
    ...app.handlers,
    'import:start': own['import:start'],
    'import:choose': own['import:choose'],
    'import:cancel': own['import:cancel'],
  };
}

/**
 * Replaces the harness's import handlers with the same real ImportService and handlers,
 * but with a transport that can hold back the job's 'finished' event: the checks below then
 * run while the job is certainly still running, however fast this machine imports.
 */
function importsWithHeldFinish(app: Harness): { release(): Promise<void>; dispose(): void } {
  let chain: Promise<unknown> = Promise.resolve();
  let held: ImportEvent | null = null;
  let holding = true;
  const send = (event: ImportEvent): void => {
    chain = chain.then(() => emitToPage(app.page, EVENT_CHANNELS.import, event)).catch(() => {});
  };
  const service = new ImportService({
    workerPath: WORKER,
    emit: (event) => {
      if (event.type === 'finished' && holding) held = event;
      else send(event);
    },
  });
  useImports(app, service);
  return {
    async release() {
      await expect.poll(() => held !== null, { timeout: 30_000 }).toBe(true);
      holding = false;
      if (held) send(held);
      await chain;
    },
    dispose: () => service.dispose(),
  };
}

test('a folder of 2,000 articles imports while the window stays usable; the report adds up', async ({
  app,
}) => {
  test.setTimeout(90_000);
  const { page } = app;
  const dir = join(app.tempDir, 'clippings');
  writeArticles(dir, 2000);
  writeFileSync(
    join(dir, '.hidden-note.txt'),
    'A hidden file that must be skipped.\n\nIt is not an article.',
  );
  copyFileSync(join(ARTICLES, 'empty.txt'), join(dir, 'empty.txt'));
  copyFileSync(join(ARTICLES, 'binary-disguised.txt'), join(dir, 'archive', 'binary.txt'));
  copyFileSync(join(dir, 'article-0001.txt'), join(dir, 'archive', 'article-0001 copy.txt'));

  await app.open();
  const imports = importsWithHeldFinish(app);
  try {
    app.nextDialogPaths = [dir];
    await page.getByRole('button', { name: 'Import folder…' }).click();

    // While it runs: progress with a Cancel button…
    const status = page.getByRole('status', { name: 'Import progress' });
    await expect(status).toBeVisible();
    await expect(status.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(status).toContainText(/Importing [\d,]+ of [\d,]+/);

    // …the list scrolls…
    const list = page.getByRole('listbox', { name: 'Library' });
    await expect
      .poll(async () => Number(await libraryRows(page).first().getAttribute('aria-setsize')))
      .toBeGreaterThan(40);
    await list.hover();
    await page.mouse.wheel(0, 1500);
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

    // …and an article opens in the reader.
    // Rows move as batches arrive (newest first), so compare with the row marked open.
    await libraryRows(page).nth(3).click();
    const heading = page.getByRole('article').getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(/^Harbour plan update number \d+$/);
    const open = await list.locator('[role=option][aria-selected=true] .title').textContent();
    await expect(heading).toHaveText(open ?? '');
    await expect(status).toBeVisible();
    await expect(page.getByRole('button', { name: 'Import report' })).toHaveCount(0);

    await imports.release();
    await expect(status).toHaveCount(0);
    await page.getByRole('button', { name: 'Import report' }).click();
    const report = page.getByRole('dialog', { name: 'Import report' });
    await expect(report).toContainText(/2000 imported\s*·\s*1 duplicate\s*·\s*2 refused/);
    await expect(report).not.toContainText('.hidden-note.txt');
    await report.getByRole('button', { name: 'Refused' }).click();
    const refused = report.getByRole('listitem');
    await expect(refused).toHaveCount(2);
    await expect(refused.filter({ hasText: 'empty.txt' })).toContainText(/empty/i);
    await expect(refused.filter({ hasText: 'binary.txt' })).toContainText(/not a text|binary/i);
    await report.getByRole('button', { name: 'Duplicate' }).click();
    await expect(report.getByRole('listitem')).toHaveCount(1);
    await expect(report.getByRole('listitem')).toContainText('Already in the library');

    expect(await countRecords(page, 'clippings')).toBe(2000);
    expect(await countRecords(page, 'summaries')).toBe(2000);
    expect(await countRecords(page, 'originals')).toBe(2000);
  } finally {
    imports.dispose();
  }
});

/**
 * The import channels with the same real service, but its worker pauses 5 ms per file, so a
 * job of thousands of files is surely still running when Cancel is clicked, however fast
 * parsing gets and however busy the machine is.
 */
function slowImports(app: Harness): { delivered(): Promise<unknown>; dispose(): void } {
  let chain: Promise<unknown> = Promise.resolve();
  const service = new ImportService({
    workerPath: WORKER,
    workerExecArgv: PAUSED_IMPORT_WORKER_ARGV,
    emit: (event) => {
      const sent = emitToPage(app.page, EVENT_CHANNELS.import, event).catch(() => {});
      chain = Promise.all([chain, sent]);
    },
  });
  useImports(app, service);
  return { delivered: () => chain, dispose: () => service.dispose() };
}

test('Cancel stops a running folder import and leaves what was stored whole', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const dir = join(app.tempDir, 'many');
  const total = 4000;
  writeArticles(dir, total);
  await app.open();
  const imports = slowImports(app);
  app.nextDialogPaths = [dir];
  await page.getByRole('button', { name: 'Import folder…' }).click();
  const status = page.getByRole('status', { name: 'Import progress' });
  await expect(libraryRows(page).first()).toBeVisible();
  await status.getByRole('button', { name: 'Cancel' }).click();

  // Batches sent before the cancel are still stored first.
  await expect(status).toHaveCount(0, { timeout: 30_000 });
  await imports.delivered();
  imports.dispose();
  await page.getByRole('button', { name: 'Import report' }).click();
  await expect(page.getByRole('dialog', { name: 'Import report' })).toContainText('cancelled');

  const clippings = await countRecords(page, 'clippings');
  expect(clippings).toBeGreaterThan(0);
  expect(clippings).toBeLessThan(total);
  expect(await countRecords(page, 'summaries')).toBe(clippings);
  expect(await countRecords(page, 'originals')).toBe(clippings);
  await expect(page.getByRole('dialog', { name: 'Import report' })).toContainText(
    `${clippings} imported`,
  );
});
