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

const WORD_LANGS = new Map<string, string[]>();
for (const [lang, set] of Object.entries(STOP_SETS)) {
  for (const w of set) {
    const list = WORD_LANGS.get(w);
    if (list) list.push(lang);
    else WORD_LANGS.set(w, [lang]);
  }
}

function bestByStopWords(text: string, langs: string[]): { lang: string; score: number } {
  const words = (text.length > 500 ? text.slice(0, 500) : text)
    .toLowerCase()
    .split(/[\s.,;:!?"“”«»„()[\]{}—–\-\d،؛]+/);
  const scores = new Map<string, number>();
  for (const w of words) {
    const list = WORD_LANGS.get(w);
    if (list) for (const l of list) scores.set(l, (scores.get(l) ?? 0) + 1);
  }
  let best = { lang: '', score: 0 };
  for (const lang of langs) {
    const score = scores.get(lang) ?? 0;
    if (score > best.score) best = { lang, score };
  }
  return best;
}

const LATIN_LANGS = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'sv', 'pl', 'tr'];

export interface DetectedLanguage {
  language: string;
  /** True when decided by script alone (very reliable). */
  byScript: boolean;
}

/** Detects the language of a text sample; '' when undetermined. */
export function detectLanguage(input: string): DetectedLanguage {
  const text = input.length > 800 ? input.slice(0, 800) : input;
  // Quick presence tests first: Latin-only text (the common case) skips all counting.
  const hasCyr = /[\u0400-\u04FF]/.test(text);
  const hasArabic = /[\u0620-\u06FF\u0750-\u077F]/.test(text);
  // Whole script blocks (combining marks included) are counted on purpose.
  // eslint-disable-next-line no-misleading-character-class
  const hasOther = /[\u0370-\u03FF\u0530-\u05FF\u0900-\u10FF\u3040-\uD7AF]/.test(text);
  if (!hasCyr && !hasArabic && !hasOther) {
    const best = bestByStopWords(text, LATIN_LANGS);
    return best.score >= 2
      ? { language: best.lang, byScript: false }
      : { language: '', byScript: false };
  }
  const latin = count(/[A-Za-z\u00C0-\u024F]/g, text);
  const cyr = hasCyr ? count(/[\u0400-\u04FF]/g, text) : 0;
  const arabic = hasArabic
    ? count(/[\u0620-\u063F\u0641-\u065F\u066E-\u06FF\u0750-\u077F]/g, text)
    : 0;
  const other = hasOther
    ? // eslint-disable-next-line no-misleading-character-class
      count(/[\u0370-\u03FF\u0530-\u05FF\u0900-\u10FF\u3040-\uD7AF]/g, text)
    : 0;
  const letters = latin + cyr + arabic + other;
  if (letters < 3) return { language: '', byScript: false };
  if (arabic > letters * 0.4) {
    const fa = count(/[پچژگ]/g, text);
    const ur = count(/[ٹڈڑںےۓ]/g, text);
    if (ur > 2 && ur >= fa) return { language: 'ur', byScript: true };
    if (fa > 2) return { language: 'fa', byScript: true };
    return { language: 'ar', byScript: true };
  }
  if (cyr > letters * 0.4) {
    const uk = count(/[іїєґІЇЄҐ]/g, text);
    const ruOnly = count(/[ыэъЫЭЪ]/g, text);
    if (uk > ruOnly) return { language: 'uk', byScript: true };
    const best = bestByStopWords(text, ['ru', 'bg']);
    return { language: best.lang === 'bg' && ruOnly === 0 ? 'bg' : 'ru', byScript: true };
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
    const best = bestByStopWords(text, [
      'en',
      'fr',
      'de',
      'es',
      'it',
      'pt',
      'nl',
      'sv',
      'pl',
      'tr',
    ]);
    if (best.score >= 2) return { language: best.lang, byScript: false };
  }
  return { language: '', byScript: false };
}
