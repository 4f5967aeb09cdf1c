/**
 * Decompression-bomb guard for PDF, run before pdfjs sees the file: pdfjs inflates a stream
 * whole when it reads it, so a 69 KB file whose content stream inflates to 1.6 GB costs that
 * much memory. Every stream of the file is decoded here through its filter chain (Flate, LZW,
 * RunLength, ASCIIHex, ASCII85, as pdfjs would) under one byte budget for the whole file, and
 * the file is refused when it unpacks to more. Image codecs (DCT, JPX, JBIG2, CCITT) end a
 * chain: text extraction does not decode images.
 */
import { constants, inflateRawSync, inflateSync } from 'node:zlib';
import { RefusalError } from './refusal-error';

const MB = 1024 * 1024;

/**
 * Bytes all streams may unpack to: generous for real articles (text, fonts, Flate images
 * come to 2–20 times the file), small enough that parsing stays within 2 s and 300 MB for a
 * 1 MB file (pdfjs reads ~13 MB of text operators a second, measured).
 */
export function pdfInflateBudget(fileBytes: number): number {
  return Math.min(400 * MB, Math.max(24 * MB, 16 * fileBytes));
}

class OverBudget extends Error {}

function inflate(data: Buffer, remaining: number): Buffer {
  const options = {
    maxOutputLength: Math.max(1, remaining + 1),
    finishFlush: constants.Z_SYNC_FLUSH,
  };
  for (const fn of [inflateSync, inflateRawSync]) {
    try {
      return fn(data, options);
    } catch (err) {
      const e = err as { code?: string };
      if (err instanceof RangeError || e.code === 'ERR_BUFFER_TOO_LARGE') throw new OverBudget();
    }
  }
  // Not a deflate stream (or encrypted): pdfjs cannot inflate it either.
  return Buffer.alloc(0);
}

/** PDF's LZW (12-bit codes, early change), writing at most `remaining + 1` bytes. */
function lzw(data: Buffer, remaining: number, earlyChange = 1): Buffer {
  const out: Buffer[] = [];
  let size = 0;
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    length[i] = 1;
  }
  let next = 258;
  let bits = 9;
  let prev = -1;
  let acc = 0;
  let accBits = 0;
  const emit = (code: number): number => {
    const n = length[code] as number;
    const chunk = Buffer.alloc(n);
    let c = code;
    for (let i = n - 1; i >= 0; i--) {
      chunk[i] = suffix[c] as number;
      c = prefix[c] as number;
    }
    out.push(chunk);
    size += n;
    if (size > remaining) throw new OverBudget();
    return chunk[0] as number;
  };
  for (const byte of data) {
    acc = (acc << 8) | byte;
    accBits += 8;
    while (accBits >= bits) {
      const code = (acc >>> (accBits - bits)) & ((1 << bits) - 1);
      accBits -= bits;
      acc &= (1 << accBits) - 1;
      if (code === 256) {
        next = 258;
        bits = 9;
        prev = -1;
        continue;
      }
      if (code === 257) return Buffer.concat(out);
      let first: number;
      if (code < next) {
        first = emit(code);
      } else if (prev >= 0 && code === next) {
        // KwKwK: the previous string plus its own first character.
        const p = emit(prev);
        out.push(Buffer.from([p]));
        size += 1;
        first = p;
      } else return Buffer.concat(out);
      if (prev >= 0 && next < 4096) {
        prefix[next] = prev;
        suffix[next] = first;
        length[next] = Math.min(65535, (length[prev] as number) + 1);
        next++;
      }
      prev = code;
      if (next + earlyChange >= 1 << bits && bits < 12) bits++;
    }
  }
  return Buffer.concat(out);
}

function runLength(data: Buffer, remaining: number): Buffer {
  const out: Buffer[] = [];
  let size = 0;
  for (let i = 0; i < data.length;) {
    const n = data[i] as number;
    if (n === 128) break;
    const chunk =
      n < 128 ? data.subarray(i + 1, i + 2 + n) : Buffer.alloc(257 - n, data[i + 1] ?? 0);
    i += n < 128 ? n + 2 : 2;
    out.push(chunk);
    size += chunk.length;
    if (size > remaining) throw new OverBudget();
  }
  return Buffer.concat(out);
}

