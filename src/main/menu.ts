/**
 * The application menu as a template, in each platform's conventions: macOS gets the app
 * menu (About, Hide, Quit) first and Close in File; Linux and Windows get Quit in File and
 * About in Help. Items that belong to the app send a menu command to the renderer. Only type
 * imports from electron, so that the template is unit-tested without Electron's runtime.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/ipc-channels';

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  isDev: boolean;
  command(command: MenuCommand): void;
}

export function appMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const send =
    (command: MenuCommand): (() => void) =>
    () =>
      options.command(command);
  const about: MenuItemConstructorOptions = {
    id: 'about',
    label: `About ${options.appName}`,
    click: send('about'),
  };
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      about,
      sep,
      { role: 'services' },
      sep,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      sep,
      { role: 'quit' },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        id: 'import-files',
        label: 'Import Files…',
        accelerator: 'CmdOrCtrl+O',
        click: send('import-files'),
      },
      {
        id: 'import-folder',
        label: 'Import Folder…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: send('import-folder'),
      },
      sep,
      {
        id: 'export',
        label: 'Export…',
        accelerator: 'CmdOrCtrl+Shift+E',
        click: send('export'),
      },
      sep,
      { id: 'backup', label: 'Back Up Library…', click: send('backup') },
      { id: 'restore', label: 'Restore from Backup…', click: send('restore') },
      sep,
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' },
      sep,
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      {
        id: 'toggle-sidebar',
        label: 'Toggle Sidebar',
        accelerator: 'CmdOrCtrl+B',
        click: send('toggle-sidebar'),
      },
      {
        label: 'Theme',
        // Plain items, not radio buttons: the renderer owns (and persists) the choice, so a
        // checkmark here could disagree with it after a restart.
        submenu: [
          { id: 'theme-system', label: 'Match System', click: send('theme-system') },
          { id: 'theme-light', label: 'Light', click: send('theme-light') },
          { id: 'theme-dark', label: 'Dark', click: send('theme-dark') },
        ],
      },
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
      ...(options.isDev
        ? [sep, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
        : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      {
        id: 'show-shortcuts',
        label: 'Keyboard Shortcuts',
        accelerator: 'F1',
        click: send('show-shortcuts'),
      },
      { id: 'open-data-folder', label: 'Open Data Folder', click: send('open-data-folder') },
      ...(isMac ? [] : [sep, about]),
    ],
  };

  return [...(isMac ? [appMenu] : []), file, edit, view, { role: 'windowMenu' }, help];
}
