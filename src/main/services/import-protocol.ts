/** Messages between the import service (main thread) and its worker thread. */
import type { ImportItem } from '@shared/ipc';

export interface WorkerStart {
  paths: string[];
}

export type WorkerMessage =
  | {
      type: 'progress';
      done: number;
      found: number;
      articles: number;
      scanning: boolean;
      current: string;
    }
  | { type: 'items'; items: ImportItem[] }
  | { type: 'finished' }
  | { type: 'failed'; message: string };

/**
 * The bytes in an ArrayBuffer of their own, exactly their size, for the transfer list. A
 * Node Buffer under 4 KiB is a view into a shared 8 KiB pool, and Buffer#slice does not copy:
 * posted as is, the whole pool would be cloned, sent on to the window and stored with the
 * original (with whatever else the pool held). Copies only when the bytes do not own theirs.
 */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  if (
    buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength
  ) {
    return new Uint8Array(buffer);
  }
  return Uint8Array.prototype.slice.call(bytes) as Uint8Array<ArrayBuffer>;
}
