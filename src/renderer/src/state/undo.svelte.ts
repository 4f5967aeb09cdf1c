import { errorMessage } from '../lib/errors';
import type { NoticesState } from './notices.svelte';

interface UndoEntry {
  label: string;
  run: () => Promise<void>;
  noticeId: number;
}

/** Undo for the last destructive action: offered in a notice and on Ctrl/Cmd+Z. */
export class UndoState {
  last = $state.raw<UndoEntry | null>(null);
  readonly #notices: NoticesState;

  constructor(notices: NoticesState) {
    this.#notices = notices;
  }

  record(label: string, run: () => Promise<void>): void {
    if (this.last) this.#notices.dismiss(this.last.noticeId);
    const noticeId = this.#notices.push('info', label, { label: 'Undo', run: () => this.undo() });
    this.last = { label, run, noticeId };
  }

  async undo(): Promise<void> {
    const entry = this.last;
    if (!entry) return;
    this.last = null;
    this.#notices.dismiss(entry.noticeId);
    try {
      await entry.run();
      this.#notices.push('info', `Undone: ${entry.label}`);
    } catch (error) {
      this.#notices.push('error', `Could not undo: ${errorMessage(error)}`);
    }
  }
}
