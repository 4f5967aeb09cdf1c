import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devProfileName, isAppPage, runMode } from '../../../src/main/run-mode';

const appDataDir = join('/home', 'ada', '.config');
const base = { appDataDir, appName: 'Clipbook' };
const DEV_URL = 'http://localhost:5173';

describe('runMode', () => {
  it('a packaged run ignores ELECTRON_RENDERER_URL and loads only clipbook://app', () => {
    for (const url of [DEV_URL, 'https://evil.example/', 'http://127.0.0.1:5173/']) {
      const mode = runMode({ ...base, isPackaged: true, env: { ELECTRON_RENDERER_URL: url } });
      expect(mode).toEqual({ devServerUrl: null, userDataDir: null, isDev: false });
      // The page that would be loaded instead is not trusted either.
      expect(isAppPage(mode, url)).toBe(false);
      expect(isAppPage(mode, 'clipbook://app/index.html')).toBe(true);
    }
  });

  it('a development run uses the dev server, but only one on this machine', () => {
    const dev = (url: string) =>
      runMode({ ...base, isPackaged: false, env: { ELECTRON_RENDERER_URL: url } }).devServerUrl;
    expect(dev(DEV_URL)).toBe(`${DEV_URL}/`);
    expect(dev('http://127.0.0.1:5174/')).toBe('http://127.0.0.1:5174/');
    expect(dev('http://[::1]:5173')).toBe('http://[::1]:5173/');
    for (const url of [
      'https://evil.example/',
      'http://localhost.evil.example/',
      'file:///x',
      'junk',
    ])
      expect(dev(url)).toBeNull();
  });

  it('npm start and npm run dev keep their own profile, never the installed app’s', () => {
    const installed = runMode({ ...base, isPackaged: true, env: {} });
    const dev = runMode({ ...base, isPackaged: false, env: {} });
    expect(installed.userDataDir).toBeNull(); // Electron's default: appData/Clipbook
    expect(dev.userDataDir).toBe(join(appDataDir, 'Clipbook (development)'));
    expect(dev.userDataDir).not.toBe(join(appDataDir, 'Clipbook'));
    expect(devProfileName('Clipbook')).toBe('Clipbook (development)');
  });

  it('CLIPBOOK_USER_DATA_DIR picks the profile folder in every build', () => {
    const env = { CLIPBOOK_USER_DATA_DIR: '/tmp/profile' };
    expect(runMode({ ...base, isPackaged: true, env }).userDataDir).toBe('/tmp/profile');
    expect(runMode({ ...base, isPackaged: false, env }).userDataDir).toBe('/tmp/profile');
  });
});

describe('isAppPage', () => {
  const packaged = { devServerUrl: null };
  const dev = { devServerUrl: `${DEV_URL}/` };

  it('trusts the app origin, not look-alikes', () => {
    expect(isAppPage(packaged, 'clipbook://app')).toBe(true);
    expect(isAppPage(packaged, 'clipbook://app/index.html')).toBe(true);
    for (const url of [
      'clipbook://app.evil/',
      'clipbook://apple/',
      'http://app/',
      '',
      'about:blank',
    ])
      expect(isAppPage(packaged, url)).toBe(false);
  });

  it('in development trusts the dev server’s whole origin only', () => {
    expect(isAppPage(dev, `${DEV_URL}/index.html`)).toBe(true);
    expect(isAppPage(dev, DEV_URL)).toBe(true);
    expect(isAppPage(dev, 'http://localhost:51730/')).toBe(false);
    expect(isAppPage(dev, 'https://localhost:5173/')).toBe(false);
    expect(isAppPage(dev, 'clipbook://app/index.html')).toBe(false);
  });
});
