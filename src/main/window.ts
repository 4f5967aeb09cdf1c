import { BrowserWindow } from 'electron';
import { hardenedWebPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  iconPath?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Clipbook',
    backgroundColor: '#1d1f23',
    icon: options.iconPath,
    autoHideMenuBar: false,
    webPreferences: hardenedWebPreferences(options.preloadPath),
  });
  // Show once painted, so the user never sees a blank white frame.
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}

export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
