/**
 * The reader's context menu: Highlight, Copy, and Search for the selection. Built in main from
 * the webContents 'context-menu' event, whose params carry the selection and whether the
 * target is editable; the renderer acts on the commands it is sent. Type imports only, so the
 * template is unit-tested without Electron's runtime.
 */
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/ipc-channels';

export interface ContextMenuActions {
  command(command: MenuCommand, text: string): void;
}

/** Long selections are cut: a search query never needs a whole article. */
export const MAX_SELECTION_CHARS = 500;

export function contextMenuTemplate(
  params: Pick<ContextMenuParams, 'selectionText' | 'isEditable' | 'editFlags'>,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] {
  const text = params.selectionText.trim();
  if (params.isEditable) {
    // Text fields (notes, tags, filters) get the usual editing menu.
    return [
      { role: 'undo', enabled: params.editFlags.canUndo },
      { role: 'redo', enabled: params.editFlags.canRedo },
      { type: 'separator' },
      { role: 'cut', enabled: params.editFlags.canCut },
      { role: 'copy', enabled: params.editFlags.canCopy },
      { role: 'paste', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll' },
    ];
  }
  if (!text) return [];
  const short = text.length > 30 ? `${text.slice(0, 29)}…` : text;
  return [
    {
      id: 'highlight-selection',
      label: 'Highlight',
      click: () => actions.command('highlight-selection', text.slice(0, MAX_SELECTION_CHARS)),
    },
    { role: 'copy' },
    { type: 'separator' },
    {
      id: 'search-selection',
      label: `Search for “${short.replace(/\s+/g, ' ')}”`,
      click: () => actions.command('search-selection', text.slice(0, MAX_SELECTION_CHARS)),
    },
  ];
}
