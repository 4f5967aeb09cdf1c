import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/**
 * Finds an installed Electron binary without requiring the 'electron' package (which would
 * try to download one). Returns a reason when there is none.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  if (process.env['ELECTRON_OVERRIDE_DIST_PATH']) {
    const dir = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const name =
      process.platform === 'win32'
        ? 'electron.exe'
        : process.platform === 'darwin'
          ? 'Electron.app/Contents/MacOS/Electron'
          : 'electron';
    const path = join(dir, name);
    return existsSync(path) ? { path } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no ${name}` };
  }
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing: 'the Electron binary is not installed (node_modules/electron/path.txt is absent)',
    };
  }
  const path = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `the Electron binary is missing at ${path}` };
}
