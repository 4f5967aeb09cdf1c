/**
 * The stories worker itself, in Chromium with the built renderer: a library of seeded
 * clippings (the labelled corpus's generator, run in the page so 100,000 texts need not
 * cross from Node) whose stories were never grouped, opened as the app opens it: the
 * window asks its stories worker to regroup the whole library in the background. Measures
 * the regrouping's wall time from the request to the answer and to the window showing the
 * stories, the worker thread's CPU time (fair on a shared machine), and whether the window
 * stayed responsive meanwhile (its longest frame gap and long tasks).
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { join } from 'node:path';
import { err, ok, type Result } from '../src/shared/result';
import { chromiumLaunchOptions } from '../test/e2e/support/chromium';
import { HARNESS_ORIGIN, wireRenderer } from '../test/e2e/support/harness';
import { chromiumCpu } from './chromium-cpu';

export interface WorkerRegroup {
  clippings: number;
  seedSeconds: number;
  /** The request to the worker's answer, and to the window's status line going away. */
  workerSeconds: number;
  shownSeconds: number;
  workerCpuSeconds: number;
  /** IndexedDB's backend, in the browser process. */
  browserCpuSeconds: number;
  progressMessages: number;
  maxFrameGapMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** Each long task: its start after the request, and its length (ms). */
  tasks: [number, number][];
  answeredAfter: number;
}

/** Watches the stories worker and the window's frames; the search worker stays silent. */
const PROBE = String.raw`(() => {
  const Native = window.Worker;
  const probe = { sent: 0, answered: 0, progress: 0, frames: [], longTasks: [] };
  Object.defineProperty(window, '__storiesProbe', { value: probe });
  window.Worker = function (url, options) {
    if (options?.name !== 'clipbook-stories')
      return { postMessage() {}, addEventListener() {}, removeEventListener() {}, terminate() {} };
    const worker = new Native(url, options);
    const post = worker.postMessage.bind(worker);
    let seq = -1;
    worker.postMessage = (message) => {
      if (message?.request?.kind === 'regroupAll') {
        seq = message.seq;
        probe.sent = performance.now();
      }
      post(message);
    };
    worker.addEventListener('message', (event) => {
      if (event.data?.progress) probe.progress++;
      else if (event.data?.seq === seq) probe.answered = performance.now();
    });
    return worker;
  };
  let last = 0;
  const tick = (t) => {
    if (last) probe.frames.push([t, t - last]);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
})();`;

/** The corpus generator and the raw IndexedDB writes, bundled for the page. */
async function seedScript(): Promise<string> {
  const entry = `
import { generateStoryCorpus } from ${JSON.stringify(join(__dirname, 'story-corpus.ts'))};
window.__storiesSeed = (count, start, size) => {
  const corpus = (window.__storiesCorpus ??= generateStoryCorpus({ seed: 11, events: Math.ceil(count / 14) }).slice(0, count));
  const clippings = [];
  const summaries = [];
  for (const c of corpus.slice(start, start + size)) {
    const common = { id: c.id, title: c.title, source: c.source, section: '', authors: [], publishedAt: c.publishedAt,
      importedAt: '2025-01-01T00:00:00.000Z', language: c.language, direction: 'ltr', tags: [], deletedAt: '' };
    clippings.push({ ...common, url: '', paragraphs: c.paragraphs, related: [], format: 'txt',
      encoding: { name: 'utf-8', guessed: false }, original: { name: c.id + '.txt', size: 1, sha256: c.id }, warnings: [] });
    summaries.push({ ...common, highlightCount: 0, hasNote: false, mediaType: '', tone: '', reach: null, page: '' });
  }
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('clipbook');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['clippings', 'summaries', 'settings', 'storySketchPacks', 'storyMembers'], 'readwrite');
      for (const r of clippings) tx.objectStore('clippings').put(r);
      for (const r of summaries) tx.objectStore('summaries').put(r);
      // Never grouped: the next start regroups the library, as after an upgrade or a restore.
      tx.objectStore('settings').delete('storySketches');
      tx.objectStore('storySketchPacks').clear();
      tx.objectStore('storyMembers').clear();
      tx.oncomplete = () => { db.close(); resolve(corpus.length); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  });
};`;
  const out = await build({
    stdin: { contents: entry, resolveDir: __dirname, loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
    // story-corpus needs only makeRandom from generate-articles, which writes files in Node.
    plugins: [
      {
        name: 'no-node',
        setup(b) {
          b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'no-node' }));
          b.onLoad({ filter: /.*/, namespace: 'no-node' }, () => ({
            contents: 'export const mkdir = null, writeFile = null, join = null;',
          }));
        },
      },
    ],
  });
  return out.outputFiles[0]?.text ?? '';
}

