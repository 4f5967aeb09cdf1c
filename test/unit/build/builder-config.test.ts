import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FileAssociation } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import builtConfig, {
  APP_ID,
  createBuilderConfig,
  FILE_TYPES,
  ICON_SIZES,
  notarizeCredentials,
} from '../../../build/electron-builder.config';

const ROOT = resolve(__dirname, '../../..');
const release = createBuilderConfig({});
const e2e = createBuilderConfig({ CLIPBOOK_E2E_BUILD: '1' });
const EXTENSIONS = ['txt', 'html', 'htm', 'md', 'eml', 'pdf', 'docx'];

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), file).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('names the app and builds every platform installer', () => {
    expect(release.productName).toBe('Clipbook');
    expect(release.appId).toBe(APP_ID);
    // The deb is the primary Linux download (its AppArmor profile lets the sandbox start on
    // Ubuntu ≥ 24.04); the AppImage comes second.
    expect(release.linux?.target).toEqual(['deb', 'AppImage']);
    expect(release.mac?.target).toEqual(['dmg']);
    expect(release.win?.target).toEqual(['nsis']);
    expect(release.publish).toBeNull();
    // What electron-builder loads is the same function applied to the environment.
    expect(builtConfig.appId).toBe(APP_ID);
  });

  it('packs only the built app into the archive, nothing unpacked', () => {
    expect(release.asar).toBe(true);
    expect(release.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    const includes = (release.files as string[]).filter((p) => !p.startsWith('!'));
    expect(includes).toEqual(['out/**/*', 'package.json']);
    expect(release.asarUnpack).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toMatch(/^\.\/out\//);
  });

  it('keeps renderer-only packages out of the archive', () => {
    const excluded = (release.files as string[]).filter((p) => p.startsWith('!'));
    for (const name of ['dexie', 'docx', 'fflate'])
      expect(excluded).toContain(`!node_modules/${name}/**`);
    // None of them is required by what runs in main: the built main bundles name none.
    const outMain = join(ROOT, 'out/main');
    if (!existsSync(outMain)) return; // built by `npm run build`, before the e2e tests
    const files = readdirSync(outMain, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.js'),
    );
    expect(files).toContain('import-worker.js');
    for (const file of files) {
      const code = readFileSync(join(outMain, file), 'utf8');
      for (const name of ['dexie', 'docx', 'fflate'])
        expect(code, file).not.toMatch(new RegExp(`(require|import)\\(["']${name}["']\\)`));
    }
  });

  it('matches the window to its launcher on Wayland: desktopName and syncDesktopName', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      desktopName?: string;
    };
    expect(pkg.desktopName).toBe('clipbook.desktop');
    expect(release.linux?.executableName).toBe('clipbook');
    expect(release.linux?.syncDesktopName).toBe(true);
    // electron-builder derives StartupWMClass from desktopName; a hand-written one would differ.
    expect(JSON.stringify(release.linux?.desktop)).not.toContain('StartupWMClass');
  });

  it('signs and notarises macOS builds from the environment, ad hoc without a certificate', () => {
    expect(release.mac).toMatchObject({ identity: '-', hardenedRuntime: false, notarize: false });
    const signed = createBuilderConfig({ CSC_LINK: '/secrets/developer-id.p12' });
    expect(signed.mac?.identity).toBeUndefined();
    expect(signed.mac).toMatchObject({ hardenedRuntime: true, notarize: false });
    for (const credentials of [
      { APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'iss' },
      { APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'pw', APPLE_TEAM_ID: 'T' },
      { APPLE_KEYCHAIN: 'login', APPLE_KEYCHAIN_PROFILE: 'clipbook' },
    ]) {
      expect(notarizeCredentials(credentials)).toBe(true);
      expect(createBuilderConfig({ CSC_NAME: 'Developer ID', ...credentials }).mac?.notarize).toBe(
        true,
      );
    }
    // Half a credential set notarises nothing (it would fail at the end of a long build).
    expect(notarizeCredentials({ APPLE_ID: 'a@b.c', APPLE_TEAM_ID: 'T' })).toBe(false);
  });

  it('offers "Open with" for every article type the importer reads', () => {
    expect(FILE_TYPES.map((t) => t.ext)).toEqual(EXTENSIONS);
  });

  it('macOS: Viewer role, rank Alternate, never the default handler', () => {
    const associations = release.mac?.fileAssociations as FileAssociation[];
    expect(associations.map((a) => a.ext)).toEqual(EXTENSIONS);
    for (const a of associations) {
      expect(a).toMatchObject({ role: 'Viewer', rank: 'Alternate' });
    }
    // Nothing at the top level or for other platforms, where electron-builder's handling
    // would claim the types.
    expect(release.fileAssociations).toBeUndefined();
    expect(release.win?.fileAssociations).toBeUndefined();
    expect(release.linux?.fileAssociations).toBeUndefined();
  });

  it('Linux: MIME types in the desktop entry only, so no default is taken', () => {
    expect(release.linux?.mimeTypes).toEqual(
      expect.arrayContaining([
        'text/plain',
        'text/html',
        'text/markdown',
        'message/rfc822',
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ]),
    );
    expect(JSON.stringify(release.linux?.desktop)).not.toMatch(/MimeType|x-scheme-handler/);
  });

  it('Windows: the installer adds OpenWithProgids entries and never the default value', () => {
    expect(release.nsis?.include).toBe('build/installer.nsh');
    const script = readFileSync(join(ROOT, 'build/installer.nsh'), 'utf8');
    for (const ext of EXTENSIONS) {
      expect(script).toContain(
        `"Software\\Classes\\.${ext}\\OpenWithProgids" "\${CLIPBOOK_PROGID}"`,
      );
      expect(script).toContain(`"\${CLIPBOOK_APP_KEY}\\SupportedTypes" ".${ext}"`);
      expect(script).toContain(
        `DeleteRegValue SHELL_CONTEXT "Software\\Classes\\.${ext}\\OpenWithProgids"`,
      );
    }
    // Writing the default value of HKCR\.ext would make Clipbook the default app.
    expect(script).not.toMatch(/WriteReg\w+ SHELL_CONTEXT "Software\\Classes\\\.\w+" ""/);
    expect(script).not.toMatch(/isDefault|UserChoice/);
    const extensionsInScript = [...script.matchAll(/SupportedTypes" "\.(\w+)"/g)].map((m) => m[1]);
    expect(extensionsInScript).toEqual(EXTENSIONS);
  });

  it('has icons in every size, and the .ico and .icns containers', () => {
    expect(release.linux?.icon).toBe('resources/icons');
    for (const size of ICON_SIZES) {
      const file = join(ROOT, 'resources/icons', `${size}x${size}.png`);
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    expect(existsSync(join(ROOT, 'resources/icon.svg'))).toBe(true);
    expect(pngSize(join(ROOT, 'resources/icon.png'))).toEqual({ width: 512, height: 512 });

    const ico = readFileSync(join(ROOT, release.win?.icon as string));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(icoSizes).toEqual([16, 24, 32, 48, 64, 128, 256]);

    const icns = readFileSync(join(ROOT, release.mac?.icon as string));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.subarray(at, at + 4).toString('latin1'));
    }
    expect(types).toEqual(expect.arrayContaining(['icp4', 'ic07', 'ic08', 'ic09', 'ic10']));
    for (const resource of release.extraResources as Array<{ from: string }>) {
      expect(existsSync(join(ROOT, resource.from)), resource.from).toBe(true);
    }
  });

  it('turns off Node escape hatches in release builds with fuses', () => {
    expect(release.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps only the inspector on for e2e builds (Playwright attaches through it)', () => {
    expect(e2e.electronFuses).toEqual({
      ...release.electronFuses,
      enableNodeCliInspectArguments: true,
    });
    expect(e2e.directories?.output).not.toBe(release.directories?.output);
    expect(createBuilderConfig({ CLIPBOOK_E2E_BUILD: 'yes' }).electronFuses).toEqual(
      release.electronFuses,
    );
  });
});
