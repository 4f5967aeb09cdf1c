import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { getApi } from './lib/api';
import { getDatabase } from './lib/db';
import { ImportsState } from './state/imports.svelte';
import { LibraryState } from './state/library.svelte';
import { NoticesState } from './state/notices.svelte';

const api = getApi();
const db = getDatabase();
const notices = new NoticesState();
const library = new LibraryState(db);
const imports = new ImportsState(api, db, notices);

// Listen before anything can be imported, so no event from a launch-time import is missed.
imports.listen();
library.start();

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');
mount(App, { target, props: { api, library, imports, notices } });
