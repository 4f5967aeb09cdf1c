import { describe, expect, it } from 'vitest';
import { stem, stemArabic, stemRussian } from '../../../src/shared/search/stem';
import { stemEnglish } from '../../../src/shared/search/stem-en';

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

describe('light Russian and Arabic stemming', () => {
  it('merges common Russian inflections', () => {
    const forms = ['выборы', 'выборов', 'выборах', 'выборами'];
    expect(new Set(forms.map(stemRussian)).size).toBe(1);
    expect(stemRussian('москва')).toBe(stemRussian('москве'));
    expect(stemRussian('новый')).toBe(stemRussian('новая'));
    // Too short to strip.
    expect(stemRussian('мир')).toBe('мир');
  });

  it('strips the Arabic article and common suffixes', () => {
    expect(stemArabic('الحكومه')).toBe('حكوم');
    expect(stemArabic('حكومات')).toBe('حكوم');
    expect(stemArabic('والكتاب')).toBe('كتاب');
  });

  it('dispatches by script', () => {
    expect(stem('elections')).toBe('elect');
    expect(stem('выборах')).toBe(stemRussian('выборах'));
    expect(stem('2024')).toBe('2024');
    expect(stem('東京')).toBe('東京');
  });
});
