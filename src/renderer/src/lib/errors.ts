/** Turns a failed write into words for the user; a full disk says so plainly. */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const inner = (error as Error & { inner?: unknown }).inner;
  return (
    error.name === 'QuotaExceededError' ||
    (inner instanceof Error && inner.name === 'QuotaExceededError')
  );
}

export const QUOTA_MESSAGE =
  'There is not enough disk space to save it; free some space and try again.';

/** What went wrong, in the error's own words. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function describeWriteError(error: unknown): string {
  if (isQuotaError(error)) return QUOTA_MESSAGE;
  return errorMessage(error);
}
