/**
 * Bytes to text: BOM, then the declared charset, then strict UTF-8, then statistical detection.
 * Legacy encodings always go through iconv-lite (Node's TextDecoder maps some of them wrongly).
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { chardet } from 'jschardet';
import type { EncodingInfo } from '@shared/clipping';

export interface DecodedText {
  text: string;
  encoding: EncodingInfo;
  warnings: string[];
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
// Non-streaming decode() keeps no state between calls: one decoder each, not one per file.
const utf8Lossy = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

/** Canonical lower-case names for the encodings people usually meet. */
export function canonicalEncoding(name: string): string {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (n === 'utf8' || n === 'utf-8') return 'utf-8';
  if (n === 'utf16le' || n === 'utf-16le' || n === 'utf-16') return 'utf-16le';
  if (n === 'utf16be' || n === 'utf-16be') return 'utf-16be';
  if (n === 'ascii' || n === 'us-ascii') return 'windows-1252';
  // Browsers treat latin1 labels as windows-1252; so do we (it is a superset in practice).
  if (n === 'latin1' || n === 'iso-8859-1' || n === 'iso8859-1' || n === 'l1')
    return 'windows-1252';
  const cp = /^(?:cp|windows-?|win-?)(\d{3,4})$/.exec(n);
  if (cp) return `windows-${cp[1]}`;
  if (n === 'koi8r') return 'koi8-r';
  if (n === 'x-mac-cyrillic' || n === 'maccyrillic') return 'maccyrillic';
  return n;
}

export function encodingSupported(name: string): boolean {
  return iconv.encodingExists(name);
}

function decodeWith(bytes: Uint8Array, name: string): string {
  if (name === 'utf-8') return utf8Lossy.decode(bytes);
  if (name === 'utf-16le') return utf16le.decode(bytes);
  if (name === 'utf-16be') return utf16be.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** UTF-16 without BOM shows up as NUL in every other byte of ASCII-heavy text. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  // Without NUL bytes in the sample this cannot be ASCII-heavy UTF-16 (native search is fast).
  const index = Buffer.from(bytes.buffer, bytes.byteOffset, n).indexOf(0);
  if (index < 0) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

export function bomEncoding(bytes: Uint8Array): { name: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { name: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { name: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { name: 'utf-16be', length: 2 };
  return null;
}

/** True when the bytes look like UTF-16 text (so NUL bytes are not a sign of binary). */
export function looksLikeUtf16(bytes: Uint8Array): boolean {
  const bom = bomEncoding(bytes);
  return bom?.name.startsWith('utf-16') === true || sniffUtf16(bytes) !== null;
}

const REPLACEMENT = '\uFFFD';

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

function countReplacement(s: string): number {
  let n = 0;
  for (let i = s.indexOf(REPLACEMENT); i !== -1; i = s.indexOf(REPLACEMENT, i + 1)) n++;
  return n;
}

/**
 * Decodes `bytes`. `declared` is a charset named by the file itself (HTML meta, MIME header);
 * it is trusted unless it produces replacement characters.
 */
export function decodeText(bytes: Uint8Array, declared?: string): DecodedText {
  const warnings: string[] = [];
  const bom = bomEncoding(bytes);
  if (bom) {
    const text = stripBom(decodeWith(bytes.subarray(bom.length), bom.name));
    if (text.includes(REPLACEMENT)) {
      warnings.push(
        `The file starts with a ${bom.name} byte-order mark but contains ${countReplacement(text)} invalid sequences; they were replaced with \uFFFD.`,
      );
    }
    return { text, encoding: { name: bom.name, guessed: false }, warnings };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) {
    return {
      text: stripBom(decodeWith(bytes, utf16)),
      encoding: { name: utf16, guessed: true },
      warnings: [`Encoding guessed as ${utf16} (the file has no byte-order mark).`],
    };
  }
  if (declared) {
    const name = canonicalEncoding(declared);
    if (name === 'utf-8') {
      try {
        return {
          text: stripBom(utf8Strict.decode(bytes)),
          encoding: { name, guessed: false },
          warnings,
        };
      } catch {
        warnings.push(
          `The file declares UTF-8 but is not valid UTF-8; the encoding was detected instead.`,
        );
      }
    } else if (
      isUtf8(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) &&
      hasHighBytes(bytes)
    ) {
      // Valid multi-byte UTF-8 almost never arises from legacy text: the declaration is stale.
      warnings.push(`The file declares ${name} but is UTF-8; it was read as UTF-8.`);
    } else if (encodingSupported(name) && !name.startsWith('utf-16')) {
      const text = decodeWith(bytes, name);
      if (!text.includes(REPLACEMENT)) {
        return { text, encoding: { name, guessed: false }, warnings };
      }
      warnings.push(
        `The declared encoding ${name} did not fit the file; the encoding was detected instead.`,
      );
    }
  }
  // isUtf8 (simdutf) + Buffer decoding is several times faster than a fatal TextDecoder.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) {
    return {
      text: stripBom(buf.toString('utf8')),
      encoding: { name: 'utf-8', guessed: false },
      warnings,
    };
  }
  // Mostly-valid UTF-8 with a few bad bytes (a truncated or patched file) is still UTF-8:
  // guessing a legacy encoding would turn every valid accented letter into mojibake.
  const lossy = utf8Lossy.decode(bytes);
  const bad = countReplacement(lossy);
  let multibyte = 0;
  for (let i = 0; i < lossy.length; i++) {
    const c = lossy.charCodeAt(i);
    if (c >= 0x80 && c !== 0xfffd) multibyte++;
  }
  if (multibyte >= 3 && bad * 2 <= multibyte) {
    warnings.push(
      `The file is UTF-8 with ${bad} invalid byte sequence${bad === 1 ? '' : 's'}; they were replaced with \uFFFD.`,
    );
    return { text: stripBom(lossy), encoding: { name: 'utf-8', guessed: true }, warnings };
  }
  const sample = bytes.length > 65_536 ? bytes.subarray(0, 65_536) : bytes;
  const candidates: string[] = [];
  try {
    // Restricting to encodings still met on the web avoids exotic DOS/Mac guesses on short text.
    const r = chardet.detect(sample, { encodingEra: chardet.EncodingEra.MODERN_WEB });
    if (r.encoding) candidates.push(canonicalEncoding(r.encoding));
  } catch {
    // Detection is best effort.
  }
  candidates.push('windows-1252');
  for (const name of candidates) {
    if (name === 'utf-8' || name.startsWith('utf-16') || !encodingSupported(name)) continue;
    const text = decodeWith(bytes, name);
    if (text.includes(REPLACEMENT)) continue;
    warnings.push(`Encoding guessed as ${name}; check the text for wrong characters.`);
    return { text, encoding: { name, guessed: true }, warnings };
  }
  // windows-1252 leaves a few bytes undefined; fall back to lossy UTF-8 and say so.
  const text = utf8Lossy.decode(bytes);
  warnings.push(
    `The encoding could not be determined; ${countReplacement(text)} undecodable bytes were replaced with \uFFFD.`,
  );
  return { text, encoding: { name: 'utf-8', guessed: true }, warnings };
}

/** Finds a charset declared in the first bytes of an HTML document. */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString(
    'latin1',
  );
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m?.[1];
}
