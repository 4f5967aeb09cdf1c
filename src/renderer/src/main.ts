import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { getApi } from './lib/api';
import { getDatabase } from './lib/db';
import { LibraryRepo } from './lib/library-repo';
import { ExporterState } from './state/exporter.svelte';
import { ImportsState } from './state/imports.svelte';
import { LibraryState } from './state/library.svelte';
import { NoticesState } from './state/notices.svelte';
import { ReaderState } from './state/reader.svelte';
import { UndoState } from './state/undo.svelte';

const api = getApi();
const repo = new LibraryRepo(getDatabase());
const notices = new NoticesState();
const undo = new UndoState(notices);
const library = new LibraryState(repo);
const reader = new ReaderState(repo, notices, undo);
const imports = new ImportsState(api, repo, notices);
const exporter = new ExporterState(api, repo, notices);
void exporter.loadSettings();

// Listen before anything can be imported, so no event from a launch-time import is missed.
imports.listen();
void library.start();
// A note being typed is saved before the window goes away.
addEventListener('pagehide', () => void reader.flushNote());
addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void reader.flushNote();
});

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');
mount(App, {
  target,
  props: { api, repo, library, reader, imports, notices, undo, exporter },
});
