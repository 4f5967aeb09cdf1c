/**
 * The import engine: any article file → a clean `ClippingDraft`, or a coded refusal that says
 * what is wrong and what to do. Nothing here throws to the caller.
 */
import { hash } from 'node:crypto';
import * as fs from 'node:fs';
import { basename } from 'node:path';
import type {
  ClippingDraft,
  EncodingInfo,
  ExportDatabase,
  Refusal,
  SourceFormat,
} from '@shared/clipping';
import { errorMessage } from '@shared/errors';
import { stripUnsafeChars } from '@shared/text-safety';
import type { ArticleFields } from './article';
import { decodeText, declaredHtmlCharset } from './decode';
import { declaredMailCharset, parseEmail } from './email';
import { docxExportParagraphs, readExport, type ExportPart, type ExportSource } from './exports';
import { finishDraft } from './finish';
import type { Paragraph } from './paragraphs';
import type { RtfDocument } from './rtf';
import { parseHtml } from './html';
import { parseMarkdown } from './markdown';
import { parsePlainText } from './plain-text';
import { RefusalError } from './refusal-error';
import { extensionOf, sniffFormat, sniffTextFormat } from './sniff';
import { checkZipBomb, ZipError } from './zip-guard';

export { collectFiles } from './collect-files';
export type { CollectedFile, CollectOptions } from './collect-files';

export type { ArticleOutcome, ExportPart } from './exports';

/**
 * A parsed file. For a database export `parts` holds every article in file order (refused
 * ones and duplicates of earlier ones included) and `draft` is the first article read.
 */
export type ParseOutcome =
  | { ok: true; draft: ClippingDraft; parts?: ExportPart[]; database?: ExportDatabase }
  | { ok: false; error: Refusal };

/** Articles are small; 50 MB leaves room for image-heavy PDFs while bounding memory. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const KNOWN_TEXT_EXTENSIONS = new Set([
  'txt',
  'text',
  'html',
  'htm',
  'xhtml',
  'shtml',
  'md',
  'markdown',
  'mdown',
  'eml',
  'mht',
]);

/** An export's outcome: ok while at least one article was read. */
function exportOutcome(
  name: string,
  result: { database: ExportDatabase; parts: ExportPart[] },
): ParseOutcome {
  const first = result.parts.find((p) => p.outcome.ok);
  if (!first || !first.outcome.ok) {
    const reason = result.parts.find((p) => !p.outcome.ok)?.outcome;
    return refuse(
      'empty',
      `No article in “${name}” has any text${reason && !reason.ok ? ` (${reason.error.message})` : ''}.`,
    );
  }
  return { ok: true, draft: first.outcome.draft, parts: result.parts, database: result.database };
}

/** The message names the file: a name with controls or bidi overrides is shown cleaned. */
function refuse(code: Refusal['code'], message: string): ParseOutcome {
  return {
    ok: false,
    error: { code, message: stripUnsafeChars(message, { directionMarks: true }).slice(0, 2000) },
  };
}

function megabytes(n: number): string {
  const mb = n / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

function tooLarge(name: string, size: number): ParseOutcome {
  return refuse(
    'too-large',
    `“${name}” is ${megabytes(size)}; Clipbook imports files up to ${MAX_FILE_BYTES / (1024 * 1024)} MB. Save the article alone (e.g. as text or PDF without images) and import that.`,
  );
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b)
      return false;
  }
  return true;
}

