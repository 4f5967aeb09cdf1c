import { errorMessage, hasErrorName } from '@shared/errors';

export { errorMessage, hasErrorName };

/** Turns a failed write into words for the user; a full disk says so plainly. */
export function isQuotaError(error: unknown): boolean {
  return hasErrorName(error, 'QuotaExceededError');
}

export const QUOTA_MESSAGE =
  'There is not enough disk space to save it; free some space and try again.';

export function describeWriteError(error: unknown): string {
  if (isQuotaError(error)) return QUOTA_MESSAGE;
  return errorMessage(error);
}
