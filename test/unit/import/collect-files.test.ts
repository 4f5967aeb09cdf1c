/** collectFiles: sorted recursion, hidden entries skipped, symlink loops and escapes handled. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles, type CollectedFile } from '../../../src/main/import/index';

let root: string;
let outside: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'clipbook-collect-'));
  outside = mkdtempSync(join(tmpdir(), 'clipbook-outside-'));
  const dir = join(root, 'chosen');
  mkdirSync(join(dir, 'b-sub', 'deeper'), { recursive: true });
  mkdirSync(join(dir, '.hidden-dir'));
  writeFileSync(join(dir, 'c.txt'), 'c');
  writeFileSync(join(dir, 'a.txt'), 'a');
  writeFileSync(join(dir, '.hidden.txt'), 'h');
  writeFileSync(join(dir, '.hidden-dir', 'x.txt'), 'x');
  writeFileSync(join(dir, 'b-sub', 'b1.html'), 'b1');
  writeFileSync(join(dir, 'b-sub', 'deeper', 'd.md'), 'd');
  writeFileSync(join(outside, 'secret.txt'), 's');
  symlinkSync(dir, join(dir, 'b-sub', 'loop'));
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'escape.txt'));
  symlinkSync(outside, join(dir, 'escape-dir'));
  symlinkSync(join(dir, 'a.txt'), join(dir, 'link-inside.txt'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function all(paths: string[]): Promise<CollectedFile[]> {
  const out: CollectedFile[] = [];
  for await (const f of collectFiles(paths)) out.push(f);
  return out;
}

describe('collectFiles', () => {
  it('recurses in sorted order, skips hidden entries, survives loops, refuses escapes', async () => {
    const dir = join(root, 'chosen');
    const got = await all([dir]);
    const rel = got.map(
      (f) => f.path.slice(dir.length + 1) + ('error' in f ? ` !${f.error.code}` : ''),
    );
    expect(rel).toEqual([
      'a.txt',
      'b-sub/b1.html',
      'b-sub/deeper/d.md',
      'c.txt',
      'escape-dir !unreadable',
      'escape.txt !unreadable',
      'link-inside.txt',
    ]);
    const escape = got.find((f) => f.path.endsWith('escape.txt'));
    expect(escape && 'error' in escape && escape.error.message).toMatch(/outside the folder/);
  });

  it('plain files given directly are yielded as-is, in the order given', async () => {
    const a = join(root, 'chosen', 'c.txt');
    const b = join(root, 'chosen', '.hidden.txt');
    expect(await all([a, b])).toEqual([{ path: a }, { path: b }]);
  });

  it('a missing path is reported as unreadable', async () => {
    const got = await all([join(root, 'missing')]);
    expect(got).toHaveLength(1);
    expect(got[0] && 'error' in got[0] && got[0].error.code).toBe('unreadable');
  });
});
