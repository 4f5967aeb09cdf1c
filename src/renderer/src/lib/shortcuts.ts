/**
 * Keyboard shortcuts, listed once. The help sheet and the tooltips show these labels, the
 * window's key handler (`key-handler.ts`) is built from the `keys` that `run` a command, and
 * the application menu's accelerators are checked against the `menu` entries by a test, so
 * what the sheet says is what the keys do.
 */
import type { MenuCommand } from '@shared/ipc-channels';

/** The app commands a window-wide key can run (methods of `AppCommands`). */
export type KeyCommand =
  | 'nextClipping'
  | 'previousClipping'
  | 'focusSearch'
  | 'openFind'
  | 'nextHit'
  | 'previousHit'
  | 'tagTargets'
  | 'focusNote'
  | 'editDetails'
  | 'trashTargets'
  | 'undo'
  | 'showShortcuts'
  | 'collapseSelection';

/** Where a key that is not window-wide is handled. */
export type KeyPlace = 'menu' | 'list' | 'reader' | 'field';

/**
 * A key as written here: modifiers then a `KeyboardEvent.key` value, joined by `+`
 * (`Mod+Shift+O`, `Shift+F3`, `j`); `Mod` is Ctrl, or ⌘ on a Mac; `click` is a mouse click.
 * A plain string is handled by the window's key handler; `{ key, in }` where it says.
 */
export type KeySpec = string | { key: string; in: KeyPlace };

export interface Shortcut {
  id: string;
  action: string;
  keys: readonly KeySpec[];
  /** What the window-wide keys run. */
  run?: KeyCommand;
  /** The window-wide keys work in a text field too. */
  whileTyping?: boolean;
  /** The application menu item whose accelerator is one of these keys. */
  menu?: MenuCommand;
}

