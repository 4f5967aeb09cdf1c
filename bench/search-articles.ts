/**
 * Generated news-like articles for the search benchmarks (Node and Chromium): ~600 words
 * from a Zipf vocabulary (English function words first, some Cyrillic and Arabic), with
 * outlets, authors, tags, dates, notes and trash flags; and the per-kind query sets.
 * Deterministic: article i is always the same.
 */
import type { SearchDoc } from '../src/shared/search/types';

/**
 * The generator, self-contained (no imports, no outer names), so that the Chromium benchmark
 * runs this very code in the page (`(${createArticles})()`) instead of shipping every article
 * through the DevTools protocol.
 */
export function createArticles(): {
  article: (i: number) => SearchDoc;
  tags: readonly string[];
  random: (seed: number) => () => number;
} {
  function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const COMMON = `the of and to a in that is for on it with as was he be by at from his an have
  not are this but had they has were which been or their she one would there more will we said
  its also who after new first two people government year years president minister police state
  country party election war city officials last told court week million news report public
  percent say could over than other into up about out when can all her them there some time`
    .split(/\s+/)
    .filter(Boolean);
  const SUFFIXES = ['', '', '', 's', 'ed', 'ing', 'ion', 'ly', 'er', 'ment', 'al', 'ness'];

  function makeVocabulary(rand: () => number): {
    latin: string[];
    cyrillic: string[];
    arabic: string[];
  } {
    const syllable = (cons: string, vows: string) =>
      cons[Math.floor(rand() * cons.length)]! + vows[Math.floor(rand() * vows.length)]!;
    const make = (n: number, cons: string, vows: string, suffixes: readonly string[]) => {
      const seen = new Set<string>();
      const out: string[] = [];
      while (out.length < n) {
        const syl = 1 + Math.floor(rand() * 3);
        let w = '';
        for (let i = 0; i < syl; i++) w += syllable(cons, vows);
        w += suffixes[Math.floor(rand() * suffixes.length)]!;
        if (!seen.has(w)) {
          seen.add(w);
          out.push(w);
        }
      }
      return out;
    };
    return {
      latin: [...COMMON, ...make(60_000, 'bcdfghjklmnprstvwz', 'aeiou', SUFFIXES)],
      cyrillic: make(8_000, 'бвгдзклмнпрстфхцчшщ', 'аеиоуыэюяё', [
        '',
        'а',
        'ов',
        'ами',
        'ой',
        'ый',
        'ия',
      ]),
      arabic: make(5_000, 'بتثجحخدذرزسشصضطظعغفقكلمنهوي', 'اويَُِ', ['', 'ة', 'ات', 'ون']),
    };
  }

  /** Cumulative Zipf(s ≈ 1.07) weights for sampling ranks by binary search. */
  function zipfCdf(n: number): Float64Array {
    const cdf = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) {
      sum += 1 / Math.pow(r + 1, 1.07);
      cdf[r] = sum;
    }
    for (let r = 0; r < n; r++) cdf[r]! /= sum;
    return cdf;
  }

  function sampleRank(cdf: Float64Array, u: number): number {
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  const vocab = makeVocabulary(mulberry32(42));
  const cdfs = {
    latin: zipfCdf(vocab.latin.length),
    cyrillic: zipfCdf(vocab.cyrillic.length),
    arabic: zipfCdf(vocab.arabic.length),
  };
  const OUTLETS = Array.from(
    { length: 200 },
    (_, i) => `${vocab.latin[300 + i]} ${['Times', 'Post', 'Herald', 'News'][i % 4]}`,
  );
  const AUTHORS = Array.from(
    { length: 2000 },
    (_, i) => `${vocab.latin[1000 + (i % 500)]} ${vocab.latin[2000 + i]}`,
  );
  const TAGS = Array.from({ length: 100 }, (_, i) =>
    i < 20
      ? ['politics', 'economy', 'sport', 'science', 'culture'][i % 5]! +
        (i < 5 ? '' : `/${vocab.latin[500 + i]}`)
      : `topic${i}`,
  );

  /** Article number i, always the same. */
  function article(i: number): SearchDoc {
    const rand = mulberry32(i * 7919 + 1);
    const script = i % 20 === 7 ? 'cyrillic' : i % 33 === 5 ? 'arabic' : 'latin';
    const words = vocab[script];
    const cdf = cdfs[script];
    const word = () => words[sampleRank(cdf, rand())]!;
    const sentence = (n: number) => {
      const ws: string[] = [];
      for (let k = 0; k < n; k++) ws.push(word());
      const s = ws.join(' ');
      return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
    };
    const paragraphs: string[] = [];
    let count = 0;
    const target = 500 + Math.floor(rand() * 200);
    while (count < target) {
      const sentences: string[] = [];
      for (let s = 0; s < 4; s++) {
        const n = 8 + Math.floor(rand() * 16);
        sentences.push(sentence(n));
        count += n;
      }
      paragraphs.push(sentences.join(' '));
    }
    const year = 2015 + Math.floor(rand() * 11);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const hasNote = rand() < 0.1;
    const hasHighlights = rand() < 0.15;
    return {
      id: `a${i}`,
      title: sentence(6 + Math.floor(rand() * 6)),
      body: paragraphs.join('\n\n'),
      source: OUTLETS[Math.floor(rand() * OUTLETS.length)]!,
      authors: [AUTHORS[Math.floor(rand() * AUTHORS.length)]!],
      tags: [TAGS[Math.floor(rand() * TAGS.length)]!, TAGS[Math.floor(rand() * 20)]!],
      note: hasNote ? sentence(12) : '',
      highlightNotes: hasHighlights ? sentence(8) : '',
      language: script === 'latin' ? 'en' : script === 'cyrillic' ? 'ru' : 'ar',
      publishedAt: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      hasHighlights,
      hasNote,
      trashed: rand() < 0.01,
    };
  }

  return { article, tags: TAGS, random: mulberry32 };
}

