/**
 * Finds the file paths in a command line: what the OS passes when the user opens files
 * "with Clipbook", on first launch or through a second instance.
 */
import { isAbsolute, resolve } from 'node:path';

export interface LaunchArgsOptions {
  /** In a packaged app argv is [exe, ...args]; unpackaged it is [electron, appPath, ...args]. */
  isPackaged: boolean;
  /** The directory relative paths are resolved against (the second instance's cwd). */
  cwd: string;
}

export function pathsFromArgv(argv: readonly string[], options: LaunchArgsOptions): string[] {
  const args = argv.slice(options.isPackaged ? 1 : 2);
  const paths: string[] = [];
  let afterDoubleDash = false;
  for (const arg of args) {
    if (!afterDoubleDash && arg === '--') {
      afterDoubleDash = true;
      continue;
    }
    // Chromium and Electron switches (--flag, --flag=value) and macOS's -psn_ are not files.
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    if (arg.trim() === '' || arg.includes('\0')) continue;
    // URLs handed over by the OS (e.g. clipbook://) are not file paths.
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) continue;
    paths.push(isAbsolute(arg) ? arg : resolve(options.cwd, arg));
  }
  return paths;
}