export const SHORTCUTS = [
  {
    id: 'import-files',
    action: 'Import files',
    keys: [{ key: 'Mod+O', in: 'menu' }],
    menu: 'import-files',
  },
  {
    id: 'import-folder',
    action: 'Import a folder',
    keys: [{ key: 'Mod+Shift+O', in: 'menu' }],
    menu: 'import-folder',
  },
  {
    id: 'export',
    action: 'Export clippings',
    keys: [{ key: 'Mod+Shift+E', in: 'menu' }],
    menu: 'export',
  },
  {
    id: 'toggle-sidebar',
    action: 'Show or hide the sidebar',
    keys: [{ key: 'Mod+B', in: 'menu' }],
    menu: 'toggle-sidebar',
  },
  {
    id: 'next',
    action: 'Next clipping',
    keys: ['j', { key: 'ArrowDown', in: 'list' }],
    run: 'nextClipping',
  },
  {
    id: 'previous',
    action: 'Previous clipping',
    keys: ['k', { key: 'ArrowUp', in: 'list' }],
    run: 'previousClipping',
  },
  {
    id: 'select-several',
    action: 'Select several clippings',
    keys: [
      { key: 'Shift+ArrowDown', in: 'list' },
      { key: 'Shift+ArrowUp', in: 'list' },
      { key: 'Mod+click', in: 'list' },
      { key: 'Shift+click', in: 'list' },
    ],
  },
  {
    id: 'select-all',
    action: 'Select all clippings in the list',
    keys: [{ key: 'Mod+A', in: 'list' }],
  },
  { id: 'search', action: 'Search the library', keys: ['/'], run: 'focusSearch' },
  {
    id: 'find',
    action: 'Search inside the open clipping',
    keys: ['Mod+F'],
    run: 'openFind',
    whileTyping: true,
  },
  {
    id: 'next-hit',
    action: 'Next match in the open clipping (Enter in the search or find field)',
    keys: [{ key: 'Enter', in: 'field' }, 'F3'],
    run: 'nextHit',
    whileTyping: true,
  },
  {
    id: 'previous-hit',
    action: 'Previous match in the open clipping',
    keys: [{ key: 'Shift+Enter', in: 'field' }, 'Shift+F3'],
    run: 'previousHit',
    whileTyping: true,
  },
  {
    id: 'tag',
    action: 'Add a tag to the open (or selected) clippings',
    keys: ['t'],
    run: 'tagTargets',
  },
  {
    id: 'highlight',
    action: 'Highlight the selected text (colour 1–5; h = yellow)',
    keys: ['1', '2', '3', '4', '5', 'h'].map((key) => ({ key, in: 'reader' as const })),
  },
  { id: 'note', action: 'Write in the article note', keys: ['n'], run: 'focusNote' },
  {
    id: 'edit',
    action: 'Edit the clipping’s details (with several selected: coverage and tags of all)',
    keys: ['e'],
    run: 'editDetails',
  },
  { id: 'trash', action: 'Move to the Trash', keys: ['Delete', 'Backspace'], run: 'trashTargets' },
  { id: 'undo', action: 'Undo the last destructive action', keys: ['Mod+Z'], run: 'undo' },
  {
    id: 'shortcuts',
    action: 'Show this list',
    keys: ['?', 'F1'],
    run: 'showShortcuts',
    menu: 'show-shortcuts',
  },
  {
    id: 'escape',
    action: 'Close a dialog, clear the selection',
    keys: ['Escape'],
    run: 'collapseSelection',
  },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

/** A key parsed: what a key event must carry to be it. */
export interface Chord {
  key: string;
  mod: boolean;
  shift: boolean;
}

export function parseKey(spec: string): Chord {
  const parts = spec.split('+');
  const key = parts.pop() ?? '';
  return { key, mod: parts.includes('Mod'), shift: parts.includes('Shift') };
}

export function keyOf(spec: KeySpec): string {
  return typeof spec === 'string' ? spec : spec.key;
}

/** The keys the window's key handler takes for this shortcut. */
export function windowKeys(shortcut: Shortcut): Chord[] {
  return shortcut.keys.flatMap((spec) => (typeof spec === 'string' ? [parseKey(spec)] : []));
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const MOD_LABEL = isMac ? '⌘' : 'Ctrl';
const KEY_LABELS: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };

export function chordLabel(chord: Chord): string {
  const key =
    KEY_LABELS[chord.key] ??
    (chord.mod && chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  return [...(chord.mod ? [MOD_LABEL] : []), ...(chord.shift ? ['Shift'] : []), key].join('+');
}

/** The keys as the help sheet shows them; a run of three digits or more reads `1–5`. */
export function shortcutLabels(shortcut: Shortcut): string[] {
  const labels = shortcut.keys.map((spec) => chordLabel(parseKey(keyOf(spec))));
  const digitAfter = (i: number): boolean =>
    /^\d$/.test(labels[i] ?? '') && Number(labels[i + 1]) === Number(labels[i]) + 1;
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    let j = i;
    while (digitAfter(j)) j++;
    if (j - i >= 2) {
      out.push(`${labels[i]}–${labels[j]}`);
      i = j;
    } else out.push(labels[i] as string);
  }
  return out;
}

/** The first key of a shortcut, for a tooltip: "Import files (Ctrl+O)". */
export function keyHint(id: ShortcutId): string {
  const shortcut: Shortcut | undefined = SHORTCUTS.find((s) => s.id === id);
  return shortcut ? (shortcutLabels(shortcut)[0] ?? '') : '';
}

/** Electron's accelerator for a key of the table (`Mod+Shift+O` → `CmdOrCtrl+Shift+O`). */
export function accelerator(spec: KeySpec): string {
  const chord = parseKey(keyOf(spec));
  return [
    ...(chord.mod ? ['CmdOrCtrl'] : []),
    ...(chord.shift ? ['Shift'] : []),
    chord.key.length === 1 ? chord.key.toUpperCase() : chord.key,
  ].join('+');
}

/** The keys a component handles itself, from the table, e.g. the reader's highlight keys. */
export function placedKeys(id: ShortcutId, place: KeyPlace): string[] {
  const shortcut: Shortcut | undefined = SHORTCUTS.find((s) => s.id === id);
  return (shortcut?.keys ?? []).flatMap((spec) =>
    typeof spec !== 'string' && spec.in === place ? [spec.key] : [],
  );
}
