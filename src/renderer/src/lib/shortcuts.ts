/** Keyboard shortcuts, listed once: the help sheet and the tooltips read from here. */
export interface Shortcut {
  keys: string[];
  action: string;
}

const mod = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl';

export const SHORTCUTS: Shortcut[] = [
  { keys: [`${mod}+O`], action: 'Import files' },
  { keys: [`${mod}+Shift+O`], action: 'Import a folder' },
  { keys: ['j', '↓'], action: 'Next clipping' },
  { keys: ['k', '↑'], action: 'Previous clipping' },
  {
    keys: ['Shift+↓', 'Shift+↑', `${mod}+click`, 'Shift+click'],
    action: 'Select several clippings',
  },
  { keys: [`${mod}+A`], action: 'Select all clippings in the list' },
  { keys: ['/'], action: 'Search the library' },
  { keys: [`${mod}+F`], action: 'Search inside the open clipping' },
  {
    keys: ['Enter', 'F3'],
    action: 'Next match in the open clipping (Enter in the search or find field)',
  },
  { keys: ['Shift+Enter', 'Shift+F3'], action: 'Previous match in the open clipping' },
  { keys: ['t'], action: 'Add a tag to the open (or selected) clippings' },
  { keys: ['1–5', 'h'], action: 'Highlight the selected text (colour 1–5; h = yellow)' },
  { keys: ['n'], action: 'Write in the article note' },
  {
    keys: ['e'],
    action: 'Edit the clipping’s details (with several selected: coverage and tags of all)',
  },
  { keys: ['Delete'], action: 'Move to the Trash' },
  { keys: [`${mod}+Z`], action: 'Undo the last destructive action' },
  { keys: ['?', 'F1'], action: 'Show this list' },
  { keys: ['Esc'], action: 'Close a dialog, clear the selection' },
];
