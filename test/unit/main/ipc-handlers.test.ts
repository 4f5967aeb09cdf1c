import * as fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, type HandlerDeps } from '../../../src/main/ipc/handlers';
import { INVOKE_CHANNELS, invokeContract } from '../../../src/shared/ipc';
import * as v from 'valibot';

function deps(): HandlerDeps & { started: string[][]; writes: Array<[string, string[]]> } {
  const started: string[][] = [];
  const writes: Array<[string, string[]]> = [];
  return {
    started,
    writes,
    chooseSaveTarget: async ({ target, suggestedName }) =>
      target === 'folder' ? '/home/u/exports' : `/home/u/Documents/${suggestedName}`,
    writeFiles: async (dir, files) => {
      writes.push([dir, files.map((f) => f.name)]);
      return files.map((f) => `${dir}/${f.name}`);
    },
    renderPdf: async () => new Uint8Array([37, 80, 68, 70]),
    showInFolder: vi.fn(),
    openFile: async () => null,
    writeAutoBackup: async () => '/home/u/.config/Clipbook/backups/b.clipbook-backup',
    imports: {
      start: (paths) => {
        started.push(paths);
        return 'job-1';
      },
      cancel: (jobId) => jobId === 'job-1',
    },
    choosePaths: async () => ['/home/u/a.txt'],
    openExternal: vi.fn(async () => undefined),
    appInfo: () => ({
      name: 'Clipbook',
      version: '1.0.0',
      platform: 'linux',
      dataDir: '/home/u/.config/Clipbook',
    }),
    openDataFolder: vi.fn(async () => undefined),
  };
}

describe('IPC handlers', () => {
  it('save exports where the user chose, and reveal only what they wrote', async () => {
    const d = deps();
    const handlers = createIpcHandlers(d);
    const files = [
      { name: 'a.md', data: '# A', mediaType: 'text/markdown' },
      { name: 'b.md', data: '# B', mediaType: 'text/markdown' },
    ];
    const saved = await handlers['export:save']([{ target: 'folder', suggestedName: 'x', files }]);
    expect(saved).toEqual({
      ok: true,
      value: { folder: '/home/u/exports', paths: ['/home/u/exports/a.md', '/home/u/exports/b.md'] },
    });
    // A single-file export takes the name the user typed in the save dialog.
    const pdf = await handlers['export:pdf']([
      { html: '<p>x</p>', suggestedName: 'Clip book.pdf' },
    ]);
    expect(pdf).toEqual({
      ok: true,
      value: { folder: '/home/u/Documents', paths: ['/home/u/Documents/Clip book.pdf'] },
    });
    expect(await handlers['shell:show-in-folder'](['/home/u/exports/a.md'])).toEqual({
      ok: true,
      value: null,
    });
    const refused = await handlers['shell:show-in-folder'](['/etc/passwd']);
    expect(refused.ok).toBe(false);
    expect(d.showInFolder).toHaveBeenCalledTimes(1);
    expect(
      (await handlers['export:save']([{ target: 'folder', suggestedName: 'x', files: [] }])).ok,
    ).toBe(false);
  });

  it('answer valid calls with ok results that match the response schema', async () => {
    const d = deps();
    const handlers = createIpcHandlers(d);
    const start = await handlers['import:start']([['/a.txt', '/b'], 'drop']);
    expect(start).toEqual({ ok: true, value: { jobId: 'job-1' } });
    expect(d.started).toEqual([['/a.txt', '/b']]);
    expect(await handlers['import:choose'](['files'])).toEqual({
      ok: true,
      value: { jobId: 'job-1' },
    });
    expect(await handlers['import:cancel'](['job-1'])).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await handlers['shell:open-external'](['https://example.org'])).toEqual({
      ok: true,
      value: null,
    });
    const info = await handlers['app:info']([]);
    expect(info.ok && v.is(invokeContract['app:info'].result, info.value)).toBe(true);
  });

  it('reject wrong types, missing fields and oversized input with a message, never a throw', async () => {
    const d = deps();
    const handlers = createIpcHandlers(d);
    const bad: Array<[keyof typeof handlers, unknown]> = [
      ['import:start', []],
      ['import:start', [[], 'drop']],
      ['import:start', [['/a'], 'elsewhere']],
      ['import:start', [[42], 'drop']],
      ['import:start', [['x'.repeat(5_000)], 'drop']],
      ['import:start', [['/a\0b'], 'drop']],
      ['import:start', 'not an array'],
      ['import:choose', [{ kind: 'files' }]],
      ['import:cancel', ['../../etc']],
      ['shell:open-external', ['file:///etc/passwd']],
      ['shell:open-external', ['javascript:alert(1)']],
      ['app:info', ['extra']],
      ['app:open-data-folder', ['/etc']],
    ];
    for (const [channel, args] of bad) {
      const result = await handlers[channel](args);
      expect(result.ok, `${channel} ${JSON.stringify(args).slice(0, 60)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-arguments');
    }
    expect(d.started).toEqual([]);
    expect(d.openExternal).not.toHaveBeenCalled();
  });

  it('open the data folder main knows, taking no path from the renderer', async () => {
    const d = deps();
    const handlers = createIpcHandlers(d);
    expect(await handlers['app:open-data-folder']([])).toEqual({ ok: true, value: null });
    expect(d.openDataFolder).toHaveBeenCalledWith();
    const info = await handlers['app:info']([]);
    expect(info.ok && info.value).toMatchObject({ dataDir: '/home/u/.config/Clipbook' });
  });

  it('turn a failing service into an error result', async () => {
    const d = deps();
    d.choosePaths = async () => {
      throw new Error('dialog broke');
    };
    const result = await createIpcHandlers(d)['import:choose'](['folder']);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'dialog broke' } });
  });

  it('never throw for arbitrary input on any channel (property)', async () => {
    const handlers = createIpcHandlers(deps());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...INVOKE_CHANNELS),
        fc.anything(),
        async (channel, args) => {
          const result = await handlers[channel](args);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});
