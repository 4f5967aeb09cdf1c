import type { Page } from '@playwright/test';

/** Counts the records of one store of the app's IndexedDB, read directly (not through the app). */
export async function countRecords(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (store) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('clipbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            resolve(0);
            return;
          }
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/** Empties stores of the app's IndexedDB directly, behind the app's back. */
export async function clearStores(page: Page, stores: string[]): Promise<void> {
  await page.evaluate(
    (stores) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('clipbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(stores, 'readwrite');
          for (const store of stores) tx.objectStore(store).clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    stores,
  );
}
