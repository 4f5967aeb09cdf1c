/**
 * The colour theme: follow the system, or force light or dark. Applied as
 * `<html data-theme>` (app.css lets it override prefers-color-scheme) and kept in the
 * settings table, so it survives restarts.
 */
import type { ClipbookDb } from './db';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const SETTING_KEY = 'theme';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset['theme'] = theme;
}

export async function loadTheme(db: Pick<ClipbookDb, 'settings'>): Promise<Theme> {
  try {
    const record = await db.settings.get(SETTING_KEY);
    return isTheme(record?.value) ? record.value : 'system';
  } catch {
    // An unreadable setting must not keep the window from opening.
    return 'system';
  }
}

export async function saveTheme(db: Pick<ClipbookDb, 'settings'>, theme: Theme): Promise<void> {
  await db.settings.put({ key: SETTING_KEY, value: theme });
}
