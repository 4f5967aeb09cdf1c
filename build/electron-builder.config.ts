/**
 * electron-builder configuration: installers for Linux (AppImage, deb), macOS (dmg) and
 * Windows (NSIS). A function of the environment, so that a unit test checks the release and
 * the e2e variants without building anything.
 *
 *   npm run dist                       release installer for this platform
 *   CLIPBOOK_E2E_BUILD=1 npm run dist  the same with the inspector fuse on, for Playwright
 */
import type { Configuration } from 'electron-builder';

export interface FileType {
  ext: string;
  name: string;
  mimeType: string;
}

/** What "Open with Clipbook" offers, and what the import engine reads. */
export const FILE_TYPES: readonly FileType[] = [
  { ext: 'txt', name: 'Plain Text', mimeType: 'text/plain' },
  { ext: 'html', name: 'Web Page', mimeType: 'text/html' },
  { ext: 'htm', name: 'Web Page', mimeType: 'text/html' },
  { ext: 'md', name: 'Markdown Document', mimeType: 'text/markdown' },
  { ext: 'eml', name: 'E-mail Message', mimeType: 'message/rfc822' },
  { ext: 'pdf', name: 'PDF Document', mimeType: 'application/pdf' },
  {
    ext: 'docx',
    name: 'Word Document',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
];

/** Older desktops still label Markdown with the pre-RFC 7763 type. */
const EXTRA_MIME_TYPES = ['text/x-markdown'];

export const APP_ID = 'app.clipbook.desktop';
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** Notarisation needs one of @electron/notarize's credential sets, all from the environment. */
export function notarizeCredentials(env: Record<string, string | undefined>): boolean {
  const has = (...names: string[]) => names.every((name) => Boolean(env[name]));
  return (
    has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
    has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
    has('APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE')
  );
}

/**
 * macOS signing from the environment: CSC_LINK (+ CSC_KEY_PASSWORD) or CSC_NAME name the
 * Developer ID certificate, and the APPLE_* variables notarise. Without a certificate the
 * build is signed ad hoc, which Apple Silicon needs to run it at all; hardened runtime is then
 * off, because with an ad-hoc signature it rejects Electron's own pre-signed framework.
 * Gatekeeper still refuses such a build when it was downloaded (see the README).
 */
function macSigning(env: Record<string, string | undefined>) {
  const certificate = Boolean(env['CSC_LINK'] || env['CSC_NAME']);
  if (!certificate) return { identity: '-', hardenedRuntime: false, notarize: false };
  return { hardenedRuntime: true, notarize: notarizeCredentials(env) };
}

export function createBuilderConfig(env: Record<string, string | undefined>): Configuration {
  // Playwright drives Electron through the Node inspector (--inspect=0), so e2e builds keep
  // that one fuse on; release builds turn it off.
  const e2e = env['CLIPBOOK_E2E_BUILD'] === '1';
  return {
    appId: APP_ID,
    productName: 'Clipbook',
    copyright: 'Copyright © Clipbook developers',
    directories: { output: e2e ? 'dist/e2e' : 'dist', buildResources: 'build' },
    // Only the built app: main, preload and renderer bundles. Production dependencies that
    // main and the import worker require at runtime are added by electron-builder itself.
    files: [
      'out/**/*',
      'package.json',
      '!out/**/*.map',
      // Bundled into the renderer by Vite: never required at runtime.
      '!node_modules/dexie/**',
      // Word export runs in the renderer (bundled there); main and the import worker never
      // require it or fflate, which only it uses (23 MB on disk with its own node_modules).
      '!node_modules/docx/**',
      '!node_modules/fflate/**',
      // pdfjs-dist is bundled into the import worker's chunks (electron.vite.config.ts), and
      // its optional native canvas, which only rendering uses, cannot load from an asar.
      '!node_modules/pdfjs-dist/**',
      '!node_modules/@napi-rs/**',
      // resvg draws the Word report's charts for the command line only (the app uses a
      // canvas); its native binary could not load from an asar anyway.
      '!node_modules/@resvg/**',
    ],
    asar: true,
    // Nothing is unpacked: Electron reads worker_threads scripts, require()d modules and
    // import()ed ES modules (pdfjs) from inside the archive, and the app ships no native
    // modules or executables that the OS would have to open directly.
    asarUnpack: [],
    // The Linux window icon (BrowserWindow's `icon`), outside the archive.
    extraResources: [{ from: 'resources/icon.png', to: 'icon.png' }],
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: e2e,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The app serves its pages over clipbook://, never file://.
      grantFileProtocolExtraPrivileges: false,
    },
    linux: {
      // The deb first: it is the download to offer. Installed by apt/dpkg, electron-builder's
      // deb also installs an AppArmor profile for the app, which Ubuntu ≥ 24.04 needs to let
      // Chromium's sandbox create its user namespace. The AppImage has no such profile; there
      // it aborts at start (electron/electron#42510, electron-builder#8440). The sandbox is
      // never turned off for it: the README says what to do instead.
      target: ['deb', 'AppImage'],
      // With desktopName in package.json (which Electron uses as the Wayland app_id and X11
      // WM_CLASS), the installed file is clipbook.desktop and StartupWMClass says "clipbook":
      // the window is matched to its launcher, icon and name.
      syncDesktopName: true,
      category: 'Office',
      executableName: 'clipbook',
      icon: 'resources/icons',
      synopsis: 'A desktop library for news clippings',
      maintainer: 'Clipbook developers <maintainers@clipbook.invalid>',
      // Listed in the desktop entry only, which puts Clipbook in "Open with" without making
      // it the default: defaults live in mimeapps.list, which installing never writes. No
      // fileAssociations here: on Linux those would also install MIME definitions that
      // override the system's own for text/plain and the rest.
      mimeTypes: [...new Set([...FILE_TYPES.map((t) => t.mimeType), ...EXTRA_MIME_TYPES])],
      desktop: {
        entry: {
          Name: 'Clipbook',
          GenericName: 'News Clipping Library',
          Comment: 'Read, highlight, tag and export news clippings',
          Categories: 'Office;Viewer;',
          Keywords: 'news;clipping;articles;highlight;library;',
        },
      },
    },
    deb: { packageCategory: 'text' },
    mac: {
      target: ['dmg'],
      category: 'public.app-category.productivity',
      icon: 'resources/icon.icns',
      ...macSigning(env),
      // Viewer with rank Alternate: listed under "Open With", never taking over a type.
      fileAssociations: FILE_TYPES.map((t) => ({
        ext: t.ext,
        name: t.name,
        role: 'Viewer',
        rank: 'Alternate',
      })),
    },
    dmg: { title: 'Clipbook ${version}' },
    win: {
      target: ['nsis'],
      icon: 'resources/icon.ico',
      // No fileAssociations on Windows: electron-builder's NSIS macro writes the default
      // value of HKCR\.ext, which makes the app the default for .txt and the rest.
      // build/installer.nsh registers "Open with" entries only (OpenWithProgids and
      // Applications\Clipbook.exe\SupportedTypes).
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      include: 'build/installer.nsh',
      installerIcon: 'resources/icon.ico',
      uninstallerIcon: 'resources/icon.ico',
    },
    publish: null,
  };
}

// eslint-disable-next-line no-restricted-exports -- electron-builder loads the default export.
export default createBuilderConfig(process.env);
