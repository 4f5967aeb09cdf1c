/**
 * PDF import as a packaged app runs it: the built import worker (electron-vite's output, made
 * here into a folder of its own) in a worker thread, where @napi-rs/canvas cannot be loaded
 * (a native module is never loadable from inside an asar, and it is an optional package) and
 * the packages the archive leaves out (pdfjs-dist itself among them: it is bundled) do not
 * resolve. Text must still come out, and every module the worker loads must be CommonJS that
 * Electron's require() reads from inside an asar.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilderConfig } from '../../../build/electron-builder.config';
import { MinimalDOMMatrix } from '../../../src/main/import/dom-matrix';
import { ImportService } from '../../../src/main/services/import-service';
import type { ImportEvent, ImportItem } from '@shared/ipc';
import { bridgePdf } from './helpers';

const ROOT = resolve(__dirname, '../../..');
// Inside the project, so that the bundle's require()s find node_modules as they would.
const CACHE = join(ROOT, 'node_modules/.cache');
let work = '';

/** Packages the release archive leaves out (build/electron-builder.config.ts), plus canvas. */
function blockedPackages(): string[] {
  const files = createBuilderConfig({}).files as string[];
  const excluded = files
    .filter((p) => p.startsWith('!node_modules/'))
    .map((p) => p.slice('!node_modules/'.length).replace(/\/\*\*$/, ''));
  return [...new Set([...excluded, '@napi-rs/canvas', 'pdfjs-dist'])];
}

beforeAll(() => {
  mkdirSync(CACHE, { recursive: true });
  work = mkdtempSync(join(CACHE, 'clipbook-packaged-pdf-'));
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '--outDir',
      join(work, 'out'),
    ],
    { cwd: ROOT, stdio: 'pipe' },
  );
  // The worker entry a packaged app would start, after a resolver hook that refuses what the
  // archive does not hold: require('@napi-rs/canvas') fails as it does from an asar.
  writeFileSync(
    join(work, 'packaged-worker.cjs'),
    `const Module = require('node:module');
const blocked = ${JSON.stringify(blockedPackages())};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (blocked.some((name) => request === name || request.startsWith(name + '/'))) {
    throw Object.assign(new Error("Cannot find module '" + request + "' (not in the archive)"), { code: 'MODULE_NOT_FOUND' });
  }
  return resolveFilename.call(this, request, ...rest);
};
try { require('@napi-rs/canvas'); throw new Error('canvas should be blocked'); } catch (e) { if (e.code !== 'MODULE_NOT_FOUND') throw e; }
if (globalThis.DOMMatrix) throw new Error('this runtime has a DOMMatrix of its own');
require(${JSON.stringify(join(work, 'out/main/import-worker.js'))});
`,
  );
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function importInWorker(paths: string[]): Promise<ImportItem[]> {
  return new Promise((done, fail) => {
    const items: ImportItem[] = [];
    const service = new ImportService({
      workerPath: join(work, 'packaged-worker.cjs'),
      emit: (event: ImportEvent) => {
        if (event.type === 'items') items.push(...event.items);
        if (event.type === 'finished') {
          service.dispose();
          if (event.failure) fail(new Error(event.failure));
          else done(items);
        }
      },
    });
    service.start(paths, 'drop');
  });
}

describe('PDF import in a packaged build', () => {
  it('extracts text in a worker thread without @napi-rs/canvas or pdfjs-dist on disk', async () => {
    const dir = join(work, 'in');
    mkdirSync(dir);
    const file = join(dir, 'bridge.pdf');
    writeFileSync(file, bridgePdf());
    const [item] = await importInWorker([file]);
    if (!item?.outcome.ok) throw new Error(JSON.stringify(item?.outcome));
    expect(item.outcome.draft.format).toBe('pdf');
    expect(item.outcome.draft.title).toBe('Bridge reopens after repairs');
    expect(item.outcome.draft.paragraphs.join(' ')).toContain('traffic is expected to return');
  });

  it('loads nothing but CommonJS: no ES module and no import() of a package', () => {
    const main = join(work, 'out/main');
    const files = readdirSync(main, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => f.endsWith('.mjs'))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(main, file), 'utf8');
      // pdfjs keeps one import(`${url}`) for a worker URL it is never given (the worker code
      // is passed in as globalThis.pdfjsWorker).
      const imports = [...code.matchAll(/\bimport\((["'`])([^"'`]*)\1\)/g)].map((m) => m[2]);
      expect(
        imports.filter((s) => s !== '${url}'),
        file,
      ).toEqual([]);
      expect(code, file).not.toMatch(/require\(["']pdfjs-dist/);
    }
  });
});

describe('MinimalDOMMatrix', () => {
  it('computes like DOMMatrix for the 2D operations pdfjs uses', () => {
    const m = new MinimalDOMMatrix([2, 0, 0, 3, 10, 20]);
    expect(m.transformPoint({ x: 1, y: 1 })).toEqual({ x: 12, y: 23 });
    const inverse = m.inverse();
    const back = inverse.transformPoint({ x: 12, y: 23 });
    expect(back.x).toBeCloseTo(1, 12);
    expect(back.y).toBeCloseTo(1, 12);
    // scaleSelf then translateSelf post-multiply, as in pdfjs's Type3 glyph path.
    const t = new MinimalDOMMatrix().scaleSelf(0.5, -0.25).translateSelf(0, -8);
    expect([t.a, t.b, t.c, t.d, t.e, t.f]).toEqual([0.5, 0, 0, -0.25, 0, 2]);
    const pre = new MinimalDOMMatrix([1, 0, 0, 1, 5, 0]).preMultiplySelf([2, 0, 0, 2, 0, 0]);
    expect([pre.a, pre.d, pre.e]).toEqual([2, 2, 10]);
    expect(new MinimalDOMMatrix().isIdentity).toBe(true);
    expect(new MinimalDOMMatrix([0, 0, 0, 0, 0, 0]).inverse().a).toBeNaN();
  });
});
