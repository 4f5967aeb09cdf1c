/**
 * The most one IPC message may carry of a file. Electron crashes when one serialised message
 * passes ~512 MiB (electron/electron PR #53961); a backup holds every original file, so files
 * cross in chunks of at most this many bytes (the preload sends smaller ones, see api.ts).
 * A module of its own so that the preload bundle takes these without valibot.
 */
export const MAX_IPC_CHUNK_BYTES = 16 * 1024 * 1024;

/** At most how many bytes `data` is in UTF-8 (exact for bytes, an upper bound for text). */
export function dataBytes(data: string | Uint8Array): number {
  return typeof data === 'string' ? data.length * 3 : data.byteLength;
}
