/** Decides what kind of file a byte array is: by extension, then by content. */
import type { Refusal, SourceFormat } from '@shared/clipping';
import { looksLikeUtf16 } from './decode';

const EXTENSIONS: Record<string, SourceFormat> = {
  txt: 'txt',
  text: 'txt',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
  md: 'md',
  markdown: 'md',
  mdown: 'md',
  eml: 'eml',
  mht: 'eml',
  pdf: 'pdf',
  docx: 'docx',
  rtf: 'rtf',
  odt: 'odt',
};

/** Formats people may try that Clipbook cannot read, with what to do instead. */
const UNSUPPORTED_EXTENSIONS: Record<string, string> = {
  doc: 'an old Word document (.doc); save it as .docx or PDF',
  pages: 'a Pages document; export it as .docx or PDF',
  epub: 'an e-book (EPUB)',
  xls: 'a spreadsheet',
  xlsx: 'a spreadsheet',
  ods: 'a spreadsheet',
  csv: 'a table (CSV)',
  ppt: 'a presentation',
  pptx: 'a presentation',
  key: 'a presentation',
  json: 'a data file (JSON)',
  xml: 'a data file (XML)',
  js: 'program code',
  ts: 'program code',
  css: 'a style sheet',
  msg: 'an Outlook message; save it as .eml',
  mbox: 'a mailbox with many messages; save the single message as .eml',
};

interface Magic {
  bytes: number[];
  offset?: number;
  what: string;
}

const MAGICS: Magic[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x42, 0x4d], what: 'a bitmap image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image' },
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'a media file (RIFF: WebP, WAV or AVI)' },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, what: 'a video or image file (MP4/HEIC)' },
  { bytes: [0x49, 0x44, 0x33], what: 'an MP3 audio file' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], what: 'an Ogg media file' },
  { bytes: [0x66, 0x4c, 0x61, 0x43], what: 'a FLAC audio file' },
  { bytes: [0x1a, 0x45, 0xdf, 0xa3], what: 'a Matroska/WebM video' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x42, 0x5a, 0x68], what: 'a bzip2 archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a Zstandard archive' },
  { bytes: [0x4d, 0x5a], what: 'a Windows program' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a Linux program' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], what: 'a macOS program' },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], what: 'a macOS program' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], what: 'a macOS program or Java class' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], what: 'a WebAssembly module' },
  { bytes: [...Buffer.from('SQLite format 3')], what: 'a SQLite database' },
  { bytes: [0x77, 0x4f, 0x46, 0x46], what: 'a font file' },
  { bytes: [0x77, 0x4f, 0x46, 0x32], what: 'a font file' },
];

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const RTF = [...Buffer.from('{\\rtf')];

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

/** The last path segment (after either kind of slash), without a regex split per call. */
function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

export function extensionOf(fileName: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function latin1Head(bytes: Uint8Array, n: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(n, bytes.length)).toString('latin1');
}

/** Names of the ZIP entries found in local headers near the start (enough to spot DOCX). */
function zipHasEntry(bytes: Uint8Array, name: string): boolean {
  const hay = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return hay.includes(name, 0, 'latin1');
}

export type SniffResult = { ok: true; format: SourceFormat } | { ok: false; error: Refusal };

const binaryRefusal = (what: string, fileName: string): Refusal => ({
  code: 'binary',
  message: `“${fileName}” is ${what}, not an article (its content does not match its name). Choose the article file itself.`,
});

// eslint-disable-next-line no-control-regex -- counting control bytes is the point
const CONTROL_TEST_RE = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/;
// eslint-disable-next-line no-control-regex -- counting control bytes is the point
const CONTROL_COUNT_RE = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/g;

/** Share of control characters in the first 4 KB; text has almost none. */
function controlDensity(bytes: Uint8Array): { nul: boolean; ratio: number } {
  const n = Math.min(bytes.length, 4096);
  if (n === 0) return { nul: false, ratio: 0 };
  // latin1 maps bytes 1:1 to chars, so a native regex can count control bytes.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('latin1');
  const nul = head.includes('\u0000');
  if (!CONTROL_TEST_RE.test(head)) return { nul, ratio: 0 };
  return { nul, ratio: (head.match(CONTROL_COUNT_RE)?.length ?? 0) / n };
}

/** Content sniffing for text formats (called on the first few KB as text). */
export function sniffTextFormat(head: string): SourceFormat {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (/^---\s*\r?\n/.test(start) && /\r?\n---\s*(\r?\n|$)/.test(start.slice(3))) return 'md';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<!doctype\s+html|^<html[\s>]/i.test(start))
    return 'html';
  if (/^<(head|body|meta|title)[\s>]/i.test(start)) return 'html';
  const headerBlock = start.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = headerBlock.match(
    /^(From|To|Subject|Date|MIME-Version|Content-Type|Received|Return-Path|Message-ID):/gim,
  );
  if (headers && new Set(headers.map((h) => h.toLowerCase())).size >= 2 && /^[\w-]+:/.test(start)) {
    return 'eml';
  }
  if (/<html[\s>]/i.test(start.slice(0, 1024))) return 'html';
  return 'txt';
}

