import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc-channels';

export interface MenuActions {
  command(command: MenuCommand): void;
  isDev: boolean;
}

/** The application menu, in each platform's conventions (macOS gets the app menu first). */
export function buildAppMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.command(command);
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+O', click: send('import-files') },
        {
          label: 'Import Folder…',
          accelerator: 'CmdOrCtrl+Shift+O',
          click: send('import-folder'),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Toggle Sidebar', accelerator: 'CmdOrCtrl+B', click: send('toggle-sidebar') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(actions.isDev
          ? [
              { type: 'separator' as const },
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
            ]
          : []),
      ],
    },
    { role: 'windowMenu' },
    {
      label: '&Help',
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'F1', click: send('show-shortcuts') }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
