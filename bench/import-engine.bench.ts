/**
 * Import-engine throughput: 10,000 text articles and 1,000 ~100 KB web pages, parsed with
 * parseFile (read + hash + decode + extract). Prints files/s and MB/s, then one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFile } from '../src/main/import/index';
import { generateTextArticle, generateWebPage, writeArticles } from './generate-articles';

const TEXT_COUNT = Number(process.env['BENCH_TEXT_COUNT'] ?? 10_000);
const HTML_COUNT = Number(process.env['BENCH_HTML_COUNT'] ?? 1_000);
const CONCURRENCY = 8;

interface Measure {
  files: number;
  refused: number;
  seconds: number;
  filesPerSecond: number;
  megabytesPerSecond: number;
}

async function measure(paths: string[], bytes: number): Promise<Measure> {
  let next = 0;
  let refused = 0;
  const start = process.hrtime.bigint();
  // A few reads in flight keep the disk busy while the CPU parses.
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const r = await parseFile(paths[next++] as string);
      if (!r.ok) refused++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    files: paths.length,
    refused,
    seconds: Number(seconds.toFixed(3)),
    filesPerSecond: Math.round(paths.length / seconds),
    megabytesPerSecond: Number((bytes / 1024 / 1024 / seconds).toFixed(2)),
  };
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
    // Warm-up so JIT and lazy module loading are not billed to the first files.
    await measure(text.paths.slice(0, 200), 0);
    await measure(html.paths.slice(0, 20), 0);
    const t = await measure(text.paths, text.bytes);
    console.log(
      `text: ${t.files} files, ${(text.bytes / 1048576).toFixed(1)} MB in ${t.seconds}s → ${t.filesPerSecond} files/s, ${t.megabytesPerSecond} MB/s (refused ${t.refused})`,
    );
    const h = await measure(html.paths, html.bytes);
    console.log(
      `html: ${h.files} files, ${(html.bytes / 1048576).toFixed(1)} MB in ${h.seconds}s → ${h.filesPerSecond} files/s, ${h.megabytesPerSecond} MB/s (refused ${h.refused})`,
    );
    const summary = {
      bench: 'import-engine',
      text: t,
      html: h,
      targets: { textFilesPerSecond: 3000, htmlFilesPerSecond: 50 },
      met: t.filesPerSecond >= 3000 && h.filesPerSecond >= 50,
    };
    console.log(JSON.stringify(summary));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
