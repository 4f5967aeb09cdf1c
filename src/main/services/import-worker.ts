/**
 * Worker-thread entry: walks the given paths, reads and parses each file, and posts results
 * in small batches, so that the main process (and the window) never waits on parsing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportItem } from '@shared/ipc';
import { errorMessage } from '@shared/errors';
import { collectFiles, parseFile } from '../import';
import { ownBytes, type WorkerMessage, type WorkerStart } from './import-protocol';

const BATCH_ITEMS = 250;
const BATCH_MS = 200;

async function run(start: WorkerStart, post: (message: WorkerMessage) => void): Promise<void> {
  let batch: ImportItem[] = [];
  let transfer: ArrayBuffer[] = [];
  let lastFlush = Date.now();
  let found = 0;
  let done = 0;
  let articles = 0;

  const flush = (current: string, scanning: boolean): void => {
    if (batch.length > 0) {
      parentPort?.postMessage({ type: 'items', items: batch } satisfies WorkerMessage, transfer);
      batch = [];
      transfer = [];
    }
    post({ type: 'progress', done, found, articles, scanning, current });
    lastFlush = Date.now();
  };

  for await (const entry of collectFiles(start.paths)) {
    found += 1;
    if ('error' in entry) {
      batch.push({ path: entry.path, outcome: { ok: false, error: entry.error } });
    } else {
      const outcome = await parseFile(entry.path);
      if (outcome.ok && outcome.parts && outcome.database) {
        // A database export: one item per article, each with its own bytes and position.
        const database = outcome.database;
        const parts = outcome.parts.length;
        for (const { part, outcome: article } of outcome.parts) {
          const where = {
            part,
            parts,
            database,
            ...(article.ok && article.duplicateOf ? { duplicateOf: article.duplicateOf } : {}),
          };
          if (article.ok) {
            const bytes = ownBytes(article.bytes);
            batch.push({
              path: entry.path,
              part: where,
              outcome: { ok: true, draft: article.draft, bytes },
            });
            transfer.push(bytes.buffer);
          } else {
            batch.push({ path: entry.path, part: where, outcome: article });
          }
          articles += 1;
        }
      } else if (outcome.ok && outcome.bytes) {
        articles += 1;
        const bytes = ownBytes(outcome.bytes);
        batch.push({ path: entry.path, outcome: { ok: true, draft: outcome.draft, bytes } });
        transfer.push(bytes.buffer);
      } else if (outcome.ok) {
        batch.push({
          path: entry.path,
          outcome: {
            ok: false,
            error: { code: 'unreadable', message: 'The file could not be read.' },
          },
        });
      } else {
        batch.push({ path: entry.path, outcome: { ok: false, error: outcome.error } });
      }
    }
    done += 1;
    if (batch.length >= BATCH_ITEMS || Date.now() - lastFlush >= BATCH_MS) flush(entry.path, true);
  }
  flush('', false);
}

if (parentPort) {
  const port = parentPort;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  run(workerData as WorkerStart, post).then(
    () => post({ type: 'finished' }),
    (error: unknown) => post({ type: 'failed', message: errorMessage(error) }),
  );
}
