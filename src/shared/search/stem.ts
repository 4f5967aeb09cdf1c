/**
 * Picks a stemmer by script: Porter2 for Latin words, light suffix stripping for Russian,
 * light affix stripping for Arabic. Light stemmers over-merge a little; that only widens a
 * match (the exact word always matches too), which is the right side to err on in a search
 * box.
 */
import { stemEnglish } from './stem-en';

/** Longest first; applied once, keeping at least three letters. */
const RU_ENDINGS = [
  'иями',
  'ями',
  'ами',
  'ией',
  'иям',
  'ием',
  'иях',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ать',
  'ять',
  'еть',
  'ить',
  'ешь',
  'ишь',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ый',
  'ий',
  'ой',
  'ей',
  'ую',
  'юю',
  'ых',
  'их',
  'ым',
  'им',
  'ом',
  'ем',
  'ах',
  'ях',
  'ов',
  'ев',
  'ам',
  'ям',
  'ию',
  'ия',
  'ии',
  'ть',
  'ла',
  'ло',
  'ли',
  'ет',
  'ит',
  'ут',
  'ют',
  'ат',
  'ят',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
];

export function stemRussian(word: string): string {
  let w = word;
  if (w.length > 5 && (w.endsWith('ся') || w.endsWith('сь'))) w = w.slice(0, -2);
  for (const ending of RU_ENDINGS) {
    if (w.length - ending.length >= 3 && w.endsWith(ending)) return w.slice(0, -ending.length);
  }
  return w;
}

// Folded forms: ة is already ه, and أ/إ/آ are already ا.
const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const AR_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

export function stemArabic(word: string): string {
  let w = word;
  for (const prefix of AR_PREFIXES) {
    if (w.length - prefix.length >= 3 && w.startsWith(prefix)) {
      w = w.slice(prefix.length);
      break;
    }
  }
  for (const suffix of AR_SUFFIXES) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
}

function stemUncached(term: string): string {
  const c = term.charCodeAt(0);
  if (c >= 97 && c <= 122) return stemEnglish(term);
  if (c >= 0x400 && c <= 0x4ff) return stemRussian(term);
  if (c >= 0x600 && c <= 0x6ff) return stemArabic(term);
  return term;
}

// Every import batch stems its whole vocabulary, which mostly repeats: cache (bounded).
const CACHE_LIMIT = 200_000;
let cache = new Map<string, string>();

/** The stem of a folded term (from `forEachToken`). */
export function stem(term: string): string {
  let s = cache.get(term);
  if (s === undefined) {
    s = stemUncached(term);
    if (cache.size >= CACHE_LIMIT) cache = new Map();
    cache.set(term, s);
  }
  return s;
}
