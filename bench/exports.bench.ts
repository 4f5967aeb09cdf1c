/**
 * Database-export benchmark on generated Nexis Uni DOCX exports of 100 articles (search hits
 * in bold runs as Nexis marks them), in two shapes of about 2 MB each:
 * - "news": news-length articles (~600 words); the size comes from an image part per
 *   document (incompressible bytes, never parsed but inflated and checked by the zip guard);
 * - "long": all text: 100 features of ~4,900 words make the 2 MB (the worst case for parsing).
 * Measures one export parsed in-process with parseFile (read, guard, unzip, split, finish 100
 * drafts; target ≤ 1 s for both shapes), then 50 news exports imported through the real import
 * worker (ImportService: read, parse, post each article with its bytes) as articles/s,
 * against text files through the same worker (target: exports ≥ text).
 * Prints the load average with the figures and ONE JSON line last.
 * BENCH_EXPORT_FILES=10 BENCH_TEXT_COUNT=1000 for a quicker run.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseFile } from '../src/main/import/index';
import { ImportService } from '../src/main/services/import-service';
import { nexisExport, writeNexisExports } from './generate-exports';
import { generateTextArticle, writeArticles } from './generate-articles';

const FILES = Number(process.env['BENCH_EXPORT_FILES'] ?? 50);
const TEXT_COUNT = Number(process.env['BENCH_TEXT_COUNT'] ?? 5_000);
const WORKER = resolve(__dirname, '../out/main/import-worker.js');
const TARGET_PARSE_MS = 1000;
const round = (n: number): number => Math.round(n * 10) / 10;
const load = (): number[] => loadavg().map((x) => round(x));

/** Runs one import job through the real worker; counts the articles it posts. */
function runJob(
  dir: string,
): Promise<{ seconds: number; cpuSeconds: number; articles: number; refused: number }> {
  return new Promise((resolveRun) => {
    const start = performance.now();
    // Process CPU time includes the worker thread's: steadier than wall time under load.
    const cpu = process.cpuUsage();
    let articles = 0;
    let refused = 0;
    const service = new ImportService({
      workerPath: WORKER,
      emit: (event) => {
        if (event.type === 'items') {
          for (const item of event.items) {
            if (item.outcome.ok) articles += 1;
            else refused += 1;
          }
        }
        if (event.type === 'finished') {
          const used = process.cpuUsage(cpu);
          resolveRun({
            seconds: (performance.now() - start) / 1000,
            cpuSeconds: (used.user + used.system) / 1e6,
            articles,
            refused,
          });
        }
      },
    });
    service.start([dir], 'drop');
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'clipbook-bench-exports-'));
  try {
    const exportsDir = join(dir, 'exports');
    const longPath = join(dir, 'long.docx');
    const longBytes = nexisExport(999, 'long');
    writeFileSync(longPath, longBytes);
    const { paths, bytes: exportBytes } = await writeNexisExports(exportsDir, FILES, 'news');
    const text = await writeArticles(join(dir, 'text'), TEXT_COUNT, generateTextArticle, 1);
    const sizeMb = exportBytes / FILES / 1048576;
    console.log(`load average before: ${load().join(', ')} on ${availableParallelism()} CPUs`);

    // One export, in-process: warm up, then the median of 7.
    const parseOne = async (
      path: string,
      label: string,
      megabytes: number,
    ): Promise<{ ms: number; articles: number }> => {
      await parseFile(path);
      const times: number[] = [];
      let articles = 0;
      for (let k = 0; k < 7; k++) {
        const t0 = performance.now();
        const r = await parseFile(path);
        times.push(performance.now() - t0);
        articles = r.ok ? (r.parts?.filter((p) => p.outcome.ok).length ?? 0) : 0;
      }
      times.sort((a, b) => a - b);
      const ms = round(times[3] as number);
      console.log(
        `one ${label} export (${megabytes.toFixed(2)} MB, ${articles} articles): median ${ms} ms, best ${round(times[0] as number)} ms (target ≤ ${TARGET_PARSE_MS} ms)`,
      );
      return { ms, articles };
    };
    const news = await parseOne(paths[0] as string, 'news', sizeMb);
    const long = await parseOne(longPath, 'long', longBytes.length / 1048576);
    const articles = news.articles;
    const parseMs = Math.max(news.ms, long.ms);

    // End to end through the import worker: exports, then text files.
    const e = await runJob(exportsDir);
    const exportRate = Math.round(e.articles / e.seconds);
    const exportCpuRate = Math.round(e.articles / e.cpuSeconds);
    console.log(
      `${FILES} exports through the import worker: ${e.articles} articles in ${e.seconds.toFixed(2)} s → ${exportRate} articles/s; ${exportCpuRate} articles per CPU-second (refused ${e.refused})`,
    );
    const t = await runJob(join(dir, 'text'));
    const textRate = Math.round(t.articles / t.seconds);
    const textCpuRate = Math.round(t.articles / t.cpuSeconds);
    console.log(
      `${text.paths.length} text files through the import worker: ${t.articles} articles in ${t.seconds.toFixed(2)} s → ${textRate} articles/s; ${textCpuRate} articles per CPU-second (refused ${t.refused})`,
    );
    console.log(`load average after: ${load().join(', ')}`);
    console.log(
      JSON.stringify({
        bench: 'exports',
        cpus: availableParallelism(),
        loadAverage: load(),
        export: {
          news: { megabytes: Number(sizeMb.toFixed(2)), articles, parseMs: news.ms },
          long: { megabytes: Number((longBytes.length / 1048576).toFixed(2)), parseMs: long.ms },
        },
        worker: {
          exports: {
            files: FILES,
            articles: e.articles,
            seconds: round(e.seconds),
            articlesPerSecond: exportRate,
            articlesPerCpuSecond: exportCpuRate,
          },
          text: {
            files: t.articles,
            seconds: round(t.seconds),
            articlesPerSecond: textRate,
            articlesPerCpuSecond: textCpuRate,
          },
        },
        targets: { parseMs: TARGET_PARSE_MS, exportRateAtLeastText: true },
        met: parseMs <= TARGET_PARSE_MS && exportRate >= textRate,
        metByCpu: parseMs <= TARGET_PARSE_MS && exportCpuRate >= textCpuRate,
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
