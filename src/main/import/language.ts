/**
 * Language identification from text: the script decides first (Arabic, Cyrillic, CJK…), then
 * stop-word counts separate the languages that share a script.
 */

const STOP_WORDS: Record<string, string> = {
  en: 'the and of to in is that for on with as was at by from has have it said are were be will this an which his their',
  fr: 'le la les des et est une un du dans pour que qui sur au avec pas par ont été sont aux cette il elle ses',
  de: 'der die das und ist nicht ein eine den dem des mit sich auf für von zu im auch sie es werden wurde hat',
  es: 'el la los las y de que en un una por con para del es se al como más su sus fue ha está han',
  it: 'il la le di che e è un una per non del della con sono gli nel alla anche ha dei delle',
  pt: 'o a os as de que e do da em um uma para com não no na por dos das se foi são ao pelo',
  nl: 'de het een en van in is dat op te voor met zijn niet aan ook als bij door er wordt werd',
  sv: 'och att det som en på är av för med till den har inte om ett var vid från ska',
  pl: 'i w na z się nie do to że jest o jak po przez od za dla jego są był',
  tr: 've bir bu da de için ile olarak çok daha gibi olan en ama ne mi kadar sonra',
  ru: 'и в не на что с по как это он она из за к от для но о также был была были его её их года',
  uk: 'і в не на що з та як це він вона із за до від для але про також був була були його її року',
  bg: 'и в не на че с по като това той тя от за към но са е се бе',
  ar: 'في من على إلى أن التي الذي عن مع هذا هذه كان قال بين وقال ما لا إن أو',
  fa: 'و در به از که این را با است برای آن یک شد می‌شود کرد',
  ur: 'کے میں کی اور سے کو ہے نے کہ یہ پر ایک ہیں',
};

const STOP_SETS: Record<string, Set<string>> = {};
for (const [lang, words] of Object.entries(STOP_WORDS)) STOP_SETS[lang] = new Set(words.split(' '));

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb']);

export function directionOf(language: string): 'ltr' | 'rtl' {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? '';
  return RTL.has(primary) ? 'rtl' : 'ltr';
}

/** Normalises a declared tag ("en_US", "EN-gb") to its lower-case primary subtag. */
export function normaliseLanguageTag(tag: unknown): string {
  if (typeof tag !== 'string') return '';
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_]|$|\s)/.exec(tag);
  return m?.[1]?.toLowerCase() ?? '';
}

const SCRIPT_LANGS: Array<[RegExp, string]> = [
  [/[\u0590-\u05FF]/g, 'he'],
  [/[\u0370-\u03FF]/g, 'el'],
  [/[\u0E00-\u0E7F]/g, 'th'],
  [/[\u0900-\u097F]/g, 'hi'],
  [/[\u3040-\u30FF]/g, 'ja'],
  [/[\uAC00-\uD7AF]/g, 'ko'],
  [/[\u4E00-\u9FFF]/g, 'zh'],
  [/[\u0530-\u058F]/g, 'hy'],
  [/[\u10A0-\u10FF]/g, 'ka'],
];

function count(re: RegExp, s: string): number {
  return s.match(re)?.length ?? 0;
}

const LANGS = Object.keys(STOP_WORDS);

/** Stop words by a hash of their UTF-16 code units, so the scan cuts out no substrings. */
interface StopWord {
  word: string;
  langs: number[];
}
const STOP_BY_HASH = new Map<number, StopWord[]>();
/** Longer words cannot be stop words, so they are never looked up. */
let MAX_STOP_WORD = 0;
function hashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + c) | 0;
}
LANGS.forEach((lang, index) => {
  for (const word of STOP_SETS[lang] ?? []) {
    let h = 0;
    for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
    const bucket = STOP_BY_HASH.get(h) ?? [];
    const entry = bucket.find((e) => e.word === word);
    if (entry) entry.langs.push(index);
    else bucket.push({ word, langs: [index] });
    STOP_BY_HASH.set(h, bucket);
    MAX_STOP_WORD = Math.max(MAX_STOP_WORD, word.length);
  }
});

/** Word separators: the split pattern this replaced (a test compares all 65,536 codes). */
const ASCII_SEPARATOR = new Uint8Array(128);
for (const c of '\t\n\v\f\r .,;:!?"()[]{}-0123456789') ASCII_SEPARATOR[c.charCodeAt(0)] = 1;

