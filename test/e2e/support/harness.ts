/**
 * The browser harness: the built renderer in real Chromium, wired to the very same
 * main-process IPC handlers and import service the app uses, through the built preload
 * bundle. Only Electron's transport (ipcRenderer/ipcMain) and its window are stood in for:
 * messages are structured-clone-like wire frames (wire.ts); invoke goes through a Playwright
 * binding, main → renderer events through a byte stream (page-channel.ts). Every test gets a fresh browser context, so a fresh, empty IndexedDB profile.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, mimeTypeFor } from '../../../src/main/app-protocol';
import { createIpcHandlers, type IpcHandlers } from '../../../src/main/ipc/handlers';
import { writeExport } from '../../../src/main/export/write-export';
import { backupFileName, pruneAutoBackups } from '../../../src/main/services/backups';
import { FileStreams } from '../../../src/main/services/file-streams';
import { ImportService } from '../../../src/main/services/import-service';
import type { ImportEvent } from '@shared/ipc';
import { EVENT_CHANNELS, type MenuCommand } from '@shared/ipc-channels';
import { CHANNEL_PATH, closePageChannel, openPageChannel, type PageChannel } from './page-channel';
import { decodeWire, encodeWire } from './wire';
import { pageWireScript } from './wire-page';

const ROOT = resolve(__dirname, '../../..');
const OUT = join(ROOT, 'out');
export const FIXTURES = join(ROOT, 'test/fixtures');
export const ARTICLES = join(FIXTURES, 'articles');
/** A secure-context origin (localhost) that never touches the network: every request is routed. */
export const HARNESS_ORIGIN = 'http://localhost:47615';
/** The script name of the harness's code in the page (CPU profiles tell it from the app's). */
export const HARNESS_PRELOAD_URL = 'clipbook-harness-preload.js';
/** The path of the page's message stream (not an app request). */
export { CHANNEL_PATH as HARNESS_CHANNEL_PATH };

function preloadScript(channelToken: string): string {
  const preload = readFileSync(join(OUT, 'preload/index.js'), 'utf8');
  return `(() => {
  const wire = ${pageWireScript()};
  const listeners = new Map();
  const filePaths = new Map();
  const invokeBinding = window.__clipbookInvoke;
  const ackBinding = window.__clipbookAck;
  try { delete window.__clipbookInvoke; delete window.__clipbookAck; } catch {}
  // invoke: the request and its answer cross as base64 frames (one string each way).
  const invoke = async (channel, args) =>
    wire.decodeWire(wire.fromBase64(await invokeBinding(wire.toBase64(wire.encodeWire([channel, args])))));
  // webContents.send: frames on one long response (see page-channel.ts), each acknowledged.
  const receive = (frame) => {
    const [seq, channel, payload] = wire.decodeWire(frame);
    for (const listener of listeners.get(channel) ?? []) {
      try { listener({}, payload); } catch (error) { reportError(error); }
    }
    void ackBinding(seq);
  };
  const listen = async () => {
    const response = await fetch(${JSON.stringify(CHANNEL_PATH + channelToken)}, { cache: 'no-store' });
    const reader = response.body.getReader();
    const chunks = [];
    let queued = 0;
    let frameLength = -1;
    const take = (n) => {
      const out = new Uint8Array(n);
      for (let at = 0; at < n; ) {
        const chunk = chunks[0];
        const k = Math.min(chunk.length, n - at);
        out.set(k === chunk.length ? chunk : chunk.subarray(0, k), at);
        if (k === chunk.length) chunks.shift(); else chunks[0] = chunk.subarray(k);
        at += k;
      }
      queued -= n;
      return out;
    };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      chunks.push(value);
      queued += value.length;
      for (;;) {
        if (frameLength < 0) {
          if (queued < 4) break;
          frameLength = new DataView(take(4).buffer).getUint32(0, true);
        }
        if (queued < frameLength) break;
        const frame = take(frameLength);
        frameLength = -1;
        receive(frame);
      }
    }
  };
  if (location.origin === ${JSON.stringify(HARNESS_ORIGIN)} && window === window.top) void listen();
  Object.defineProperty(window, '__harness', { value: Object.freeze({
    setPath(name, path) { filePaths.set(name, path); },
  }) });
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, api) { Object.defineProperty(window, key, { value: Object.freeze(api) }); },
    },
    ipcRenderer: {
      invoke: (channel, ...args) => invoke(channel, args),
      on(channel, listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel).add(listener);
      },
      removeListener(channel, listener) { listeners.get(channel)?.delete(listener); },
    },
    webUtils: { getPathForFile: (file) => filePaths.get(file.name) ?? '' },
  };
  const module = { exports: {} };
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('The sandboxed preload may only require electron, not ' + name);
  };
  (function (require, module, exports) {
${preload}
  })(require, module, module.exports);
})();
//# sourceURL=${HARNESS_PRELOAD_URL}`;
}

