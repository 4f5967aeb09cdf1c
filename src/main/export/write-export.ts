/**
 * Writes exported files into a folder the user chose. Each file is replaced atomically: the
 * data goes to a temporary file in the same folder, is fsynced, then renamed over the target,
 * so a crash leaves either the old file or the new one, never half of one. Names that would
 * resolve outside the folder are refused before anything is written.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as nodeFs } from 'node:fs';
import path from 'node:path';
import type { ExportFile } from '@shared/export/types';

export interface ExportFileHandle {
  write(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file system operations the writer needs, injectable for fault-injection tests. */
export interface ExportFs {
  mkdir(dir: string): Promise<void>;
  realpath(p: string): Promise<string>;
  /** Creates a new file, failing if it exists. */
  createExclusive(file: string): Promise<ExportFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Makes a rename durable (fsync of the directory); best effort where unsupported. */
  syncDir(dir: string): Promise<void>;
}

export const nodeExportFs: ExportFs = {
  async mkdir(dir) {
    await nodeFs.mkdir(dir, { recursive: true });
  },
  realpath: (p) => nodeFs.realpath(p),
  async createExclusive(file) {
    const handle = await nodeFs.open(
      file,
      fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY,
      0o644,
    );
    return {
      async write(data) {
        let offset = 0;
        while (offset < data.length) {
          const { bytesWritten } = await handle.write(data, offset, data.length - offset);
          offset += bytesWritten;
        }
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (file) => nodeFs.unlink(file),
  async syncDir(dir) {
    // Windows cannot open a directory for fsync; there the rename is as durable as it gets.
    let handle: nodeFs.FileHandle | undefined;
    try {
      handle = await nodeFs.open(dir, 'r');
      await handle.sync();
    } catch {
      // best effort
    } finally {
      await handle?.close().catch(() => undefined);
    }
  },
};

export class UnsafeExportPathError extends Error {
  constructor(readonly fileName: string) {
    super(`Refusing to write "${fileName}": it would land outside the export folder.`);
    this.name = 'UnsafeExportPathError';
  }
}

const isInside = (root: string, target: string): boolean => {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/**
 * Where `name` goes inside `dir`, or an error. Checked lexically on both path flavours, so a
 * backslash name is refused on Linux too (it would escape when the export is copied to Windows).
 */
export function resolveInside(dir: string, name: string): string {
  const segments = name.split(/[/\\]/);
  if (
    name === '' ||
    name.includes('\0') ||
    path.isAbsolute(name) ||
    path.win32.isAbsolute(name) ||
    /^[a-zA-Z]:/.test(name) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new UnsafeExportPathError(name);
  }
  const root = path.resolve(dir);
  const target = path.resolve(root, name);
  if (!isInside(root, target)) throw new UnsafeExportPathError(name);
  return target;
}

export interface WriteExportOptions {
  fs?: ExportFs;
  /** Random suffix for temporary names; injectable for tests. */
  tempSuffix?: () => string;
}

const encoder = new TextEncoder();

async function writeAtomically(
  fs: ExportFs,
  target: string,
  data: Uint8Array,
  suffix: string,
): Promise<void> {
  const dir = path.dirname(target);
  // A dot name so file managers hide it; same folder so the rename is atomic (same volume).
  const temp = path.join(dir, `.${path.basename(target).slice(0, 200)}.${suffix}.tmp`);
  const handle = await fs.createExclusive(temp);
  let renamed = false;
  try {
    try {
      await handle.write(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    renamed = true;
    await fs.syncDir(dir);
  } finally {
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
  }
}

/** Writes `files` into `dir` (created if missing); returns the absolute paths written. */
export async function writeExport(
  dir: string,
  files: readonly ExportFile[],
  options: WriteExportOptions = {},
): Promise<string[]> {
  const fs = options.fs ?? nodeExportFs;
  const suffix = options.tempSuffix ?? (() => randomBytes(6).toString('hex'));
  // Validate every name first, so a bad one does not leave a half-done export.
  const targets = files.map((f) => resolveInside(dir, f.name));
  await fs.mkdir(path.resolve(dir));
  const realRoot = await fs.realpath(path.resolve(dir));
  const written: string[] = [];
  for (const [i, file] of files.entries()) {
    const target = targets[i] as string;
    const parent = path.dirname(target);
    await fs.mkdir(parent);
    // A symlinked subfolder must not carry the file outside the export folder.
    const realParent = await fs.realpath(parent);
    if (realParent !== realRoot && !isInside(realRoot, realParent)) {
      throw new UnsafeExportPathError(file.name);
    }
    const data = typeof file.data === 'string' ? encoder.encode(file.data) : file.data;
    await writeAtomically(fs, path.join(realParent, path.basename(target)), data, suffix());
    written.push(target);
  }
  return written;
}