export function isWordSeparator(c: number): boolean {
  if (c < 128) return ASCII_SEPARATOR[c] === 1;
  return (
    c === 0xa0 ||
    c === 0xab ||
    c === 0xbb ||
    c === 0x60c ||
    c === 0x61b ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2013 ||
    c === 0x2014 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x201e ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function bestByStopWords(text: string, langs: string[]): { lang: string; score: number } {
  const lower = (text.length > 500 ? text.slice(0, 500) : text).toLowerCase();
  // One scan that hashes each word as it goes: no split() array and no substring per word
  // (splitting and looking up every word dominated detection).
  const scores = new Array<number>(LANGS.length).fill(0);
  let start = 0;
  let h = 0;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0x20;
    if (!isWordSeparator(c)) {
      h = hashStep(h, c);
      continue;
    }
    const length = i - start;
    if (length > 0 && length <= MAX_STOP_WORD) {
      const bucket = STOP_BY_HASH.get(h);
      if (bucket) {
        for (const e of bucket) {
          if (e.word.length === length && lower.startsWith(e.word, start)) {
            for (const l of e.langs) scores[l] = (scores[l] ?? 0) + 1;
          }
        }
      }
    }
    start = i + 1;
    h = 0;
  }
  let best = { lang: '', score: 0 };
  for (const lang of langs) {
    const score = scores[LANGS.indexOf(lang)] ?? 0;
    if (score > best.score) best = { lang, score };
  }
  return best;
}

/** Letters per script in one pass over the sample (regex matches built arrays of every letter). */
interface ScriptCounts {
  latin: number;
  cyr: number;
  arabic: number;
  other: number;
  persian: number;
  urdu: number;
  ukrainian: number;
  russianOnly: number;
}

/** Letters that tell languages of one script apart, by code (all below U+0800). */
const Mark = {
  Ukrainian: 1,
  Russian: 2,
  Persian: 3,
  Urdu: 4,
} as const;
const MARKS = new Uint8Array(0x800);
const mark = (chars: string, kind: number): void => {
  for (const c of chars) MARKS[c.charCodeAt(0)] = kind;
};
mark('іїєґІЇЄҐ', Mark.Ukrainian);
mark('ыэъЫЭЪ', Mark.Russian);
mark('پچژگ', Mark.Persian);
mark('ٹڈڑںےۓ', Mark.Urdu);

function countScripts(text: string): ScriptCounts {
  const n: ScriptCounts = {
    latin: 0,
    cyr: 0,
    arabic: 0,
    other: 0,
    persian: 0,
    urdu: 0,
    ukrainian: 0,
    russianOnly: 0,
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) n.latin++;
    } else if (c >= 0xc0 && c <= 0x24f) n.latin++;
    else if (c >= 0x400 && c <= 0x4ff) {
      n.cyr++;
      const m = MARKS[c];
      if (m === Mark.Ukrainian) n.ukrainian++;
      else if (m === Mark.Russian) n.russianOnly++;
    } else if ((c >= 0x620 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f)) {
      // Tatweel and the Arabic-Indic digits and punctuation are not letters.
      if (c !== 0x640 && !(c >= 0x660 && c <= 0x66d)) n.arabic++;
      const m = MARKS[c];
      if (m === Mark.Persian) n.persian++;
      else if (m === Mark.Urdu) n.urdu++;
    } else if (
      (c >= 0x370 && c <= 0x3ff) ||
      (c >= 0x530 && c <= 0x5ff) ||
      (c >= 0x900 && c <= 0x10ff) ||
      (c >= 0x3040 && c <= 0xd7af)
    ) {
      n.other++;
    }
  }
  return n;
}

const LATIN_LANGS = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'sv', 'pl', 'tr'];

export interface DetectedLanguage {
  language: string;
  /** True when decided by script alone (very reliable). */
  byScript: boolean;
}

/**
 * Cyrillic, Arabic and the other counted scripts in one test, which V8 answers without
 * scanning on Latin-1 text. Whole script blocks (combining marks included) on purpose.
 */
const NON_LATIN_RE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u0370-\u04FF\u0530-\u05FF\u0620-\u06FF\u0750-\u077F\u0900-\u10FF\u3040-\uD7AF]/;

/** Detection reads at most this many characters of its input. */
export const LANGUAGE_SAMPLE_LENGTH = 800;

/** Detects the language of a text sample; '' when undetermined. */
export function detectLanguage(input: string): DetectedLanguage {
  const text =
    input.length > LANGUAGE_SAMPLE_LENGTH ? input.slice(0, LANGUAGE_SAMPLE_LENGTH) : input;
  // Latin-only text (the common case) skips all counting.
  if (!NON_LATIN_RE.test(text)) {
    const best = bestByStopWords(text, LATIN_LANGS);
    return best.score >= 2
      ? { language: best.lang, byScript: false }
      : { language: '', byScript: false };
  }
  const { latin, cyr, arabic, other, persian, urdu, ukrainian, russianOnly } = countScripts(text);
  const letters = latin + cyr + arabic + other;
  if (letters < 3) return { language: '', byScript: false };
  if (arabic > letters * 0.4) {
    if (urdu > 2 && urdu >= persian) return { language: 'ur', byScript: true };
    if (persian > 2) return { language: 'fa', byScript: true };
    return { language: 'ar', byScript: true };
  }
  if (cyr > letters * 0.4) {
    if (ukrainian > russianOnly) return { language: 'uk', byScript: true };
    // Only a text without ы, э and ъ can be Bulgarian: skip the stop words otherwise.
    if (russianOnly > 0) return { language: 'ru', byScript: true };
    const best = bestByStopWords(text, ['ru', 'bg']);
    return { language: best.lang === 'bg' ? 'bg' : 'ru', byScript: true };
  }
  if (other > letters * 0.3) {
    for (const [re, lang] of SCRIPT_LANGS) {
      if (count(re, text) > letters * 0.3) {
        if (lang === 'zh' && count(/[\u3040-\u30FF]/g, text) > 0)
          return { language: 'ja', byScript: true };
        return { language: lang, byScript: true };
      }
    }
  }
  if (latin > letters * 0.5) {
    const best = bestByStopWords(text, LATIN_LANGS);
    if (best.score >= 2) return { language: best.lang, byScript: false };
  }
  return { language: '', byScript: false };
}
