/**
 * Builds the renderer's API from a transport. The preload passes Electron's ipcRenderer; the
 * browser test harness runs this same bundle with a stand-in transport.
 */
import type { ClipbookApi, DroppedFile } from '@shared/clipbook-api';
import type { ImportEvent, InvokeChannel } from '@shared/ipc';
import { EVENT_CHANNELS, parseMenuMessage } from '@shared/ipc-channels';
import type { Result } from '@shared/result';

export interface Transport {
  invoke(channel: InvokeChannel, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
  pathForFile(file: DroppedFile): string;
}

export function createClipbookApi(transport: Transport): ClipbookApi {
  // Only named functions cross the bridge: the renderer never sees ipcRenderer itself.
  async function call<T>(channel: InvokeChannel, ...args: unknown[]): Promise<Result<T>> {
    try {
      return (await transport.invoke(channel, ...args)) as Result<T>;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'ipc', message: error instanceof Error ? error.message : String(error) },
      };
    }
  }
  return {
    importPaths: (paths, origin) => call('import:start', paths, origin),
    chooseAndImport: (kind) => call('import:choose', kind),
    cancelImport: (jobId) => call('import:cancel', jobId),
    openExternal: (url) => call('shell:open-external', url),
    appInfo: () => call('app:info'),
    saveExport: (request) => call('export:save', request),
    exportPdf: (html, suggestedName) => call('export:pdf', { html, suggestedName }),
    showInFolder: (path) => call('shell:show-in-folder', path),
    openFile: (purpose) => call('file:open', purpose),
    writeAutoBackup: (bytes, keep) => call('backup:auto', { bytes, keep }),
    openDataFolder: () => call('app:open-data-folder'),
    pathsForFiles: (files) =>
      Array.from(files, (file) => {
        try {
          return transport.pathForFile(file);
        } catch {
          return '';
        }
      }),
    onImportEvent: (listener) =>
      transport.on(EVENT_CHANNELS.import, (payload) => listener(payload as ImportEvent)),
    onMenuCommand: (listener) =>
      transport.on(EVENT_CHANNELS.menu, (payload) => {
        const message = parseMenuMessage(payload);
        if (message) listener(message.command, message.text);
      }),
  };
}
