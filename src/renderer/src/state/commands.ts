import { tick } from 'svelte';
import type { MenuCommand } from '@shared/ipc-channels';
import { errorMessage, describeWriteError } from '../lib/errors';
import type { KeyCommands } from '../lib/key-handler';
import type { PassageRow } from '../lib/passages';
import type { Filters } from '../lib/row-filter';
import { applyTheme, saveTheme, type Theme } from '../lib/theme';
import type { AppParts } from './app.svelte';

const focus = (id: string): void => document.getElementById(id)?.focus();

/**
 * What the user can ask of the window, by a key, the application menu or a button: each a
 * method that works on the state. The key handler and the menu both call these, never a
 * faked key press.
 */
export class AppCommands {
  readonly #app: AppParts;

  constructor(app: AppParts) {
    this.#app = app;
  }

  // ---- Views ------------------------------------------------------------------------------

  showHighlights(): void {
    this.#app.shell.show('highlights');
  }

  /** The library or the Trash in the list, unfiltered. */
  showList(view: Filters['view']): void {
    this.#app.shell.show('clippings');
    this.#app.library.showView(view);
  }

  /** Charts and figures of the clippings in scope. */
  showCoverage(): void {
    this.#app.shell.show('coverage');
  }

  /** From a bar or row of the charts: the list shows just the clippings it counts. */
  showCovered(label: string, ids: readonly string[]): void {
    this.#app.coverage.focusOn(label, ids);
    this.#app.shell.show('clippings');
  }

  /** Back to the list as it was filtered, tagged or searched. */
  closeCoverage(): void {
    this.#app.shell.show('clippings');
  }

  /** Back from the narrowed list to the charts it came from. */
  backToCoverage(): void {
    this.#app.shell.show('coverage');
  }

  filterByTag(name: string, additive: boolean): void {
    // The Coverage view stays open and follows the tag.
    if (this.#app.shell.view !== 'coverage') this.#app.shell.show('clippings');
    this.#app.library.toggleTagFilter(name, additive);
  }

  /** Opens a clipping in the library's list (from the import report). */
  async openClipping(id: string): Promise<void> {
    this.showList('library');
    await this.#app.selection.select(id);
  }

  /** Opens the clipping at the passage: the reader scrolls to it and opens its editor. */
  async openPassage(row: PassageRow): Promise<void> {
    const { reader, shell } = this.#app;
    await this.openClipping(row.clippingId);
    for (let i = 0; i < 40 && !reader.highlights.some((h) => h.id === row.id); i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    reader.activeHighlightId = row.id;
    await tick();
    shell.readerView?.reveal(row.id);
  }

  toggleSidebar(): void {
    this.#app.shell.toggleSidebar();
  }

  showShortcuts(): void {
    this.#app.shell.open({ kind: 'shortcuts' });
  }

  showAbout(): void {
    this.#app.shell.open({ kind: 'about' });
  }

  openExport(): void {
    this.#app.shell.open({ kind: 'export' });
  }

  // ---- The list ---------------------------------------------------------------------------

  nextClipping(): void {
    void this.#app.selection.move(1, false, this.#app.shell.listItems);
  }

  previousClipping(): void {
    void this.#app.selection.move(-1, false, this.#app.shell.listItems);
  }

  /** Keeps only the open clipping selected; Escape still closes what it closes. */
  collapseSelection(): boolean {
    const { selection } = this.#app;
    if (selection.ids.size > 1 && selection.selectedId) void selection.collapse();
    return false;
  }

  focusSearch(): void {
    focus('search-input');
  }

  /** Searches the library for the words as a phrase (the reader's context menu). */
  searchFor(text: string): void {
    if (!text.trim()) return;
    this.#app.search.setQuery(`"${text.trim().replace(/"/g, '').slice(0, 200)}"`);
    this.focusSearch();
  }

  // ---- The open clipping ------------------------------------------------------------------

  /** Tags the selection (a dialog), or focuses the open clipping's tag field. */
  tagTargets(): boolean {
    const { selection, shell } = this.#app;
    if (!selection.targets.length) return false;
    if (selection.ids.size > 1) shell.open({ kind: 'bulk-tag' });
    else this.#focusWhenOpen('clipping-tags');
    return true;
  }

  /** A key pressed right after moving to a clipping waits for its reader to appear. */
  #focusWhenOpen(id: string): void {
    void this.#app.selection
      .settled()
      .then(tick)
      .then(() => focus(id));
  }

  focusNote(): boolean {
    const { selection } = this.#app;
    if (!selection.selectedId) return false;
    this.#focusWhenOpen('article-note');
    return true;
  }

  /** Edit details of the open clipping, or the bulk edit of a selection in the library. */
  editDetails(): boolean {
    const { library, selection, shell } = this.#app;
    if (selection.ids.size > 1 && library.filters.view === 'library') {
      shell.open({ kind: 'bulk-edit' });
      return true;
    }
    if (!selection.selectedId) return false;
    void selection.settled().then(() => {
      if (selection.selected) shell.open({ kind: 'edit' });
    });
    return true;
  }

  /** Moves the selection to the Trash (not while text is selected: Delete is for that). */
  trashTargets(): boolean {
    const { library, selection, actions } = this.#app;
    const hasTextSelection = !(document.getSelection()?.isCollapsed ?? true);
    if (library.filters.view === 'trash' || hasTextSelection) return false;
    void actions.trash(selection.targets);
    return true;
  }

  undo(): boolean {
    const { undo } = this.#app;
    if (!undo.last) return false;
    void undo.undo();
    return true;
  }

  highlightSelection(): void {
    void this.#app.reader.highlightSelection('yellow');
  }

  async openLink(url: string): Promise<void> {
    const result = await this.#app.api.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — the IPC call; main accepts http(s) URLs only (HttpUrlSchema)
    if (!result.ok) this.#app.notices.push('error', result.error.message);
  }

  // ---- Hits in the open clipping ----------------------------------------------------------

  nextHit(): void {
    this.#revealAfter(() => this.#app.hits.next());
  }

  previousHit(): void {
    this.#revealAfter(() => this.#app.hits.previous());
  }

  /** Moves to another hit and scrolls it into view. */
  #revealAfter(move: () => void): void {
    const { hits, shell } = this.#app;
    move();
    const index = hits.current;
    if (hits.total > 0) void tick().then(() => shell.readerView?.revealHit(index));
  }

