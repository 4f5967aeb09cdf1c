/**
 * Runs import jobs in worker threads, one at a time, and relays their progress and results
 * as ImportEvents. Jobs queue so that a second drop during a large import waits its turn
 * instead of competing for the same two cores.
 */
import { Worker } from 'node:worker_threads';
import type { ImportEvent, ImportOrigin } from '@shared/ipc';
import type { ImportStarter } from '../ipc/handlers';
import type { WorkerMessage, WorkerStart } from './import-protocol';

export interface ImportServiceOptions {
  workerPath: string;
  /** Extra Node flags for the worker, e.g. a TypeScript loader in tests. */
  workerExecArgv?: string[];
  emit(event: ImportEvent): void;
}

interface Job {
  id: string;
  paths: string[];
  origin: ImportOrigin;
  worker?: Worker;
  cancelled: boolean;
}

let jobCounter = 0;

export class ImportService implements ImportStarter {
  readonly #options: ImportServiceOptions;
  readonly #queue: Job[] = [];
  #active: Job | null = null;

  constructor(options: ImportServiceOptions) {
    this.#options = options;
  }

  start(paths: string[], origin: ImportOrigin): string {
    jobCounter += 1;
    const job: Job = {
      id: `job-${Date.now().toString(36)}-${jobCounter.toString(36)}`,
      paths,
      origin,
      cancelled: false,
    };
    this.#queue.push(job);
    this.#options.emit({ type: 'started', jobId: job.id, origin });
    this.#pump();
    return job.id;
  }

  cancel(jobId: string): boolean {
    if (this.#active?.id === jobId) {
      this.#active.cancelled = true;
      void this.#active.worker?.terminate();
      return true;
    }
    const index = this.#queue.findIndex((job) => job.id === jobId);
    if (index < 0) return false;
    this.#queue.splice(index, 1);
    this.#options.emit({ type: 'finished', jobId, cancelled: true });
    return true;
  }

  /** Ends every job, e.g. when the app quits. */
  dispose(): void {
    for (const job of this.#queue.splice(0)) job.cancelled = true;
    if (this.#active) {
      this.#active.cancelled = true;
      void this.#active.worker?.terminate();
    }
  }

  #pump(): void {
    if (this.#active) return;
    const job = this.#queue.shift();
    if (!job) return;
    this.#active = job;
    this.#run(job).finally(() => {
      this.#active = null;
      this.#pump();
    });
  }

  #run(job: Job): Promise<void> {
    const { emit } = this.#options;
    return new Promise((resolveJob) => {
      let settled = false;
      const finish = (event: ImportEvent): void => {
        if (settled) return;
        settled = true;
        emit(event);
        resolveJob();
      };
      const worker = new Worker(this.#options.workerPath, {
        workerData: { paths: job.paths } satisfies WorkerStart,
        execArgv: this.#options.workerExecArgv,
      });
      job.worker = worker;
      worker.on('message', (message: WorkerMessage) => {
        if (job.cancelled) return;
        switch (message.type) {
          case 'progress':
            emit({ type: 'progress', jobId: job.id, ...withoutType(message) });
            break;
          case 'items':
            emit({ type: 'items', jobId: job.id, items: message.items });
            break;
          case 'finished':
            finish({ type: 'finished', jobId: job.id, cancelled: false });
            void worker.terminate();
            break;
          case 'failed':
            finish({ type: 'finished', jobId: job.id, cancelled: false, failure: message.message });
            void worker.terminate();
            break;
        }
      });
      worker.on('error', (error) =>
        finish({
          type: 'finished',
          jobId: job.id,
          cancelled: job.cancelled,
          failure: job.cancelled ? undefined : error.message,
        }),
      );
      worker.on('exit', () =>
        finish(
          job.cancelled
            ? { type: 'finished', jobId: job.id, cancelled: true }
            : {
                type: 'finished',
                jobId: job.id,
                cancelled: false,
                failure: 'The import stopped unexpectedly.',
              },
        ),
      );
    });
  }
}

function withoutType<T extends { type: string }>(message: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = message;
  return rest;
}
