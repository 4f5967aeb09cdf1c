/**
 * Thrown by a parser that finds its input beyond a limit (nesting, counts, inflation): the
 * engine turns it into the coded refusal it carries, with the file's name in front.
 */
import type { RefusalCode } from '@shared/clipping';

export class RefusalError extends Error {
  constructor(
    readonly code: RefusalCode,
    /** Completes “<file> …”: says what is wrong and what the user can do. */
    readonly reason: string,
  ) {
    super(reason);
  }
}
