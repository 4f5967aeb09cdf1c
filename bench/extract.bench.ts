/**
 * Web-page extraction quality and speed on an annotated folder (trafilatura's evaluation layout):
 * `DIR/evaldata.json` lists, per page, passages its main text must contain (`with`) and
 * boilerplate it must not (`without`); `DIR/pages/` holds the pages (gzipped or not).
 *
 * Each page goes through the whole engine (parseBytes: sniff, decode, extract, finish); the
 * main text is the draft's paragraphs. Scoring matches trafilatura's: whitespace-normalised
 * substring tests. Prints precision, recall, F1, pages per CPU-second on one thread, the pages
 * refused as empty (and which of them have a main text), the worst pages, then one JSON line.
 *
 * Usage: npm run bench:extract -- DIR [--worst N] [--out RESULTS.json] [--only SUBSTRING]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseBytes } from '../src/main/import/index';

interface EvalItem {
  file: string;
  with: string[];
  without: string[];
}

interface PageResult {
  file: string;
  text: string | null;
  refusal?: string;
  missed: string[];
  kept: string[];
}

function usage(): never {
  console.error('usage: npm run bench:extract -- DIR [--worst N] [--out RESULTS.json]');
  process.exit(2);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

function readPage(dir: string, file: string): Uint8Array | null {
  for (const [path, gz] of [
    [join(dir, 'pages', `${file}.gz`), true],
    [join(dir, 'pages', file), false],
    [join(dir, `${file}.gz`), true],
    [join(dir, file), false],
  ] as const) {
    if (existsSync(path)) {
      const raw = readFileSync(path);
      return gz ? gunzipSync(raw) : raw;
    }
  }
  return null;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args[0];
  if (!dir || dir.startsWith('--')) usage();
  const worstN = Number(option(args, '--worst') ?? 15);
  const out = option(args, '--out');
  const only = option(args, '--only');
  const evaldata = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<
    string,
    EvalItem
  >;
  let items = Object.values(evaldata);
  if (only) items = items.filter((i) => i.file.includes(only));
  const pages: { item: EvalItem; bytes: Uint8Array }[] = [];
  let missingFiles = 0;
  let totalBytes = 0;
  for (const item of items) {
    const bytes = readPage(dir, item.file);
    if (!bytes) {
      missingFiles++;
      continue;
    }
    totalBytes += bytes.length;
    pages.push({ item, bytes });
  }

  // Warm-up (JIT, lazy imports) on a few pages, not billed.
  for (const p of pages.slice(0, 20)) await parseBytes(p.bytes, p.item.file);

  const texts = new Map<string, { text: string | null; refusal?: string }>();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const p of pages) {
    const r = await parseBytes(p.bytes, p.item.file);
    texts.set(
      p.item.file,
      r.ok
        ? { text: r.draft.paragraphs.join('\n') }
        : { text: null, refusal: `${r.error.code}: ${r.error.message}` },
    );
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;

  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const results: PageResult[] = [];
  for (const item of items) {
    const r = texts.get(item.file) ?? { text: null, refusal: 'missing file' };
    const got = r.text === null ? '' : norm(r.text);
    const missed = item.with.filter((w) => !got.includes(norm(w)));
    const kept = item.without.filter((w) => got.includes(norm(w)));
    tp += item.with.length - missed.length;
    fn += missed.length;
    fp += kept.length;
    tn += item.without.length - kept.length;
    results.push({ file: item.file, text: r.text, refusal: r.refusal, missed, kept });
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const refused = results.filter((r) => r.refusal !== undefined);
  const emptyRefusals = refused.filter((r) => r.refusal?.startsWith('empty'));
  // A page has a main text when its annotation names passages that belong to it.
  const withCount = new Map(items.map((i) => [i.file, i.with.length]));
  const emptyWithText = emptyRefusals.filter((r) => (withCount.get(r.file) ?? 0) > 0);

  const worst = results
    .filter((r) => r.missed.length || r.kept.length)
    .sort((a, b) => b.missed.length + b.kept.length - (a.missed.length + a.kept.length))
    .slice(0, worstN);
  console.log(`worst ${worst.length} pages:`);
  for (const w of worst) {
    console.log(
      `${w.file}: missed ${w.missed.length}, kept ${w.kept.length} boilerplate${w.refusal ? ` (refused: ${w.refusal.slice(0, 60)})` : ''}`,
    );
    for (const m of w.missed.slice(0, 2)) console.log(`   missing: ${m.slice(0, 90)}`);
    for (const k of w.kept.slice(0, 2)) console.log(`   kept:    ${k.slice(0, 90)}`);
  }
  if (emptyRefusals.length) {
    console.log(`refused as empty: ${emptyRefusals.map((r) => r.file).join(', ')}`);
  }
  const load = loadavg().map((x) => Number(x.toFixed(2)));
  const pagesPerCpuSecond = Math.round(pages.length / cpuSeconds);
  console.log(
    `pages ${items.length} (read ${pages.length}, missing ${missingFiles}; ${(totalBytes / pages.length / 1024).toFixed(0)} KB on average); passages tp ${tp} fp ${fp} fn ${fn} tn ${tn}`,
  );
  console.log(
    `precision ${precision.toFixed(4)} recall ${recall.toFixed(4)} F1 ${f1.toFixed(4)}; refused ${refused.length} (as empty ${emptyRefusals.length}, of which with a main text ${emptyWithText.length})`,
  );
  console.log(
    `speed (1 thread): ${pagesPerCpuSecond} pages per CPU-second, ${Math.round(pages.length / seconds)} pages/s wall; load average ${load.join(' ')} on ${availableParallelism()} CPUs`,
  );
  if (out) {
    const map: Record<string, string | null> = {};
    for (const r of results) map[r.file] = r.text;
    writeFileSync(out, JSON.stringify(map));
  }
  console.log(
    JSON.stringify({
      bench: 'extract',
      pages: items.length,
      missingFiles,
      precision: Number(precision.toFixed(4)),
      recall: Number(recall.toFixed(4)),
      f1: Number(f1.toFixed(4)),
      passages: { tp, fp, fn, tn },
      refused: refused.length,
      emptyRefusals: emptyRefusals.length,
      emptyRefusalsWithText: emptyWithText.length,
      pagesPerCpuSecond,
      pagesPerSecondWall: Math.round(pages.length / seconds),
      averagePageKB: Math.round(totalBytes / pages.length / 1024),
      loadAverage: load,
      worst: worst.map((w) => ({ file: w.file, missed: w.missed.length, kept: w.kept.length })),
    }),
  );
}

void main();
