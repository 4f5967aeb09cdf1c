/**
 * The Electron side of exports, backups and restores: native dialogs, printing to PDF and
 * revealing files. The IPC handlers call these through HandlerDeps.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, shell } from 'electron';
import type { SaveTargetOptions } from '../ipc/handlers';
import { hardenedWebPreferences } from '../security';

export async function chooseSaveTarget(
  parent: BrowserWindow | null,
  options: SaveTargetOptions,
): Promise<string | null> {
  if (options.target === 'folder') {
    const dialogOptions: Electron.OpenDialogOptions = {
      title: 'Choose a folder for the export',
      buttonLabel: 'Export here',
      defaultPath: app.getPath('documents'),
      properties: ['openDirectory', 'createDirectory'],
    };
    const result = parent
      ? await dialog.showOpenDialog(parent, dialogOptions)
      : await dialog.showOpenDialog(dialogOptions);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
  const dialogOptions: Electron.SaveDialogOptions = {
    title: 'Export',
    defaultPath: join(app.getPath('documents'), options.suggestedName),
  };
  const result = parent
    ? await dialog.showSaveDialog(parent, dialogOptions)
    : await dialog.showSaveDialog(dialogOptions);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/**
 * Prints clip-book HTML in a hidden, sandboxed window with JavaScript off: the document is
 * our own escaped HTML, and even so nothing in it can run.
 */
export async function renderPdf(html: string): Promise<Uint8Array<ArrayBuffer>> {
  const file = join(tmpdir(), `clipbook-print-${randomBytes(8).toString('hex')}.html`);
  await writeFile(file, html, 'utf8');
  // Justified (Electronegativity): a hidden print window with hardenedWebPreferences() (sandbox,
  // contextIsolation), JavaScript off and no preload; security.ts denies every window.open.
  // prettier-ignore
  const window = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    show: false,
    webPreferences: { ...hardenedWebPreferences(''), preload: undefined, javascript: false }, // eng-disable PRELOAD_JS_CHECK — this window has no preload
  });
  try {
    await window.loadFile(file);
    const pdf = await window.webContents.printToPDF({
      printBackground: true,
      preferCSSPageSize: true,
    });
    return new Uint8Array(
      pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer,
    );
  } finally {
    window.destroy();
    await rm(file, { force: true });
  }
}

export function showInFolder(path: string): void {
  shell.showItemInFolder(path);
}

export async function chooseOpenPath(
  parent: BrowserWindow | null,
  purpose: 'backup' | 'clipbook-json',
): Promise<string | null> {
  const dialogOptions: Electron.OpenDialogOptions = {
    title: purpose === 'backup' ? 'Restore from a backup' : 'Import a Clipbook JSON export',
    properties: ['openFile'],
    filters:
      purpose === 'backup'
        ? [{ name: 'Clipbook backups', extensions: ['clipbook-backup'] }]
        : [{ name: 'Clipbook JSON', extensions: ['json'] }],
  };
  const result = parent
    ? await dialog.showOpenDialog(parent, dialogOptions)
    : await dialog.showOpenDialog(dialogOptions);
  return (result.canceled ? undefined : result.filePaths[0]) ?? null;
}
