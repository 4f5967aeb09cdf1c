/** Event channel names and menu commands: no schema library here, so the sandboxed preload bundle stays small. */
export const MENU_COMMANDS = [
  'import-files',
  'import-folder',
  'show-shortcuts',
  'toggle-sidebar',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const EVENT_CHANNELS = {
  import: 'event:import',
  menu: 'event:menu',
} as const;
