import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  hardenedWebPreferences,
  hardenSession,
  hardenWebContents,
} from '../../../src/main/security';

describe('window hardening', () => {
  it('uses the hardened web preferences', () => {
    expect(hardenedWebPreferences('/app/preload.js')).toEqual({
      preload: '/app/preload.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    });
  });

  function fakeContents() {
    const emitter = new EventEmitter();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = Object.assign(emitter, {
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
    });
    return { contents, open: (url: string) => openHandler?.({ url }) };
  }

  function fakeEvent() {
    return { preventDefault: vi.fn() };
  }

  it('denies new windows and sends only http(s) links to the system browser', () => {
    const { contents, open } = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as unknown as WebContents, { openExternal });
    expect(open('https://example.org/a')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.org/a']]);
  });

  it('prevents every navigation, redirect and webview', () => {
    const { contents } = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as unknown as WebContents, { openExternal });
    for (const [name, url] of [
      ['will-navigate', 'https://evil.example/'],
      ['will-navigate', 'file:///home/user/'],
      ['will-redirect', 'https://evil.example/'],
      ['will-attach-webview', ''],
    ] as const) {
      const event = fakeEvent();
      contents.emit(name, event, url);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(openExternal.mock.calls).toEqual([['https://evil.example/']]);
  });

  it('refuses every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    hardenSession({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as never);
    const callback = vi.fn();
    request?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check?.()).toBe(false);
  });

  it('allows only persistent storage, and only to the app origin', () => {
    type Request = (
      c: unknown,
      p: string,
      cb: (granted: boolean) => void,
      d: { requestingUrl: string },
    ) => void;
    type Check = (c: unknown, p: string, origin: string) => boolean;
    let request: Request | undefined;
    let check: Check | undefined;
    const isAppUrl = (url: string) => url === 'clipbook://app' || url.startsWith('clipbook://app/');
    hardenSession(
      {
        setPermissionRequestHandler: (h: Request) => (request = h),
        setPermissionCheckHandler: (h: Check) => (check = h),
      } as never,
      isAppUrl,
    );
    const ask = (permission: string, url: string) => {
      const callback = vi.fn();
      request?.({}, permission, callback, { requestingUrl: url });
      return callback.mock.calls[0]?.[0];
    };
    expect(ask('persistent-storage', 'clipbook://app/index.html')).toBe(true);
    expect(ask('persistent-storage', 'https://evil.example/')).toBe(false);
    expect(ask('persistent-storage', 'clipbook://application/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      expect(ask(p, 'clipbook://app/index.html'), p).toBe(false);
    expect(check?.({}, 'persistent-storage', 'clipbook://app')).toBe(true);
    expect(check?.({}, 'persistent-storage', 'https://evil.example')).toBe(false);
    expect(check?.({}, 'media', 'clipbook://app')).toBe(false);
  });
});
