import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '@shared/ipc';
import { err } from '@shared/result';
import type { IpcHandlers } from './handlers';

/**
 * Binds the handler table to Electron's IPC. Only frames served from the app's own origin
 * may call in: a stray frame or a navigated page gets an error, not a handler.
 */
export function registerIpcHandlers(
  handlers: IpcHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) {
        return err('forbidden', `${channel} may only be called by Clipbook's own window.`);
      }
      return handlers[channel](args);
    });
  }
}