async function parseUnsafe(bytes: Uint8Array, fileName: string): Promise<ParseOutcome> {
  const name = basename(fileName) || fileName;
  if (bytes.length === 0 || isBlank(bytes)) {
    return refuse(
      'empty',
      `“${name}” is empty: there is no text to import. Check that the file was saved completely.`,
    );
  }
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(name, bytes.length);
  const sniffed = sniffFormat(bytes, fileName);
  if (!sniffed.ok) return { ok: false, error: sniffed.error };
  let format: SourceFormat = sniffed.format;
  // Hashed only for a single article: an export's articles each have their own original.
  const originalOf = (): ClippingDraft['original'] => ({
    name,
    size: bytes.length,
    // One-shot hash: no Hash object and stream plumbing per file.
    sha256: hash('sha256', bytes, 'hex'),
  });
  let article: ArticleFields;
  let encoding: EncodingInfo;
  const warnings: string[] = [];

  if (format === 'pdf') {
    const { parsePdf } = await import('./pdf');
    const r = await parsePdf(bytes, name);
    if (!r.ok) return r;
    article = r.article;
    encoding = { name: 'pdf', guessed: false };
  } else if (format === 'rtf') {
    const { parseRtf, RtfError } = await import('./rtf');
    let doc: RtfDocument;
    try {
      doc = parseRtf(bytes);
    } catch (err) {
      if (!(err instanceof RtfError)) throw err;
      return refuse(
        'malformed',
        `“${name}” cannot be read as Rich Text: ${err.message}. It is damaged; save it again from your word processor.`,
      );
    }
    encoding = { name: `windows-${doc.codepage}`, guessed: false };
    const exported = readExport(exportSource(doc.paragraphs, name, format, encoding));
    if (exported) return exportOutcome(name, exported);
    article = parsePlainText(
      doc.paragraphs.map((p) => p.text).join('\n\n'),
      doc.title ? { title: doc.title } : {},
    );
  } else if (format === 'odt') {
    const unsafe = zipRefusal(bytes, name);
    if (unsafe) return unsafe;
    const { parseOdt } = await import('./odt');
    const r = parseOdt(bytes, name);
    if (!r.ok) return r;
    article = r.article;
    encoding = { name: 'utf-8', guessed: false };
  } else if (format === 'docx') {
    // parseDocx words its own refusal when the guard fails.
    const guarded = zipRefusal(bytes, name) === null;
    const paragraphs = guarded ? docxExportParagraphs(bytes) : null;
    if (paragraphs) {
      const exported = readExport(
        exportSource(paragraphs, name, format, { name: 'utf-8', guessed: false }),
      );
      if (exported) return exportOutcome(name, exported);
    }
    const { parseDocx } = await import('./docx');
    const r = await parseDocx(bytes, name);
    if (!r.ok) return r;
    article = r.article;
    encoding = { name: 'utf-8', guessed: false };
  } else {
    const ext = extensionOf(fileName);
    const declared =
      format === 'html' || !KNOWN_TEXT_EXTENSIONS.has(ext) ? declaredHtmlCharset(bytes) : undefined;
    const decoded = decodeText(bytes, format === 'eml' ? undefined : declared);
    if (!decoded.text.trim()) {
      return refuse('empty', `“${name}” contains only blank space: there is no text to import.`);
    }
    if (!KNOWN_TEXT_EXTENSIONS.has(ext)) format = sniffTextFormat(decoded.text.slice(0, 8192));
    encoding = decoded.encoding;
    warnings.push(...decoded.warnings);
    if (format === 'txt' || format === 'html') {
      const exported = readExport({
        input:
          format === 'html'
            ? { kind: 'html', html: decoded.text }
            : { kind: 'text', text: decoded.text },
        file: name,
        format,
        encoding,
        warnings,
      });
      if (exported) return exportOutcome(name, exported);
    }
    if (format === 'html') article = parseHtml(decoded.text);
    else if (format === 'md') article = parseMarkdown(decoded.text);
    else if (format === 'eml') {
      let mail: ArticleFields | null;
      try {
        mail = await parseEmail(bytes);
      } catch (err) {
        if (err instanceof RefusalError) throw err;
        return refuse(
          'malformed',
          `“${name}” is a damaged e-mail message (${errorMessage(err)}); save the message again from your mail program.`,
        );
      }
      encoding = { name: declaredMailCharset(bytes), guessed: false };
      if (!mail) {
        return refuse(
          'empty',
          `“${name}” is an e-mail without a text or HTML body: there is no article to import.`,
        );
      }
      article = mail;
    } else article = parsePlainText(decoded.text);
    if (decoded.text.includes('\uFFFD') && !warnings.some((w) => w.includes('\uFFFD'))) {
      warnings.push('Some characters could not be decoded and are shown as \uFFFD.');
    }
  }
  const draft = finishDraft({
    article,
    format,
    encoding,
    original: originalOf(),
    warnings,
  });
  if (draft.paragraphs.length === 0) {
    return refuse(
      'empty',
      `No article text was found in “${name}” (only a title, metadata or page furniture). If the article is there, save it as plain text and import that.`,
    );
  }
  return { ok: true, draft };
}

