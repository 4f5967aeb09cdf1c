/**
 * The window's handle on the stories worker: promise-returning calls over postMessage and
 * progress of the long regrouping. Works with anything shaped like a Worker.
 */
import type { ChoiceChange } from '../lib/stories-store';
import type {
  StoriesRequest,
  StoriesRequestMessage,
  StoriesResponseMessage,
  StoriesResponses,
  StoryText,
} from './stories-protocol';

export interface StoriesWorkerLike {
  postMessage(message: StoriesRequestMessage): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<StoriesResponseMessage>) => void,
  ): void;
  terminate?(): void;
}

export function createStoriesWorker(): Worker {
  return new Worker(new URL('./stories-worker.ts', import.meta.url), {
    type: 'module',
    name: 'clipbook-stories',
  });
}

export class StoriesClient {
  #seq = 0;
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  onProgress: (done: number, total: number) => void = () => undefined;

  constructor(private readonly worker: StoriesWorkerLike) {
    worker.addEventListener('message', (event) => {
      const message = event.data;
      if ('progress' in message) {
        this.onProgress(message.progress.done, message.progress.total);
        return;
      }
      const waiter = this.#pending.get(message.seq);
      if (!waiter) return;
      this.#pending.delete(message.seq);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.message));
    });
  }

  #call<K extends StoriesRequest['kind']>(
    request: Extract<StoriesRequest, { kind: K }>,
  ): Promise<StoriesResponses[K]> {
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ seq, request });
    });
  }

  regroupAll(): Promise<StoriesResponses['regroupAll']> {
    return this.#call({ kind: 'regroupAll' });
  }

  added(ids: string[]): Promise<StoriesResponses['added']> {
    return this.#call({ kind: 'added', ids });
  }

  addedDocs(docs: StoryText[]): Promise<StoriesResponses['addedDocs']> {
    return this.#call({ kind: 'addedDocs', docs });
  }

  regroup(ids: string[]): Promise<StoriesResponses['regroup']> {
    return this.#call({ kind: 'regroup', ids });
  }

  split(id: string): Promise<StoriesResponses['split']> {
    return this.#call({ kind: 'split', id });
  }

  merge(a: string, b: string): Promise<StoriesResponses['merge']> {
    return this.#call({ kind: 'merge', a, b });
  }

  undo(change: ChoiceChange): Promise<StoriesResponses['undo']> {
    return this.#call({ kind: 'undo', change });
  }
}
