/**
 * Stemming per language. A word is stemmed with the algorithm of its document's language
 * when the word is in that language's script, otherwise (and when the language is unknown)
 * by its script: Latin → English, Cyrillic → Russian, Arabic → Arabic. A query's language is
 * not known, so a query word is stemmed in every language its segment holds (index.ts); that
 * only widens a match (the exact word always matches too).
 *
 * The algorithms are the Snowball project's (snowball-stemmers, generated from the Snowball
 * sources), except two measured better by hand. Measured on the 3,624 English, 203 Russian
 * and 74 Arabic words of the test fixtures, against Snowball's own output (µs per word):
 *   English  stem-en (hand-written Porter2) 100 % the same, 1.6 µs; snowball-stemmers 4.5;
 *            @orama/stemmers 94.8 % (it is Porter 1, not Porter2), 0.9 — stem-en is kept
 *   Russian  the former hand-written light stemmer 83.7 %; snowball-stemmers 7.2;
 *            @orama/stemmers 100 %, 5.1 — Snowball is used
 *   Arabic   Snowball (either package, 100 % alike, 5.6–11) misses the article and plurals
 *            of folded words (stem-ar.ts): the light stemmer is kept
 * snowball-stemmers has more of the languages the importer detects than @orama/stemmers
 * (Catalan, Basque, Czech, Irish, Slovene besides the common ones) and, unlike lunr-languages,
 * needs no global lunr; stems are cached, so the per-word cost is paid once per vocabulary.
 * Polish, Ukrainian, Bulgarian, Greek, Persian, Urdu and Hebrew have no Snowball stemmer
 * there: their words match exactly (and by wildcard).
 */
import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { stemArabic } from './stem-ar';
import { stemEnglish } from './stem-en';

type Script = 'latin' | 'cyrillic' | 'arabic' | 'armenian';

/** The stemming languages, by index (a segment keeps a bit mask of them per term: ≤ 32). */
const LANGUAGES: readonly { code: string; algorithm: string; script: Script }[] = [
  { code: 'en', algorithm: 'english', script: 'latin' },
  { code: 'ru', algorithm: 'russian', script: 'cyrillic' },
  { code: 'ar', algorithm: 'arabic', script: 'arabic' },
  { code: 'fr', algorithm: 'french', script: 'latin' },
  { code: 'de', algorithm: 'german', script: 'latin' },
  { code: 'es', algorithm: 'spanish', script: 'latin' },
  { code: 'it', algorithm: 'italian', script: 'latin' },
  { code: 'pt', algorithm: 'portuguese', script: 'latin' },
  { code: 'nl', algorithm: 'dutch', script: 'latin' },
  { code: 'sv', algorithm: 'swedish', script: 'latin' },
  { code: 'tr', algorithm: 'turkish', script: 'latin' },
  { code: 'da', algorithm: 'danish', script: 'latin' },
  { code: 'no', algorithm: 'norwegian', script: 'latin' },
  { code: 'nb', algorithm: 'norwegian', script: 'latin' },
  { code: 'fi', algorithm: 'finnish', script: 'latin' },
  { code: 'hu', algorithm: 'hungarian', script: 'latin' },
  { code: 'ro', algorithm: 'romanian', script: 'latin' },
  { code: 'ca', algorithm: 'catalan', script: 'latin' },
  { code: 'eu', algorithm: 'basque', script: 'latin' },
  { code: 'ga', algorithm: 'irish', script: 'latin' },
  { code: 'cs', algorithm: 'czech', script: 'latin' },
  { code: 'sl', algorithm: 'slovene', script: 'latin' },
  { code: 'hy', algorithm: 'armenian', script: 'armenian' },
];
export const STEM_LANGUAGE_COUNT = LANGUAGES.length;
const BY_CODE = new Map(LANGUAGES.map((l, i) => [l.code, i]));
const EN = 0;
const RU = 1;
const AR = 2;
/** A document language with no stemmer: its words are not stemmed. */
export const NO_STEMMER = -1;
/** No document language: stem by script. */
export const BY_SCRIPT = -2;

function scriptOf(term: string): Script | null {
  const c = term.charCodeAt(0);
  if (c < 0x250) return 'latin';
  if (c >= 0x400 && c <= 0x4ff) return 'cyrillic';
  if (c >= 0x600 && c <= 0x6ff) return 'arabic';
  if (c >= 0x530 && c <= 0x58f) return 'armenian';
  return null;
}

/** The stemming language of a document's BCP 47 tag: an index, NO_STEMMER or BY_SCRIPT. */
export function stemLanguageOf(tag: string): number {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === '') return BY_SCRIPT;
  return BY_CODE.get(primary) ?? NO_STEMMER;
}

/** The language (index) a term of a document in `docLanguage` is stemmed in; -1: none. */
export function termLanguage(docLanguage: number, term: string): number {
  const script = scriptOf(term);
  if (docLanguage >= 0 && LANGUAGES[docLanguage]!.script === script) return docLanguage;
  if (docLanguage === NO_STEMMER && script !== null && script !== 'armenian') {
    // A word of the document's own script is in its language, which has no stemmer; a
    // word of another script (a Latin name in a Polish text is still Latin) is guessed.
    return -1;
  }
  if (script === 'latin') return EN;
  if (script === 'cyrillic') return RU;
  if (script === 'arabic') return AR;
  return -1;
}

const stemmers: (Stemmer | null)[] = LANGUAGES.map(() => null);

function stemUncached(lang: number, term: string): string {
  if (lang === EN) return stemEnglish(term);
  if (lang === AR) return stemArabic(term);
  let s = stemmers[lang];
  if (!s) {
    s = newStemmer(LANGUAGES[lang]!.algorithm);
    stemmers[lang] = s;
  }
  const out = s.stem(term);
  // A stem is never empty (Snowball keeps at least the word's start, but be sure).
  return out.length > 0 ? out : term;
}

// Every import batch stems its whole vocabulary, which mostly repeats: cache (bounded).
const CACHE_LIMIT = 200_000;
const caches: Map<string, string>[] = LANGUAGES.map(() => new Map());

/** The stem of a folded term (from `forEachToken`) in language `lang` (an index). */
export function stemIn(lang: number, term: string): string {
  const cache = caches[lang]!;
  let s = cache.get(term);
  if (s === undefined) {
    s = stemUncached(lang, term);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(term, s);
  }
  return s;
}

/** The stem of a folded term by its script alone (a document of unknown language). */
export function stem(term: string): string {
  const lang = termLanguage(BY_SCRIPT, term);
  return lang < 0 ? term : stemIn(lang, term);
}

/** The languages (indexes) set in a mask. */
export function languagesIn(mask: number): number[] {
  const out: number[] = [];
  for (let l = 0; l < STEM_LANGUAGE_COUNT; l++) if (mask & (1 << l)) out.push(l);
  return out;
}
