/**
 * The search benchmark in Chromium: the built search worker (out/renderer, `npx electron-vite
 * build` first) in a minimal page at HARNESS_ORIGIN, so it runs exactly as in the app, with
 * the app's IndexedDB. Per size: the page generates the articles itself (the generator's own
 * code, not shipped through the DevTools protocol: 100,000 articles are ~800 MB of JSON that way)
 * and, in batches of 1,000, seeds the clippings (raw IndexedDB, untimed) and indexes them
 * through the worker (a probe query after each batch shows how long merges keep queries
 * waiting); then it flushes (persistence and merges), reloads the page and times open-to-ready
 * on the stored index, then measures heap and per-kind query latency including snippets (the
 * worker reads the hits' texts from IndexedDB, as in the app).
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/e2e/support/chromium';
import { HARNESS_ORIGIN } from '../test/e2e/support/harness';
import type { SearchDoc } from '../src/shared/search/types';
import { createArticles, makeQueries, percentile, type Kind } from './search-articles';

const RENDERER = resolve(__dirname, '../out/renderer');
const BATCH = 1000;

const PAGE = (
  workerUrl: string,
) => `<!doctype html><meta charset="utf-8"><title>search bench</title>
<script type="module">
const worker = new Worker(${JSON.stringify(workerUrl)}, { type: 'module', name: 'clipbook-search' });
const pending = new Map();
let seq = 0;
worker.addEventListener('message', (event) => {
  const m = event.data;
  const w = pending.get(m.seq);
  pending.delete(m.seq);
  if (m.ok) w.resolve(m.result); else w.reject(new Error(m.message));
});
window.call = (request) => new Promise((resolve, reject) => {
  const s = ++seq;
  pending.set(s, { resolve, reject });
  worker.postMessage({ seq: s, request });
});
window.timedCall = async (request) => {
  const t0 = performance.now();
  const result = await window.call(request);
  return { ms: performance.now() - t0, result };
};
window.readyAt = window.call({ kind: 'ready' }).then((info) => ({ info, at: performance.now() }));
let db = null;
window.putClippings = async (rows) => {
  db ??= await new Promise((resolve, reject) => {
    const r = indexedDB.open('clipbook');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction('clippings', 'readwrite');
    const store = tx.objectStore('clippings');
    for (const row of rows) store.put(row);
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
};
// The TypeScript loader wraps named functions in __name(); the generator's code expects it.
const __name = (f) => f;
let articles = null;
const clippingRow = ${clippingRow.toString()};
/** Generates, seeds and indexes articles [start, end), then times a probe query. */
window.indexBatch = async (start, end) => {
  articles ??= (${createArticles.toString()})();
  const t0 = performance.now();
  const docs = [];
  for (let i = start; i < end; i++) docs.push(articles.article(i));
  const t1 = performance.now();
  await window.putClippings(docs.map(clippingRow));
  const t2 = performance.now();
  const indexed = await window.timedCall({ kind: 'index', docs });
  // Let a merge (started with setTimeout) begin, then see how long a query waits.
  await new Promise((resolveWait) => setTimeout(resolveWait, 5));
  const probe = await window.timedCall({ kind: 'query', text: 'the ', options: { limit: 20 } });
  return { generateMs: t1 - t0, seedMs: t2 - t1, index: indexed.ms, probe: probe.ms };
};
window.runQueries = async (list, limit) => {
  const times = [];
  let hits = 0;
  for (const text of list) {
    const t0 = performance.now();
    const r = await window.call({ kind: 'query', text, options: { limit } });
    times.push(performance.now() - t0);
    if (r.error) throw new Error(text + ': ' + r.error.message);
    if (limit > 0 && r.hits.length > 0 && r.hits[0].snippet.text === '') throw new Error('no snippet');
    hits += r.total;
  }
  return { times, hits };
};
</script>`;

function workerUrl(): string {
  const file = readdirSync(join(RENDERER, 'assets')).find((f) => /^search-worker-.*\.js$/.test(f));
  if (!file)
    throw new Error('No search worker in out/renderer/assets: run npx electron-vite build');
  return `/assets/${file}`;
}

async function servePage(page: Page, html: string): Promise<void> {
  await page.route(`${HARNESS_ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/bench.html') {
      return route.fulfill({ status: 200, body: html, contentType: 'text/html' });
    }
    const file = resolve(RENDERER, `.${decodeURIComponent(path)}`);
    if (!file.startsWith(RENDERER)) return route.fulfill({ status: 404 });
    return route.fulfill({ path: file, headers: { 'content-type': 'text/javascript' } });
  });
}

/**
 * The clippings row the worker reads texts from (only the fields it and the indexes use).
 * Runs in the page (see PAGE): self-contained.
 */
