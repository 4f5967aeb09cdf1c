/**
 * The colour theme: follow the system, or force light or dark. Applied as
 * `<html data-theme>` (app.css lets it override prefers-color-scheme) and kept in the
 * settings table, so it survives restarts.
 */
import type { SettingsStore } from './settings';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset['theme'] = theme;
}

export async function loadTheme(settings: SettingsStore): Promise<Theme> {
  try {
    return (await settings.get('theme')) ?? 'system';
  } catch {
    // An unreadable setting must not keep the window from opening.
    return 'system';
  }
}

export async function saveTheme(settings: SettingsStore, theme: Theme): Promise<void> {
  await settings.put('theme', theme);
}