  /** Search inside the open clipping, or in the library when none is open. */
  async openFind(): Promise<void> {
    const { hits, selection, shell } = this.#app;
    if (!selection.selected) {
      this.focusSearch();
      return;
    }
    hits.openFind();
    await tick();
    shell.hitBar?.focusFind();
  }

  // ---- Files, settings --------------------------------------------------------------------

  async setTheme(theme: Theme): Promise<void> {
    applyTheme(theme);
    try {
      await saveTheme(this.#app.repo.settings, theme);
    } catch (error) {
      this.#app.notices.push('error', `The theme could not be saved: ${describeWriteError(error)}`);
    }
  }

  async openDataFolder(): Promise<void> {
    const result = await this.#app.api.openDataFolder();
    if (!result.ok) this.#app.notices.push('error', result.error.message);
  }

  async exportPassages(format: 'passages-csv' | 'passages-docx'): Promise<void> {
    const { exporter, notices, passages } = this.#app;
    try {
      const message = await exporter.exportPassages(format, passages.visible, 'Highlights');
      notices.push('info', message);
    } catch (error) {
      notices.push('error', `The export failed: ${errorMessage(error)}`);
    }
  }

  // ---- Keys and menu ----------------------------------------------------------------------

  /** The commands the shortcuts table's window-wide keys run. */
  keys(): KeyCommands {
    return {
      nextClipping: () => this.nextClipping(),
      previousClipping: () => this.previousClipping(),
      focusSearch: () => this.focusSearch(),
      openFind: () => void this.openFind(),
      nextHit: () => this.nextHit(),
      previousHit: () => this.previousHit(),
      tagTargets: () => this.tagTargets(),
      focusNote: () => this.focusNote(),
      editDetails: () => this.editDetails(),
      trashTargets: () => this.trashTargets(),
      undo: () => this.undo(),
      showShortcuts: () => this.showShortcuts(),
      collapseSelection: () => this.collapseSelection(),
    };
  }

  /** Runs a command of the application menu (or the reader's context menu, with its text). */
  runMenu(command: MenuCommand, text = ''): void {
    const { imports, backups } = this.#app;
    const menu: Record<MenuCommand, () => void> = {
      'import-files': () => void imports.choose('files'),
      'import-folder': () => void imports.choose('folder'),
      'toggle-sidebar': () => this.toggleSidebar(),
      'show-shortcuts': () => this.showShortcuts(),
      export: () => this.openExport(),
      'theme-system': () => void this.setTheme('system'),
      'theme-light': () => void this.setTheme('light'),
      'theme-dark': () => void this.setTheme('dark'),
      about: () => this.showAbout(),
      'open-data-folder': () => void this.openDataFolder(),
      'highlight-selection': () => this.highlightSelection(),
      backup: () => void backups.backupNow(),
      restore: () => void backups.chooseRestore(),
      'search-selection': () => this.searchFor(text),
    };
    menu[command]();
  }
}
