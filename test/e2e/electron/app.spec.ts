/**
 * The same scenario as the browser harness, in the real Electron app. Runs wherever the
 * Electron binary is installed; elsewhere each test is skipped with the reason.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
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
    app = await launch([join(ARTICLES, 'alalam-putin-guterres.txt')]);
  });

  function launch(files: string[]): Promise<ElectronApplication> {
    if ('missing' in binary) throw new Error(binary.missing);
    return electron.launch({
      executablePath: binary.path,
      args: [join(ROOT, 'out/main/index.js'), ...files],
      env: { ...process.env, CLIPBOOK_USER_DATA_DIR: userData },
    });
  }

  function libraryOption(page: Page, title: string | RegExp) {
    return page
      .getByRole('listbox', { name: 'Library' })
      .getByRole('option', { name: typeof title === 'string' ? new RegExp(title) : title });
  }

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

  test('search works on the app scheme: its module worker loads and its index persists', async () => {
    // The search worker is a module script served from clipbook://app; the browser harness
    // serves it from http://localhost, so only this spec shows the custom scheme allows it.
    const page = await app!.firstWindow();
    await expect(libraryOption(page, PUTIN_TITLE)).toBeVisible();
    const box = page.getByRole('searchbox', { name: 'Search clippings' });
    await box.fill('guterres');
    await expect(page.getByRole('listbox', { name: 'Library' }).getByRole('option')).toHaveCount(1);
    await expect(libraryOption(page, PUTIN_TITLE).locator('mark').first()).toHaveText(/guterres/i);
    await page.reload();
    await page.getByRole('searchbox', { name: 'Search clippings' }).fill('"secretary general"');
    await expect(libraryOption(page, PUTIN_TITLE)).toBeVisible();
    await expect(page.getByText(/^1 match/)).toBeVisible();
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
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
      });
    }
    expect(
      await page.evaluate(() => typeof (globalThis as Record<string, unknown>)['require']),
    ).toBe('undefined');
    expect(
      await page.evaluate(() => typeof (globalThis as Record<string, unknown>)['process']),
    ).toBe('undefined');
    expect(
      await page.evaluate(
        () => typeof (window.top as unknown as Record<string, unknown>)['require'],
      ),
    ).toBe('undefined');
    // The CSP refuses inline script, whatever an article might smuggle into the page.
    expect(
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__pwned = 1';
        document.body.append(script);
        return (window as { __pwned?: unknown }).__pwned;
      }),
    ).toBeUndefined();
    const before = page.url();
    expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'clipbook://elsewhere/']) {
      await page.evaluate((url) => {
        window.location.href = url;
      }, url);
    }
    expect(app!.windows()).toHaveLength(1);
    expect(page.url()).toBe(before);
  });

  test('a second launch hands its files to the running window and exits', async () => {
    const page = await app!.firstWindow();
    await expect(libraryOption(page, PUTIN_TITLE)).toBeVisible();
    if ('missing' in binary) return;
    // The second instance finds the single-instance lock taken, sends its paths along, quits.
    const second = spawn(
      binary.path,
      [join(ROOT, 'out/main/index.js'), join(ARTICLES, 'wire-tram-line.txt')],
      { env: { ...process.env, CLIPBOOK_USER_DATA_DIR: userData }, stdio: 'ignore' },
    );
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    await expect(page.getByRole('listbox', { name: 'Library' }).getByRole('option')).toHaveCount(2);
    expect(app!.windows()).toHaveLength(1);
  });

  test('the window opens where and as large as it was left', async () => {
    const page = await app!.firstWindow();
    await expect(libraryOption(page, PUTIN_TITLE)).toBeVisible();
    const wanted = await app!.evaluate(({ BrowserWindow, screen }) => {
      const area = screen.getPrimaryDisplay().workArea;
      const bounds = { x: area.x + 40, y: area.y + 30, width: 900, height: 640 };
      BrowserWindow.getAllWindows()[0]?.setBounds(bounds);
      return bounds;
    });
    // Closing writes the state at once (the debounce is for moves and resizes).
    await app!.close();
    app = await launch([]);
    await app.firstWindow();
    const restored = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.getNormalBounds(),
    );
    expect(restored?.width).toBe(wanted.width);
    expect(restored?.height).toBe(wanted.height);
    // Window managers may nudge the position by their decorations.
    expect(Math.abs((restored?.x ?? 0) - wanted.x)).toBeLessThan(40);
    expect(Math.abs((restored?.y ?? 0) - wanted.y)).toBeLessThan(60);
  });

  test('a window left maximised opens maximised, shown once painted', async () => {
    const page = await app!.firstWindow();
    await expect(libraryOption(page, PUTIN_TITLE)).toBeVisible();
    await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.maximize());
    const isMaximized = () =>
      app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isMaximized());
    const deadline = Date.now() + 5_000;
    while (!(await isMaximized()) && Date.now() < deadline) await page.waitForTimeout(100);
    // A bare X server (xvfb-run) has no window manager to maximise anything.
    test.skip(!(await isMaximized()), 'this display has no window manager that maximises windows');
    await app!.close();
    app = await launch([]);
    const again = await app.firstWindow();
    await expect(again.getByRole('button', { name: 'Import…' })).toBeVisible();
    // maximize() is deferred to ready-to-show: the window is both shown and maximised.
    await expect
      .poll(() =>
        app!.evaluate(({ BrowserWindow }) => {
          const window = BrowserWindow.getAllWindows()[0];
          return window ? { visible: window.isVisible(), maximized: window.isMaximized() } : null;
        }),
      )
      .toEqual({ visible: true, maximized: true });
  });

  test('a development run keeps its own profile, apart from the installed app', async () => {
    // XDG_CONFIG_HOME moves appData only on Linux; elsewhere this would touch the real one.
    test.skip(process.platform !== 'linux', 'appData can be redirected only on Linux');
    // This spec runs main unpackaged, as npm start does, but names a profile folder; without
    // one the profile is "Clipbook (development)" beside the installed app's "Clipbook".
    const paths = await app!.evaluate(({ app: electronApp }) => ({
      isPackaged: electronApp.isPackaged,
      userData: electronApp.getPath('userData'),
    }));
    expect(paths).toEqual({ isPackaged: false, userData });
    await app!.close();
    app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : '',
      args: [join(ROOT, 'out/main/index.js')],
      env: { ...process.env, CLIPBOOK_USER_DATA_DIR: '', XDG_CONFIG_HOME: userData },
    });
    const dev = await app.evaluate(({ app: electronApp }) => ({
      userData: electronApp.getPath('userData'),
      appData: electronApp.getPath('appData'),
    }));
    expect(dev.userData).toBe(join(dev.appData, 'Clipbook (development)'));
  });
});