function toFrame(value: unknown): string {
  const frame = encodeWire(value);
  return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');
}

/** Each wired page's channel for main → renderer messages. */
const channels = new WeakMap<Page, PageChannel>();

/**
 * Serves the built renderer at HARNESS_ORIGIN and installs the built preload bundle with a
 * stand-in for Electron's transport that calls `invoke` (the main-process handlers) in Node.
 * Used by the e2e fixture below and by the in-Chromium benchmarks.
 */
export async function wireRenderer(
  page: Page,
  invoke: (channel: string, args: unknown) => Promise<unknown>,
): Promise<void> {
  await page.exposeBinding('__clipbookInvoke', async (_source, request: string) => {
    const [channel, args] = decodeWire(Buffer.from(request, 'base64')) as [string, unknown];
    return toFrame(await invoke(channel, args));
  });
  const { channel, upstream } = await openPageChannel();
  // The stream's request goes on to loopback; Chromium asks for this permission first. Every
  // other request of the page is still answered or refused by the routes.
  await page.context().grantPermissions(['local-network-access'], { origin: HARNESS_ORIGIN });
  channels.set(page, channel);
  page.once('close', () => closePageChannel(channel));
  await page.exposeBinding('__clipbookAck', (_source, seq: number) => channel.ack(seq));
  await page.addInitScript({ content: preloadScript(channel.token) });
  await page.route(`${HARNESS_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    // The page's end of the message stream goes on to the harness's loopback server.
    if (url.pathname === CHANNEL_PATH + channel.token) return route.continue({ url: upstream });
    const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = resolve(OUT, 'renderer', `.${path}`);
    if (!file.startsWith(join(OUT, 'renderer'))) return route.fulfill({ status: 404 });
    try {
      await route.fulfill({
        status: 200,
        body: readFileSync(file),
        headers: {
          'content-type': mimeTypeFor(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
        },
      });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
}

/**
 * Sends a main-process event into a wired page (the stand-in for webContents.send), as bytes
 * on the page's message stream. Resolves once the page's listeners have been called (they
 * store asynchronously); rejects if the document goes away first.
 */
export function emitToPage(page: Page, channel: string, payload: unknown): Promise<void> {
  const pageChannel = channels.get(page);
  if (!pageChannel)
    return Promise.reject(new Error('emitToPage needs a page set up with wireRenderer.'));
  return pageChannel.send(channel, payload);
}

export interface Harness {
  page: Page;
  /** Paths the next native open dialog will "choose"; null means the user cancels. */
  nextDialogPaths: string[] | null;
  openedUrls: string[];
  /** Where the next native save dialog "saves" (a folder or a file path); null cancels. */
  nextSavePath: string | null;
  /** The file the next native open dialog "opens"; null cancels. */
  nextOpenPath: string | null;
  /** Paths the renderer asked to reveal in the file manager. */
  shownInFolder: string[];
  /** How often the renderer asked main to open the data folder. */
  openedDataFolder: number;
  handlers: IpcHandlers;
  /** A fresh folder for files the test makes. */
  tempDir: string;
  open(): Promise<void>;
  reload(): Promise<void>;
  dropFiles(paths: string[]): Promise<void>;
  menu(command: MenuCommand): Promise<void>;
  /** Resolves once every import event so far has been stored by the page. */
  settled(): Promise<void>;
}

export const test = base.extend<{ app: Harness }>({
  app: async ({ page }, use) => {
    const tempDir = mkdtempSync(join(tmpdir(), 'clipbook-e2e-'));
    let emitChain: Promise<unknown> = Promise.resolve();
    const emit = (channel: string, payload: unknown): void => {
      // Sent at once, like webContents.send: the stream keeps the order.
      const sent = emitToPage(page, channel, payload).catch(() => undefined);
      emitChain = Promise.all([emitChain, sent]);
    };
    const imports = new ImportService({
      workerPath: join(OUT, 'main/import-worker.js'),
      emit: (event: ImportEvent) => emit(EVENT_CHANNELS.import, event),
    });
    const harness: Harness = {
      page,
      nextDialogPaths: null,
      openedUrls: [],
      openedDataFolder: 0,
      nextSavePath: null,
      nextOpenPath: null,
      shownInFolder: [],
      tempDir,
      handlers: createIpcHandlers({
        imports,
        choosePaths: async () => harness.nextDialogPaths,
        openExternal: async (url) => {
          harness.openedUrls.push(url);
        },
        appInfo: () => ({
          name: 'Clipbook',
          version: 'test',
          platform: process.platform,
          dataDir: tempDir,
        }),
        openDataFolder: async () => {
          harness.openedDataFolder += 1;
        },
        chooseSaveTarget: async () => harness.nextSavePath,
        writeFiles: (dir, files) => writeExport(dir, files),
        // The app prints with Electron's printToPDF; here the same HTML goes through page.pdf.
        renderPdf: async (html) => {
          const printer = await page.context().newPage();
          try {
            await printer.setContent(html, { waitUntil: 'load' });
            const pdf = await printer.pdf({ printBackground: true, preferCSSPageSize: true });
            return new Uint8Array(pdf);
          } finally {
            await printer.close();
          }
        },
        showInFolder: (path) => {
          harness.shownInFolder.push(path);
        },
        chooseOpenPath: async () => harness.nextOpenPath,
        autoBackupPath: () => join(tempDir, 'backups', backupFileName(new Date())),
        pruneAutoBackups: (keep) => pruneAutoBackups(join(tempDir, 'backups'), keep),
        streams: new FileStreams(),
      }),
      async open() {
        await page.goto(`${HARNESS_ORIGIN}/index.html`);
        await expect(page.getByRole('button', { name: 'Import…' })).toBeVisible();
      },
      async reload() {
        await page.reload();
        await expect(page.getByRole('button', { name: 'Import…' })).toBeVisible();
      },
      async dropFiles(paths) {
        const files = paths.map((path) => ({
          name: basename(path),
          path,
          base64: extname(path) ? readFileSync(path).toString('base64') : '',
        }));
        await page.evaluate((files) => {
          const harnessApi = (
            window as unknown as { __harness: { setPath(n: string, p: string): void } }
          ).__harness;
          const transfer = new DataTransfer();
          for (const file of files) {
            harnessApi.setPath(file.name, file.path);
            const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
            transfer.items.add(new File([bytes], file.name));
          }
          const target = document.querySelector('.app') ?? document.body;
          for (const type of ['dragenter', 'dragover', 'drop']) {
            target.dispatchEvent(
              new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
            );
          }
        }, files);
      },
      async menu(command) {
        emit(EVENT_CHANNELS.menu, command);
        await emitChain;
      },
      async settled() {
        await emitChain;
      },
    };
    await wireRenderer(page, async (channel, args) => {
      const handler = harness.handlers[channel as keyof IpcHandlers];
      if (!handler) throw new Error(`No handler for ${channel}`);
      return handler(args);
    });
    // Nothing else may leave the page: any other request fails the test.
    const stray: string[] = [];
    await page.route(
      (url) => !url.href.startsWith(HARNESS_ORIGIN),
      async (route) => {
        stray.push(route.request().url());
        await route.abort();
      },
    );
    await use(harness);
    imports.dispose();
    rmSync(tempDir, { recursive: true, force: true });
    expect(stray, 'requests that left the app').toEqual([]);
  },
});

/** The rows of the library list (the list may be named Library or Trash). */
export function libraryRows(page: Page) {
  return page.getByRole('listbox', { name: /^(Library|Trash)$/ }).getByRole('option');
}

/** Tags the selected clippings through the selection toolbar's Add tag dialog. */
export async function tagSelection(page: Page, name: string): Promise<void> {
  await page
    .getByRole('toolbar', { name: 'Selected clippings' })
    .getByRole('button', { name: 'Add tag…' })
    .click();
  await page.getByRole('dialog').getByRole('textbox').fill(name);
  await page.getByRole('dialog').getByRole('button', { name: 'Add tag' }).click();
}

/**
 * Opens a row and waits until the reader shows that clipping: it loads asynchronously, and
 * until then the reader (its tag box included) still belongs to the previous one.
 */
export async function openRow(row: Locator): Promise<void> {
  const title = (await row.locator('.title').innerText()).trim();
  await row.click();
  await expect(row.page().locator('#reader-title')).toHaveText(title);
}

export { expect };
