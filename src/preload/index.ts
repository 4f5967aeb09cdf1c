/**
 * Sandboxed preload: bundled into one CommonJS file that requires only 'electron'.
 * `File.path` is gone from Electron; dropped files' paths come from webUtils.getPathForFile.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { API_KEY } from '@shared/clipbook-api';
import { createClipbookApi } from './api';

contextBridge.exposeInMainWorld(
  API_KEY,
  createClipbookApi({
    invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    on: (channel, listener) => {
      const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void =>
        listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
    pathForFile: (file) => webUtils.getPathForFile(file as File),
  }),
);
