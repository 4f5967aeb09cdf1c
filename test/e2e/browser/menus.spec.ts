/**
 * The application and context menus' actions, through the same menu commands main sends
 * (app.menu emits them on the menu channel). The menus themselves are Electron's: their
 * templates are unit-tested (test/unit/main/menu.test.ts), their clicks only in Electron.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTICLES, expect, libraryRows, test } from '../support/harness';
import { selectText } from '../support/reader';

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset['theme']);
/** The theme as stored: the page applies a choice at once and writes it a moment later. */
const storedTheme = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('clipbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').get('theme');
          request.onsuccess = () => {
            open.result.close();
            resolve((request.result as { value?: unknown } | undefined)?.value);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme menu switches light and dark, overrides the system, and persists', async ({
  app,
}) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open();
  expect(await theme(page)).toBe('system');
  const light = await background(page);

  await app.menu('theme-dark');
  await expect.poll(() => theme(page)).toBe('dark');
  const dark = await background(page);
  expect(dark).not.toBe(light);

  await expect.poll(() => storedTheme(page)).toBe('dark');
  await app.reload();
  expect(await theme(page)).toBe('dark');
  expect(await background(page)).toBe(dark);

  // Light wins over a dark system preference.
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.menu('theme-light');
  await expect.poll(() => background(page)).toBe(light);
  await app.menu('theme-system');
  await expect.poll(() => background(page)).toBe(dark);
  await expect.poll(() => storedTheme(page)).toBe('system');
  await app.reload();
  expect(await theme(page)).toBe('system');
});

test('About shows the version, the data folder and storage, and opens the folder', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  await app.menu('about');
  const about = page.getByRole('dialog', { name: 'About Clipbook' });
  await expect(about.getByTestId('about-version')).toHaveText('test');
  await expect(about.getByTestId('about-data-dir')).toHaveText(app.tempDir);
  await expect(about.getByTestId('about-persistence')).toHaveText(/Persistent|Best effort/);
  await expect(about.getByTestId('about-usage')).toHaveText(/\d+(\.\d)? (KB|MB|GB)/);
  await about.getByRole('button', { name: 'Open Data Folder' }).click();
  expect(app.openedDataFolder).toBe(1);
  await about.getByRole('button', { name: 'Close' }).click();
  await expect(about).toBeHidden();

  await app.menu('open-data-folder');
  await expect.poll(() => app.openedDataFolder).toBe(2);
});

test('Keyboard Shortcuts and Toggle Sidebar from the menu', async ({ app }) => {
  const { page } = app;
  await app.open();
  await app.menu('show-shortcuts');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toContainText('Import files');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  const nav = page.locator('.nav');
  await expect(nav).toBeVisible();
  await app.menu('toggle-sidebar');
  await expect(nav).toBeHidden();
  await app.menu('toggle-sidebar');
  await expect(nav).toBeVisible();
});

test('the File menu imports through the native dialog', async ({ app }) => {
  const { page } = app;
  await app.open();
  app.nextDialogPaths = [join(ARTICLES, 'wire-tram-line.txt')];
  await app.menu('import-files');
  await expect(libraryRows(page)).toHaveCount(1);
});

test('Highlight in the reader context menu highlights the selection, like h', async ({ app }) => {
  const { page } = app;
  await app.open();
  await app.dropFiles([join(ARTICLES, 'alalam-putin-guterres.txt')]);
  await libraryRows(page)
    .filter({ hasText: /Putin Meets/ })
    .click();
  await selectText(page, 'same constructive dialogue');
  await app.menu('highlight-selection');
  const mark = page.locator('article mark');
  await expect(mark).toHaveText('same constructive dialogue');
  await expect(mark).toHaveClass(/hl-yellow/);
});
