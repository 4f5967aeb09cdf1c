import { BrowserWindow, screen } from 'electron';
import { hardenedWebPreferences } from './security';
import {
  fitToDisplays,
  loadWindowState,
  revealWhenReady,
  trackWindowState,
  WINDOW_LIMITS,
} from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  iconPath?: string;
  /** Where the window's size and position are kept between launches. */
  stateFile: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  // Primary first: fitToDisplays falls back to the first display.
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  const state = fitToDisplays(loadWindowState(options.stateFile), displays);
  // Justified (Electronegativity): hardenedWebPreferences() turns sandbox and contextIsolation
  // on (the scanner cannot see into it); security.ts denies every window.open, auxclick too.
  // prettier-ignore
  const window = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: WINDOW_LIMITS.minWidth,
    minHeight: WINDOW_LIMITS.minHeight,
    show: false,
    title: 'Clipbook',
    backgroundColor: '#1d1f23',
    icon: options.iconPath,
    autoHideMenuBar: false,
    webPreferences: hardenedWebPreferences(options.preloadPath),
  });
  trackWindowState(window, { file: options.stateFile });
  // Show once painted, so the user never sees a blank white frame.
  revealWhenReady(window, state.maximized);
  void window.loadURL(options.url);
  return window;
}

export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  // On Windows, focus() from a background process only flashes the taskbar button; a brief
  // always-on-top brings the window to the front as the user expects after "Open with".
  if (process.platform === 'win32') {
    window.setAlwaysOnTop(true);
    window.setAlwaysOnTop(false);
  }
  if (process.platform === 'darwin') window.moveTop();
}
