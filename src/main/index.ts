/**
 * Clipbook's main process: lifecycle, the window, the app protocol and IPC. Kept thin;
 * the work happens in services that are tested without Electron.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  net,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { EVENT_CHANNELS } from '@shared/ipc-channels';
import type { ImportEvent } from '@shared/ipc';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  mimeTypeFor,
  resolveAppAsset,
} from './app-protocol';
import { createIpcHandlers } from './ipc/handlers';
import { registerIpcHandlers } from './ipc/register';
import { installContextMenu } from './context-menu-install';
import { pathsFromArgv, pathsFromHandover } from './launch-args';
import { appMenuTemplate } from './menu';
import { openExternalSafely } from './open-external';
import { isAppPage, runMode } from './run-mode';
import { hardenSession, installAppWideHardening } from './security';
import { writeExport } from './export/write-export';
import { backupFileName, pruneAutoBackups } from './services/backups';
import {
  chooseOpenPath,
  chooseSaveTarget,
  renderPdf,
  showInFolder,
} from './services/desktop-files';
import { FileStreams } from './services/file-streams';
import { ImportService } from './services/import-service';
import { createMainWindow, focusWindow } from './window';

// Must happen before 'ready': a standard, secure scheme gives the renderer a real origin.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    // corsEnabled: module scripts and module workers are fetched in CORS mode, which Chromium
    // refuses for schemes not registered as CORS-enabled (VS Code's vscode-file does the same).
    // Same-origin only: the handler sends no Access-Control-Allow-Origin header.
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      codeCache: true,
    },
  },
]);

// Before the single-instance lock, which lives in the profile folder: a development run has
// its own profile (and lock); a release build ignores the dev server switch (run-mode.ts).
const mode = runMode({
  isPackaged: app.isPackaged,
  env: process.env,
  appDataDir: app.getPath('appData'),
  appName: app.getName(),
});
if (mode.userDataDir) app.setPath('userData', mode.userDataDir);

const devServerUrl = mode.devServerUrl;
const rendererDir = join(__dirname, '../renderer');
let mainWindow: BrowserWindow | null = null;
/** Paths that arrived before the window could take them (first launch, macOS open-file). */
const pendingPaths: string[] = [];

const launchPaths = pathsFromArgv(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() });
// A second launch hands its files to the first one; it parsed them against its own cwd.
if (!app.requestSingleInstanceLock({ paths: launchPaths })) {
  app.quit();
} else {
  start();
}

function start(): void {
  const openExternal = (url: string): void => {
    openExternalSafely(url).catch(() => undefined);
  };
  installAppWideHardening(app, { openExternal });

  pendingPaths.push(...launchPaths);

  // macOS delivers "Open with" files (and Dock drops) through this event, possibly before
  // 'ready'; it must be listened for this early, and preventDefault says we took the file.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    handOver([path]);
    if (mainWindow) focusWindow(mainWindow);
  });

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    // A second launch focuses this window and gives it the files it was asked to open. The
    // argv fallback covers a second instance that sent no data.
    handOver(
      pathsFromHandover(additionalData) ??
        pathsFromArgv(argv, { isPackaged: app.isPackaged, cwd: workingDirectory }),
    );
    if (mainWindow) focusWindow(mainWindow);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(onReady);
}

const imports = new ImportService({
  workerPath: join(__dirname, 'import-worker.js'),
  emit: (event: ImportEvent) => mainWindow?.webContents.send(EVENT_CHANNELS.import, event),
});

/** Backups and restores in progress; a reloaded or closed window abandons its own. */
const streams = new FileStreams();
const backupDir = (): string => join(app.getPath('userData'), 'backups');

function handOver(paths: string[]): void {
  if (paths.length === 0) return;
  if (mainWindow && !mainWindow.webContents.isLoading()) {
    imports.start(paths, 'launch');
  } else {
    pendingPaths.push(...paths);
    // macOS keeps running with no window: a file opened then needs a window to land in.
    if (!mainWindow && app.isReady()) openWindow();
  }
}

const isAppUrl = (url: string): boolean => isAppPage(mode, url);

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  return isAppPage(mode, event.senderFrame?.url ?? '');
}

function onReady(): void {
  hardenSession(session.defaultSession, isAppUrl);

  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    if (!response.ok) return new Response('Not found', { status: 404 });
    return new Response(response.body, {
      status: 200,
      headers: {
        'content-type': mimeTypeFor(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });

  const handlers = createIpcHandlers({
    imports,
    choosePaths: async (kind) => {
      const options: Electron.OpenDialogOptions = {
        title: kind === 'folder' ? 'Import a folder of articles' : 'Import article files',
        properties: kind === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
        filters:
          kind === 'folder'
            ? []
            : [
                {
                  name: 'Articles',
                  extensions: [
                    'txt',
                    'html',
                    'htm',
                    'md',
                    'markdown',
                    'eml',
                    'pdf',
                    'docx',
                    'rtf',
                    'odt',
                  ],
                },
                { name: 'All files', extensions: ['*'] },
              ],
      };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
    openExternal: openExternalSafely,
    appInfo: () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      dataDir: app.getPath('userData'),
    }),
    openDataFolder: async () => {
      const failure = await shell.openPath(app.getPath('userData'));
      if (failure) throw new Error(`The data folder could not be opened: ${failure}`);
    },
    chooseSaveTarget: (options) => chooseSaveTarget(mainWindow, options),
    writeFiles: (dir, files) => writeExport(dir, files),
    renderPdf,
    showInFolder,
    chooseOpenPath: (purpose) => chooseOpenPath(mainWindow, purpose),
    autoBackupPath: () => join(backupDir(), backupFileName(new Date())),
    pruneAutoBackups: (keep) => pruneAutoBackups(backupDir(), keep),
    streams,
  });
  registerIpcHandlers(handlers, isTrustedSender);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        appName: app.getName(),
        isDev: mode.isDev,
        command: (command) => mainWindow?.webContents.send(EVENT_CHANNELS.menu, command),
      }),
    ),
  );

  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('before-quit', () => {
    imports.dispose();
    void streams.closeAll();
  });
}

function openWindow(): void {
  const window = createMainWindow({
    preloadPath: join(__dirname, '../preload/index.js'),
    url: devServerUrl ?? APP_ENTRY_URL,
    stateFile: join(app.getPath('userData'), 'window-state.json'),
    // Linux takes the window icon from here; macOS and Windows from the app bundle.
    iconPath: app.isPackaged
      ? join(process.resourcesPath, 'icon.png')
      : join(__dirname, '../../resources/icons/512x512.png'),
  });
  mainWindow = window;
  installContextMenu(window.webContents, (command, text) =>
    window.webContents.send(EVENT_CHANNELS.menu, { command, text }),
  );
  window.webContents.on('did-finish-load', () => {
    const paths = pendingPaths.splice(0);
    if (paths.length > 0) imports.start(paths, 'launch');
  });
  // A reload or a crashed renderer leaves its streams behind: no half-written file stays.
  window.webContents.on('did-start-loading', () => void streams.closeAll());
  window.webContents.on('render-process-gone', () => void streams.closeAll());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    void streams.closeAll();
  });
}
