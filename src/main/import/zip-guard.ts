/**
 * Zip-bomb guard for DOCX: reads the central directory, checks declared sizes, then inflates
 * every part with a hard output cap so a lying directory cannot exhaust memory.
 */
import { constants, inflateRawSync } from 'node:zlib';

export const MAX_INFLATE_RATIO = 1000;
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;
/**
 * XML elements mammoth is given, at most: it holds ~1.4 KB per element and slows down more
 * than linearly (200,000 tiny runs in a 6 KB file: 277 MB and 3 s; 800,000: 1.5 GB and 23 s,
 * measured). Files up to 1 MB get the smaller budget, larger ones the larger.
 */
export const MAX_XML_ELEMENTS_SMALL = 100_000;
export const MAX_XML_ELEMENTS = 400_000;
/** Inflated bytes in all for files up to 1 MB (more than any such Word file holds). */
export const MAX_INFLATED_BYTES_SMALL = 128 * 1024 * 1024;
/** Inflated XML: 16 MB is a few thousand pages of text; mammoth needs ~24 bytes per byte. */
export const MAX_XML_BYTES_SMALL = 16 * 1024 * 1024;
export const MAX_XML_BYTES = 40 * 1024 * 1024;

/** Up to ~0.5 MB of a part's first inflated bytes (enough to tell XML from media). */
function inflateHead(data: Uint8Array): Buffer {
  try {
    return inflateRawSync(data.subarray(0, 512), { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return Buffer.alloc(0);
  }
}

/** Opening tags in an inflated XML part (`<` not followed by `/`, `?` or `!`). */
function countElements(data: Buffer): number {
  let n = 0;
  for (let i = data.indexOf(0x3c); i >= 0; i = data.indexOf(0x3c, i + 1)) {
    const c = data[i + 1];
    if (c !== 0x2f && c !== 0x3f && c !== 0x21) n++;
  }
  return n;
}

/** XML parts start with '<' (after an optional BOM and blanks); media parts do not. */
function looksLikeXml(data: Buffer): boolean {
  for (let i = 0; i < Math.min(data.length, 64); i++) {
    const c = data[i] as number;
    if (c === 0x3c) return true;
    if (
      c !== 0x20 &&
      c !== 0x09 &&
      c !== 0x0a &&
      c !== 0x0d &&
      c !== 0xef &&
      c !== 0xbb &&
      c !== 0xbf
    )
      return false;
  }
  return false;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipError extends Error {
  constructor(
    message: string,
    /** What the user can do about it. */
    readonly advice = 'Re-save it from Word.',
  ) {
    super(message);
  }
}

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
  if (count > 0 && (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50)) {
    throw new ZipError('the ZIP directory is damaged');
  }
  // Every directory record there is, not the count the end record claims: unzippers (JSZip,
  // under mammoth) read records while the signature matches, so a lying count must not hide
  // parts from this guard.
  while (p + 46 <= bytes.length && u32(bytes, p) === 0x02014b50) {
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
  if (entries.length !== count) {
    throw new ZipError(
      `its ZIP directory holds ${entries.length} parts where its end record says ${count} (the archive misstates its own contents)`,
    );
  }
  return entries;
}

/**
 * Throws ZipError when the archive would inflate to an absurd size relative to the file:
 * first by the declared sizes, then by actually inflating every part under a byte cap.
 */
export function checkZipBomb(bytes: Uint8Array): void {
  const entries = readCentralDirectory(bytes);
  const small = bytes.length <= 1024 * 1024;
  const budget = Math.min(
    small ? MAX_INFLATED_BYTES_SMALL : MAX_INFLATED_BYTES,
    Math.max(bytes.length, 1) * MAX_INFLATE_RATIO,
  );
  const xmlBudget = small ? MAX_XML_BYTES_SMALL : MAX_XML_BYTES;
  let xmlBytes = 0;
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > budget) {
    throw new ZipError(
      `its parts declare ${declared} bytes when unpacked, over ${MAX_INFLATE_RATIO} times the file size (a “zip bomb”)`,
    );
  }
  let actual = 0;
  let elements = 0;
  const maxElements = small ? MAX_XML_ELEMENTS_SMALL : MAX_XML_ELEMENTS;
  const countXml = (data: Buffer, name: string): void => {
    if (!looksLikeXml(data)) return;
    elements += countElements(data);
    if (elements > maxElements) {
      throw new ZipError(
        `its XML holds more than ${maxElements.toLocaleString('en-US')} elements (the part ${name} alone has ${countElements(data).toLocaleString('en-US')}), more than a document of this size needs and more than can be read safely`,
        'Save it as PDF or plain text and import that.',
      );
    }
  };
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
      const stored = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      if (looksLikeXml(stored)) {
        xmlBytes += stored.length;
        if (xmlBytes > xmlBudget) {
          throw new ZipError(
            `its XML parts hold more than ${xmlBudget / (1024 * 1024)} MB, far more than a document of this size holds`,
            'Save it as PDF or plain text and import that.',
          );
        }
      }
      countXml(stored, e.name);
    } else if (e.method === 8) {
      // XML parts (sniffed from their first bytes: the main part may be named anything) have
      // a budget of their own: mammoth holds ~24 bytes per byte of XML (measured).
      const xml = looksLikeXml(inflateHead(data));
      const byXml = xml && xmlBudget - xmlBytes < budget - actual;
      let inflated: Buffer;
      try {
        inflated = inflateRawSync(data, {
          maxOutputLength: Math.max(1, byXml ? xmlBudget - xmlBytes : budget - actual),
        });
      } catch (err) {
        if (
          err instanceof RangeError ||
          (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
        ) {
          throw new ZipError(
            byXml
              ? `its XML parts unpack to more than ${xmlBudget / (1024 * 1024)} MB, far more than a document of this size holds (a “zip bomb”)`
              : `its parts inflate to more than ${MAX_INFLATE_RATIO} times the file size (a “zip bomb”)`,
          );
        }
        throw new ZipError(`the part ${e.name} cannot be unpacked`);
      }
      actual += inflated.length;
      if (xml) xmlBytes += inflated.length;
      countXml(inflated, e.name);
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
