/**
 * All window hardening in one place (after Actual Budget's security.ts), so that one review
 * and one test cover it. See Electron's security checklist.
 */
import type { App, Session, WebContents, WebPreferences } from 'electron';
import { isHttpUrl } from '../shared/ipc';

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
    if (isHttpUrl(url)) deps.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isHttpUrl(url)) deps.openExternal(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The app asks for no device or permission; everything is refused. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Applies the guards to every WebContents the app ever creates, including ones we did not. */
export function installAppWideHardening(app: App, deps: HardeningDeps): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, deps));
}
