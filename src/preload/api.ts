/**
 * Builds the renderer's API from a transport. The preload passes Electron's ipcRenderer; the
 * browser test harness runs this same bundle with a stand-in transport.
 */
import type { ClipbookApi, DroppedFile, FileSink, FileSource } from '@shared/clipbook-api';
import { errorMessage } from '@shared/errors';
import type { ImportEvent, InvokeChannel, InvokeValue, SaveRequest } from '@shared/ipc';
import { dataBytes, MAX_IPC_CHUNK_BYTES } from '@shared/ipc-limits';
import { EVENT_CHANNELS, parseMenuMessage } from '@shared/ipc-channels';
import type { Result } from '@shared/result';

export interface Transport {
  invoke(channel: InvokeChannel, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
  pathForFile(file: DroppedFile): string;
}

/** Bytes per IPC message for files (backups, restores): well under Electron's ~512 MiB. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export interface ApiOptions {
  /** The most bytes of a file one message carries (lowered in tests to force many chunks). */
  chunkBytes?: number;
}

const encoder = new TextEncoder();

export function createClipbookApi(transport: Transport, options: ApiOptions = {}): ClipbookApi {
  const chunkBytes = Math.max(
    1,
    Math.min(options.chunkBytes ?? DEFAULT_CHUNK_BYTES, MAX_IPC_CHUNK_BYTES),
  );
  // Only named functions cross the bridge: the renderer never sees ipcRenderer itself.
  async function call<T>(channel: InvokeChannel, ...args: unknown[]): Promise<Result<T>> {
    try {
      return (await transport.invoke(channel, ...args)) as Result<T>;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'ipc', message: errorMessage(error) },
      };
    }
  }
  /** For the stream methods, which throw: a failed call is an Error with main's message. */
  async function must<T>(channel: InvokeChannel, ...args: unknown[]): Promise<T> {
    const result = await call<T>(channel, ...args);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  function sink(streamId: string): FileSink {
    // Small pieces (gzip emits ~16 KiB at a time) are joined, big ones split: every message
    // but the last carries exactly chunkBytes.
    let pending = new Uint8Array(chunkBytes);
    let filled = 0;
    const flush = async (): Promise<void> => {
      if (filled === 0) return;
      const chunk = pending.slice(0, filled);
      filled = 0;
      await must('save:chunk', streamId, chunk);
    };
    return {
      async write(bytes) {
        let offset = 0;
        while (offset < bytes.byteLength) {
          const take = Math.min(chunkBytes - filled, bytes.byteLength - offset);
          pending.set(bytes.subarray(offset, offset + take), filled);
          filled += take;
          offset += take;
          if (filled === chunkBytes) await flush();
        }
      },
      async finish() {
        await flush();
        pending = new Uint8Array(0);
        return must<{ path: string; bytes: number }>('save:finish', streamId);
      },
      async abort() {
        filled = 0;
        await call('save:abort', streamId);
      },
    };
  }

  function source(opened: { name: string; size: number; streamId: string }): FileSource {
    let done = false;
    return {
      name: opened.name,
      size: opened.size,
      async read() {
        if (done) return null;
        const next = await must<{ bytes: Uint8Array; done: boolean }>(
          'file:read',
          opened.streamId,
          chunkBytes,
        );
        done = next.done;
        return next.bytes.byteLength > 0 ? next.bytes : done ? null : new Uint8Array(0);
      },
      async close() {
        if (!done) await call('file:close', opened.streamId);
        done = true;
      },
    };
  }

  /**
   * Small exports go in one message. Past the bound (a vault of 100,000 notes, a combined file)
   * the files go in batches of at most chunkBytes, and any one file bigger than that streams.
   */
  async function saveExport(request: SaveRequest): Promise<Result<InvokeValue<'export:save'>>> {
    const total = request.files.reduce((n, file) => n + dataBytes(file.data), 0);
    if (total <= chunkBytes) return call('export:save', request);
    const begun = await call<InvokeValue<'export:begin'>>('export:begin', {
      target: request.target,
      suggestedName: request.suggestedName,
    });
    if (!begun.ok || !begun.value) return begun as Result<null>;
    const { exportId } = begun.value;
    try {
      let batch: SaveRequest['files'] = [];
      let batchBytes = 0;
      const flush = async (): Promise<void> => {
        if (batch.length > 0) await must('export:files', exportId, batch);
        batch = [];
        batchBytes = 0;
      };
      for (const file of request.files) {
        const data = typeof file.data === 'string' ? encoder.encode(file.data) : file.data;
        if (data.byteLength > chunkBytes) {
          const opened = await must<InvokeValue<'save:begin'>>('save:begin', {
            to: 'export',
            exportId,
            name: file.name,
          });
          if (!opened) throw new Error('The export could not be written.');
          const out = sink(opened.streamId);
          try {
            await out.write(data);
            await out.finish();
          } catch (error) {
            await out.abort();
            throw error;
          }
          continue;
        }
        if (batchBytes + data.byteLength > chunkBytes) await flush();
        batch.push({ ...file, data });
        batchBytes += data.byteLength;
      }
      await flush();
      return await call<InvokeValue<'export:end'>>('export:end', exportId);
    } catch (error) {
      return {
        ok: false,
        error: { code: 'ipc', message: errorMessage(error) },
      };
    }
  }

  return {
    importPaths: (paths, origin) => call('import:start', paths, origin),
    chooseAndImport: (kind) => call('import:choose', kind),
    cancelImport: (jobId) => call('import:cancel', jobId),
    openExternal: (url) => call('shell:open-external', url),
    appInfo: () => call('app:info'),
    saveExport: (request) => saveExport(request),
    exportPdf: (html, suggestedName) => call('export:pdf', { html, suggestedName }),
    showInFolder: (path) => call('shell:show-in-folder', path),
    openFile: async (purpose) => {
      const opened = await call<InvokeValue<'file:open'>>('file:open', purpose);
      if (!opened.ok || !opened.value) return opened as Result<null>;
      return { ok: true, value: source(opened.value) };
    },
    saveFile: async (target) => {
      const begun = await call<InvokeValue<'save:begin'>>('save:begin', target);
      if (!begun.ok || !begun.value) return begun as Result<null>;
      return { ok: true, value: sink(begun.value.streamId) };
    },
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
