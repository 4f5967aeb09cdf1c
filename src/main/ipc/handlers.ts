/**
 * IPC handlers as plain functions: no Electron here, so the very same table serves the
 * Electron app (ipc/register.ts) and the browser test harness. Every argument arrives as
 * `unknown` and is parsed with the contract's schema before anything else runs.
 */
import { printWithPageNumbers } from '../export/report-pdf';
import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';
import * as v from 'valibot';
import { errorMessage } from '@shared/errors';
import {
  invokeContract,
  type AppInfo,
  type ImportOrigin,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeValue,
  type SaveRequest,
  type SaveTarget,
} from '@shared/ipc';
import { err, ok, type Result } from '@shared/result';
import { resolveInside } from '../export/write-export';

export interface ImportStarter {
  start(paths: string[], origin: ImportOrigin): string;
  cancel(jobId: string): boolean;
}

export interface SaveTargetOptions {
  target: 'folder' | 'file';
  suggestedName: string;
}

export interface HandlerDeps {
  imports: ImportStarter;
  /** Shows the native open dialog; resolves to the chosen paths, or null when cancelled. */
  choosePaths(kind: 'files' | 'folder'): Promise<string[] | null>;
  openExternal(url: string): Promise<void>;
  appInfo(): AppInfo;
  /** Opens the profile folder in the system file manager. */
  openDataFolder(): Promise<void>;
  /** Native save dialog: a folder, or a file path; null when cancelled. */
  chooseSaveTarget(options: SaveTargetOptions): Promise<string | null>;
  /** Writes files atomically inside `dir`, refusing names that escape it; returns the paths. */
  writeFiles(dir: string, files: SaveRequest['files']): Promise<string[]>;
  /** Prints a clip book's HTML to PDF (Chromium). */
  renderPdf(html: string): Promise<Uint8Array<ArrayBuffer>>;
  showInFolder(path: string): void;
  /** Native open dialog for a backup or a Clipbook JSON export; null when cancelled. */
  chooseOpenPath(purpose: 'backup' | 'clipbook-json'): Promise<string | null>;
  /** Where the next automatic backup goes (in the app's own backup folder). */
  autoBackupPath(): string;
  /** Deletes all but the newest `keep` automatic backups. */
  pruneAutoBackups(keep: number): Promise<void>;
  /** Files read and written a chunk per message (services/file-streams.ts). */
  streams: StreamStore;
}

/** What the handlers use of FileStreams (a fake in the schema tests). */
export interface StreamStore {
  beginWrite(target: string): Promise<string>;
  write(id: string, chunk: Uint8Array): Promise<void>;
  finishWrite(id: string): Promise<{ path: string; bytes: number }>;
  abortWrite(id: string): Promise<void>;
  openRead(path: string, maxBytes: number): Promise<{ id: string; size: number }>;
  read(id: string, maxBytes: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; done: boolean }>;
  closeRead(id: string): Promise<void>;
}

/** A backup holds every original; past this it is not a file Clipbook wrote. */
export const MAX_OPEN_BYTES = 64 * 1024 * 1024 * 1024;

export type IpcHandler = (args: unknown) => Promise<Result<unknown>>;
export type IpcHandlers = Record<InvokeChannel, IpcHandler>;

type Impl<C extends InvokeChannel> = (...args: InvokeArgs<C>) => Promise<InvokeValue<C>>;

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function handler<C extends InvokeChannel>(channel: C, impl: Impl<C>): IpcHandler {
  const contract = invokeContract[channel];
  return async (args) => {
    const parsed = v.safeParse(contract.args, args);
    if (!parsed.success) {
      return err('invalid-arguments', `${channel}: ${describeIssues(parsed.issues)}`);
    }
    try {
      const value = await impl(...(parsed.output as InvokeArgs<C>));
      const checked = v.safeParse(contract.result, value);
      if (!checked.success) {
        return err('internal', `${channel} produced an invalid response.`);
      }
      return ok(checked.output);
    } catch (error) {
      return err('internal', errorMessage(error));
    }
  };
}

