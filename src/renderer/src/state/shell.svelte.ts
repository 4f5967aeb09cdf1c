import type { ClippingSummary, TagRecord } from '../lib/db';

/**
 * What the middle and right panes show: the list and the reader, every highlight, or the
 * coverage charts. The one
 * place that decides it; a new view is a name here and a branch in `App.svelte`.
 */
export type MainView = 'clippings' | 'highlights' | 'coverage';

/** A view's own loading and unloading, run as it is shown and left. */
export interface ViewHooks {
  enter(): void;
  leave(): void;
}

/** The dialog the window shows (one at a time). */
export type Dialog =
  | { kind: 'edit' }
  | { kind: 'rename-tag'; tag: TagRecord }
  | { kind: 'delete-tag'; tag: TagRecord }
  | { kind: 'describe-tag'; tag: TagRecord }
  | { kind: 'bulk-tag' }
  | { kind: 'bulk-edit' }
  | { kind: 'color-names' }
  | { kind: 'empty-trash' }
  | { kind: 'shortcuts' }
  | { kind: 'export' }
  | { kind: 'about' };

/** What commands ask of the reader pane once it is on screen. */
export interface ReaderHandle {
  revealHit(index: number): void;
  reveal(id: string): void;
}

export interface FindHandle {
  focusFind(): void;
}

/** The window's own state: which view and dialog show, the sidebar, the list's rows. */
export class ShellState {
  view = $state<MainView>('clippings');
  dialog = $state.raw<Dialog | null>(null);
  sidebarHidden = $state(false);
  /** Files are being dragged over the window. */
  dragging = $state(false);
  /** Set by the reader pane while it shows an article. */
  readerView = $state<ReaderHandle | undefined>();
  hitBar = $state<FindHandle | undefined>();

  readonly #hooks: Partial<Record<MainView, ViewHooks>>;
  readonly #rows: () => readonly ClippingSummary[];

  /**
   * `rows` are the list's rows as shown (one per story when asked), what j and k move
   * through.
   */
  constructor(hooks: Partial<Record<MainView, ViewHooks>>, rows: () => readonly ClippingSummary[]) {
    this.#hooks = hooks;
    this.#rows = rows;
  }

  readonly listItems = $derived.by(() => this.#rows());

  /** Shows a view: its hook loads it (again, when it already shows), the others unload. */
  show(view: MainView): void {
    this.view = view;
    for (const [name, hooks] of Object.entries(this.#hooks) as [MainView, ViewHooks][]) {
      if (name === view) hooks.enter();
      else hooks.leave();
    }
  }

  open(dialog: Dialog): void {
    this.dialog = dialog;
  }

  close(): void {
    this.dialog = null;
  }

  toggleSidebar(): void {
    this.sidebarHidden = !this.sidebarHidden;
  }
}
