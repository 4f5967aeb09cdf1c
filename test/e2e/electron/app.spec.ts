/**
 * The same scenario as the browser harness, in the real Electron app. Runs wherever the
 * Electron binary is installed; elsewhere each test is skipped with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../support/electron-binary';

const ROOT = resolve(__dirname, '../../..');
const ARTICLES = join(ROOT, 'test/fixtures/articles');
const binary = findElectronBinary();
const PUTIN_TITLE = 'Russian President Putin Meets Next UN Chief Antonio Guterres';

test.describe('Electron app', () => {
  let app: ElectronApplication | undefined;
  let userData = '';

  test.beforeEach(async () => {
    if ('missing' in binary) {
      console.log(`SKIPPED Electron e2e "${test.info().title}": ${binary.missing}.`);
      test.skip(true, binary.missing);
      return;
    }
    // Each test gets a fresh profile.
    userData = mkdtempSync(join(tmpdir(), 'clipbook-electron-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: [join(ROOT, 'out/main/index.js'), join(ARTICLES, 'alalam-putin-guterres.txt')],
      env: { ...process.env, CLIPBOOK_USER_DATA_DIR: userData },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    app = undefined;
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('imports a file given on the command line and keeps it after a reload', async () => {
    const page = await app!.firstWindow();
    await expect(
      page
        .getByRole('listbox', { name: 'Library' })
        .getByRole('option', { name: new RegExp(PUTIN_TITLE) }),
    ).toBeVisible();
    await page.reload();
    await expect(
      page
        .getByRole('listbox', { name: 'Library' })
        .getByRole('option', { name: new RegExp(PUTIN_TITLE) }),
    ).toBeVisible();
  });

  test('refuses an empty and a binary file with a message', async () => {
    const page = await app!.firstWindow();
    await expect(
      page
        .getByRole('listbox', { name: 'Library' })
        .getByRole('option', { name: new RegExp(PUTIN_TITLE) }),
    ).toBeVisible();
    await page.evaluate(
      (paths) => {
        const api = (
          window as unknown as {
            clipbook: { importPaths(p: string[], o: string): Promise<unknown> };
          }
        ).clipbook;
        return api.importPaths(paths, 'drop');
      },
      [join(ARTICLES, 'empty.txt'), join(ARTICLES, 'binary-disguised.txt')],
    );
    await expect(page.getByRole('alert')).toContainText('could not be imported');
    await expect(page.getByRole('listbox', { name: 'Library' }).getByRole('option')).toHaveCount(1);
  });

  test('the window is hardened: no Node in the page, no navigation, no new windows', async () => {
    const page = await app!.firstWindow();
    // getLastWebPreferences is Electron's internal accessor (not in its typings).
    const prefs = await app!.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) =>
        (
          w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }
        ).getLastWebPreferences(),
      ),
    );
    expect(prefs.length).toBeGreaterThan(0);
    for (const p of prefs) {
      expect(p).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
      });
    }
    expect(
      await page.evaluate(() => typeof (globalThis as Record<string, unknown>)['require']),
    ).toBe('undefined');
    expect(
      await page.evaluate(() => typeof (globalThis as Record<string, unknown>)['process']),
    ).toBe('undefined');
    const before = page.url();
    await page.evaluate(() => window.open('https://example.org/'));
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    expect(app!.windows()).toHaveLength(1);
    expect(page.url()).toBe(before);
  });
});
