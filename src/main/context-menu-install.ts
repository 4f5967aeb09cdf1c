import { Menu, type WebContents } from 'electron';
import type { MenuCommand } from '@shared/ipc-channels';
import { contextMenuTemplate } from './context-menu';

/** Shows the context menu (context-menu.ts) on right-click in the window, spelling fixes included. */
export function installContextMenu(
  contents: WebContents,
  send: (command: MenuCommand, text: string) => void,
): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, {
      command: send,
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
    });
    if (template.length === 0) return;
    Menu.buildFromTemplate(template).popup();
  });
}