function clippingRow(d: SearchDoc): Record<string, unknown> {
  return {
    id: d.id,
    title: d.title,
    paragraphs: d.body.split('\n\n'),
    source: d.source,
    authors: d.authors,
    tags: d.tags,
    language: d.language,
    publishedAt: d.publishedAt,
    importedAt: '2025-01-01T00:00:00Z',
    deletedAt: d.trashed ? '2025-01-02T00:00:00Z' : '',
  };
}

interface Heap {
  pageMb: number;
  workerMb: number | null;
  /** ArrayBuffer backing stores (the index's typed arrays), when Chromium reports them. */
  workerBackingMb: number | null;
}

/** JS heap in use on the page and in the search worker (CDP Runtime.getHeapUsage). */
async function heapUsage(cdp: CDPSession, workerSession: string | null): Promise<Heap> {
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  const page = await cdp.send('Runtime.getHeapUsage');
  const worker = workerSession ? await workerHeap(cdp, workerSession).catch(() => null) : null;
  return {
    pageMb: +(page.usedSize / 2 ** 20).toFixed(1),
    workerMb: worker?.used ?? null,
    workerBackingMb: worker?.backing ?? null,
  };
}

let messageId = 1000;

/** One command to an attached worker target (non-flattened session, through the page's). */
function sendToWorker(
  cdp: CDPSession,
  sessionId: string,
  method: string,
): Promise<Record<string, unknown>> {
  const id = messageId++;
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), 30_000);
    const listener = (event: { sessionId: string; message: string }) => {
      const m = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
      if (event.sessionId !== sessionId || m.id !== id) return;
      clearTimeout(timer);
      cdp.off('Target.receivedMessageFromTarget', listener);
      if (m.result) resolvePromise(m.result);
      else reject(new Error(event.message));
    };
    cdp.on('Target.receivedMessageFromTarget', listener);
    void cdp
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
      .catch(reject);
  });
}

async function workerHeap(
  cdp: CDPSession,
  sessionId: string,
): Promise<{ used: number; backing: number | null }> {
  await sendToWorker(cdp, sessionId, 'HeapProfiler.collectGarbage').catch(() => undefined);
  const r = await sendToWorker(cdp, sessionId, 'Runtime.getHeapUsage');
  const mb = (v: unknown) => (typeof v === 'number' ? +(v / 2 ** 20).toFixed(1) : null);
  return { used: mb(r['usedSize']) ?? 0, backing: mb(r['backingStorageSize']) };
}

/** A CDP session on the page that attaches to its dedicated workers; resolves their session. */
async function attachWorkers(
  page: Page,
): Promise<{ cdp: CDPSession; worker: () => string | null }> {
  const cdp = await page.context().newCDPSession(page);
  let session: string | null = null;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') session = event.sessionId;
  });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  return { cdp, worker: () => session };
}

const log = (s: string) => process.stderr.write(`${s}\n`);

export interface BrowserSizeReport {
  articles: number;
  /** Sum of the worker's `index` calls (message + indexing), excluding clipping writes. */
  indexSeconds: number;
  articlesPerSecond: number;
  /** Until persisted and merged (flush), from the first batch. */
  indexAndPersistSeconds: number;
  seedClippingsSeconds: number;
  /** Generating the articles in the page (excluded from the other figures). */
  generateSeconds: number;
  /** Latency of a query sent right after each batch, while merges and writes run. */
  probeDuringIndexing: { p50: number; p95: number; max: number };
  openToReadyMs: number;
  workerLoadMs: number;
  heapMb: Heap;
  queries: Record<Kind, { p50: number; p95: number; meanHits: number }> & {
    '1-word@200': { p50: number; p95: number; meanHits: number };
  };
}

