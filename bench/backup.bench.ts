/**
 * Backup benchmark: the built renderer in Chromium with a library whose originals total more
 * than 1 GiB, backed up through the menu as a user would, over the same preload bundle and
 * IPC handlers the app uses (files stream to disk in bounded chunks). Reports the time, the
 * renderer's JS heap (CDP, sampled) and the renderer process's resident memory (Linux /proc,
 * which also counts ArrayBuffers and gzip's buffers outside the JS heap), the largest IPC
 * message, and ONE JSON summary line.
 *
 * The originals are random bytes: gzip cannot shrink them, the worst case for size and time.
 * BENCH_BACKUP_MB=1100 (total of originals), BENCH_ORIGINAL_MB=2 (each original).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { FileStreams } from '../src/main/services/file-streams';
import { err } from '../src/shared/result';
import type { InvokeChannel } from '../src/shared/ipc';
import { chromiumLaunchOptions } from '../test/e2e/support/chromium';
import { fileHandlers } from '../test/e2e/support/file-handlers';
import { HARNESS_ORIGIN, wireRenderer } from '../test/e2e/support/harness';

const TOTAL_MB = Number(process.env['BENCH_BACKUP_MB'] ?? 1100);
const EACH_MB = Number(process.env['BENCH_ORIGINAL_MB'] ?? 2);
const COUNT = Math.ceil(TOTAL_MB / EACH_MB);
const PER_TRANSACTION = 8;
const MB = 1024 * 1024;
const round = (n: number): number => Math.round(n * 10) / 10;

/** Originals written straight into the app's IndexedDB, a few per transaction. */
async function seed(page: Page): Promise<void> {
  for (let start = 0; start < COUNT; start += PER_TRANSACTION) {
    await page.evaluate(
      ([from, to, each]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('clipbook');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('originals', 'readwrite');
            const store = tx.objectStore('originals');
            for (let i = from; i < to; i++) {
              const bytes = new Uint8Array(each);
              // getRandomValues fills at most 64 KiB per call.
              for (let o = 0; o < each; o += 65536) {
                crypto.getRandomValues(bytes.subarray(o, Math.min(each, o + 65536)));
              }
              const id = `bench-${String(i).padStart(6, '0')}`;
              store.put({ id, sha256: id.padEnd(64, '0'), name: `${id}.pdf`, size: each, bytes });
            }
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      [start, Math.min(COUNT, start + PER_TRANSACTION), EACH_MB * MB] as const,
    );
    process.stdout.write(
      `\rseeded ${Math.min(COUNT, start + PER_TRANSACTION)} / ${COUNT} originals`,
    );
  }
  process.stdout.write('\n');
}

function parentOf(pid: string): string {
  return /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '0';
}

/**
 * Resident memory of the page's renderer process: the largest renderer whose browser runs on
 * `profileDir` (renderers are children of the zygote, itself a child of the browser).
 */
function rendererRssMb(profileDir: string): number {
  if (process.platform !== 'linux') return Number.NaN;
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  const cmdline = (pid: string) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return '';
    }
  };
  const browsers = new Set(
    pids.filter((pid) => {
      const line = cmdline(pid);
      return line.includes(profileDir) && !line.includes('--type=');
    }),
  );
  let max = 0;
  for (const pid of pids) {
    try {
      if (!cmdline(pid).includes('--type=renderer')) continue;
      let ancestor = pid;
      let ours = false;
      for (let depth = 0; depth < 4 && ancestor !== '0'; depth++) {
        ancestor = parentOf(ancestor);
        if (browsers.has(ancestor)) ours = true;
      }
      if (!ours) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      max = Math.max(max, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return max;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clipbook-backup-bench-'));
  const target = join(dir, 'library.clipbook-backup');
  const profileDir = join(dir, 'profile');
  const context = await chromium.launchPersistentContext(profileDir, chromiumLaunchOptions());
  const streams = new FileStreams();
  let chunks = 0;
  let largestMessage = 0;
  const handlers = fileHandlers({ dir, streams, saveTo: () => target });
  try {
    const page = await context.newPage();
    await wireRenderer(page, async (channel, args) => {
      if (!(channel in handlers)) return err('unavailable', `${channel} is not in the benchmark.`);
      if (channel === 'save:chunk') {
        chunks += 1;
        largestMessage = Math.max(largestMessage, (args as [string, Uint8Array])[1].byteLength);
      }
      return handlers[channel as InvokeChannel](args);
    });
    await page.goto(`${HARNESS_ORIGIN}/index.html`);
    await page.getByRole('button', { name: 'Import…' }).waitFor();
    const seedStart = performance.now();
    await seed(page);
    console.log(
      `seeded ${COUNT} originals of ${EACH_MB} MiB (${round((COUNT * EACH_MB) / 1024)} GiB) in ${round((performance.now() - seedStart) / 1000)} s`,
    );

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heapMb = async () =>
      ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / MB;
    const before = { heap: await heapMb(), rss: rendererRssMb(profileDir) };
    let peakHeap = before.heap;
    let peakRss = before.rss;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakHeap = Math.max(peakHeap, await heapMb().catch(() => 0));
        peakRss = Math.max(peakRss, rendererRssMb(profileDir));
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    console.log('backing up…');
    const start = performance.now();
    await page.getByRole('button', { name: 'Library ▾' }).click();
    await page.getByRole('menuitem', { name: 'Back up library…' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Backup saved' })
      .waitFor({ timeout: 60 * 60 * 1000 });
    const seconds = (performance.now() - start) / 1000;
    sampling = false;
    await sampler;

    const fileMb = existsSync(target) ? statSync(target).size / MB : 0;
    const summary = {
      bench: 'backup',
      originals: COUNT,
      originalsGiB: round((COUNT * EACH_MB) / 1024),
      backupMiB: round(fileMb),
      seconds: round(seconds),
      mibPerSecond: round(fileMb / seconds),
      ipcChunks: chunks,
      largestMessageMiB: round(largestMessage / MB),
      rendererHeapMiB: { before: round(before.heap), peak: round(peakHeap) },
      rendererRssMiB: { before: round(before.rss), peak: round(peakRss) },
      loadAverage: loadavg().map((x) => round(x)),
    };
    console.log(
      `backup of ${summary.originalsGiB} GiB of originals: ${summary.backupMiB} MiB in ${summary.seconds} s ` +
        `(${summary.mibPerSecond} MiB/s), ${chunks} chunks of at most ${summary.largestMessageMiB} MiB; ` +
        `renderer JS heap ${summary.rendererHeapMiB.before} → peak ${summary.rendererHeapMiB.peak} MiB, ` +
        `renderer RSS ${summary.rendererRssMiB.before} → peak ${summary.rendererRssMiB.peak} MiB`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    await streams.closeAll();
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