function exportSource(
  paragraphs: readonly Paragraph[],
  file: string,
  format: SourceFormat,
  encoding: EncodingInfo,
): ExportSource {
  return {
    input: { kind: 'paragraphs', paragraphs },
    file,
    format,
    encoding,
    warnings: [],
  };
}

/** The zip-bomb guard's refusal, or null when the archive may be opened. */
function zipRefusal(bytes: Uint8Array, name: string): ParseOutcome | null {
  try {
    checkZipBomb(bytes);
    return null;
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    return refuse(
      'malformed',
      `“${name}” cannot be opened safely: ${err.message}. Re-save it from your word processor.`,
    );
  }
}

/** Parses an article file already in memory. Never throws: failures become refusals. */
export async function parseBytes(bytes: Uint8Array, fileName: string): Promise<ParseOutcome> {
  try {
    const r = await parseUnsafe(bytes, fileName);
    // Every refusal (sniffing, PDF, DOCX included) gets its message cleaned here.
    return r.ok ? r : refuse(r.error.code, r.error.message);
  } catch (err) {
    const name = basename(fileName) || fileName;
    if (err instanceof RefusalError) return refuse(err.code, `“${name}” ${err.reason}`);
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      return refuse(
        'malformed',
        `“${name}” is structured too deeply to read; it is probably damaged or hostile.`,
      );
    }
    return refuse(
      'malformed',
      `“${name}” could not be read as an article (${errorMessage(err)}). It may be damaged; try saving it again.`,
    );
  }
}

/** Closes a descriptor; a failing close cannot lose data we only read. */
function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Nothing to recover.
  }
}

/** Reads and parses a file; the size is checked before reading. Never throws. */
export async function parseFile(path: string): Promise<ParseOutcome & { bytes?: Uint8Array }> {
  const name = basename(path) || path;
  let bytes: Uint8Array;
  let fd: number | undefined;
  try {
    // Synchronous calls: each asynchronous one is a thread-pool round trip, which cost several
    // times the CPU of reading a small article. Callers (the import worker, the CLI) parse one
    // file at a time on their own thread, so nothing else waits on it.
    // One descriptor for stat and read: no race between the size check and the read.
    // O_NONBLOCK: opening a FIFO must not hang the import (it is refused after fstat).
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) {
      return refuse('unreadable', `“${name}” is a folder, not a file; choose the files inside it.`);
    }
    if (!st.isFile()) {
      return refuse('unreadable', `“${name}” is not a regular file (device, socket or pipe).`);
    }
    if (st.size > MAX_FILE_BYTES) return tooLarge(name, st.size);
    const buf = Buffer.allocUnsafe(st.size);
    let filled = 0;
    while (filled < st.size) {
      const n = fs.readSync(fd, buf, filled, st.size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    bytes = filled === st.size ? buf : buf.subarray(0, filled);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason =
      e.code === 'EACCES' || e.code === 'EPERM'
        ? 'permission denied; check the file permissions'
        : e.code === 'ENOENT'
          ? 'the file does not exist (it may have been moved or deleted)'
          : e.code === 'EISDIR'
            ? 'it is a folder, not a file'
            : 'the system could not read it';
    return refuse(
      'unreadable',
      `Cannot read “${name}”: ${reason} (${e.code ?? 'error'}: ${e.message}).`,
    );
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
  const outcome = await parseBytes(bytes, path);
  return { ...outcome, bytes };
}
