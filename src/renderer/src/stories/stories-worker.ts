/**
 * The stories worker (a module Web Worker): sketches and groups clippings off the UI
 * thread, one request at a time so that regroupings never interleave. Reads and writes the
 * app's IndexedDB itself; the window talks to it through StoriesClient.
 */
import { errorMessage } from '@shared/errors';
import { createDatabase } from '../lib/db';
import {
  addToStories,
  mergeStories,
  regroupAll,
  regroupIds,
  splitOut,
  undoChoice,
} from '../lib/stories-store';
import { SketchShelf } from '../lib/stories-sketches';
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
/**
 * The library's sketches and their candidate index, read once and kept up to date: imports
 * look up only their own anchors, and regroupings read back only packs no longer at hand.
 */
let shelf: SketchShelf | null = null;

async function sketches(): Promise<SketchShelf> {
  shelf ??= await SketchShelf.open(db);
  return shelf;
}

async function run(request: StoriesRequest): Promise<unknown> {
  switch (request.kind) {
    case 'regroupAll': {
      let last = 0;
      shelf = null;
      const result = await regroupAll(db, (done, total) => {
        // A progress line a few times a second is plenty.
        const now = Date.now();
        if (now - last < 200 && done < total) return;
        last = now;
        scope.postMessage({ seq: 0, progress: { done, total } });
      });
      shelf = result.shelf;
      return { stories: result.stories };
    }
    case 'added': {
      const clippings = (await db.clippings.bulkGet(request.ids)).filter((c) => c !== undefined);
      return { changed: await addToStories(db, clippings, await sketches()) };
    }
    case 'addedDocs':
      return { changed: await addToStories(db, request.docs, await sketches()) };
    case 'regroup':
      return { changed: await regroupIds(db, request.ids, await sketches()) };
    case 'split':
      return splitOut(db, request.id, await sketches());
    case 'merge':
      return mergeStories(db, request.a, request.b, await sketches());
    case 'undo':
      return { changed: await undoChoice(db, request.change, await sketches()) };
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