const generated = createArticles();

/** Article number i, always the same. */
export const article = generated.article;
const TAGS = generated.tags;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export type Kind =
  | '1-word'
  | '2-word'
  | '3-word'
  | 'phrase'
  | 'prefix'
  | 'with-filter'
  | 'proximity'
  | 'or-group'
  | 'wildcard'
  | 'w/p';

/**
 * Frequent content words of the generated vocabulary (ranks 40–100 of the Zipf list, each
 * in most articles): the hard case for proximity, whose words alone match most documents.
 */
const OPERATOR_WORDS = new Set(['and', 'or', 'not']);
const COMMON_WORDS = `said its also who after new first two people government year years president
  minister police state country party election war city officials last told court week
  million news report public percent say could over than other`
  .split(/\s+/)
  .filter(Boolean);

export function makeQueries(n: number, count: number): Record<Kind, string[]> {
  const rand = generated.random(99);
  const pick = () => article(Math.floor(rand() * n));
  const bodyWords = (d: SearchDoc) => d.body.split(/[\s.]+/).filter((w) => w.length > 0);
  const q: Record<Kind, string[]> = {
    '1-word': [],
    '2-word': [],
    '3-word': [],
    phrase: [],
    prefix: [],
    'with-filter': [],
    proximity: [],
    'or-group': [],
    wildcard: [],
    'w/p': [],
  };
  const common = () => COMMON_WORDS[Math.floor(rand() * COMMON_WORDS.length)]!;
  for (let k = 0; k < count; k++) {
    const ws = bodyWords(pick());
    // Not the words that are operators (and, or, not): alone they are incomplete queries.
    const at = (): string => {
      const w = ws[Math.floor(rand() * ws.length)]!.toLowerCase();
      return OPERATOR_WORDS.has(w) ? at() : w;
    };
    q['1-word'].push(`${at()} `);
    q['2-word'].push(`${at()} ${at()} `);
    q['3-word'].push(`${at()} ${at()} ${at()} `);
    const i = Math.floor(rand() * (ws.length - 2));
    q.phrase.push(`"${ws[i]} ${ws[i + 1]}"`);
    const w = at();
    q.prefix.push(
      `${at()} ${w.slice(0, Math.max(2, Math.min(w.length, 2 + Math.floor(rand() * 3))))}`,
    );
    q['with-filter'].push(`${at()} tag:${TAGS[k % 20]!.split('/')[0]} after:2018`);
    q.proximity.push(`${common()} w/5 ${common()} `);
    q['or-group'].push(`(${at()} OR ${at()} OR ${at()}) `);
    // A wildcard that is not the word being typed: four letters of a word, then another word.
    let long = at();
    for (let tries = 0; long.length < 5 && tries < 20; tries++) long = at();
    q.wildcard.push(`${long.slice(0, 4)}* ${at()} `);
    q['w/p'].push(`${at()} w/p ${at()} `);
  }
  return q;
}
