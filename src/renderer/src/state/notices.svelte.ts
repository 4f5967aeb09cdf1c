export type NoticeKind = 'info' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
}

/** Messages for the user, shown in the window (never only in a console). */
export class NoticesState {
  items = $state<Notice[]>([]);
  #next = 1;

  push(kind: NoticeKind, message: string): void {
    this.items.push({ id: this.#next++, kind, message });
    if (this.items.length > 5) this.items.shift();
  }

  dismiss(id: number): void {
    this.items = this.items.filter((notice) => notice.id !== id);
  }
}
