/**
 * Folding and tokenising, shared by indexing, querying and snippets so that all three agree
 * on what a word is. A token is a maximal run of letters, numbers and combining marks
 * (\p{L}\p{N}\p{M}); an apostrophe inside a word is dropped ("don't" → "dont") and a possessive 's with it. Folding is
 * per code point and cached: lower case, NFKD, marks stripped, plus the letter mappings
 * that NFKD does not do (ø, ß, Arabic alef wasla / ta marbuta / alef maqsura, digits).
 * A token with Chinese or Japanese letters is split into words by Intl.Segmenter (cjk.ts).
 */

import { forEachCjkWord, isCjk } from './cjk';

const MAX_TERM_LENGTH = 64;

const KIND_UNKNOWN = -1;
const KIND_SEPARATOR = 0;
const KIND_WORD = 1;
/** Apostrophes: part of a word only between two word characters. */
const KIND_APOSTROPHE = 2;

const IS_WORD = /[\p{L}\p{N}\p{M}]/u;
const NOT_LETTER_OR_NUMBER = /[^\p{L}\p{N}]/gu;

/** Mappings applied after lower-casing; NFKD leaves these letters alone. */
const SPECIAL: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  // Russian й is a distinct letter: NFKD would turn it into и.
  й: 'й',
  // Arabic: alef wasla, ta marbuta, alef maqsura, tatweel; Persian yeh and keheh.
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  ـ: '',
  ی: 'ي',
  ک: 'ك',
};

const kinds = new Int8Array(0x10000).fill(KIND_UNKNOWN);
const folds: string[] = new Array<string>(0x10000);
const astral = new Map<number, string | null>();

function computeFold(cp: number): string | null {
  if (cp === 0x27 || cp === 0x2019 || cp === 0x2bc) return null;
  const ch = String.fromCodePoint(cp);
  if (!IS_WORD.test(ch)) return null;
  let f = ch.toLowerCase();
  const special = SPECIAL[f];
  if (special !== undefined) return special;
  // Arabic-Indic and extended Arabic-Indic digits.
  if (cp >= 0x660 && cp <= 0x669) return String(cp - 0x660);
  if (cp >= 0x6f0 && cp <= 0x6f9) return String(cp - 0x6f0);
  // Lower-case again: compatibility forms (e.g. mathematical bold) decompose to capitals.
  f = f.normalize('NFKD').replace(NOT_LETTER_OR_NUMBER, '').toLowerCase();
  let out = '';
  for (const c of f) out += SPECIAL[c] ?? c;
  return out;
}

function classify(cp: number): number {
  if (cp < 0x10000) {
    const k = kinds[cp]!;
    if (k !== KIND_UNKNOWN) return k;
    const f = computeFold(cp);
    const kind =
      cp === 0x27 || cp === 0x2019 || cp === 0x2bc
        ? KIND_APOSTROPHE
        : f === null
          ? KIND_SEPARATOR
          : KIND_WORD;
    kinds[cp] = kind;
    folds[cp] = f ?? '';
    return kind;
  }
  let f = astral.get(cp);
  if (f === undefined) {
    f = computeFold(cp);
    astral.set(cp, f);
  }
  return f === null ? KIND_SEPARATOR : KIND_WORD;
}

function foldOf(cp: number): string {
  return cp < 0x10000 ? folds[cp]! : (astral.get(cp) ?? '');
}

/** Called for each token: its folded term and its [start, end) range in the input. */
export type TokenCallback = (term: string, start: number, end: number) => void;

/**
 * Receives tokens from `scanTokens`. A token of ASCII letters and digits only (most of any
 * text), at most MAX_TERM_LENGTH long, arrives as its range, whether it has capitals, and
 * `hashTerm` of its lower-cased characters, so that the index builder can find a term it
 * knows without making a string; any other token arrives as its folded term.
 */
export interface TokenSink {
  ascii(start: number, end: number, upper: boolean, hash: number): void;
  term(term: string, start: number, end: number): void;
}

