import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import ProfileTooNew from './components/ProfileTooNew.svelte';
import { getApi } from './lib/api';
import type { StoryMemberRecord } from './lib/db';
import { bufferImportEvents } from './lib/early-events';
import { openLibrary } from './lib/library-repo';
import { checkProfileVersion } from './lib/profile-guard';
import { applyTheme, loadTheme } from './lib/theme';
import { createSearchWorker, SearchClient } from './search/search-client';
import { createStoriesWorker, StoriesClient } from './stories/stories-client';
import { StoriesState } from './state/stories.svelte';
import { BackupsState } from './state/backups.svelte';
import { SearchState } from './state/search.svelte';
import { ExporterState } from './state/exporter.svelte';
import { ImportsState } from './state/imports.svelte';
import { createApp } from './state/app.svelte';
import { LibraryState } from './state/library.svelte';
import { NoticesState } from './state/notices.svelte';
import { ReaderState } from './state/reader.svelte';
import { SelectionState } from './state/selection.svelte';
import { UndoState } from './state/undo.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');
const api = getApi();
// Listen before anything else (and before any await), so no event of a launch-time import
// is missed; the events wait in this buffer until the import state takes them.
const importApi = bufferImportEvents(api);

// A library written by a newer Clipbook is never opened (opening could change it): the
// window says so, and nothing else runs.
const profile = await checkProfileVersion(indexedDB);
if (!profile.ok) {
  mount(ProfileTooNew, { target, props: { schema: profile.schema } });
} else {
  await start(target);
}

async function start(target: HTMLElement): Promise<void> {
  // The theme first, so the window never flashes the wrong colours.
  const repo = openLibrary();
  applyTheme(await loadTheme(repo.settings));
  // Durable storage: Chromium may otherwise evict the library under disk pressure. Main
  // grants this one permission to the app's origin (security.ts); the answer is in About.
  void navigator.storage?.persist?.().catch(() => false);
  const notices = new NoticesState();
  const undo = new UndoState(notices);
  const library = new LibraryState(repo);
  const selection = new SelectionState(repo, library);
  const reader = new ReaderState(repo, notices, undo);
  const imports = new ImportsState(importApi, repo, notices);
  const exporter = new ExporterState(api, repo, notices);
  void exporter.loadSettings();
  const backups = new BackupsState(api, repo, library, notices);
  const searchClient = new SearchClient(createSearchWorker());
  const search = new SearchState(repo, library, selection, notices, searchClient);
  const stories = new StoriesState(repo, notices, undo, new StoriesClient(createStoriesWorker()));
  stories.onreload = (members, changed) => {
    const row = (m: StoryMemberRecord): [string, string, number] => [m.id, m.story, m.size];
    // After an import batch only its changed rows travel: the whole table grows with the library.
    const sent = changed
      ? searchClient.storiesChanged(
          changed.flatMap((id) => {
            const m = members.get(id);
            return m ? [row(m)] : [];
          }),
          changed.filter((id) => !members.has(id)),
        )
      : searchClient.stories([...members.values()].map(row));
    void sent.then(() => search.rerunStoryQuery());
  };

  imports.listen();
  void library.start().then(async () => {
    void stories.start();
    await search.start();
    await backups.maybeAutoBackup();
  });

  // A note being typed is saved before the window goes away.
  addEventListener('pagehide', () => void reader.flushNote());
  addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void reader.flushNote();
  });

  const app = createApp({
    api,
    repo,
    library,
    selection,
    reader,
    imports,
    notices,
    undo,
    exporter,
    backups,
    search,
    stories,
  });
  backups.onrestored = () => {
    void stories.start({ listen: false });
    void app.reloadSettings();
  };
  mount(App, { target, props: { app } });
}
