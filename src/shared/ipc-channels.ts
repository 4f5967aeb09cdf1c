/** Event channel names and menu commands: no schema library here, so the sandboxed preload bundle stays small. */
export const MENU_COMMANDS = [
  'import-files',
  'import-folder',
  'show-shortcuts',
  'toggle-sidebar',
  'export',
  'backup',
  'restore',
  'theme-system',
  'theme-light',
  'theme-dark',
  'about',
  'open-data-folder',
  'highlight-selection',
  'search-selection',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What main sends on the menu channel: a bare command, or one with the text it acts on. */
export type MenuMessage = MenuCommand | { command: MenuCommand; text: string };

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** Reads a menu message from the wire; anything malformed is dropped (null). */
export function parseMenuMessage(payload: unknown): { command: MenuCommand; text: string } | null {
  if (isMenuCommand(payload)) return { command: payload, text: '' };
  if (payload && typeof payload === 'object') {
    const { command, text } = payload as { command?: unknown; text?: unknown };
    if (isMenuCommand(command)) return { command, text: typeof text === 'string' ? text : '' };
  }
  return null;
}

export const EVENT_CHANNELS = {
  import: 'event:import',
  menu: 'event:menu',
} as const;
