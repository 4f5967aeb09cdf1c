import * as fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, type HandlerDeps } from '../../../src/main/ipc/handlers';
import { INVOKE_CHANNELS, invokeContract } from '../../../src/shared/ipc';
import * as v from 'valibot';

function deps(): HandlerDeps & { started: string[][] } {
  const started: string[][] = [];
  return {
    started,
    imports: {
      start: (paths) => {
        started.push(paths);
        return 'job-1';
      },
      cancel: (jobId) => jobId === 'job-1',
    },
    choosePaths: async () => ['/home/u/a.txt'],
    openExternal: vi.fn(async () => undefined),
    appInfo: () => ({ name: 'Clipbook', version: '1.0.0', platform: 'linux' }),
  };
}

describe('IPC handlers', () => {
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
    ];
    for (const [channel, args] of bad) {
      const result = await handlers[channel](args);
      expect(result.ok, `${channel} ${JSON.stringify(args).slice(0, 60)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-arguments');
    }
    expect(d.started).toEqual([]);
    expect(d.openExternal).not.toHaveBeenCalled();
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
