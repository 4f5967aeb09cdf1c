/**
 * The English (Porter2) Snowball stemmer, compact. Input is a folded lower-case word; words
 * with anything but a–z are returned unchanged. Stems are only compared with each other (the
 * index expands a query word to the indexed words with the same stem), never shown.
 */

const EXCEPTIONS: Record<string, string> = {
  skis: 'ski',
  skies: 'sky',
  dying: 'die',
  lying: 'lie',
  tying: 'tie',
  idly: 'idl',
  gently: 'gentl',
  ugly: 'ugli',
  early: 'earli',
  only: 'onli',
  singly: 'singl',
  sky: 'sky',
  news: 'news',
  howe: 'howe',
  atlas: 'atlas',
  cosmos: 'cosmos',
  bias: 'bias',
  andes: 'andes',
};

const AFTER_1A = new Set([
  'inning',
  'outing',
  'canning',
  'herring',
  'earring',
  'proceed',
  'exceed',
  'succeed',
]);

const STEP2: readonly (readonly [string, string])[] = [
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['tional', 'tion'],
  ['biliti', 'ble'],
  ['lessli', 'less'],
  ['entli', 'ent'],
  ['ation', 'ate'],
  ['alism', 'al'],
  ['aliti', 'al'],
  ['ousli', 'ous'],
  ['iviti', 'ive'],
  ['fulli', 'ful'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['abli', 'able'],
  ['izer', 'ize'],
  ['ator', 'ate'],
  ['alli', 'al'],
  ['bli', 'ble'],
  ['ogi', 'og'],
  ['li', ''],
];

const STEP3: readonly (readonly [string, string])[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['alize', 'al'],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ative', ''],
  ['ical', 'ic'],
  ['ness', ''],
  ['ful', ''],
];

const STEP4 = [
  'ement',
  'ance',
  'ence',
  'able',
  'ible',
  'ment',
  'ant',
  'ent',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
  'ion',
  'al',
  'er',
  'ic',
];

const ONLY_AZ = /^[a-z']+$/;

function isVowel(c: string | undefined): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';
}

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function region(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) {
    if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  }
  return w.length;
}

function endsWithShortSyllable(w: string): boolean {
  const n = w.length;
  if (n === 2) return isVowel(w[0]) && !isVowel(w[1]);
  if (n < 3) return false;
  const last = w[n - 1];
  return (
    !isVowel(w[n - 3]) &&
    isVowel(w[n - 2]) &&
    !isVowel(last) &&
    last !== 'w' &&
    last !== 'x' &&
    last !== 'Y'
  );
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (isVowel(w[i])) return true;
  return false;
}

const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const LI_ENDING = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);

export function stemEnglish(word: string): string {
  if (word.length <= 2 || !ONLY_AZ.test(word)) return word;
  const exception = EXCEPTIONS[word];
  if (exception !== undefined) return exception;

  let w = word.startsWith("'") ? word.slice(1) : word;
  // Mark consonant y as Y so that vowel tests skip it.
  if (w.startsWith('y')) w = `Y${w.slice(1)}`;
  for (let i = 1; i < w.length; i++) {
    if (w[i] === 'y' && isVowel(w[i - 1])) w = `${w.slice(0, i)}Y${w.slice(i + 1)}`;
  }

  let r1: number;
  if (w.startsWith('gener') || w.startsWith('arsen')) r1 = 5;
  else if (w.startsWith('commun')) r1 = 6;
  else r1 = region(w, 0);
  const r2 = region(w, r1);

  // Step 0: possessives.
  if (w.endsWith("'s'")) w = w.slice(0, -3);
  else if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);

  // Step 1a: plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ied') || w.endsWith('ies'))
    w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith('us') || w.endsWith('ss')) {
    // unchanged
  } else if (w.endsWith('s') && hasVowel(w, w.length - 2)) w = w.slice(0, -1);

  if (AFTER_1A.has(w)) return w;

  // Step 1b: -ed, -ing.
  const s1b = ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed'].find((s) => w.endsWith(s));
  if (s1b === 'eedly' || s1b === 'eed') {
    if (w.length - s1b.length >= r1) w = `${w.slice(0, -s1b.length)}ee`;
  } else if (s1b !== undefined) {
    const stem = w.slice(0, -s1b.length);
    if (hasVowel(stem, stem.length)) {
      w = stem;
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (DOUBLES.has(w.slice(-2))) w = w.slice(0, -1);
      else if (r1 >= w.length && endsWithShortSyllable(w)) w += 'e';
    }
  }

  // Step 1c: y → i after a consonant that is not the first letter.
  const n1c = w.length;
  if (n1c > 2 && (w[n1c - 1] === 'y' || w[n1c - 1] === 'Y') && !isVowel(w[n1c - 2])) {
    w = `${w.slice(0, -1)}i`;
  }

  // Step 2.
  const s2 = STEP2.find(([s]) => w.endsWith(s));
  if (s2 && w.length - s2[0].length >= r1) {
    const [suffix, replacement] = s2;
    const before = w[w.length - suffix.length - 1];
    if (suffix === 'ogi') {
      if (before === 'l') w = `${w.slice(0, -3)}og`;
    } else if (suffix === 'li') {
      if (before !== undefined && LI_ENDING.has(before)) w = w.slice(0, -2);
    } else {
      w = w.slice(0, -suffix.length) + replacement;
    }
  }

  // Step 3.
  const s3 = STEP3.find(([s]) => w.endsWith(s));
  if (s3 && w.length - s3[0].length >= r1) {
    const [suffix, replacement] = s3;
    if (suffix !== 'ative' || w.length - suffix.length >= r2) {
      w = w.slice(0, -suffix.length) + replacement;
    }
  }

  // Step 4.
  const s4 = STEP4.find((s) => w.endsWith(s));
  if (s4 && w.length - s4.length >= r2) {
    if (s4 !== 'ion') w = w.slice(0, -s4.length);
    else {
      const before = w[w.length - 4];
      if (before === 's' || before === 't') w = w.slice(0, -3);
    }
  }

  // Step 5.
  const n5 = w.length;
  if (w.endsWith('e')) {
    if (n5 - 1 >= r2 || (n5 - 1 >= r1 && !endsWithShortSyllable(w.slice(0, -1)))) {
      w = w.slice(0, -1);
    }
  } else if (w.endsWith('ll') && n5 - 1 >= r2) {
    w = w.slice(0, -1);
  }

  return w.replace(/Y/g, 'y');
}
