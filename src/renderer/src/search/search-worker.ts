/**
 * The search worker (a module Web Worker): owns the index so that indexing, merging and
 * loading never block the UI. Reads its segments and the hits' texts from the app's
 * IndexedDB directly; the UI talks to it through SearchClient.
 */
import { toSearchDoc } from '@shared/search/types';
import { loadAnnotated } from '../lib/annotated';
import { coverageFacts, type CoverageFacts } from '@shared/search/coverage-filter';
import { createDatabase, pagesByKey } from '../lib/db';
import { SearchService, respond, type RequestMessage } from './search-service';
import { SearchStore, searchTables } from './search-store';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<RequestMessage>) => void): void;
  postMessage(message: unknown): void;
}

const db = createDatabase();
const service = new SearchService(new SearchStore(searchTables(db)), {
  async getDocs(ids) {
    const items = await loadAnnotated(db, ids);
    return items.map(({ clipping, highlights, note }) =>
      toSearchDoc(clipping, { note, highlights, trashed: clipping.deletedAt !== '' }),
    );
  },
  async allIds() {
    return (await db.clippings.toCollection().primaryKeys()) as string[];
  },
  async allCoverage() {
    // Summaries carry the coverage fields: small rows, a page at a time.
    const facts = new Map<string, CoverageFacts>();
    for await (const rows of pagesByKey(db.summaries, 10_000))
      for (const row of rows) facts.set(row.id, coverageFacts(row));
    return facts;
  },
  async getTexts(ids) {
    // The very texts getDocs indexed (same reads, same joining), so snippets match the index.
    const docs = new Map(
      (await loadAnnotated(db, ids)).map(({ clipping, highlights, note }) => [
        clipping.id,
        toSearchDoc(clipping, { note, highlights }),
      ]),
    );
    return ids.map((id) => {
      const doc = docs.get(id);
      return doc
        ? { title: doc.title, body: doc.body, note: doc.note, highlightNotes: doc.highlightNotes }
        : undefined;
    });
  },
});

const scope = self as unknown as WorkerScope;
scope.addEventListener('message', (event) => {
  void respond(service, event.data).then((response) => scope.postMessage(response));
});
// Start loading at once: the first query should not pay for it.
void service.ready().catch(() => undefined);
