/**
 * Finds the file paths in a command line: what the OS passes when the user opens files
 * "with Clipbook", on first launch or through a second instance. Pure, so that every
 * platform's shape of argv is tested on any machine.
 */
import { posix, win32 } from 'node:path';

export interface LaunchArgsOptions {
  /** In a packaged app argv is [exe, ...args]; unpackaged it is [electron, appPath, ...args]. */
  isPackaged: boolean;
  /** The directory relative paths are resolved against (the second instance's cwd). */
  cwd: string;
  /** Whose path rules apply; defaults to the running platform. */
  platform?: NodeJS.Platform;
}

export function pathsFromArgv(argv: readonly string[], options: LaunchArgsOptions): string[] {
  const windows = (options.platform ?? process.platform) === 'win32';
  const path = windows ? win32 : posix;
  const paths: string[] = [];
  // Unpackaged, the first positional argument is the app (".", or out/main/index.js); switches
  // may come before it (`electron --inspect=9229 .`).
  let appPathPending = !options.isPackaged;
  let afterDoubleDash = false;
  for (const arg of argv.slice(1)) {
    if (!afterDoubleDash && arg === '--') {
      afterDoubleDash = true;
      continue;
    }
    // Chromium and Electron switches (--flag, --flag=value, --inspect) and macOS's -psn_ are
    // not files. After "--" everything is a file, even a name that starts with a dash.
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    if (appPathPending) {
      appPathPending = false;
      continue;
    }
    if (arg.trim() === '' || arg.includes('\0')) continue;
    const file = fromUrlArg(arg, windows);
    if (file === null) continue;
    const absolute = path.isAbsolute(file) ? path.normalize(file) : path.resolve(options.cwd, file);
    if (!paths.includes(absolute)) paths.push(absolute);
  }
  return paths;
}

/**
 * Desktop entries started with %U (Linux) and some file managers hand over file:// URLs;
 * those become paths. Other URLs (clipbook://, https://) are not files: null. A plain path
 * (including a Windows drive path like C:\x, which also looks like "scheme:") is returned as is.
 */
export function fromUrlArg(arg: string, windows: boolean): string | null {
  if (windows && /^[a-z]:[\\/]/i.test(arg)) return arg;
  if (!/^[a-z][a-z0-9+.-]+:/i.test(arg)) return arg;
  if (!/^file:/i.test(arg)) return null;
  return fileUrlToPath(arg, windows);
}

/** file:// URL → path for the given platform (node's fileURLToPath only knows the running one). */
export function fileUrlToPath(value: string, windows: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'file:') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const host = url.hostname && url.hostname !== 'localhost' ? url.hostname : '';
  if (windows) {
    const local = pathname.replace(/^\/([a-z]:)/i, '$1').replaceAll('/', '\\');
    if (host) return `\\\\${host}${local}`;
    return /^[a-z]:/i.test(local) ? local : null;
  }
  // A remote host in a file URL has no POSIX path.
  if (host) return null;
  return pathname;
}

/**
 * The paths a second instance sends along (requestSingleInstanceLock's additionalData): it
 * parsed its own argv against its own cwd, which is more reliable than the argv the first
 * instance sees (Electron may reorder it and append switches).
 */
export function pathsFromHandover(data: unknown): string[] | null {
  if (!data || typeof data !== 'object') return null;
  const paths = (data as { paths?: unknown }).paths;
  if (!Array.isArray(paths) || paths.length > 10_000) return null;
  const valid = paths.filter(
    (p): p is string =>
      typeof p === 'string' && p.length > 0 && p.length <= 4096 && !p.includes('\0'),
  );
  return valid.length === paths.length ? valid : null;
}
