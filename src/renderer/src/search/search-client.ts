/**
 * The UI's handle on the search worker: promise-returning calls over postMessage, nothing
 * else. Works with anything shaped like a Worker (tests pass an in-process fake).
 */
import type { SearchDoc } from '@shared/search/types';
import type {
  IndexInfo,
  MatchOptions,
  MatchResponse,
  QueryOptions,
  QueryResponse,
  ReadyInfo,
  RequestMessage,
  ResponseMessage,
  SearchRequest,
  SearchResponses,
} from './search-service';

export type {
  IndexInfo,
  MatchOptions,
  MatchResponse,
  QueryHit,
  QueryOptions,
  QueryResponse,
  ReadyInfo,
} from './search-service';

export interface WorkerLike {
  postMessage(message: RequestMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ResponseMessage>) => void): void;
  terminate?(): void;
}

/** Starts the bundled search worker (Vite resolves the URL at build time). */
export function createSearchWorker(): Worker {
  return new Worker(new URL('./search-worker.ts', import.meta.url), {
    type: 'module',
    name: 'clipbook-search',
  });
}

export class SearchClient {
  private seq = 0;
  private pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event) => {
      const message = event.data;
      const waiter = this.pending.get(message.seq);
      if (!waiter) return;
      this.pending.delete(message.seq);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.message));
    });
  }

  private call<K extends SearchRequest['kind']>(
    request: Extract<SearchRequest, { kind: K }>,
  ): Promise<SearchResponses[K]> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ seq, request });
    });
  }

  /** Resolves once the stored index is loaded (search works from then on). */
  ready(): Promise<ReadyInfo> {
    return this.call({ kind: 'ready' });
  }

  /** Indexes (or re-indexes) documents as one segment; call once per import batch. */
  index(docs: SearchDoc[]): Promise<IndexInfo> {
    return this.call({ kind: 'index', docs });
  }

  /** Indexes clippings by id; the worker reads them from IndexedDB itself. */
  indexIds(ids: string[]): Promise<IndexInfo> {
    return this.call({ kind: 'indexIds', ids });
  }

  remove(ids: string[]): Promise<IndexInfo> {
    return this.call({ kind: 'remove', ids });
  }

  /** Ranked hits with snippets; syntax errors come back in `error`, never as a rejection. */
  query(text: string, options?: QueryOptions): Promise<QueryResponse> {
    return this.call(options ? { kind: 'query', text, options } : { kind: 'query', text });
  }

  /** Every clipping the query matches, unranked, no snippets; errors as in `query`. */
  matches(text: string, options?: MatchOptions): Promise<MatchResponse> {
    return this.call(options ? { kind: 'matches', text, options } : { kind: 'matches', text });
  }

  /** Drops entries of clippings that are gone; resolves to the clippings the index lacks. */
  reconcile(): Promise<{ missing: string[] }> {
    return this.call({ kind: 'reconcile' });
  }

  /** Hands the worker the library's stories, for the story filters. */
  stories(members: [string, string, number][]): Promise<{ count: number }> {
    return this.call({ kind: 'stories', members });
  }

  /** Hands the worker only the story rows that changed, and the ids now in no story. */
  storiesChanged(
    members: [string, string, number][],
    removed: string[],
  ): Promise<{ count: number }> {
    return this.call({ kind: 'storiesChanged', members, removed });
  }

  clear(): Promise<IndexInfo> {
    return this.call({ kind: 'clear' });
  }

  /** Waits for pending writes and background merges. */
  flush(): Promise<IndexInfo> {
    return this.call({ kind: 'flush' });
  }

  dispose(): void {
    for (const waiter of this.pending.values()) waiter.reject(new Error('Search was closed'));
    this.pending.clear();
    this.worker.terminate?.();
  }
}
