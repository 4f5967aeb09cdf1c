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
  /** Spelling fixes for editable fields: webContents.replaceMisspelling and the session's
   * addWordToSpellCheckerDictionary. Without them no spelling items are offered. */
  replaceMisspelling?(word: string): void;
  addToDictionary?(word: string): void;
}

/** Chromium offers at most a handful; more would push the editing items off a short menu. */
export const MAX_SUGGESTIONS = 6;

/** Long selections are cut: a search query never needs a whole article. */
export const MAX_SELECTION_CHARS = 500;

export function contextMenuTemplate(
  params: Pick<ContextMenuParams, 'selectionText' | 'isEditable' | 'editFlags'> &
    Partial<Pick<ContextMenuParams, 'misspelledWord' | 'dictionarySuggestions'>>,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] {
  const text = params.selectionText.trim();
  if (params.isEditable) {
    // Text fields (notes, tags, filters) get the usual editing menu, led by the fixes for a
    // word the spell checker underlined: an underline the user cannot act on is only noise.
    return [
      ...spellingItems(params, actions),
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

function spellingItems(
  params: Partial<Pick<ContextMenuParams, 'misspelledWord' | 'dictionarySuggestions'>>,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] {
  const word = params.misspelledWord ?? '';
  const { replaceMisspelling, addToDictionary } = actions;
  if (!word || !replaceMisspelling || !addToDictionary) return [];
  const suggestions = (params.dictionarySuggestions ?? []).slice(0, MAX_SUGGESTIONS);
  return [
    ...(suggestions.length > 0
      ? suggestions.map((suggestion, i): MenuItemConstructorOptions => ({
          id: `spelling-suggestion-${i}`,
          label: suggestion,
          click: () => replaceMisspelling(suggestion),
        }))
      : [{ id: 'spelling-none', label: 'No spelling suggestions', enabled: false }]),
    {
      id: 'spelling-add',
      label: `Add “${word}” to Dictionary`,
      click: () => addToDictionary(word),
    },
    { type: 'separator' },
  ];
}