async function runSize(n: number, queriesPerKind: number): Promise<BrowserSizeReport> {
  log(`\n== Chromium: ${n.toLocaleString('en')} articles ==`);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await servePage(page, PAGE(workerUrl()));
    await page.goto(`${HARNESS_ORIGIN}/bench.html`);
    await page.evaluate(() => (window as unknown as { readyAt: Promise<unknown> }).readyAt);

    let indexMs = 0;
    let seedMs = 0;
    let generateMs = 0;
    const probes: number[] = [];
    const t0 = performance.now();
    for (let start = 0; start < n; start += BATCH) {
      const r = await page.evaluate(
        ([from, to]) => {
          type Batch = { generateMs: number; seedMs: number; index: number; probe: number };
          const w = window as unknown as { indexBatch: (a: number, b: number) => Promise<Batch> };
          return w.indexBatch(from, to);
        },
        [start, Math.min(n, start + BATCH)] as const,
      );
      indexMs += r.index;
      seedMs += r.seedMs;
      generateMs += r.generateMs;
      probes.push(r.probe);
      if ((start / BATCH) % 10 === 9) {
        log(
          `  ${start + BATCH} indexed: index ${(indexMs / 1000).toFixed(1)} s, clippings ${(seedMs / 1000).toFixed(1)} s, generation ${(generateMs / 1000).toFixed(1)} s, last probe ${r.probe.toFixed(0)} ms`,
        );
      }
    }
    const flushed = await page.evaluate(async () => {
      const w = window as unknown as { timedCall: (r: unknown) => Promise<{ ms: number }> };
      return (await w.timedCall({ kind: 'flush' })).ms;
    });
    const totalMs = performance.now() - t0 - seedMs - generateMs;
    log(`  flush (writes and merges left): ${(flushed / 1000).toFixed(1)} s`);

    // Reopen: a new page load, so a new worker that reads the stored index.
    await page.reload();
    const ready = await page.evaluate(() => {
      type Ready = { info: { docCount: number; reset: boolean; loadMs: number }; at: number };
      return (window as unknown as { readyAt: Promise<Ready> }).readyAt;
    });
    if (ready.info.docCount !== n || ready.info.reset) {
      throw new Error(`Reopened index has ${ready.info.docCount} docs (reset ${ready.info.reset})`);
    }
    log(`  open-to-ready: ${ready.at.toFixed(0)} ms (worker load ${ready.info.loadMs} ms)`);
    // Positions load after ready (phrases wait for them): wait before measuring.
    await page.evaluate(() =>
      (window as unknown as { call: (r: unknown) => Promise<unknown> }).call({ kind: 'flush' }),
    );
    const { cdp, worker } = await attachWorkers(page);
    await new Promise((r) => setTimeout(r, 200));
    const heap = await heapUsage(cdp, worker());
    log(
      `  heap: page ${heap.pageMb} MB, worker ${heap.workerMb ?? '?'} MB (+ array buffers ${heap.workerBackingMb ?? '?'} MB)`,
    );

    const sets = makeQueries(n, queriesPerKind);
    const queries = {} as BrowserSizeReport['queries'];
    const measure = async (name: Kind | '1-word@200', list: string[], limit: number) => {
      const r = await page.evaluate(
        ([l, lim]) => {
          type Run = (q: string[], limit: number) => Promise<{ times: number[]; hits: number }>;
          return (window as unknown as { runQueries: Run }).runQueries(l, lim);
        },
        [list, limit] as const,
      );
      const times = r.times.sort((a, b) => a - b);
      queries[name] = {
        p50: +percentile(times, 50).toFixed(2),
        p95: +percentile(times, 95).toFixed(2),
        meanHits: Math.round(r.hits / list.length),
      };
      log(
        `  ${name.padEnd(12)} p50 ${queries[name].p50.toFixed(1).padStart(7)} ms  p95 ${queries[name].p95.toFixed(1).padStart(7)} ms  mean total ${queries[name].meanHits}`,
      );
    };
    for (const [kind, list] of Object.entries(sets) as [Kind, string[]][]) {
      await measure(kind, list, 20);
    }
    // The app asks for 200 hits (with their snippets).
    await measure('1-word@200', sets['1-word'].slice(0, Math.min(50, queriesPerKind)), 200);
    probes.sort((a, b) => a - b);
    await context.close();
    return {
      articles: n,
      indexSeconds: +(indexMs / 1000).toFixed(2),
      articlesPerSecond: Math.round(n / (indexMs / 1000)),
      indexAndPersistSeconds: +(totalMs / 1000).toFixed(2),
      seedClippingsSeconds: +(seedMs / 1000).toFixed(2),
      generateSeconds: +(generateMs / 1000).toFixed(2),
      probeDuringIndexing: {
        p50: Math.round(percentile(probes, 50)),
        p95: Math.round(percentile(probes, 95)),
        max: Math.round(probes[probes.length - 1] ?? 0),
      },
      openToReadyMs: Math.round(ready.at),
      workerLoadMs: ready.info.loadMs,
      heapMb: heap,
      queries,
    };
  } finally {
    await browser.close();
  }
}

export async function runBrowser(sizes: readonly number[], queriesPerKind = 100): Promise<void> {
  const before = loadavg().map((l) => +l.toFixed(2));
  const results: BrowserSizeReport[] = [];
  for (const n of sizes) results.push(await runSize(n, queriesPerKind));
  const after = loadavg().map((l) => +l.toFixed(2));
  console.log(
    JSON.stringify({ bench: 'search-chromium', loadAverage: { before, after }, results }),
  );
}
