/** Messages between the import service (main thread) and its worker thread. */
import type { ImportItem } from '../../shared/ipc';

export interface WorkerStart {
  paths: string[];
}

export type WorkerMessage =
  | { type: 'progress'; done: number; found: number; scanning: boolean; current: string }
  | { type: 'items'; items: ImportItem[] }
  | { type: 'finished' }
  | { type: 'failed'; message: string };
