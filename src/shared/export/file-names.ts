/**
 * File names from article titles that are safe on Windows, macOS and Linux and in wiki tools
 * (Obsidian, Logseq). A name produced here is a single path segment: it can never climb out of
 * the export folder, whatever the title says.
 */
import { capMarkRuns, stripUnsafeChars } from '../text-safety';

/** Most file systems cap a name at 255 bytes (ext4, APFS) or 255 UTF-16 units (NTFS). */
export const MAX_NAME_BYTES = 255;

export interface SafeNameOptions {
  /** Without the dot, e.g. 'md'. Must itself be safe (ASCII letters, digits, dots, dashes). */
  extension?: string;
  /** Used when nothing usable is left of the title. */
  fallback?: string;
  maxBytes?: number;
  /** Also removes characters that break wiki links: # ^ [ ] | (Obsidian, Logseq). */
  wiki?: boolean;
}

const encoder = new TextEncoder();
const byteLength = (s: string): number => encoder.encode(s).length;

// Reserved device names on Windows, with or without an extension ('con.txt' is reserved too);
// Windows also treats the superscript digits ¹²³ as digits here.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Path separators, characters Windows forbids, C0/C1 controls and DEL.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]/g;
const WIKI_FORBIDDEN = /[#^[\]|]/g;

function graphemes(s: string): string[] {
  // Intl.Segmenter is ECMA-402 (no DOM or Node needed) and keeps combining sequences, emoji
  // ZWJ sequences and surrogate pairs whole.
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (part) => part.segment);
}

/** Cuts `s` to at most `maxBytes` UTF-8 bytes without splitting a character cluster. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (byteLength(s) <= maxBytes) return s;
  let out = '';
  let used = 0;
  for (const g of graphemes(s)) {
    const n = byteLength(g);
    if (used + n > maxBytes) break;
    out += g;
    used += n;
  }
  return out;
}

const trimEnds = (s: string): string => s.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');

/** Cleans a title into a stem (no extension) that is safe as a file name. */
function cleanStem(title: string, wiki: boolean): string {
  let s = capMarkRuns(title.replace(LONE_SURROGATE, '\ufffd')).normalize('NFC');
  // Bidi overrides/isolates let a name display as something else ('txt.exe' shown reversed);
  // invisible characters (zero-width space, Hangul fillers, tag characters) make visually
  // identical names differ. ZWJ/ZWNJ stay: emoji sequences and Persian or Indic words need them.
  s = stripUnsafeChars(s.replace(FORBIDDEN, ' '), { directionMarks: true });
  if (wiki) s = s.replace(WIKI_FORBIDDEN, ' ');
  // Leading dots would hide the file (and '..' is the parent); trailing dots and spaces are
  // silently dropped by Windows, which would make two names collide.
  return trimEnds(s.replace(/\s+/gu, ' '));
}

function isReserved(stem: string): boolean {
  const base = stem.split('.')[0] ?? '';
  return RESERVED.test(base.trim());
}

function assemble(stem: string, suffix: string, ext: string, maxBytes: number): string {
  const tail = `${suffix}${ext ? `.${ext}` : ''}`;
  let cut = trimEnds(truncateUtf8(stem, Math.max(0, maxBytes - byteLength(tail))));
  if (cut === '') cut = '_';
  if (isReserved(cut)) cut = `_${cut}`;
  return `${cut}${tail}`;
}

/** One safe file name for `title` (not yet unique: see `FileNameAllocator`). */
export function safeFileName(title: string, options: SafeNameOptions = {}): string {
  const ext = options.extension ?? '';
  const maxBytes = options.maxBytes ?? MAX_NAME_BYTES;
  let stem = cleanStem(title, options.wiki ?? false);
  if (stem === '') stem = cleanStem(options.fallback ?? 'Untitled', true) || 'Untitled';
  if (isReserved(stem)) stem = `_${stem}`;
  return assemble(stem, '', ext, maxBytes);
}

/**
 * Hands out names that are unique case-insensitively (Windows and macOS folders are), adding
 * ' (2)', ' (3)'… before the extension.
 */
export class FileNameAllocator {
  readonly #taken = new Set<string>();

  constructor(readonly defaults: SafeNameOptions = {}) {}

  #key(name: string): string {
    return name.normalize('NFC').toLowerCase();
  }

  /** Marks a name as used (e.g. a fixed name such as 'index.html'). */
  reserve(name: string): void {
    this.#taken.add(this.#key(name));
  }

  allocate(title: string, options: SafeNameOptions = {}): string {
    const merged = { ...this.defaults, ...options };
    const first = safeFileName(title, merged);
    if (!this.#taken.has(this.#key(first))) {
      this.reserve(first);
      return first;
    }
    const ext = merged.extension ?? '';
    const stem = ext ? first.slice(0, -(ext.length + 1)) : first;
    for (let n = 2; ; n += 1) {
      const candidate = assemble(stem, ` (${n})`, ext, merged.maxBytes ?? MAX_NAME_BYTES);
      if (!this.#taken.has(this.#key(candidate))) {
        this.reserve(candidate);
        return candidate;
      }
    }
  }
}
