import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportFile } from '@shared/export/types';
import {
  UnsafeExportPathError,
  nodeExportFs,
  resolveInside,
  writeExport,
} from '../../../src/main/export/write-export';
import type { ExportFileHandle, ExportFs } from '../../../src/main/export/write-export';

const roots: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clipbook-export-'));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

class Fault extends Error {}

type Mode = 'throw' | 'partial' | 'crash';

/**
 * Wraps the real fs and breaks the `failAt`-th operation: it throws before doing anything,
 * writes only part of the data and then throws, or never returns (a crash: nothing after it
 * runs, not even clean-up).
 */
function faultyFs(
  failAt: number,
  mode: Mode,
  fraction: number,
): { fs: ExportFs; ops: () => number } {
  let count = 0;
  const never = new Promise<never>(() => undefined);
  const step = async <T>(run: () => Promise<T>, partial?: () => Promise<void>): Promise<T> => {
    const n = count;
    count += 1;
    if (n !== failAt) return run();
    if (mode === 'partial' && partial) await partial();
    if (mode === 'crash') return never;
    throw new Fault(`injected fault at operation ${n}`);
  };
  const fs: ExportFs = {
    mkdir: (d) => step(() => nodeExportFs.mkdir(d)),
    realpath: (p) => step(() => nodeExportFs.realpath(p)),
    createExclusive: (f) =>
      step(async () => {
        const h = await nodeExportFs.createExclusive(f);
        const wrapped: ExportFileHandle = {
          write: (data) =>
            step(
              () => h.write(data),
              () => h.write(data.subarray(0, Math.floor(data.length * fraction))),
            ),
          sync: () => step(() => h.sync()),
          close: () =>
            step(
              () => h.close(),
              () => h.close(),
            ),
        };
        return wrapped;
      }),
    rename: (a, b) => step(() => nodeExportFs.rename(a, b)),
    unlink: (f) => step(() => nodeExportFs.unlink(f)),
    syncDir: (d) => step(() => nodeExportFs.syncDir(d)),
  };
  return { fs, ops: () => count };
}

const OLD = { 'a.md': 'old A '.repeat(500), 'b.md': 'old B '.repeat(700) };
const NEW: ExportFile[] = [
  { name: 'a.md', data: 'new A '.repeat(900), mediaType: 'text/markdown' },
  {
    name: 'sub/b.md',
    data: new TextEncoder().encode('new B '.repeat(300)),
    mediaType: 'text/markdown',
  },
];

describe('writeExport', () => {
  it('writes strings and bytes, creating folders', async () => {
    const dir = freshDir();
    const written = await writeExport(join(dir, 'out'), NEW);
    expect(written).toEqual([join(dir, 'out', 'a.md'), join(dir, 'out', 'sub', 'b.md')]);
    expect(readFileSync(join(dir, 'out', 'a.md'), 'utf8')).toBe(NEW[0]!.data);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.md', 'sub']);
  });

  it.each([
    '../../x',
    '..\\x',
    '/etc/x',
    'C:\\x',
    'C:x',
    'a/../../x',
    'a/./b',
    '',
    'a\0b',
    '\\\\server\\share\\x',
  ])('refuses %j and writes nothing', async (name) => {
    const dir = freshDir();
    const files = [
      { name: 'ok.md', data: 'x', mediaType: 'text/plain' },
      { name, data: 'x', mediaType: 'text/plain' },
    ];
    await expect(writeExport(dir, files)).rejects.toBeInstanceOf(UnsafeExportPathError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a subfolder that is a symlink out of the export folder', async () => {
    const dir = freshDir();
    const outside = freshDir();
    symlinkSync(outside, join(dir, 'link'));
    await expect(
      writeExport(dir, [{ name: 'link/x.md', data: 'x', mediaType: 'text/plain' }]),
    ).rejects.toBeInstanceOf(UnsafeExportPathError);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('resolves only inside the folder', () => {
    expect(resolveInside('/a/b', 'c/d.md')).toBe('/a/b/c/d.md');
    expect(() => resolveInside('/a/b', '../b/c')).toThrow(UnsafeExportPathError);
  });

  it('leaves the old file or the new one, never a partial one, under random faults', async () => {
    // How many operations a clean run takes, so faults cover every step.
    const probe = faultyFs(-1, 'throw', 0);
    await writeExport(freshDir(), NEW, { fs: probe.fs });
    const total = probe.ops();
    expect(total).toBeGreaterThan(10);

    let failures = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: total }),
        fc.constantFrom<Mode>('throw', 'partial', 'crash'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (failAt, mode, fraction) => {
          const dir = freshDir();
          writeFileSync(join(dir, 'a.md'), OLD['a.md']);
          mkdirSync(join(dir, 'sub'));
          writeFileSync(join(dir, 'sub', 'b.md'), OLD['b.md']);
          const { fs } = faultyFs(failAt, mode, fraction);
          const run = writeExport(dir, NEW, { fs });
          const outcome = await Promise.race([
            run.then(
              () => 'ok' as const,
              (e: unknown) => {
                if (!(e instanceof Fault)) throw e;
                return 'failed' as const;
              },
            ),
            // A crash never settles; give the other operations time to finish first.
            new Promise<'crashed'>((r) =>
              setTimeout(() => r('crashed'), mode === 'crash' ? 30 : 5_000),
            ),
          ]);
          if (outcome === 'failed') failures += 1;
          const a = readFileSync(join(dir, 'a.md'), 'utf8');
          const b = readFileSync(join(dir, 'sub', 'b.md'), 'utf8');
          expect([OLD['a.md'], NEW[0]!.data]).toContain(a);
          expect([OLD['b.md'], new TextDecoder().decode(NEW[1]!.data as Uint8Array)]).toContain(b);
          if (outcome === 'ok') {
            expect(a).toBe(NEW[0]!.data);
          }
          if (outcome !== 'crashed') {
            // A thrown failure cleans up after itself; only a real crash may leave a temp file.
            const leftovers = [...readdirSync(dir), ...readdirSync(join(dir, 'sub'))].filter((n) =>
              n.endsWith('.tmp'),
            );
            expect(leftovers).toEqual([]);
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(failures).toBeGreaterThan(10);
  });
});
