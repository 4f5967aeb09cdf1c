/**
 * The install step for Electron's binary (build/electron-binary.cjs), run as npm runs it: a
 * child process in a project whose electron package has a stand-in installer, so no test
 * downloads anything. The stand-in fails as the real one does offline (a stack on stderr,
 * exit 1) or succeeds as it does online (dist/ and path.txt written).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  failureReason,
  nodeTooOld,
  resolveElectronBinary,
  skipRequested,
} from '../../../build/electron-binary.cjs';

const SCRIPT = resolve(__dirname, '../../../build/electron-binary.cjs');
const EXECUTABLE = process.platform === 'win32' ? 'electron.exe' : 'electron';

// What install.js does, reduced: FAKE_DOWNLOAD=fail prints what @electron/get's fetch failure
// prints; otherwise it extracts a "binary". Every run leaves a mark, to prove whether it ran.
const FAKE_INSTALLER = `
const fs = require('node:fs'), path = require('node:path');
fs.appendFileSync(path.join(__dirname, 'installer-runs'), 'x');
if (process.env.FAKE_DOWNLOAD === 'fail') {
  console.error(new TypeError('fetch failed').stack);
  process.exit(1);
}
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', ${JSON.stringify(EXECUTABLE)}), 'binary');
fs.writeFileSync(path.join(__dirname, 'dist', 'version'), '45.5.0');
fs.writeFileSync(path.join(__dirname, 'path.txt'), ${JSON.stringify(EXECUTABLE)});
`;

// electron-vite's CLI, reduced to reporting what it was started with.
const FAKE_ELECTRON_VITE = `
console.log(JSON.stringify({ exec: process.env.ELECTRON_EXEC_PATH, args: process.argv.slice(2) }));
`;

let project = '';
let electronDir = '';

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'clipbook-electron-install-'));
  mkdirSync(join(project, 'build'));
  copyFileSync(SCRIPT, join(project, 'build/electron-binary.cjs'));
  electronDir = join(project, 'node_modules/electron');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(
    join(electronDir, 'package.json'),
    JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js' }),
  );
  writeFileSync(join(electronDir, 'install.js'), FAKE_INSTALLER);
  // Requiring the package would start Electron's lazy download: the script must never do it.
  writeFileSync(join(electronDir, 'index.js'), "throw new Error('electron was required');");
  const vite = join(project, 'node_modules/electron-vite');
  mkdirSync(join(vite, 'bin'), { recursive: true });
  writeFileSync(join(vite, 'package.json'), JSON.stringify({ name: 'electron-vite' }));
  writeFileSync(join(vite, 'bin/electron-vite.js'), FAKE_ELECTRON_VITE);
});

afterEach(() => rmSync(project, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const key of [
    'ELECTRON_SKIP_BINARY_DOWNLOAD',
    'ELECTRON_OVERRIDE_DIST_PATH',
    'ELECTRON_MIRROR',
  ])
    delete clean[key];
  const result = spawnSync(
    process.execPath,
    [join(project, 'build/electron-binary.cjs'), ...args],
    {
      env: { ...clean, ...env },
      encoding: 'utf8',
    },
  );
  const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
  return { status: result.status, out: lines(result.stdout), err: lines(result.stderr) };
}

const installerRan = () => existsSync(join(electronDir, 'installer-runs'));

function installBinary(): void {
  mkdirSync(join(electronDir, 'dist'));
  writeFileSync(join(electronDir, 'dist', EXECUTABLE), 'binary');
  writeFileSync(join(electronDir, 'path.txt'), EXECUTABLE);
}

describe('postinstall (npm install / npm ci)', () => {
  it('honours ELECTRON_SKIP_BINARY_DOWNLOAD=1: one line, no download, exit 0', () => {
    const result = run(['postinstall'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(result.status).toBe(0);
    expect(result.out).toHaveLength(1);
    expect(result.out[0]).toMatch(
      /skipped.*ELECTRON_SKIP_BINARY_DOWNLOAD.*npm run install-electron/,
    );
    expect(result.err).toEqual([]);
    expect(installerRan()).toBe(false);
  });

  it('a failed download is one line saying what failed and how to retry, and exit 0', () => {
    const result = run(['postinstall'], { FAKE_DOWNLOAD: 'fail' });
    expect(result.status).toBe(0);
    expect(installerRan()).toBe(true);
    const failure = result.out.at(-1) ?? '';
    expect(failure).toMatch(
      /Electron 45\.5\.0's binary could not be downloaded from github\.com \(fetch failed\)/,
    );
    expect(failure).toContain('npm run install-electron');
    // The installer's stack is kept back.
    expect([...result.out, ...result.err].some((line) => /^\s+at /.test(line))).toBe(false);
    expect(result.err).toEqual([]);
    expect(existsSync(join(electronDir, 'path.txt'))).toBe(false);
  });

  it('names the configured mirror when the download from it fails', () => {
    const result = run(['postinstall'], {
      FAKE_DOWNLOAD: 'fail',
      ELECTRON_MIRROR: 'https://mirror.example/electron/',
    });
    expect(result.out.at(-1)).toContain('from https://mirror.example/electron/ (fetch failed)');
  });

  it('installs the binary with the package’s own installer when it is missing', () => {
    const result = run(['postinstall']);
    expect(result.status).toBe(0);
    expect(installerRan()).toBe(true);
    expect(result.out.at(-1)).toMatch(/Electron's binary is installed/);
    expect(resolveElectronBinary({ electronDir, env: {} })).toEqual({
      path: join(electronDir, 'dist', EXECUTABLE),
    });
  });

  it('does nothing when the binary is already there', () => {
    installBinary();
    const result = run(['postinstall']);
    expect(result).toEqual({ status: 0, out: [], err: [] });
    expect(installerRan()).toBe(false);
  });

  it('does not download into dist/ when ELECTRON_OVERRIDE_DIST_PATH points elsewhere', () => {
    const result = run(['postinstall'], { ELECTRON_OVERRIDE_DIST_PATH: join(project, 'nowhere') });
    expect(result.status).toBe(0);
    expect(installerRan()).toBe(false);
    expect(result.out).toHaveLength(1);
    expect(result.out[0]).toMatch(/ELECTRON_OVERRIDE_DIST_PATH is set but .*nowhere/);
  });
});

describe('npm run install-electron', () => {
  it('downloads even when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and fails loudly', () => {
    const result = run(['install'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', FAKE_DOWNLOAD: 'fail' });
    expect(installerRan()).toBe(true);
    expect(result.status).toBe(1);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/could not be downloaded .*npm run install-electron/);
  });
});

describe('npm start / npm run dev (launch)', () => {
  it('without a binary: one line on stderr, exit 1, no build, no download, no stack', () => {
    const result = run(['launch', 'preview']);
    expect(result.status).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(
      /^Clipbook cannot start: Electron's binary is not installed .*npm run install-electron/,
    );
    expect(result.err[0]).not.toContain('Electron uninstall');
    expect(installerRan()).toBe(false);
  });

  it('with a binary: starts electron-vite with its arguments and the binary found', () => {
    installBinary();
    const result = run(['launch', 'preview', '--noSandbox']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.out[0] ?? '')).toEqual({
      exec: join(electronDir, 'dist', EXECUTABLE),
      args: ['preview', '--noSandbox'],
    });
  });

  it('passes ELECTRON_OVERRIDE_DIST_PATH on to electron-vite, which reads only path.txt', () => {
    const override = join(project, 'custom-electron');
    mkdirSync(override);
    writeFileSync(join(override, 'electron'), 'binary');
    const result = run(['launch', 'dev'], { ELECTRON_OVERRIDE_DIST_PATH: override });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.out[0] ?? '').exec).toBe(join(override, 'electron'));
  });
});

describe('resolveElectronBinary (as node_modules/electron/index.js resolves it)', () => {
  it('path.txt names the executable inside dist/', () => {
    expect(resolveElectronBinary({ electronDir, env: {} })).toEqual({
      missing: expect.stringContaining('path.txt is absent'),
    });
    writeFileSync(join(electronDir, 'path.txt'), EXECUTABLE);
    expect(resolveElectronBinary({ electronDir, env: {} })).toEqual({
      missing: expect.stringContaining(join(electronDir, 'dist', EXECUTABLE)),
    });
    installBinary();
    expect(resolveElectronBinary({ electronDir, env: {} })).toEqual({
      path: join(electronDir, 'dist', EXECUTABLE),
    });
  });

  it('ELECTRON_OVERRIDE_DIST_PATH replaces dist/, with path.txt’s name or "electron"', () => {
    const override = join(project, 'override');
    mkdirSync(join(override, 'Electron.app/Contents/MacOS'), { recursive: true });
    writeFileSync(join(override, 'electron'), 'binary');
    writeFileSync(join(override, 'Electron.app/Contents/MacOS/Electron'), 'binary');
    const env = { ELECTRON_OVERRIDE_DIST_PATH: override };
    expect(resolveElectronBinary({ electronDir, env })).toEqual({
      path: join(override, 'electron'),
    });
    writeFileSync(join(electronDir, 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    expect(resolveElectronBinary({ electronDir, env })).toEqual({
      path: join(override, 'Electron.app/Contents/MacOS/Electron'),
    });
    rmSync(override, { recursive: true });
    expect(resolveElectronBinary({ electronDir, env })).toEqual({
      missing: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH'),
    });
  });

  it('reads ELECTRON_SKIP_BINARY_DOWNLOAD as set unless empty, "0" or "false"', () => {
    expect(skipRequested({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toBe(true);
    expect(skipRequested({ ELECTRON_SKIP_BINARY_DOWNLOAD: 'true' })).toBe(true);
    for (const value of ['', '0', 'false', 'FALSE', undefined])
      expect(skipRequested({ ELECTRON_SKIP_BINARY_DOWNLOAD: value })).toBe(false);
  });

  it('keeps the message of a failure and drops its stack', () => {
    const stack = new Error('getaddrinfo ENOTFOUND github.com').stack ?? '';
    expect(failureReason(stack)).toBe('getaddrinfo ENOTFOUND github.com');
    expect(failureReason('HTTPError: Response code 404 (Not Found)\n    at x')).toBe(
      'Response code 404 (Not Found)',
    );
  });

  it('knows which Node versions Electron’s installer declares it needs', () => {
    expect(nodeTooOld('20.19.0')).toBe(true);
    expect(nodeTooOld('22.11.9')).toBe(true);
    expect(nodeTooOld('22.12.0')).toBe(false);
    expect(nodeTooOld('24.1.0')).toBe(false);
  });
});
