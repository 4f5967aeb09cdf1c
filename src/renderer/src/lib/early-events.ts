import type { ClipbookApi } from '@shared/clipbook-api';
import type { ImportEvent } from '@shared/ipc';

/**
 * Starts listening for import events at once and holds them until the import state listens.
 * Main starts a launch-time import as soon as the page has loaded, which can be before the
 * renderer has checked the profile; no event may be lost in between.
 */
export function bufferImportEvents(api: ClipbookApi): ClipbookApi {
  const queued: ImportEvent[] = [];
  let forward: ((event: ImportEvent) => void) | null = null;
  api.onImportEvent((event) => {
    if (forward) forward(event);
    else queued.push(event);
  });
  return {
    ...api,
    onImportEvent: (listener) => {
      forward = listener;
      for (const event of queued.splice(0)) listener(event);
      return () => {
        if (forward === listener) forward = null;
      };
    },
  };
}
