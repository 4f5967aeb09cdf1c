import { API_KEY, type ClipbookApi } from '@shared/clipbook-api';

/** The preload's bridge. Missing only when the page is opened outside Clipbook. */
export function getApi(): ClipbookApi {
  const api = (window as unknown as Record<string, ClipbookApi | undefined>)[API_KEY];
  if (!api) throw new Error('Clipbook must be opened as the desktop app.');
  return api;
}
