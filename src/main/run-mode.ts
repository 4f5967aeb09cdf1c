/**
 * What the environment may change about a run, decided in one place. A release build
 * (`app.isPackaged`) ignores every development switch: a launcher, a `.desktop` override or a
 * shell profile that sets ELECTRON_RENDERER_URL must not make the window load a page that the
 * IPC sender check would then trust. Development runs (`npm start`, `npm run dev`) keep their
 * own profile, so they never open, upgrade or lock the installed app's library.
 */
import { join } from 'node:path';
import { APP_ORIGIN } from './app-protocol';

export interface RunModeInput {
  isPackaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** app.getPath('appData'): the folder that holds every app's profile. */
  appDataDir: string;
  /** The installed app's profile folder name (Electron's default: the product name). */
  appName: string;
}

export interface RunMode {
  /** The dev server the window loads instead of clipbook://app, or null. */
  devServerUrl: string | null;
  /** The profile folder (userData) to use, or null for Electron's default. */
  userDataDir: string | null;
  /** Development runs show the developer menu items. */
  isDev: boolean;
}

/** Only a dev server on this machine: electron-vite's is http://localhost:5173. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function devServer(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) ? url.toString() : null;
  } catch {
    return null;
  }
}

export function devProfileName(appName: string): string {
  return `${appName} (development)`;
}

export function runMode(input: RunModeInput): RunMode {
  // An explicit profile folder (tests, portable use) is honoured in every build: it changes
  // where the library is kept, not what code runs or which pages are trusted.
  const explicit = input.env['CLIPBOOK_USER_DATA_DIR'] || null;
  if (input.isPackaged) {
    return { devServerUrl: null, userDataDir: explicit, isDev: false };
  }
  return {
    devServerUrl: devServer(input.env['ELECTRON_RENDERER_URL']),
    userDataDir: explicit ?? join(input.appDataDir, devProfileName(input.appName)),
    isDev: true,
  };
}

/**
 * The app's own pages (the permission grant and the IPC sender check trust these): the
 * clipbook://app origin, or in a development run the dev server's origin. Whole origins are
 * compared, so http://localhost:51730 is not http://localhost:5173.
 */
export function isAppPage(mode: Pick<RunMode, 'devServerUrl'>, url: string): boolean {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  if (mode.devServerUrl) return origin === new URL(mode.devServerUrl).origin;
  // Custom schemes have an opaque origin in WHATWG URL ("null"): compare the text.
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}