export function createIpcHandlers(deps: HandlerDeps): IpcHandlers {
  // Paths this session wrote: the only ones "Show in folder" may reveal.
  const written = new Set<string>();
  // Where each stream being written goes, for what to do when it is finished.
  const saving = new Map<string, SaveTarget>();
  // Exports sent in pieces: the folder the user chose, the file name for a one-file export,
  // and what has been written so far.
  const exports = new Map<string, { folder: string; fileName: string | null; paths: string[] }>();
  const exportOf = (id: string) => {
    const found = exports.get(id);
    if (!found) throw new Error('That export is no longer in progress.');
    return found;
  };

  async function save(
    request: { target: 'folder' | 'file'; suggestedName: string },
    files: () => Promise<SaveRequest['files']>,
  ): Promise<{ folder: string; paths: string[] } | null> {
    const chosen = await deps.chooseSaveTarget(request);
    if (!chosen) return null;
    const made = await files();
    const folder = request.target === 'folder' ? chosen : dirname(chosen);
    const named =
      request.target === 'file' && made.length === 1 && made[0]
        ? [{ ...made[0], name: basename(chosen) }]
        : made;
    const paths = await deps.writeFiles(folder, named);
    for (const path of paths) written.add(path);
    written.add(folder);
    return { folder, paths };
  }

  return {
    // Unlike 'shell:show-in-folder', these paths are not checked against a list: they are what
    // the user dropped on the window (webUtils.getPathForFile), and a drop is the user's choice.
    // The schema still refuses relative paths and `..` segments, which no drop produces, and
    // the import only reads: it never writes, deletes or reveals anything at those paths.
    'import:start': handler('import:start', async (paths, origin) => ({
      jobId: deps.imports.start(paths, origin),
    })),
    'import:choose': handler('import:choose', async (kind) => {
      const paths = await deps.choosePaths(kind);
      if (!paths || paths.length === 0) return null;
      return { jobId: deps.imports.start(paths, 'dialog') };
    }),
    'import:cancel': handler('import:cancel', async (jobId) => ({
      cancelled: deps.imports.cancel(jobId),
    })),
    'shell:open-external': handler('shell:open-external', async (url) => {
      await deps.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — url passed HttpUrlSchema (http/https only)
      return null;
    }),
    'app:info': handler('app:info', async () => deps.appInfo()),
    'app:open-data-folder': handler('app:open-data-folder', async () => {
      await deps.openDataFolder();
      return null;
    }),
    'export:save': handler('export:save', async (request) =>
      save(request, async () => request.files),
    ),
    'export:begin': handler('export:begin', async (request) => {
      const chosen = await deps.chooseSaveTarget(request);
      if (!chosen) return null;
      const exportId = `stream-${randomBytes(12).toString('hex')}`;
      exports.set(exportId, {
        folder: request.target === 'folder' ? chosen : dirname(chosen),
        fileName: request.target === 'file' ? basename(chosen) : null,
        paths: [],
      });
      return { exportId };
    }),
    'export:files': handler('export:files', async (exportId, files) => {
      const exporting = exportOf(exportId);
      const named = exporting.fileName
        ? files.map((file) => ({ ...file, name: exporting.fileName as string }))
        : files;
      exporting.paths.push(...(await deps.writeFiles(exporting.folder, named)));
      return null;
    }),
    'export:end': handler('export:end', async (exportId) => {
      const exporting = exportOf(exportId);
      exports.delete(exportId);
      for (const path of exporting.paths) written.add(path);
      written.add(exporting.folder);
      return { folder: exporting.folder, paths: exporting.paths };
    }),
    'export:pdf': handler('export:pdf', async (request) =>
      save({ target: 'file', suggestedName: request.suggestedName }, async () => [
        {
          name: request.suggestedName,
          // A report's contents get their page numbers from a first print (report-pdf.ts).
          data: (await printWithPageNumbers(request.html, deps.renderPdf)).pdf,
          mediaType: 'application/pdf',
        },
      ]),
    ),
    'shell:show-in-folder': handler('shell:show-in-folder', async (path) => {
      if (!written.has(path)) throw new Error('Only files Clipbook has just written can be shown.');
      deps.showInFolder(path);
      return null;
    }),
    'file:open': handler('file:open', async (purpose) => {
      const path = await deps.chooseOpenPath(purpose);
      if (!path) return null;
      const { id, size } = await deps.streams.openRead(path, MAX_OPEN_BYTES);
      return { name: basename(path), size, streamId: id };
    }),
    'file:read': handler('file:read', async (id, maxBytes) => deps.streams.read(id, maxBytes)),
    'file:close': handler('file:close', async (id) => {
      await deps.streams.closeRead(id);
      return null;
    }),
    'save:begin': handler('save:begin', async (target) => {
      let path: string | null;
      if (target.to === 'choose') {
        path = await deps.chooseSaveTarget({ target: 'file', suggestedName: target.suggestedName });
        if (!path) return null;
      } else if (target.to === 'export') {
        const exporting = exportOf(target.exportId);
        // The same rule as every export file: a name that would land outside the folder fails.
        path = resolveInside(exporting.folder, exporting.fileName ?? target.name);
      } else {
        path = deps.autoBackupPath();
      }
      const streamId = await deps.streams.beginWrite(path);
      saving.set(streamId, target);
      return { streamId };
    }),
    'save:chunk': handler('save:chunk', async (id, chunk) => {
      await deps.streams.write(id, chunk);
      return null;
    }),
    'save:finish': handler('save:finish', async (id) => {
      const target = saving.get(id);
      saving.delete(id);
      const saved = await deps.streams.finishWrite(id);
      if (target?.to === 'choose') {
        written.add(saved.path);
        written.add(dirname(saved.path));
      } else if (target?.to === 'export') {
        exports.get(target.exportId)?.paths.push(saved.path);
      } else if (target) {
        await deps.pruneAutoBackups(target.keep);
      }
      return saved;
    }),
    'save:abort': handler('save:abort', async (id) => {
      saving.delete(id);
      await deps.streams.abortWrite(id);
      return null;
    }),
  };
}
