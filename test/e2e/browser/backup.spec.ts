import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTICLES, expect, libraryRows, test, type Harness } from '../support/harness';
import { countRecords } from '../support/idb';
import { selectText } from '../support/reader';

async function prepare(app: Harness): Promise<void> {
  const { page } = app;
  await app.open();
  await app.dropFiles(['wire-tram-line.txt', 'energy-prices.md'].map((n) => join(ARTICLES, n)));
  await expect(libraryRows(page)).toHaveCount(2);
  await libraryRows(page)
    .filter({ hasText: /Tram Line/ })
    .click();
  await selectText(page, 'ending a decade of debate');
  await page.getByRole('button', { name: /Highlight purple/ }).click();
  await expect(page.locator('article mark')).toHaveCount(1);
}

async function libraryMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Library ▾' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function emptyLibrary(page: Page): Promise<void> {
  await libraryRows(page).first().click();
  await page.getByRole('listbox', { name: 'Library' }).focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.getByRole('button', { name: /^Trash/ }).click();
  await page.getByRole('button', { name: 'Empty Trash…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByText('The Trash is empty.')).toBeVisible();
  await page.getByRole('button', { name: /^All clippings/ }).click();
}

test('back up, empty the library, restore: everything is back, highlights included', async ({
  app,
}) => {
  const { page } = app;
  await prepare(app);
  const file = join(app.tempDir, 'library.clipbook-backup');
  app.nextSavePath = file;
  await libraryMenu(page, 'Back up library…');
  await expect(page.getByRole('status').filter({ hasText: 'Backup saved' })).toBeVisible();
  expect(existsSync(file)).toBe(true);

  await emptyLibrary(page);
  expect(await countRecords(page, 'clippings')).toBe(0);

  app.nextOpenPath = file;
  await libraryMenu(page, 'Restore from backup…');
  const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
  await expect(dialog).toContainText('2 clippings, 1 highlights');
  await dialog.getByLabel('Replace the library with the backup').check();
  await expect(dialog.getByRole('alert')).toContainText('safety copy');
  await dialog.getByRole('button', { name: 'Replace library' }).click();
  await expect(libraryRows(page)).toHaveCount(2);
  await libraryRows(page)
    .filter({ hasText: /Tram Line/ })
    .click();
  await expect(page.locator('article mark')).toHaveText('ending a decade of debate');
  expect(await countRecords(page, 'originals')).toBe(2);
  // The library that was replaced was saved first.
  expect(existsSync(join(app.tempDir, 'backups'))).toBe(true);
});

test('a damaged backup is refused and nothing changes', async ({ app }) => {
  const { page } = app;
  await prepare(app);
  const bad = join(app.tempDir, 'bad.clipbook-backup');
  writeFileSync(bad, 'this is not a backup');
  app.nextOpenPath = bad;
  await libraryMenu(page, 'Restore from backup…');
  await expect(page.getByRole('alert').filter({ hasText: 'bad.clipbook-backup' })).toContainText(
    'not a Clipbook backup',
  );
  await expect(libraryRows(page)).toHaveCount(2);
});

test('JSON export imports back exactly, highlights and tags included', async ({ app }) => {
  const { page } = app;
  await prepare(app);
  await page.getByRole('combobox', { name: 'Tags of this clipping' }).fill('cities');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export clippings' });
  await dialog.getByLabel('The whole library').check();
  await dialog
    .getByLabel('Format')
    .selectOption({ label: 'Clipbook JSON (lossless, can be imported back)' });
  const file = join(app.tempDir, 'export.json');
  app.nextSavePath = file;
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Exported 2 clippings.');
  await dialog.getByRole('button', { name: 'Done' }).click();

  await emptyLibrary(page);
  app.nextOpenPath = file;
  await libraryMenu(page, 'Import Clipbook JSON…');
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 clippings' })).toBeVisible();
  await expect(libraryRows(page)).toHaveCount(2);
  await libraryRows(page)
    .filter({ hasText: /Tram Line/ })
    .click();
  await expect(page.locator('article mark')).toHaveText('ending a decade of debate');
  await expect(page.getByRole('button', { name: /^Tag cities, 1 clippings$/ })).toBeVisible();
  // Importing the same file again adds nothing.
  await libraryMenu(page, 'Import Clipbook JSON…');
  await expect(
    page.getByRole('status').filter({ hasText: '2 were already in the library' }),
  ).toBeVisible();
  await expect(libraryRows(page)).toHaveCount(2);
});

test('a restore brings back the settings too, without a restart', async ({ app }) => {
  const { page } = app;
  await prepare(app);
  const box = page.getByRole('searchbox', { name: 'Search clippings' });
  await box.fill('tram');
  await page.getByRole('button', { name: 'Save search' }).click();
  await box.fill('');
  await expect(libraryRows(page)).toHaveCount(2);
  const coverage = page.getByRole('button', { name: 'Coverage', exact: true });
  const split = page.getByRole('region', { name: 'Coverage' }).getByLabel('Split by');
  await coverage.click();
  await split.selectOption('tone');
  await page.getByRole('button', { name: 'Back to clippings' }).click();

  const file = join(app.tempDir, 'settings.clipbook-backup');
  app.nextSavePath = file;
  await libraryMenu(page, 'Back up library…');
  await expect(page.getByRole('status').filter({ hasText: 'Backup saved' })).toBeVisible();

  // Changed after the backup: the restore must put the backup's back, not keep these.
  await page.getByRole('button', { name: 'Forget saved search tram' }).click();
  await expect(page.getByRole('button', { name: 'Saved search: tram' })).toHaveCount(0);
  await coverage.click();
  await split.selectOption('tag');
  await page.getByRole('button', { name: 'Back to clippings' }).click();

  app.nextOpenPath = file;
  await libraryMenu(page, 'Restore from backup…');
  const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
  await dialog.getByLabel('Replace the library with the backup').check();
  await dialog.getByRole('button', { name: 'Replace library' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored 2 clippings' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Saved search: tram' })).toBeVisible();
  await coverage.click();
  await expect(split).toHaveValue('tone');

  // And they stay the backup's after a restart.
  await app.reload();
  await expect(page.getByRole('button', { name: 'Saved search: tram' })).toBeVisible();
  await coverage.click();
  await expect(split).toHaveValue('tone');
});
