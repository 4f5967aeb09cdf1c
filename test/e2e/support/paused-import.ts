/** Loaded into the import worker: a pause before each file is opened (no CPU spent). */
const PAUSE_BEFORE_EACH_FILE = `import fs from 'node:fs';
const pause = new Int32Array(new SharedArrayBuffer(4));
const open = fs.openSync;
fs.openSync = (...args) => { Atomics.wait(pause, 0, 0, 5); return open(...args); };`;

/**
 * execArgv for an import worker that pauses 5 ms per file, so a job of thousands of files is
 * surely still running a moment after it starts, however fast parsing gets and however busy
 * the machine is (tests that act mid-import need that).
 */
export const PAUSED_IMPORT_WORKER_ARGV = [
  '--import',
  `data:text/javascript,${encodeURIComponent(PAUSE_BEFORE_EACH_FILE)}`,
];
