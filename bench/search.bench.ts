/**
 * Search engine benchmark (Node): indexes generated news-like articles (~600 words, Zipf
 * vocabulary, some Cyrillic and Arabic) in import-sized batches with tiered merging, then
 * measures serialised size, load time, heap and per-kind query latency including snippets.
 * Ends with one JSON line.
 *
 * Usage: node --expose-gc --import tsx bench/search.bench.ts [--node] [sizes...]
 * (default sizes 10000 100000). Without --node it runs in Chromium (bench/search-browser.ts,
 * needs `npx electron-vite build`); --node runs the engine alone in this process.
 */
import { loadavg } from 'node:os';
import { SearchIndex, type SearchDoc } from '../src/shared/search/index';
import {
  attachPositions,
  deserializeSegment,
  serializePositions,
  serializeSegment,
} from '../src/shared/search/segment-codec';
import { hitSnippet } from '../src/shared/search/snippet';
import { article, makeQueries, percentile, type Kind } from './search-articles';
import { runBrowser } from './search-browser';

const BATCH = 1000;
const QUERIES_PER_KIND = 200;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function memoryMb(): { heap: number; arrayBuffers: number } {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, arrayBuffers: m.arrayBuffers / 2 ** 20 };
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
  /**
   * p50/p95: query + snippets of the 20 hits, wall clock; cpuP50/cpuP95: the same in CPU time
   * of this process (less skewed by other load on the machine); queryOnlyP95: the index alone.
   */
  queries: Record<
    Kind,
    {
      p50: number;
      p95: number;
      cpuP50: number;
      cpuP95: number;
      queryOnlyP95: number;
      meanHits: number;
    }
  >;
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
    attachPositions(seg, positions[k]!);
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
    const cpuTimes: number[] = [];
    const queryTimes: number[] = [];
    let hits = 0;
    for (const q of list) {
      const c0 = process.cpuUsage();
      const q0 = performance.now();
      const r = loaded.search(q, { limit: 20 });
      if (r.error) throw new Error(`${q}: ${r.error.message}`);
      const q1 = performance.now();
      const c1 = process.cpuUsage(c0);
      // Reading the page's 20 articles (IndexedDB in the app) is not timed here.
      const texts = r.hits.map((h) => article(Number(h.id.slice(1))));
      const c2 = process.cpuUsage();
      const q2 = performance.now();
      for (const text of texts) hitSnippet(text, r.highlight);
      times.push(q1 - q0 + (performance.now() - q2));
      const c3 = process.cpuUsage(c2);
      cpuTimes.push((c1.user + c1.system + c3.user + c3.system) / 1000);
      queryTimes.push(q1 - q0);
      hits += r.total;
    }
    const p = (sample: number[], at: number) =>
      +percentile(
        [...sample].sort((a, b) => a - b),
        at,
      ).toFixed(2);
    report[kind] = {
      p50: p(times, 50),
      p95: p(times, 95),
      cpuP50: p(cpuTimes, 50),
      cpuP95: p(cpuTimes, 95),
      queryOnlyP95: p(queryTimes, 95),
      meanHits: Math.round(hits / list.length),
    };
    const r = report[kind];
    console.log(
      `  ${kind.padEnd(12)} p50 ${r.p50.toFixed(2).padStart(7)} ms  p95 ${r.p95.toFixed(2).padStart(7)} ms  (CPU p50 ${r.cpuP50.toFixed(2)}, p95 ${r.cpuP95.toFixed(2)}; index alone p95 ${r.queryOnlyP95.toFixed(2)} ms)  mean total hits ${r.meanHits}`,
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

/** The 1, 5 and 15 minute load averages: how busy the machine was around the figures. */
function loadAverage(): number[] {
  return loadavg().map((l) => +l.toFixed(2));
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

const args = process.argv.slice(2);
const sizes = args.map(Number).filter((x) => x > 0);

if (args.includes('--node')) {
  const calibrationMs = calibrate();
  const loadBefore = loadAverage();
  console.log(
    `calibration: 50M typed-array ops in ${calibrationMs} ms (an idle laptop: ~50 ms); load average ${loadBefore.join(' ')}`,
  );
  const results = (sizes.length > 0 ? sizes : [10_000, 100_000]).map(run);
  console.log(
    JSON.stringify({
      bench: 'search',
      calibrationMs,
      calibrationAfterMs: calibrate(),
      loadAverage: { before: loadBefore, after: loadAverage() },
      results,
    }),
  );
} else {
  const calibrationMs = calibrate();
  process.stderr.write(`calibration: 50M typed-array ops in ${calibrationMs} ms (idle: ~50 ms)\n`);
  runBrowser(sizes.length > 0 ? sizes : [10_000, 100_000]).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