/**
 * Identifies the format. Binary checks come first so that an image or archive renamed to
 * .txt/.html is refused rather than decoded as garbage.
 */
export function sniffFormat(bytes: Uint8Array, fileName: string): SniffResult {
  const ext = extensionOf(fileName);
  const name = baseName(fileName);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, format: 'pdf' };
  // Some PDFs carry junk before the header; readers accept it within the first KB.
  if (ext === 'pdf' && latin1Head(bytes, 1024).includes('%PDF-'))
    return { ok: true, format: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (zipHasEntry(bytes, 'word/document.xml')) return { ok: true, format: 'docx' };
    if (ext === 'docx') {
      return {
        ok: false,
        error: {
          code: 'malformed',
          message: `“${name}” is a ZIP file without the main Word document part; it is damaged or not a real .docx. Open and re-save it in Word.`,
        },
      };
    }
    if (zipHasEntry(bytes, 'mimetypeapplication/epub+zip')) {
      return {
        ok: false,
        error: {
          code: 'unsupported',
          message: `“${name}” is an e-book (EPUB); Clipbook imports single articles (.txt, .html, .md, .eml, .pdf, .docx, .rtf, .odt).`,
        },
      };
    }
    if (
      zipHasEntry(bytes, 'content.xml') &&
      zipHasEntry(bytes, 'mimetypeapplication/vnd.oasis.opendocument.text')
    )
      return { ok: true, format: 'odt' };
    if (zipHasEntry(bytes, 'content.xml') && zipHasEntry(bytes, 'mimetypeapplication/vnd.oasis')) {
      return {
        ok: false,
        error: {
          code: 'unsupported',
          message: `“${name}” is an OpenDocument file that is not a text document; only OpenDocument text (.odt) can be imported.`,
        },
      };
    }
    if (zipHasEntry(bytes, '[Content_Types].xml')) {
      return {
        ok: false,
        error: {
          code: 'unsupported',
          message: `“${name}” is an Office file that is not a Word document; only .docx documents can be imported.`,
        },
      };
    }
    return { ok: false, error: binaryRefusal('a ZIP archive', name) };
  }
  if (startsWith(bytes, OLE)) {
    return {
      ok: false,
      error: {
        code: 'unsupported',
        message: `“${name}” is an old Office document (.doc/.xls/.msg); save it as .docx or PDF and import that.`,
      },
    };
  }
  if (startsWith(bytes, RTF)) return { ok: true, format: 'rtf' };
  for (const m of MAGICS) {
    if (startsWith(bytes, m.bytes, m.offset ?? 0)) {
      // 'BM' and 'MZ' are also ordinary text starts; require more evidence for those two.
      if (m.bytes.length === 2 && m.bytes[0] !== 0x1f && controlDensity(bytes).ratio < 0.01)
        continue;
      return { ok: false, error: binaryRefusal(m.what, name) };
    }
  }
  if (ext === 'pdf') {
    return {
      ok: false,
      error: {
        code: 'malformed',
        message: `“${name}” is named .pdf but has no PDF header; it is damaged or not a PDF. Re-download or re-export it.`,
      },
    };
  }
  if (ext === 'docx') {
    return {
      ok: false,
      error: {
        code: 'malformed',
        message: `“${name}” is named .docx but is not a Word (ZIP) document; it is damaged or mislabelled. Re-save it from Word.`,
      },
    };
  }
  if (ext === 'rtf') {
    return {
      ok: false,
      error: {
        code: 'malformed',
        message: `“${name}” is named .rtf but does not start like a Rich Text document; it is damaged or mislabelled. Re-save it from your word processor.`,
      },
    };
  }
  if (!looksLikeUtf16(bytes)) {
    const { nul, ratio } = controlDensity(bytes);
    if (nul || ratio > 0.05) {
      return { ok: false, error: binaryRefusal('binary data', name) };
    }
  }
  const known = EXTENSIONS[ext];
  if (known) return { ok: true, format: known };
  const unsupported = UNSUPPORTED_EXTENSIONS[ext];
  if (unsupported) {
    return {
      ok: false,
      error: {
        code: 'unsupported',
        message: `“${name}” is ${unsupported}. Clipbook imports articles as .txt, .html, .md, .eml, .pdf, .docx, .rtf or .odt.`,
      },
    };
  }
  // No or unknown extension: the content decides (text sniffing happens after decoding).
  return { ok: true, format: 'txt' };
}
