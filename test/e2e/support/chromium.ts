import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Flags that keep Chromium from reaching for the network or the GPU on a headless machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Uses whichever Chromium is present: CHROMIUM_PATH, the system's (Debian's /usr/bin/chromium),
 * or else Playwright's own download (undefined executablePath), as on a developer's machine.
 */
export function findChromium(): string | undefined {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = findChromium();
  return { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) };
}
