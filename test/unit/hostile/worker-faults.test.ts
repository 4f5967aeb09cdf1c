/**
 * The import worker dying mid-job (killed, crashed, out of memory): the service must end the
 * job with exactly one 'finished' that carries a failure, and nothing after it. Batches the
 * worker had already sent are whole; nothing is half-reported. (Running out of memory ends
 * a worker the same way, through 'error' and 'exit'.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportService } from '../../../src/main/services/import-service';
import { ImportEventSchema, type ImportEvent } from '@shared/ipc';
import * as v from 'valibot';

const dir = mkdtempSync(join(tmpdir(), 'clipbook-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in worker: sends one whole batch, then dies the way `death` says, mid-job. */
function fakeWorker(death: string): string {
  const path = join(dir, `worker-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    path,
    `import { parentPort } from 'node:worker_threads';
const item = (n) => ({ path: '/in/' + n + '.txt', outcome: { ok: false, error: { code: 'empty', message: 'empty ' + n } } });
parentPort.postMessage({ type: 'progress', done: 2, found: 4, articles: 0, scanning: false, current: '/in/2.txt' });
parentPort.postMessage({ type: 'items', items: [item(1), item(2)] });
parentPort.once('message', () => {});
${death}
`,
  );
  return path;
}

async function run(death: string, onItems?: (s: ImportService, jobId: string) => void) {
  const events: ImportEvent[] = [];
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const service = new ImportService({
    workerPath: fakeWorker(death),
    emit: (event) => {
      events.push(event);
      if (event.type === 'items') onItems?.(service, event.jobId);
      if (event.type === 'finished') finished();
    },
  });
  const jobId = service.start(['/in'], 'drop');
  await done;
  // Anything a dying worker might still deliver has had its turn once the worker is gone.
  await new Promise((resolve) => setImmediate(resolve));
  service.dispose();
  return { events, jobId };
}

function check(events: ImportEvent[]): Extract<ImportEvent, { type: 'finished' }> {
  for (const e of events) expect(v.is(ImportEventSchema, e)).toBe(true);
  const finished = events.filter((e) => e.type === 'finished');
  expect(finished).toHaveLength(1);
  expect(events.at(-1)?.type).toBe('finished');
  // Batches arrive whole: the one batch sent before the death, with both items.
  const items = events.filter((e) => e.type === 'items');
  for (const batch of items) expect(batch.type === 'items' && batch.items).toHaveLength(2);
  return finished[0] as Extract<ImportEvent, { type: 'finished' }>;
}

describe('import worker dying mid-job', () => {
  it('exit mid-job (killed) → one finished with a failure', { timeout: 20_000 }, async () => {
    const { events } = await run('setTimeout(() => process.exit(9), 20);');
    const finished = check(events);
    expect(finished.cancelled).toBe(false);
    expect(finished.failure).toMatch(/stopped unexpectedly/);
  });

  it('an uncaught error mid-job → one finished with its message', { timeout: 20_000 }, async () => {
    const { events } = await run("setTimeout(() => { throw new Error('parser blew up'); }, 20);");
    expect(check(events).failure).toMatch(/parser blew up/);
  });

  it(
    'cancelled while the worker is busy → one finished, cancelled, no failure',
    { timeout: 20_000 },
    async () => {
      const { events } = await run('setInterval(() => {}, 1000);', (service, jobId) => {
        // Cancelled once the first batch is out, as a user would while the import runs.
        service.cancel(jobId);
      });
      const finished = check(events);
      expect(finished.cancelled).toBe(true);
      expect(finished.failure).toBeUndefined();
    },
  );
});
