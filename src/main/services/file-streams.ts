/**
 * Files that cross IPC in bounded chunks. Electron crashes on one serialised IPC message past
 * ~512 MiB (electron/electron PR #53961), and a backup holds every original file, so backups
 * and restores never travel whole: the renderer writes a file it is making a chunk at a time
 * (into a temporary file beside the target, fsynced and renamed over it when finished, as
 * write-export.ts does), and reads a file the user opened a chunk at a time. Main names every
 * path (from a dialog or its own backup folder); the renderer only holds stream ids.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { MAX_IPC_CHUNK_BYTES } from '@shared/ipc';
import { nodeExportFs } from '../export/write-export';

interface WriteStream {
  kind: 'write';
  target: string;
  temp: string;
  handle: fs.FileHandle;
  bytes: number;
}

interface ReadStream {
  kind: 'read';
  handle: fs.FileHandle;
  size: number;
  position: number;
}

/** A few at once is every real use (a backup and a safety copy); more is a leak or a bug. */
export const MAX_OPEN_STREAMS = 8;

export class FileStreams {
  readonly #open = new Map<string, WriteStream | ReadStream>();

  get openCount(): number {
    return this.#open.size;
  }

  #id(): string {
    if (this.#open.size >= MAX_OPEN_STREAMS) {
      throw new Error('Too many files are open for reading or writing at once.');
    }
    return `stream-${randomBytes(12).toString('hex')}`;
  }

  #get<K extends 'write' | 'read'>(
    id: string,
    kind: K,
  ): Extract<WriteStream | ReadStream, { kind: K }> {
    const stream = this.#open.get(id);
    if (!stream || stream.kind !== kind) throw new Error('That file is no longer open.');
    return stream as Extract<WriteStream | ReadStream, { kind: K }>;
  }

  /** Starts writing `target`; nothing appears at `target` until finishWrite. */
  async beginWrite(target: string): Promise<string> {
    const id = this.#id();
    await fs.mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.partial`;
    const handle = await fs.open(
      temp,
      fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY,
      0o644,
    );
    this.#open.set(id, { kind: 'write', target, temp, handle, bytes: 0 });
    return id;
  }

  async write(id: string, chunk: Uint8Array): Promise<void> {
    const stream = this.#get(id, 'write');
    if (chunk.byteLength > MAX_IPC_CHUNK_BYTES) throw new Error('A chunk is over the size limit.');
    let offset = 0;
    while (offset < chunk.byteLength) {
      const { bytesWritten } = await stream.handle.write(chunk, offset, chunk.byteLength - offset);
      offset += bytesWritten;
    }
    stream.bytes += chunk.byteLength;
  }

  /** Makes the file durable and puts it in place; returns its path and size. */
  async finishWrite(id: string): Promise<{ path: string; bytes: number }> {
    const stream = this.#get(id, 'write');
    this.#open.delete(id);
    try {
      await stream.handle.sync();
      await stream.handle.close();
      await fs.rename(stream.temp, stream.target);
    } catch (error) {
      await stream.handle.close().catch(() => undefined);
      await fs.rm(stream.temp, { force: true });
      throw error;
    }
    await nodeExportFs.syncDir(dirname(stream.target));
    return { path: stream.target, bytes: stream.bytes };
  }

  /** Drops a write: the temporary file goes, and the target is untouched. */
  async abortWrite(id: string): Promise<void> {
    const stream = this.#open.get(id);
    if (!stream || stream.kind !== 'write') return;
    this.#open.delete(id);
    await stream.handle.close().catch(() => undefined);
    await fs.rm(stream.temp, { force: true });
  }

  async openRead(path: string, maxBytes: number): Promise<{ id: string; size: number }> {
    const id = this.#id();
    const handle = await fs.open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw new Error('The file is larger than any Clipbook backup could be.');
      this.#open.set(id, { kind: 'read', handle, size, position: 0 });
      return { id, size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The next chunk of at most `maxBytes`; `done` once the end is reached (then it closes). */
  async read(
    id: string,
    maxBytes: number,
  ): Promise<{ bytes: Uint8Array<ArrayBuffer>; done: boolean }> {
    const stream = this.#get(id, 'read');
    const want = Math.min(maxBytes, MAX_IPC_CHUNK_BYTES);
    const buffer = new Uint8Array(want);
    const { bytesRead } = await stream.handle.read(buffer, 0, want, stream.position);
    stream.position += bytesRead;
    const done = bytesRead === 0 || stream.position >= stream.size;
    if (done) await this.closeRead(id);
    return { bytes: bytesRead === want ? buffer : buffer.slice(0, bytesRead), done };
  }

  async closeRead(id: string): Promise<void> {
    const stream = this.#open.get(id);
    if (!stream || stream.kind !== 'read') return;
    this.#open.delete(id);
    await stream.handle.close().catch(() => undefined);
  }

  /** At quit, or when the window that held them is gone: nothing half-written is left. */
  async closeAll(): Promise<void> {
    await Promise.all(
      [...this.#open].map(([id, stream]) =>
        stream.kind === 'write' ? this.abortWrite(id) : this.closeRead(id),
      ),
    );
  }
}
