/**
 * The window's state in one object, handed to components through Svelte context
 * (`getApp()`), so that a pane takes what it needs instead of a dozen props.
 */
import { createContext, tick } from 'svelte';
import type { ClipbookApi } from '@shared/clipbook-api';
import { errorMessage } from '../lib/errors';
import type { LibraryRepo } from '../lib/library-repo';
import { applyTheme, loadTheme } from '../lib/theme';
import { LibraryActions } from './actions';
import { ArticleHits } from './article-hits.svelte';
import type { BackupsState } from './backups.svelte';
import { AppCommands } from './commands';
import { CoverageState, scopeLabel } from './coverage.svelte';
import { loadCoverageSettings, rememberCoverage } from './coverage-settings.svelte';
import type { ExporterState } from './exporter.svelte';
import type { ImportsState } from './imports.svelte';
import type { LibraryState } from './library.svelte';
import type { NoticesState } from './notices.svelte';
import { PassagesState } from './passages.svelte';
import type { ReaderState } from './reader.svelte';
import type { SearchState } from './search.svelte';
import type { SelectionState } from './selection.svelte';
import { ShellState } from './shell.svelte';
import type { StoriesState } from './stories.svelte';
import type { UndoState } from './undo.svelte';

/** The state made at start (`main.ts`), before the window is mounted. */
export interface AppStates {
  api: ClipbookApi;
  repo: LibraryRepo;
  library: LibraryState;
  selection: SelectionState;
  reader: ReaderState;
  imports: ImportsState;
  notices: NoticesState;
  undo: UndoState;
  exporter: ExporterState;
  backups: BackupsState;
  search: SearchState;
  stories: StoriesState;
}

/** Everything but the commands, which work on it. */
export interface AppParts extends AppStates {
  actions: LibraryActions;
  passages: PassagesState;
  hits: ArticleHits;
  shell: ShellState;
  coverage: CoverageState;
}

export interface App extends AppParts {
  commands: AppCommands;
  /** After a restore that replaced the settings: every part reads the backup's. */
  reloadSettings(): Promise<void>;
}

export function createApp(states: AppStates): App {
  const { repo, library, selection, undo, notices, search, stories } = states;
  const passages = new PassagesState(repo, library, selection);
  void passages.loadColorNames();
  // The charts cover the selection when there is one, else the list as filtered or searched.
  const coverage = new CoverageState(
    () => ({
      rows:
        selection.ids.size > 1
          ? selection.targets.flatMap((id) => library.summary(id) ?? [])
          : library.visible,
      label: scopeLabel({
        selected: selection.ids.size,
        query: search.query,
        tags: library.filters.tags,
        filtering: library.filtering,
        trash: library.filters.view === 'trash',
      }),
      stories: stories.members,
    }),
    search,
  );
  const coverageError = (error: unknown): void => {
    notices.push('error', `The Coverage view's options could not be kept: ${errorMessage(error)}`);
  };
  void rememberCoverage(coverage, repo.settings, coverageError);
  const shell = new ShellState(
    {
      highlights: { enter: () => void passages.show(), leave: () => passages.hide() },
      coverage: { enter: () => coverage.clearFocus(), leave: () => undefined },
    },
    () => {
      // A bar or row of the charts narrows the list to the clippings it counts.
      const rows = coverage.narrow(library.visible);
      // One row per story when the user asked for it (not while searching: hits are ranked).
      return stories.storyRows && !library.searchIds ? stories.collapse(rows) : rows;
    },
  );
  const parts: AppParts = {
    ...states,
    actions: new LibraryActions(repo, library, selection, undo, notices),
    passages,
    hits: new ArticleHits(search, () => selection.selected),
    shell,
    coverage,
  };
  // The window holds these settings in memory; a restore brings the backup's into the table.
  const reloadSettings = async (): Promise<void> => {
    try {
      applyTheme(await loadTheme(repo.settings));
      await Promise.all([
        states.exporter.loadSettings(),
        passages.loadColorNames(),
        search.loadSaved(),
        loadCoverageSettings(coverage, repo.settings, coverageError, true),
      ]);
    } catch (error) {
      notices.push('error', `The restored settings could not be read: ${errorMessage(error)}`);
    }
  };
  return { ...parts, commands: new AppCommands(parts), reloadSettings };
}

/**
 * What follows what while the window is open: the reader shows the open clipping, the hits
 * start again at the first for another article or other words, the article search follows
 * the open article. Call during a component's initialisation (the effects are its own).
 */
export function connect(app: App): void {
  const { reader, selection, hits, shell, library, coverage } = app;
  // The coverage keys of the library as it loads, and of the list, readied in idle time:
  // the dashboard then opens at once, even as soon as the list shows.
  $effect(() => {
    let cancel = (): void => undefined;
    const off = library.onInstall((rows) => {
      cancel();
      cancel = coverage.prepare(rows, false);
    });
    return () => {
      off();
      cancel();
    };
  });
  $effect(() => {
    if (library.loaded) return coverage.prepare(library.visible, true);
  });

  $effect(() => {
    void reader.open(selection.selected);
  });

  // An edit of the same article (a tag, a highlight) keeps the place. Compared by content:
  // the library hands over a fresh object for the same clipping now and then, and the
  // article search then runs again to the same words.
  let hitsKey = '';
  $effect(() => {
    const terms = hits.terms;
    const key = `${selection.selected?.id ?? ''}\u0000${terms ? [...terms].sort().join(' ') : '-'}`;
    if (key === hitsKey) return;
    hitsKey = key;
    hits.current = 0;
    if (hits.total > 0) void tick().then(() => shell.readerView?.revealHit(0));
  });

  $effect(() => {
    void selection.selected;
    if (hits.findOpen) hits.refreshFind();
  });
}

const [getApp, setApp] = createContext<App>();

export { getApp, setApp };