/** FNV-1a over UTF-16 code units: `hashTerm` and the scanner must agree. */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash `scanTokens` gives an ASCII token, for any term (its UTF-16 code units). */
export function hashTerm(term: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Streams tokens without allocating token objects (indexing calls this millions of times). */
export function forEachToken(text: string, fn: TokenCallback): void {
  scanTokens(text, {
    ascii: (start, end, upper) => {
      const slice = text.slice(start, end);
      fn(upper ? slice.toLowerCase() : slice, start, end);
    },
    term: fn,
  });
}

/** The tokeniser itself: see TokenSink for how tokens are reported. */
export function scanTokens(text: string, sink: TokenSink): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Skip to the start of a word.
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) {
        i++;
        continue;
      }
    } else {
      const cp = text.codePointAt(i)!;
      if (classify(cp) !== KIND_WORD) {
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
    }
    const start = i;
    // ASCII words are hashed as they are read; a string is made only for the others.
    let ascii = true;
    let cjk = false;
    let upper = false;
    let hash = FNV_OFFSET;
    let term = '';
    let end = i;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 128) {
        if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
          if (ascii) hash = Math.imul(hash ^ c, FNV_PRIME);
          else term += text.charAt(i);
          i++;
          end = i;
          continue;
        }
        if (c >= 65 && c <= 90) {
          upper = true;
          if (ascii) hash = Math.imul(hash ^ (c + 32), FNV_PRIME);
          else term += String.fromCharCode(c + 32);
          i++;
          end = i;
          continue;
        }
        if (c === 0x27 && i + 1 < n && isWordAt(text, i + 1)) {
          if (isPossessive(text, i + 1)) {
            i += 2;
            break;
          }
          if (ascii) {
            term = text.slice(start, i).toLowerCase();
            ascii = false;
          }
          i++;
          continue;
        }
        break;
      }
      const cp = text.codePointAt(i)!;
      const kind = classify(cp);
      const width = cp > 0xffff ? 2 : 1;
      if (kind === KIND_WORD) {
        if (ascii) {
          term = text.slice(start, i).toLowerCase();
          ascii = false;
        }
        if (!cjk && isCjk(cp)) cjk = true;
        term += foldOf(cp);
        i += width;
        end = i;
        continue;
      }
      if (kind === KIND_APOSTROPHE && i + width < n && isWordAt(text, i + width)) {
        if (isPossessive(text, i + width)) {
          i += width + 1;
          break;
        }
        if (ascii) {
          term = text.slice(start, i).toLowerCase();
          ascii = false;
        }
        i += width;
        continue;
      }
      break;
    }
    if (ascii) {
      if (end - start <= MAX_TERM_LENGTH) {
        sink.ascii(start, end, upper, hash);
        continue;
      }
      term = upper ? text.slice(start, end).toLowerCase() : text.slice(start, end);
    }
    if (cjk) {
      forEachCjkWord(text, start, end, (s, e) => {
        const word = foldRange(text, s, e);
        if (word.length > 0) sink.term(word.slice(0, MAX_TERM_LENGTH), s, e);
      });
      continue;
    }
    if (term.length > MAX_TERM_LENGTH) term = term.slice(0, MAX_TERM_LENGTH);
    // A run of marks or tatweel alone folds to nothing: not a word.
    if (term.length > 0) sink.term(term, start, end);
  }
}

/** The folded letters of text[start, end) (apostrophes and other separators dropped). */
function foldRange(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end;) {
    const cp = text.codePointAt(i)!;
    if (classify(cp) === KIND_WORD) out += foldOf(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

/** English possessive: the apostrophe is followed by a final s ("Kovač's" → "kovac"). */
function isPossessive(text: string, s: number): boolean {
  const c = text.charCodeAt(s);
  return (c === 115 || c === 83) && (s + 1 >= text.length || !isWordAt(text, s + 1));
}

function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return classify(text.codePointAt(i)!) === KIND_WORD;
}

export interface Token {
  term: string;
  start: number;
  end: number;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  forEachToken(text, (term, start, end) => out.push({ term, start, end }));
  return out;
}

export function terms(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (term) => out.push(term));
  return out;
}

/** Folded words joined by single spaces: how outlet and author names are compared. */
export function foldText(text: string): string {
  return terms(text).join(' ');
}

/** Folds each level of a tag: `Politics/Évian` → `politics/evian`. */
export function foldTag(tag: string): string {
  return tag
    .split('/')
    .map(foldText)
    .filter((part) => part.length > 0)
    .join('/');
}
