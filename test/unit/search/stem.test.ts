import { describe, expect, it } from 'vitest';
import {
  BY_SCRIPT,
  NO_STEMMER,
  stem,
  stemIn,
  stemLanguageOf,
  termLanguage,
} from '@shared/search/stem';
import { stemArabic } from '@shared/search/stem-ar';
import { stemEnglish } from '@shared/search/stem-en';

// Pairs from the Snowball English (Porter2) sample vocabulary and its documented examples.
const ENGLISH: Record<string, string> = {
  consign: 'consign',
  consigned: 'consign',
  consigning: 'consign',
  consignment: 'consign',
  consist: 'consist',
  consisted: 'consist',
  consistency: 'consist',
  consistent: 'consist',
  consistently: 'consist',
  consisting: 'consist',
  consists: 'consist',
  consolation: 'consol',
  consolations: 'consol',
  consolatory: 'consolatori',
  console: 'consol',
  consoled: 'consol',
  consoles: 'consol',
  consolidate: 'consolid',
  consolidated: 'consolid',
  consolidating: 'consolid',
  consoling: 'consol',
  consolingly: 'consol',
  consols: 'consol',
  consonant: 'conson',
  conspicuous: 'conspicu',
  conspicuously: 'conspicu',
  conspiracy: 'conspiraci',
  conspirator: 'conspir',
  conspirators: 'conspir',
  conspire: 'conspir',
  conspired: 'conspir',
  conspiring: 'conspir',
  constable: 'constabl',
  constables: 'constabl',
  constance: 'constanc',
  constancy: 'constanc',
  constant: 'constant',
  knack: 'knack',
  knackeries: 'knackeri',
  knacks: 'knack',
  knave: 'knave',
  knaves: 'knave',
  knavish: 'knavish',
  kneaded: 'knead',
  kneading: 'knead',
  knee: 'knee',
  kneel: 'kneel',
  kneeled: 'kneel',
  kneeling: 'kneel',
  kneels: 'kneel',
  knees: 'knee',
  knell: 'knell',
  knelt: 'knelt',
  knife: 'knife',
  knight: 'knight',
  knightly: 'knight',
  knights: 'knight',
  knitted: 'knit',
  knitting: 'knit',
  knives: 'knive',
  knocked: 'knock',
  knocker: 'knocker',
  // Step by step examples.
  caresses: 'caress',
  ponies: 'poni',
  ties: 'tie',
  cries: 'cri',
  cats: 'cat',
  gas: 'gas',
  this: 'this',
  gaps: 'gap',
  kiwis: 'kiwi',
  feed: 'feed',
  agreed: 'agre',
  plastered: 'plaster',
  motoring: 'motor',
  sing: 'sing',
  hopping: 'hop',
  tanned: 'tan',
  falling: 'fall',
  hissing: 'hiss',
  fizzed: 'fizz',
  failing: 'fail',
  filing: 'file',
  conflated: 'conflat',
  troubled: 'troubl',
  sized: 'size',
  happy: 'happi',
  happiness: 'happi',
  relational: 'relat',
  generously: 'generous',
  generalization: 'general',
  running: 'run',
  elections: 'elect',
  election: 'elect',
  elected: 'elect',
  governments: 'govern',
  // Exceptions and invariants.
  skies: 'sky',
  dying: 'die',
  news: 'news',
  only: 'onli',
  succeed: 'succeed',
  by: 'by',
  say: 'say',
  // Possessive.
  "nation's": 'nation',
};

describe('English stemmer (Porter2)', () => {
  it.each(Object.entries(ENGLISH))('%s → %s', (word, expected) => {
    expect(stemEnglish(word)).toBe(expected);
  });

  it('leaves words with digits or other scripts alone', () => {
    expect(stemEnglish('covid19')).toBe('covid19');
    expect(stemEnglish('ab')).toBe('ab');
  });
});

describe('stemming per language', () => {
  it('merges common Russian inflections (Snowball)', () => {
    const ru = stemLanguageOf('ru');
    const forms = ['выборы', 'выборов', 'выборах', 'выборами'];
    expect(new Set(forms.map((w) => stemIn(ru, w))).size).toBe(1);
    expect(stemIn(ru, 'москва')).toBe(stemIn(ru, 'москве'));
    expect(stemIn(ru, 'новый')).toBe(stemIn(ru, 'новая'));
    expect(stemIn(ru, 'мир')).toBe('мир');
  });

  it('strips the Arabic article and common suffixes', () => {
    expect(stemArabic('الحكومه')).toBe('حكوم');
    expect(stemArabic('حكومات')).toBe('حكوم');
    expect(stemArabic('والكتاب')).toBe('كتاب');
  });

  it('stems the languages the importer detects with their Snowball algorithm', () => {
    const same = (lang: string, words: string[]) =>
      expect(new Set(words.map((w) => stemIn(stemLanguageOf(lang), w))).size, lang).toBe(1);
    same('de', ['pestizid', 'pestizide', 'pestiziden']);
    same('fr', ['manifestation', 'manifestations']);
    same('es', ['elecciones', 'eleccion']);
    same('it', ['elezioni', 'elezione']);
    same('pt', ['governos', 'governo']);
    same('nl', ['verkiezingen', 'verkiezing']);
    same('sv', ['regeringen', 'regeringens']);
    same('tr', ['kitaplar', 'kitap']);
    expect(stemIn(stemLanguageOf('de'), 'pestizide')).not.toBe('pestizide');
  });

  it("stems a word by its document language only in that language's script", () => {
    const de = stemLanguageOf('de-AT');
    expect(termLanguage(de, 'proteste')).toBe(de);
    // A Cyrillic word in a German text is Russian; a Latin word in a Polish text is not stemmed.
    expect(termLanguage(de, 'москва')).toBe(stemLanguageOf('ru'));
    expect(termLanguage(stemLanguageOf('pl'), 'wyborach')).toBe(-1);
    expect(stemLanguageOf('')).toBe(BY_SCRIPT);
    expect(stemLanguageOf('pl')).toBe(NO_STEMMER);
  });

  it('dispatches by script when the language is unknown', () => {
    expect(stem('elections')).toBe('elect');
    expect(stem('выборах')).toBe(stemIn(stemLanguageOf('ru'), 'выборах'));
    expect(stem('2024')).toBe('2024');
    expect(stem('東京')).toBe('東京');
  });
});
