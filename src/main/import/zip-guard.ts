/**
 * Zip-bomb guard for DOCX: reads the central directory, checks declared sizes, then inflates
 * every part with a hard output cap so a lying directory cannot exhaust memory.
 */
import { inflateRawSync } from 'node:zlib';

export const MAX_INFLATE_RATIO = 1000;
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipError extends Error {}

function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (
    ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16)) +
    (b[o + 3] as number) * 0x1000000
  );
}

export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const min = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (
      bytes[i] === 0x50 &&
      bytes[i + 1] === 0x4b &&
      bytes[i + 2] === 0x05 &&
      bytes[i + 3] === 0x06
    ) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new ZipError('the ZIP end record is missing (the file is truncated or damaged)');
  const count = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) {
      throw new ZipError('the ZIP directory is damaged');
    }
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    entries.push({
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      name: Buffer.from(bytes.buffer, bytes.byteOffset + p + 46, nameLen).toString('utf8'),
      localOffset: u32(bytes, p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Throws ZipError when the archive would inflate to an absurd size relative to the file:
 * first by the declared sizes, then by actually inflating every part under a byte cap.
 */
export function checkZipBomb(bytes: Uint8Array): void {
  const entries = readCentralDirectory(bytes);
  const budget = Math.min(MAX_INFLATED_BYTES, Math.max(bytes.length, 1) * MAX_INFLATE_RATIO);
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > budget) {
    throw new ZipError(
      `its parts declare ${declared} bytes when unpacked, over ${MAX_INFLATE_RATIO} times the file size (a “zip bomb”)`,
    );
  }
  let actual = 0;
  // Every part, not only *.xml: the main document is wherever _rels/.rels points (it may be
  // named anything), and mammoth's unzip inflates it fully before it notices a size mismatch.
  for (const e of entries) {
    const lo = e.localOffset;
    if (lo + 30 > bytes.length || u32(bytes, lo) !== 0x04034b50)
      throw new ZipError('a ZIP part header is damaged');
    const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (e.method === 0) {
      actual += data.length;
    } else if (e.method === 8) {
      try {
        actual += inflateRawSync(data, { maxOutputLength: Math.max(1, budget - actual) }).length;
      } catch (err) {
        if (
          err instanceof RangeError ||
          (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
        ) {
          throw new ZipError(
            `its parts inflate to more than ${MAX_INFLATE_RATIO} times the file size (a “zip bomb”)`,
          );
        }
        throw new ZipError(`the part ${e.name} cannot be unpacked`);
      }
    } else {
      throw new ZipError(`the part ${e.name} uses an unsupported compression method`);
    }
    if (actual > budget)
      throw new ZipError(
        `its parts inflate to more than ${MAX_INFLATE_RATIO} times the file size (a “zip bomb”)`,
      );
  }
}

/** Inflates one small entry (after checkZipBomb has vetted the archive); undefined if absent. */
export function readZipEntry(
  bytes: Uint8Array,
  name: string,
  maxBytes = 1_000_000,
): Buffer | undefined {
  const entry = readCentralDirectory(bytes).find((e) => e.name === name);
  if (!entry) return undefined;
  const lo = entry.localOffset;
  if (lo + 30 > bytes.length || u32(bytes, lo) !== 0x04034b50) return undefined;
  const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
  const data = Buffer.from(
    bytes.buffer,
    bytes.byteOffset + start,
    Math.min(entry.compressedSize, bytes.length - start),
  );
  if (entry.method === 0) return data;
  if (entry.method !== 8) return undefined;
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return undefined;
  }
}
