/**
 * The stories worker (a module Web Worker): sketches and groups clippings off the UI
 * thread, one request at a time so that regroupings never interleave. Reads and writes the
 * app's IndexedDB itself; the window talks to it through StoriesClient.
 */
import { CandidateIndex } from '@shared/stories/candidates';
import { errorMessage } from '@shared/errors';
import { createDatabase } from '../lib/db';
import {
  addToStories,
  loadCandidateIndex,
  mergeStories,
  regroupAll,
  regroupIds,
  splitOut,
  undoChoice,
} from '../lib/stories-store';
import type { StoriesRequest, StoriesRequestMessage } from './stories-protocol';

interface WorkerScope {
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<StoriesRequestMessage>) => void,
  ): void;
  postMessage(message: unknown): void;
}

const db = createDatabase();
const scope = self as unknown as WorkerScope;
let queue: Promise<unknown> = Promise.resolve();
/** The library's anchors, read once and kept up to date: imports look up only their own. */
let index: CandidateIndex | null = null;

async function candidates(): Promise<CandidateIndex> {
  index ??= await loadCandidateIndex(db);
  return index;
}

async function run(request: StoriesRequest): Promise<unknown> {
  switch (request.kind) {
    case 'regroupAll': {
      let last = 0;
      index = new CandidateIndex();
      const stories = await regroupAll(
        db,
        (done, total) => {
          // A progress line a few times a second is plenty.
          const now = Date.now();
          if (now - last < 200 && done < total) return;
          last = now;
          scope.postMessage({ seq: 0, progress: { done, total } });
        },
        index,
      );
      return { stories };
    }
    case 'added': {
      const clippings = (await db.clippings.bulkGet(request.ids)).filter((c) => c !== undefined);
      return { changed: await addToStories(db, clippings, await candidates()) };
    }
    case 'addedDocs':
      return { changed: await addToStories(db, request.docs, await candidates()) };
    case 'regroup':
      return { changed: await regroupIds(db, request.ids, await candidates()) };
    case 'split':
      return splitOut(db, request.id);
    case 'merge':
      return mergeStories(db, request.a, request.b);
    case 'undo':
      return { changed: await undoChoice(db, request.change) };
  }
}

scope.addEventListener('message', (event) => {
  const { seq, request } = event.data;
  queue = queue.then(() =>
    run(request).then(
      (result) => scope.postMessage({ seq, ok: true, result }),
      (error: unknown) =>
        scope.postMessage({
          seq,
          ok: false,
          message: errorMessage(error),
        }),
    ),
  );
});
