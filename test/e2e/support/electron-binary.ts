import { resolveElectronBinary, type ElectronBinary } from '../../../build/electron-binary.cjs';

/**
 * Finds an installed Electron binary as Electron itself resolves it (path.txt and the file it
 * names in dist/, or ELECTRON_OVERRIDE_DIST_PATH), without requiring the 'electron' package,
 * which would start a download. Returns a reason when there is none.
 */
export function findElectronBinary(): ElectronBinary {
  const found = resolveElectronBinary();
  return 'path' in found
    ? found
    : { missing: `${found.missing}; run \`npm run install-electron\` to install it` };
}
