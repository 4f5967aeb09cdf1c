/**
 * Search engine benchmark (Node): indexes generated news-like articles (~600 words, Zipf
 * vocabulary, some Cyrillic and Arabic) in import-sized batches with tiered merging, then
 * measures serialised size, load time, heap and per-kind query latency including snippets.
 * Ends with one JSON line. Usage: tsx bench/search.bench.ts [sizes...] (default 10000 100000).
 * Run node with --expose-gc for steadier heap figures.
 */
import { SearchIndex, type SearchDoc } from '../src/shared/search/index';
import {
  deserializeSegment,
  serializePositions,
  serializeSegment,
} from '../src/shared/search/segment';
import { hitSnippet } from '../src/shared/search/snippet';

const BATCH = 1000;
const QUERIES_PER_KIND = 200;

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

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function memoryMb(): { heap: number; arrayBuffers: number } {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, arrayBuffers: m.arrayBuffers / 2 ** 20 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

type Kind = '1-word' | '2-word' | '3-word' | 'phrase' | 'prefix' | 'with-filter';

function makeQueries(n: number, count: number): Record<Kind, string[]> {
  const rand = mulberry32(99);
  const pick = () => article(Math.floor(rand() * n));
  const bodyWords = (d: SearchDoc) => d.body.split(/[\s.]+/).filter((w) => w.length > 0);
  const q: Record<Kind, string[]> = {
    '1-word': [],
    '2-word': [],
    '3-word': [],
    phrase: [],
    prefix: [],
    'with-filter': [],
  };
  for (let k = 0; k < count; k++) {
    const ws = bodyWords(pick());
    const at = () => ws[Math.floor(rand() * ws.length)]!.toLowerCase();
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
  }
  return q;
}

interface SizeReport {
  articles: number;
  indexSeconds: number;
  articlesPerSecond: number;
  articlesPerCpuSecond: number;
  mergeSeconds: number;
  segments: number;
  serializedMb: { core: number; positions: number };
  loadMs: number;
  heapMb: number;
  arrayBuffersMb: number;
  /** p50/p95: query + snippets of the 20 hits; queryOnlyP95: the index alone. */
  queries: Record<Kind, { p50: number; p95: number; queryOnlyP95: number; meanHits: number }>;
}

function run(n: number): SizeReport {
  console.log(`\n== ${n.toLocaleString('en')} articles ==`);
  const index = new SearchIndex();
  let indexMs = 0;
  let mergeMs = 0;
  let indexCpuMs = 0;
  let generateMs = 0;
  for (let start = 0; start < n; start += BATCH) {
    const g0 = performance.now();
    const batch: SearchDoc[] = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) batch.push(article(i));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    generateMs += t0 - g0;
    index.add(batch);
    const t1 = performance.now();
    while (index.mergeStep()) {
      // merges are part of the cost of keeping up with import
    }
    index.takeChanges();
    const cpu = process.cpuUsage(c0);
    indexCpuMs += (cpu.user + cpu.system) / 1000;
    mergeMs += performance.now() - t1;
    indexMs += performance.now() - t0;
    if ((start / BATCH) % 20 === 19) {
      console.log(
        `  ${start + BATCH} indexed, ${(indexMs / 1000).toFixed(1)} s, ${index.segments.length} segments`,
      );
    }
  }
  const rate = n / (indexMs / 1000);
  console.log(
    `index: ${(indexMs / 1000).toFixed(1)} s wall, ${(indexCpuMs / 1000).toFixed(1)} s CPU (${Math.round(rate)} articles/s wall, ${Math.round(n / (indexCpuMs / 1000))}/s CPU; of which merging ${(mergeMs / 1000).toFixed(1)} s; generation ${(generateMs / 1000).toFixed(1)} s excluded), ${index.segments.length} segments`,
  );

  const cores = index.segments.map((s) => serializeSegment(s));
  const positions = index.segments.map((s) => serializePositions(s));
  const coreMb = cores.reduce((a, b) => a + b.byteLength, 0) / 2 ** 20;
  const posMb = positions.reduce((a, b) => a + b.byteLength, 0) / 2 ** 20;
  console.log(`serialised: core ${coreMb.toFixed(1)} MB + positions ${posMb.toFixed(1)} MB`);

  // Loading: what opening the app does with the buffers read from IndexedDB.
  const t0 = performance.now();
  const loaded = new SearchIndex();
  cores.forEach((buffer, k) => {
    const seg = deserializeSegment(buffer);
    seg.positions = new Uint8Array(positions[k]!);
    loaded.attach(seg, index.deadOf(seg.id));
  });
  const loadMs = performance.now() - t0;
  console.log(`load (deserialise + attach): ${loadMs.toFixed(0)} ms, ${loaded.size} docs`);
  const mem = memoryMb();
  console.log(
    `memory after load (both indexes alive): heap ${mem.heap.toFixed(0)} MB, array buffers ${mem.arrayBuffers.toFixed(0)} MB`,
  );

  const queries = makeQueries(n, QUERIES_PER_KIND);
  const report = {} as SizeReport['queries'];
  for (const [kind, list] of Object.entries(queries) as [Kind, string[]][]) {
    const times: number[] = [];
    const queryTimes: number[] = [];
    let hits = 0;
    for (const q of list) {
      const q0 = performance.now();
      const r = loaded.search(q, { limit: 20 });
      if (r.error) throw new Error(`${q}: ${r.error.message}`);
      const q1 = performance.now();
      // Reading the page's 20 articles (IndexedDB in the app) is not timed here.
      const texts = r.hits.map((h) => article(Number(h.id.slice(1))));
      const q2 = performance.now();
      for (const text of texts) hitSnippet(text, r.highlight);
      times.push(q1 - q0 + (performance.now() - q2));
      queryTimes.push(q1 - q0);
      hits += r.total;
    }
    times.sort((a, b) => a - b);
    queryTimes.sort((a, b) => a - b);
    report[kind] = {
      p50: +percentile(times, 50).toFixed(2),
      p95: +percentile(times, 95).toFixed(2),
      queryOnlyP95: +percentile(queryTimes, 95).toFixed(2),
      meanHits: Math.round(hits / list.length),
    };
    console.log(
      `  ${kind.padEnd(12)} p50 ${report[kind].p50.toFixed(2).padStart(7)} ms  p95 ${report[kind].p95.toFixed(2).padStart(7)} ms  (index alone p95 ${report[kind].queryOnlyP95.toFixed(2)} ms)  mean total hits ${report[kind].meanHits}`,
    );
  }
  // Heap of one loaded index: drop the built one first.
  cores.length = 0;
  positions.length = 0;
  const only = memoryMb();
  return {
    articles: n,
    indexSeconds: +(indexMs / 1000).toFixed(2),
    articlesPerSecond: Math.round(rate),
    articlesPerCpuSecond: Math.round(n / (indexCpuMs / 1000)),
    mergeSeconds: +(mergeMs / 1000).toFixed(2),
    segments: index.segments.length,
    serializedMb: { core: +coreMb.toFixed(1), positions: +posMb.toFixed(1) },
    loadMs: Math.round(loadMs),
    heapMb: Math.round(only.heap),
    arrayBuffersMb: Math.round(only.arrayBuffers),
    queries: report,
  };
}

/** A fixed CPU-bound loop: shows how fast (or contended) this machine is right now. */
function calibrate(): number {
  const t0 = performance.now();
  const a = new Int32Array(1e6);
  let s = 0;
  for (let r = 0; r < 50; r++) for (let i = 0; i < 1e6; i++) s += (a[i]! += i) & 7;
  if (s === -1) console.log(s);
  return Math.round(performance.now() - t0);
}

const calibrationMs = calibrate();
console.log(`calibration: 50M typed-array ops in ${calibrationMs} ms (an idle laptop: ~50 ms)`);
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((x) => x > 0);
const results = (sizes.length > 0 ? sizes : [10_000, 100_000]).map(run);
console.log(
  JSON.stringify({ bench: 'search', calibrationMs, calibrationAfterMs: calibrate(), results }),
);