function asciiHex(data: Buffer): Buffer {
  const hex = data.toString('latin1').replace(/[^0-9a-fA-F>]/g, '');
  const end = hex.indexOf('>');
  return Buffer.from(end < 0 ? hex : hex.slice(0, end), 'hex');
}

function ascii85(data: Buffer, remaining: number): Buffer {
  const out: number[] = [];
  let group: number[] = [];
  const flush = (count: number): void => {
    let v = 0;
    for (let i = 0; i < 5; i++) v = v * 85 + (group[i] ?? 84);
    for (let i = 0; i < count; i++) out.push((v >>> (24 - 8 * i)) & 0xff);
  };
  for (const c of data) {
    if (c === 0x7e /* ~ */) break;
    if (c === 0x7a /* z */ && group.length === 0) {
      out.push(0, 0, 0, 0);
    } else if (c >= 0x21 && c <= 0x75) {
      group.push(c - 0x21);
      if (group.length === 5) {
        flush(4);
        group = [];
      }
    }
    if (out.length > remaining) throw new OverBudget();
  }
  if (group.length > 1) flush(group.length - 1);
  return Buffer.from(out);
}

/** The filter names of a stream dictionary, in order ('/Filter /Fl' or '/Filter [/A85 /Fl]'). */
export function streamFilters(dict: string): string[] {
  const at = dict.lastIndexOf('/Filter');
  if (at < 0) return [];
  const rest = dict.slice(at + 7).trimStart();
  const value = rest.startsWith('[') ? rest.slice(0, rest.indexOf(']') + 1 || undefined) : rest;
  const names: string[] = [];
  for (const m of value.matchAll(/\/([A-Za-z0-9]+)/g)) {
    names.push(m[1] as string);
    if (!rest.startsWith('[')) break;
  }
  // An indirect filter ('/Filter 7 0 R') is tried as Flate, the usual one.
  return names.length ? names : ['FlateDecode'];
}

function decodeChain(data: Buffer, filters: string[], remaining: number): number {
  let cur = data;
  for (const f of filters) {
    if (f === 'FlateDecode' || f === 'Fl') cur = inflate(cur, remaining);
    else if (f === 'LZWDecode' || f === 'LZW') cur = lzw(cur, remaining);
    else if (f === 'RunLengthDecode' || f === 'RL') cur = runLength(cur, remaining);
    else if (f === 'ASCIIHexDecode' || f === 'AHx') cur = asciiHex(cur);
    else if (f === 'ASCII85Decode' || f === 'A85') cur = ascii85(cur, remaining);
    else break;
    if (cur.length > remaining) throw new OverBudget();
  }
  return cur.length;
}

/** Throws a refusal when the streams of `bytes` unpack to more than the budget allows. */
export function checkPdfInflation(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const budget = pdfInflateBudget(bytes.length);
  let total = 0;
  let pos = 0;
  for (;;) {
    const k = text.indexOf('stream', pos);
    if (k < 0) break;
    pos = k + 6;
    if (k >= 3 && text.startsWith('end', k - 3)) continue;
    let start = k + 6;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    else if (text[start - 1] !== '\r') continue;
    const objAt = text.lastIndexOf('obj', k);
    const dict = text.slice(Math.max(objAt, k - 16_384, 0), k);
    if (!dict.trimEnd().endsWith('>>')) continue;
    const filters = streamFilters(dict);
    let end = text.indexOf('endstream', start);
    if (end < 0) end = text.length;
    pos = end;
    if (!filters.length) continue;
    try {
      total += decodeChain(buf.subarray(start, end), filters, budget - total);
    } catch (err) {
      if (!(err instanceof OverBudget)) throw err;
      total = budget + 1;
    }
    if (total > budget) {
      throw new RefusalError(
        'malformed',
        `holds compressed data that unpacks to more than ${Math.round(budget / MB)} MB, far more than its text needs (a “decompression bomb”); Clipbook does not open it. If the document is genuine, print it to a new PDF and import that.`,
      );
    }
  }
}
