/** The intermediate result every format parser fills in, and the text helpers they share. */
import type { Coverage, RelatedArticle } from '@shared/clipping';
import { capMarkRuns } from '@shared/text-safety';
import { sanitiseText } from './sanitise';

/** A byline longer than this is not a byline; the rest is never split into names. */
const MAX_BYLINE = 10_000;

export interface ArticleFields {
  title: string;
  source: string;
  section: string;
  authors: string[];
  publishedAt: string;
  url: string;
  /** Declared language (markup, front matter); detection fills the gap later. */
  language: string;
  tags: string[];
  paragraphs: string[];
  related: RelatedArticle[];
  warnings: string[];
  /** Media type, page, edition… where the file states them. */
  coverage?: Partial<Coverage> | undefined;
}

export function emptyArticle(): ArticleFields {
  return {
    title: '',
    source: '',
    section: '',
    authors: [],
    publishedAt: '',
    url: '',
    language: '',
    tags: [],
    paragraphs: [],
    related: [],
    warnings: [],
  };
}

/** Anything a trim does not fix: control/odd spaces, runs of spaces, invisible characters. */
// Control characters and zero-width joiners are exactly what these classes look for.
/* eslint-disable no-control-regex, no-misleading-character-class */
const NEEDS_CLEANING_RE =
  /[\x00-\x1f\u00a0\u00ad\u2000-\u200b\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/;
/** Printable ASCII cannot need cleaning; a one-range class scans several times faster. */
const NOT_PRINTABLE_ASCII_RE = /[^\x20-\x7e]/;
/**
 * Text below U+0300 is always NFC: nothing there decomposes, composes or reorders (a test
 * checks every pair). V8 answers this test at once for Latin-1 strings.
 */
const MAY_NEED_NFC_RE = /[^\x00-\u02ff]/;
/* eslint-enable no-control-regex, no-misleading-character-class */

/** Collapses whitespace (incl. NBSP and line breaks) and drops invisible format characters. */
export function cleanText(s: string): string {
  // A regex test is several times faster than a charCodeAt loop here (measured).
  const t =
    (NOT_PRINTABLE_ASCII_RE.test(s) && NEEDS_CLEANING_RE.test(s)) || s.includes('  ')
      ? s
          // eslint-disable-next-line no-misleading-character-class -- removing lone ZWJ etc.
          .replace(/[\u00AD\u200B\u200D\u2060\uFEFF]/g, '')
          .replace(/[\s\u00A0\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g, ' ')
      : s;
  // NFC is applied once to the finished draft (finish.ts): per-line normalising was the hot spot.
  return t.trim();
}

/** Unicode NFC, skipped for text that is NFC by construction (Latin-1 and more). */
export function nfc(s: string): string {
  return MAY_NEED_NFC_RE.test(s) ? capMarkRuns(s).normalize('NFC') : s;
}

/** Comparison key: case-, punctuation- and whitespace-insensitive. */
export function textKey(s: string): string {
  return nfc(s.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Trims characters of `chars` (and whitespace) from both ends, or only `endChars` at the end.
 * A loop, not `/[…]+$/`: that pattern retries from every position of a long run of them.
 */
export function trimChars(s: string, chars: string, endChars = chars): string {
  let a = 0;
  let b = s.length;
  const ws = (c: string): boolean => c.trim() === '';
  while (a < b && (chars.includes(s[a] as string) || ws(s[a] as string))) a++;
  while (b > a && (endChars.includes(s[b - 1] as string) || ws(s[b - 1] as string))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** 'ALALAM' reads better as 'Alalam'; short acronyms (BBC, AFP) stay as they are. */
export function tidyName(s: string): string {
  const t = trimChars(cleanText(s), '·•|,;:–—-');
  if (/\p{Ll}/u.test(t)) return t;
  return t.replace(/\p{Lu}{5,}/gu, (w) => w[0] + w.slice(1).toLowerCase());
}

const NAME_SPLIT = /\s*(?:,|;|\s&\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\sи\s|\sта\s|،)\s*/iu;

/** Splits a byline value into person names, dropping roles, dates and e-mail addresses. */
const ROLE_RE =
  /(?<![\p{L}])(staff|reporter|correspondent|editor|editors|writer|agencies|agency|news desk|desk|contributor|columnist|analyst|journalist|photographer|bureau|chief|senior|political|economics|business|science|health|sports?|team|redakteur|korrespondent|journaliste|rédacteur|correspondant|corresponsal|redactor|корреспондент|редактор|обозреватель|مراسل|محرر)(?![\p{L}])/iu;

export function splitAuthors(value: string): string[] {
  // Decoded and stripped before splitting: a ';' of '&lt;' is not a name separator.
  const v = cleanText(sanitiseText(value.length > MAX_BYLINE ? value.slice(0, MAX_BYLINE) : value))
    .replace(/^(by|von|par|por|di|door|av|автор[ыи]?|بقلم|written by|reported by)\s*:?\s+/i, '')
    // E-mail addresses and parenthesised notes go (linear forms: no retry from every '(').
    .split(' ')
    .filter((w) => !w.includes('@'))
    .join(' ')
    .replace(/\([^()]*\)/g, '');
  const out: string[] = [];
  for (const part of v.split(NAME_SPLIT)) {
    const name = trimChars(part, '|·•-', '|·•.-');
    if (!name || /\d/.test(name) || /^https?:/i.test(name)) continue;
    const words = name.split(/\s+/);
    if (words.length > 5) continue;
    // Job titles after the name ("Maria Lund, Transport Correspondent") are not people.
    if (ROLE_RE.test(name)) continue;
    out.push(name);
  }
  return out;
}

export function uniqueStrings(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of list) {
    const c = cleanText(item);
    const k = c.toLowerCase();
    if (!c || seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}

/** Only web addresses are kept: anything else (javascript:, data:, file:) is dropped. */
export function safeUrl(value: unknown): string {
  if (typeof value !== 'string') return '';
  const s = value.trim();
  if (!/^https?:\/\/[^\s<>"]+$/i.test(s) || s.length > 8000) return '';
  try {
    return new URL(s).href === s || new URL(s).href === s + '/' ? s : new URL(s).href;
  } catch {
    return '';
  }
}

/** Longer than this is not a paragraph but a file without line breaks. */
export const MAX_PARAGRAPH = 64 * 1024;

/** `p` in pieces of at most `max` characters, cut at a blank where there is one; no text lost. */
export function splitLong(p: string, max = MAX_PARAGRAPH): string[] {
  if (p.length <= max) return [p];
  const out: string[] = [];
  for (let at = 0; at < p.length;) {
    let end = Math.min(p.length, at + max);
    if (end < p.length) {
      const blank = p.lastIndexOf(' ', end);
      if (blank > at + max / 2) end = blank;
      // Never inside a surrogate pair when there is no blank to cut at.
      else if (/[\uD800-\uDBFF]/.test(p[end - 1] as string)) end--;
    }
    out.push(p.slice(at, end));
    at = end;
  }
  return out;
}
