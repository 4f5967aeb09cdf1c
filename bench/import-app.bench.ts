/**
 * App-side import benchmark: 10,000 generated text articles in a folder, imported through the
 * real path (ImportService worker → import events → the page stores them with LibraryRepo in
 * IndexedDB) in Chromium with the built renderer. Reports files/s for parse + store, and
 * separately the parse-only rate of the same worker and the harness transport's share (the
 * page.evaluate that stands in for webContents.send: not the app). Prints ONE JSON line last.
 *
 * BENCH_TEXT_COUNT=2000 for a quicker run.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ImportService } from '../src/main/services/import-service';
import type { ImportEvent } from '../src/shared/ipc';
import { EVENT_CHANNELS } from '../src/shared/ipc-channels';
import { err, ok, type Result } from '../src/shared/result';
import { chromiumLaunchOptions } from '../test/e2e/support/chromium';
import { emitToPage, HARNESS_ORIGIN, wireRenderer } from '../test/e2e/support/harness';
import { generateTextArticle, writeArticles } from './generate-articles';

const COUNT = Number(process.env['BENCH_TEXT_COUNT'] ?? 10_000);
const WORKER = resolve(__dirname, '../out/main/import-worker.js');
const TARGET_FILES_PER_SECOND = 1000;

const round = (n: number): number => Math.round(n * 10) / 10;

/** Runs one job through a fresh ImportService; `deliver` gets each event in order. */
function runJob(
  dir: string,
  deliver: (event: ImportEvent) => void,
): Promise<{ seconds: number; items: number; events: number }> {
  return new Promise((resolveRun) => {
    const start = performance.now();
    let items = 0;
    let events = 0;
    const service = new ImportService({
      workerPath: WORKER,
      emit: (event) => {
        events += 1;
        if (event.type === 'items') items += event.items.length;
        deliver(event);
        if (event.type === 'finished') {
          resolveRun({ seconds: (performance.now() - start) / 1000, items, events });
        }
      },
    });
    service.start([dir], 'drop');
  });
}

async function countSummaries(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('clipbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('summaries').objectStore('summaries').count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
        };
      }),
  );
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Busy time of a CPU profile, and the part spent under the harness preload's `decode`. */
function splitProfile(profile: CpuProfile): { busyMs: number; harnessMs: number } {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let busy = 0;
  let harness = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const dt = deltas[i] ?? 0;
    const name = byId.get(id)?.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') return;
    busy += dt;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)?.callFrame.functionName === 'decode') {
        harness += dt;
        break;
      }
    }
  });
  return { busyMs: busy / 1000, harnessMs: harness / 1000 };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'clipbook-import-app-'));
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const text = await writeArticles(join(dir, 'text'), COUNT, generateTextArticle, 1);
    console.log(`${COUNT} text articles, ${(text.bytes / 1048576).toFixed(1)} MB`);

    // 1. Parse only: the same worker and service, events dropped (warm-up run first).
    await runJob(join(dir, 'text'), () => {});
    const parse = await runJob(join(dir, 'text'), () => {});
    console.log(
      `parse only (worker): ${round(parse.seconds)} s → ${Math.round(COUNT / parse.seconds)} files/s`,
    );

    // 2. Parse + store: events into the page, which stores every batch in IndexedDB.
    const context = await browser.newContext();
    const page = await context.newPage();
    const platform = process.platform;
    await wireRenderer(page, async (channel): Promise<Result<unknown>> =>
      channel === 'app:info'
        ? ok({ name: 'Clipbook', version: 'bench', platform, dataDir: dir })
        : err('unavailable', `${channel} is not available in the import benchmark.`),
    );
    await page.goto(`${HARNESS_ORIGIN}/index.html`);
    await page.getByRole('button', { name: 'Import…' }).waitFor();

    // A CPU profile of the page splits its busy time into the harness's decoding of the
    // transported events (not the app: Electron's IPC clones bytes natively) and the rest.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    let chain: Promise<unknown> = Promise.resolve();
    let transportMs = 0;
    let batches = 0;
    let largestBatch = 0;
    const start = performance.now();
    const job = await runJob(join(dir, 'text'), (event) => {
      if (event.type === 'items') {
        batches += 1;
        largestBatch = Math.max(largestBatch, event.items.length);
      }
      chain = chain.then(async () => {
        const t0 = performance.now();
        await emitToPage(page, EVENT_CHANNELS.import, event);
        transportMs += performance.now() - t0;
      });
    });
    await chain;
    const delivered = performance.now();
    // Every event is in the page; wait until the page has stored the last batch.
    await page.getByRole('button', { name: 'Import report' }).waitFor({ timeout: 600_000 });
    const seconds = (performance.now() - start) / 1000;
    const { profile } = await cdp.send('Profiler.stop');
    const split = splitProfile(profile);
    const stored = await countSummaries(page);
    const tailMs = performance.now() - delivered;
    const filesPerSecond = Math.round(COUNT / seconds);
    // What the app itself costs: the run minus the time the harness spent carrying events
    // (the transport and the page's store overlap, so this is an upper bound on the app's share).
    const appSeconds = seconds - transportMs / 1000;
    console.log(
      `parse + store: ${stored} stored in ${round(seconds)} s → ${filesPerSecond} files/s (worker done after ${round(job.seconds)} s)`,
    );
    console.log(
      `harness transport: ${job.events} events (${batches} batches, ≤ ${largestBatch} files) in ${Math.round(transportMs)} ms; after transport ${Math.round(tailMs)} ms to store the rest`,
    );
    console.log(`parse + store without the transport: ${Math.round(COUNT / appSeconds)} files/s`);
    console.log(
      `page main thread: busy ${Math.round(split.busyMs)} ms, of which harness decoding ${Math.round(split.harnessMs)} ms; the app ${Math.round(split.busyMs - split.harnessMs)} ms → ${Math.round(COUNT / ((split.busyMs - split.harnessMs) / 1000))} files per page-second`,
    );
    await context.close();

    console.log(
      JSON.stringify({
        bench: 'import-app',
        files: COUNT,
        megabytes: round(text.bytes / 1048576),
        stored,
        cpus: availableParallelism(),
        loadAverage: loadavg().map((x) => round(x)),
        parseOnly: {
          seconds: round(parse.seconds),
          filesPerSecond: Math.round(COUNT / parse.seconds),
        },
        parseAndStore: { seconds: round(seconds), filesPerSecond },
        transport: {
          events: job.events,
          batches,
          largestBatch,
          ms: Math.round(transportMs),
          msPerEvent: round(transportMs / job.events),
        },
        parseAndStoreWithoutTransport: { filesPerSecond: Math.round(COUNT / appSeconds) },
        pageMainThread: {
          busyMs: Math.round(split.busyMs),
          harnessDecodeMs: Math.round(split.harnessMs),
          appMs: Math.round(split.busyMs - split.harnessMs),
          appFilesPerSecond: Math.round(COUNT / ((split.busyMs - split.harnessMs) / 1000)),
        },
        target: { filesPerSecond: TARGET_FILES_PER_SECOND },
        met: filesPerSecond >= TARGET_FILES_PER_SECOND,
      }),
    );
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
