#!/usr/bin/env node
/**
 * Electron's binary, found and installed the way the `electron` package itself does it.
 *
 * Since Electron 42 the npm package has no postinstall: `require('electron')` downloads the
 * binary on first use, but electron-vite never requires it (it reads `path.txt` and throws
 * "Electron uninstall" when the file is absent), so nothing ever installed it. This script is
 * that missing step, in three commands:
 *
 *   node build/electron-binary.cjs postinstall     npm's postinstall: never fails the install
 *   node build/electron-binary.cjs install         `npm run install-electron`: retry by hand
 *   node build/electron-binary.cjs launch ARGS…    `npm start` / `npm run dev`: electron-vite
 *
 * The resolution mirrors node_modules/electron/index.js (path.txt names the executable inside
 * dist/, ELECTRON_OVERRIDE_DIST_PATH replaces dist/) without its lazy download, so the e2e
 * specs can ask "is there a binary?" without starting one.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: npm's install step runs it with plain node, before anything is built or transpiled. */
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const RETRY = 'npm run install-electron';
/** What the electron package's installer (@electron/get 5) declares in its engines. */
const INSTALLER_NODE = '22.12';

function nodeTooOld(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major < 22 || (major === 22 && minor < 12);
}

/** The installed `electron` package's folder (its package.json resolved from the project). */
function electronPackageDir(from = join(__dirname, '..')) {
  return dirname(require.resolve('electron/package.json', { paths: [from] }));
}

/**
 * Where Electron's executable is, as node_modules/electron/index.js computes it, or why
 * there is none. Never downloads anything.
 * @param {{ electronDir?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {{ path: string } | { missing: string }}
 */
function resolveElectronBinary(options = {}) {
  const env = options.env ?? process.env;
  let electronDir;
  try {
    electronDir = options.electronDir ?? electronPackageDir();
  } catch {
    return { missing: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(electronDir, 'path.txt');
  // index.js reads path.txt as it is (install.js writes it without a newline).
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : '';
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, executable || 'electron');
    return existsSync(path)
      ? { path }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} does not exist` };
  }
  if (!executable) {
    return {
      missing: "Electron's binary is not installed (node_modules/electron/path.txt is absent)",
    };
  }
  const path = join(electronDir, 'dist', executable);
  return existsSync(path)
    ? { path }
    : { missing: `Electron's binary is not installed (${path} is absent)` };
}

/** ELECTRON_SKIP_BINARY_DOWNLOAD as Electron's installers before 42 read it: set and not "0"/"false". */
function skipRequested(env) {
  const value = (env['ELECTRON_SKIP_BINARY_DOWNLOAD'] ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/** The one line worth showing from a failed download: the error's message, not its stack. */
function failureReason(output) {
  const lines = String(output)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const error = lines.find((line) => /^(\w*Error|RequestError|HTTPError)\b.*:/.test(line));
  const reason = (error ?? lines.find((line) => !line.startsWith('at ')) ?? 'no reason given')
    .replace(/^\w*Error:\s*/, '')
    .slice(0, 300);
  return reason;
}

/**
 * Runs the electron package's own installer (install.js, the `install-electron` bin) when the
 * binary is missing. Its output is kept back: on failure it prints a whole stack, and one line
 * saying what failed and how to retry is what a user needs.
 * @returns {{ ok: true, path: string, installed: boolean } | { ok: false, message: string }}
 */
function installElectron(options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => console.log(line));
  const found = resolveElectronBinary(options);
  if ('path' in found) return { ok: true, path: found.path, installed: false };
  let electronDir;
  try {
    electronDir = options.electronDir ?? electronPackageDir();
  } catch {
    return { ok: false, message: `Clipbook: ${found.missing}.` };
  }
  if (env['ELECTRON_OVERRIDE_DIST_PATH']) {
    // install.js would extract into dist/ and still not fill the override folder.
    return { ok: false, message: `Clipbook: ${found.missing}; nothing was downloaded.` };
  }
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  log(`Clipbook: downloading Electron ${version}'s binary (about 100 MB)…`);
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const after = resolveElectronBinary(options);
  if (run.status === 0 && 'path' in after) {
    return { ok: true, path: after.path, installed: true };
  }
  const reason =
    run.error?.message ??
    (run.status === 0 ? after.missing : failureReason(`${run.stderr}\n${run.stdout}`));
  // @electron/get's default source, unless a mirror is configured.
  const from = env['ELECTRON_MIRROR'] || env['npm_config_electron_mirror'] || 'github.com';
  const node = nodeTooOld(process.versions.node)
    ? ` (its installer needs Node ≥ ${INSTALLER_NODE}; this is ${process.version})`
    : '';
  return {
    ok: false,
    message: `Clipbook: Electron ${version}'s binary could not be downloaded from ${from} (${reason})${node}; the app cannot start without it. Retry with \`${RETRY}\`.`,
  };
}

function skippedMessage() {
  return `Clipbook: skipped downloading Electron's binary (ELECTRON_SKIP_BINARY_DOWNLOAD is set); run \`${RETRY}\` before \`npm start\`.`;
}

/**
 * `npm start` / `npm run dev`: with the binary, hand over to electron-vite; without it, one
 * line saying so (the install step already tried to download it and said why it could not).
 */
function launch(args, env = process.env) {
  const result = resolveElectronBinary({ env });
  if (!('path' in result)) {
    console.error(
      `Clipbook cannot start: ${result.missing}. Install it with \`${RETRY}\` (it needs the network).`,
    );
    process.exitCode = 1;
    return;
  }
  // electron-vite reads only path.txt; ELECTRON_EXEC_PATH makes it start the binary found here
  // (which also honours ELECTRON_OVERRIDE_DIST_PATH, as Electron does).
  const cli = require.resolve('electron-vite/bin/electron-vite.js', {
    paths: [join(__dirname, '..')],
  });
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: 'inherit',
    env: { ...env, ELECTRON_EXEC_PATH: result.path },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

function main(argv) {
  const [command, ...rest] = argv;
  if (command === 'postinstall') {
    // Part of `npm install`/`npm ci`: it reports, and never fails the install.
    if (skipRequested(process.env)) {
      if (!('path' in resolveElectronBinary())) console.log(skippedMessage());
      return;
    }
    const result = installElectron();
    if (!result.ok) console.log(result.message);
    else if (result.installed)
      console.log(`Clipbook: Electron's binary is installed (${result.path}).`);
    return;
  }
  if (command === 'install') {
    // Asked for by name: ELECTRON_SKIP_BINARY_DOWNLOAD is not in the way, and a failure fails.
    const env = { ...process.env };
    delete env['ELECTRON_SKIP_BINARY_DOWNLOAD'];
    const result = installElectron({ env });
    if (!result.ok) {
      console.error(result.message);
      process.exitCode = 1;
    } else console.log(`Clipbook: Electron's binary is installed (${result.path}).`);
    return;
  }
  if (command === 'launch') return launch(rest);
  console.error('usage: electron-binary.cjs postinstall | install | launch [electron-vite args…]');
  process.exitCode = 2;
}

module.exports = {
  resolveElectronBinary,
  installElectron,
  skipRequested,
  failureReason,
  nodeTooOld,
};

if (require.main === module) main(process.argv.slice(2));
