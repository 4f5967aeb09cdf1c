/**
 * All window hardening in one place (after Actual Budget's security.ts), so that one review
 * and one test cover it. See Electron's security checklist.
 */
import type { App, Session, WebContents, WebPreferences } from 'electron';
import { isHttpUrl } from '@shared/ipc';

export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
  };
}

export interface HardeningDeps {
  /** Opens an http(s) URL in the system browser (the one guarded helper). */
  openExternal(url: string): void;
}

/** Guards one WebContents: no new windows, no navigation away, no webviews. */
export function hardenWebContents(contents: WebContents, deps: HardeningDeps): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttpUrl(url)) deps.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — http(s) only, via openExternalSafely
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isHttpUrl(url)) deps.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — http(s) only, via openExternalSafely
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Permissions the app's own page may have. Only 'persistent-storage': Electron routes
 * navigator.storage.persist() through the session's permission handlers (the permission is
 * in both handlers' lists in Electron's API docs), so refusing everything would leave the
 * library in "best-effort" storage, which Chromium may evict under disk pressure. It shows
 * no prompt and grants no access to anything outside the origin's own storage.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['persistent-storage']);

/**
 * The app asks for no device or permission; everything is refused except durable storage,
 * and that only for the app's own origin (`isAppUrl`), never for any other page or frame.
 */
export function hardenSession(
  session: Session,
  isAppUrl: (url: string) => boolean = () => false,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details?.requestingUrl ?? ''));
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingOrigin ?? ''),
  );
}

/** Applies the guards to every WebContents the app ever creates, including ones we did not. */
export function installAppWideHardening(app: App, deps: HardeningDeps): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, deps));
}
