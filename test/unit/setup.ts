// IndexedDB for Node tests; must be installed before Dexie is first imported.
import 'fake-indexeddb/auto';
