export type NoticeKind = 'info' | 'error';

export interface NoticeAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
  action?: NoticeAction;
}

/** Messages for the user, shown in the window (never only in a console). */
export class NoticesState {
  items = $state<Notice[]>([]);
  #next = 1;

  push(kind: NoticeKind, message: string, action?: NoticeAction): number {
    const id = this.#next++;
    this.items.push({ id, kind, message, ...(action ? { action } : {}) });
    if (this.items.length > 5) this.items.shift();
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((notice) => notice.id !== id);
  }
}
