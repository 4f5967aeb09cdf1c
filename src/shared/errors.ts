/**
 * Error helpers for every process: what a caught value says, whatever was thrown (an Error,
 * a string, a DOMException from a worker, an object from a library).
 */

/** What went wrong, in the error's own words. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether the error, or the one it wraps (Dexie keeps IndexedDB's as `inner`), has this name. */
export function hasErrorName(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const inner = (error as Error & { inner?: unknown }).inner;
  return error.name === name || (inner instanceof Error && inner.name === name);
}