type Probe = {
  sent: number;
  answered: number;
  progress: number;
  frames: [number, number][];
  longTasks: [number, number][];
};

export async function measureWorkerRegroup(count: number): Promise<WorkerRegroup> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const platform = process.platform;
    await wireRenderer(page, async (channel): Promise<Result<unknown>> =>
      channel === 'app:info'
        ? ok({ name: 'Clipbook', version: 'bench', platform })
        : err('unavailable', `${channel} is not available in the stories benchmark.`),
    );
    await page.addInitScript({ content: PROBE });
    await page.goto(`${HARNESS_ORIGIN}/index.html`);
    await page.getByRole('button', { name: 'Import…' }).waitFor();
    // The empty library's own grouping is done before seeding.
    await page.waitForFunction(
      () => (window as unknown as { __storiesProbe: Probe }).__storiesProbe.answered > 0,
    );
    const seedStart = performance.now();
    await page.evaluate(await seedScript());
    for (let start = 0; start < count; start += 5000) {
      await page.evaluate(
        ([n, s]) =>
          (
            window as unknown as { __storiesSeed: (n: number, s: number, z: number) => unknown }
          ).__storiesSeed(n, s, 5000),
        [count, start] as const,
      );
      process.stdout.write(`\rseeded ${Math.min(count, start + 5000)} / ${count}`);
    }
    process.stdout.write('\n');
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const cpuBefore = await chromiumCpu(browser);
    await page.reload();
    const probe = async (): Promise<Probe> =>
      page.evaluate(() => (window as unknown as { __storiesProbe: Probe }).__storiesProbe);
    await page.waitForFunction(
      () => (window as unknown as { __storiesProbe: Probe }).__storiesProbe.answered > 0,
      undefined,
      { timeout: 600_000, polling: 500 },
    );
    const cpu = await chromiumCpu(browser);
    await page
      .getByText('Grouping copies into stories…')
      .waitFor({ state: 'detached', timeout: 120_000 });
    const shownAt = await page.evaluate(() => performance.now());
    const p = await probe();
    const during = (t: number): boolean => t >= p.sent && t <= shownAt;
    const gaps = p.frames.filter(([t]) => during(t)).map(([, d]) => d);
    const tasks = p.longTasks.filter(([t]) => during(t)).map(([, d]) => d);
    const workerMs = Object.entries(cpu.byThread)
      .filter(([name]) => name.startsWith('renderer: DedicatedWorker'))
      .reduce((sum, [, ms]) => sum + ms, 0);
    await context.close();
    return {
      clippings: count,
      seedSeconds,
      workerSeconds: (p.answered - p.sent) / 1000,
      shownSeconds: (shownAt - p.sent) / 1000,
      workerCpuSeconds: workerMs / 1000,
      browserCpuSeconds: (cpu.byType['browser'] ?? 0) - (cpuBefore.byType['browser'] ?? 0),
      progressMessages: p.progress,
      maxFrameGapMs: Math.max(0, ...gaps),
      longTasks: tasks.length,
      longestTaskMs: Math.max(0, ...tasks),
      tasks: p.longTasks.map(([t, d]) => [Math.round(t - p.sent), Math.round(d)]),
      answeredAfter: Math.round(p.answered - p.sent),
    };
  } finally {
    await browser.close();
  }
}
