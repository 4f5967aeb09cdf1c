/**
 * Import-engine throughput: 10,000 text articles and 1,000 ~100 KB web pages, parsed with
 * parseFile (read + hash + decode + extract). Prints files/s and MB/s, then one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseFile } from '../src/main/import/index';
import { generateTextArticle, generateWebPage, writeArticles } from './generate-articles';

const TEXT_COUNT = Number(process.env['BENCH_TEXT_COUNT'] ?? 10_000);
const HTML_COUNT = Number(process.env['BENCH_HTML_COUNT'] ?? 1_000);
const CONCURRENCY = 8;
/** ~100 KB web pages per second on one core (the body extractor's budget). */
const HTML_TARGET = 100;
/** Worker threads for the pool measurement (the app parses in workers too). */
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? availableParallelism());

interface Measure {
  files: number;
  /** Files per second of this process's CPU time: steadier than wall time on a busy machine. */
  filesPerCpuSecond?: number;
  refused: number;
  seconds: number;
  filesPerSecond: number;
  megabytesPerSecond: number;
}

async function measure(paths: string[], bytes: number): Promise<Measure> {
  let next = 0;
  let refused = 0;
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  // A few reads in flight keep the disk busy while the CPU parses.
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const r = await parseFile(paths[next++] as string);
      if (!r.ok) refused++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    files: paths.length,
    filesPerCpuSecond: Math.round(paths.length / cpuSeconds),
    refused,
    seconds: Number(seconds.toFixed(3)),
    filesPerSecond: Math.round(paths.length / seconds),
    megabytesPerSecond: Number((bytes / 1024 / 1024 / seconds).toFixed(2)),
  };
}

/** Same measurement with the files split over worker threads (startup excluded). */
async function measurePool(paths: string[], bytes: number, workers: number): Promise<Measure> {
  const pool = Array.from(
    { length: workers },
    () =>
      // Workers do not inherit tsx's loader: register it, then load the TypeScript worker.
      new Worker(
        `require('tsx/cjs/api').register(); require(${JSON.stringify(join(__dirname, 'parse-worker.ts'))});`,
        { eval: true },
      ),
  );
  const run = (slices: string[][]): Promise<number> =>
    Promise.all(
      pool.map(
        (w, i) =>
          new Promise<number>((resolve, reject) => {
            w.once('message', (m: { refused: number }) => resolve(m.refused));
            w.once('error', reject);
            w.postMessage(slices[i] ?? []);
          }),
      ),
    ).then((r) => r.reduce((a, b) => a + b, 0));
  const split = (list: string[]): string[][] =>
    pool.map((_, i) => list.filter((__, j) => j % workers === i));
  try {
    await run(split(paths.slice(0, 200)));
    const start = process.hrtime.bigint();
    // Process CPU time covers the worker threads too.
    const cpu = process.cpuUsage();
    const refused = await run(split(paths));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    return {
      files: paths.length,
      filesPerCpuSecond: Math.round(paths.length / ((used.user + used.system) / 1e6)),
      refused,
      seconds: Number(seconds.toFixed(3)),
      filesPerSecond: Math.round(paths.length / seconds),
      megabytesPerSecond: Number((bytes / 1024 / 1024 / seconds).toFixed(2)),
    };
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'clipbook-bench-'));
  try {
    const text = await writeArticles(join(dir, 'text'), TEXT_COUNT, generateTextArticle, 1);
    const html = await writeArticles(
      join(dir, 'html'),
      HTML_COUNT,
      (r, i) => generateWebPage(r, i),
      2,
    );
    const load = loadavg()[0] ?? 0;
    if (load > availableParallelism()) {
      console.log(
        `note: load average ${load.toFixed(1)} on ${availableParallelism()} CPUs; figures understate.`,
      );
    }
    // Warm-up so JIT and lazy module loading are not billed to the first files.
    await measure(text.paths.slice(0, 200), 0);
    await measure(html.paths.slice(0, 20), 0);
    const t = await measure(text.paths, text.bytes);
    console.log(
      `text (1 thread): ${t.files} files, ${(text.bytes / 1048576).toFixed(1)} MB in ${t.seconds}s → ${t.filesPerSecond} files/s, ${t.megabytesPerSecond} MB/s (refused ${t.refused}); ${t.filesPerCpuSecond} files per CPU-second`,
    );
    const h = await measure(html.paths, html.bytes);
    console.log(
      `html (1 thread): ${h.files} files, ${(html.bytes / 1048576).toFixed(1)} MB in ${h.seconds}s → ${h.filesPerSecond} files/s, ${h.megabytesPerSecond} MB/s (refused ${h.refused}); ${h.filesPerCpuSecond} files per CPU-second`,
    );
    let pool: { workers: number; text: Measure; html: Measure } | null = null;
    if (WORKERS > 1) {
      const pt = await measurePool(text.paths, text.bytes, WORKERS);
      console.log(
        `text (${WORKERS} workers): ${pt.filesPerSecond} files/s, ${pt.megabytesPerSecond} MB/s; ${pt.filesPerCpuSecond} files per CPU-second`,
      );
      const ph = await measurePool(html.paths, html.bytes, WORKERS);
      console.log(
        `html (${WORKERS} workers): ${ph.filesPerSecond} files/s, ${ph.megabytesPerSecond} MB/s; ${ph.filesPerCpuSecond} files per CPU-second`,
      );
      pool = { workers: WORKERS, text: pt, html: ph };
    }
    const summary = {
      bench: 'import-engine',
      cpus: availableParallelism(),
      loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
      singleThread: { text: t, html: h },
      pool,
      targets: { textFilesPerSecond: 3000, htmlFilesPerSecond: HTML_TARGET },
      metSingleThread: t.filesPerSecond >= 3000 && h.filesPerSecond >= HTML_TARGET,
      metPool: pool
        ? pool.text.filesPerSecond >= 3000 && pool.html.filesPerSecond >= HTML_TARGET
        : null,
    };
    console.log(JSON.stringify(summary));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
