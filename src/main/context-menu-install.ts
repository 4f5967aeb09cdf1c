import { Menu, type WebContents } from 'electron';
import type { MenuCommand } from '@shared/ipc-channels';
import { contextMenuTemplate } from './context-menu';

/** Shows the reader's context menu (context-menu.ts) on right-click in the window. */
export function installContextMenu(
  contents: WebContents,
  send: (command: MenuCommand, text: string) => void,
): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, { command: send });
    if (template.length === 0) return;
    Menu.buildFromTemplate(template).popup();
  });
}
