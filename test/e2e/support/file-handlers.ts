import { join } from 'node:path';
import { writeExport } from '../../../src/main/export/write-export';
import { createIpcHandlers, type IpcHandlers } from '../../../src/main/ipc/handlers';
import { backupFileName, pruneAutoBackups } from '../../../src/main/services/backups';
import type { FileStreams } from '../../../src/main/services/file-streams';

export interface FileHandlerOptions {
  /** The profile folder: automatic backups go to its `backups` folder. */
  dir: string;
  streams: FileStreams;
  /** What the save dialog answers (null: cancelled). */
  saveTo(): string | null;
  /** What the open dialog answers (null: cancelled). */
  openFrom?(): string | null;
}

/**
 * The real IPC handlers with real file streams and export writing, for backups, restores and
 * exports; the channels that need a window, imports or a browser do nothing here.
 */
export function fileHandlers(options: FileHandlerOptions): IpcHandlers {
  const backups = join(options.dir, 'backups');
  return createIpcHandlers({
    imports: { start: () => 'job-1', cancel: () => false },
    choosePaths: async () => null,
    openExternal: async () => undefined,
    appInfo: () => ({
      name: 'Clipbook',
      version: 'test',
      platform: process.platform,
      dataDir: options.dir,
    }),
    openDataFolder: async () => undefined,
    chooseSaveTarget: async () => options.saveTo(),
    writeFiles: (dir, files) => writeExport(dir, files),
    renderPdf: async () => new Uint8Array(),
    showInFolder: () => undefined,
    chooseOpenPath: async () => options.openFrom?.() ?? null,
    autoBackupPath: () => join(backups, backupFileName(new Date())),
    pruneAutoBackups: (keep) => pruneAutoBackups(backups, keep),
    streams: options.streams,
  });
}
