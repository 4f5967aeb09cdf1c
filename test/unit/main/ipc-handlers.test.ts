import * as fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, type HandlerDeps } from '../../../src/main/ipc/handlers';
import { INVOKE_CHANNELS, invokeContract, type InvokeArgs, type InvokeChannel } from '@shared/ipc';
import * as v from 'valibot';

const STREAM = `stream-${'a1'.repeat(12)}`;

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
    chooseOpenPath: async () => '/home/u/Documents/library.clipbook-backup',
    autoBackupPath: () => '/home/u/.config/Clipbook/backups/b.clipbook-backup',
    pruneAutoBackups: async () => undefined,
    // Any well-formed id is open: the schema tests are about arguments, not stream state.
    streams: {
      beginWrite: async () => STREAM,
      write: async () => undefined,
      finishWrite: async () => ({ path: '/home/u/Documents/b.clipbook-backup', bytes: 3 }),
      abortWrite: async () => undefined,
      openRead: async () => ({ id: STREAM, size: 3 }),
      read: async () => ({ bytes: new Uint8Array([1, 2, 3]), done: true }),
      closeRead: async () => undefined,
    },
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

/** One valid call per channel; the compiler insists on an entry for every channel. */
const VALID_ARGS: { [C in InvokeChannel]: InvokeArgs<C> } = {
  'import:start': [['/home/u/Desktop/article.html'], 'drop'],
  'import:choose': ['files'],
  'import:cancel': ['job-1'],
  'shell:open-external': ['https://example.org/a'],
  'app:info': [],
  'app:open-data-folder': [],
  'export:save': [
    {
      target: 'folder',
      suggestedName: 'x',
      files: [{ name: 'a.md', data: '# A', mediaType: 'text/markdown' }],
    },
  ],
  'export:begin': [{ target: 'folder', suggestedName: 'vault' }],
  'export:files': [
    STREAM,
    [{ name: 'a.md', data: new Uint8Array([35]), mediaType: 'text/markdown' }],
  ],
  'export:end': [STREAM],
  'export:pdf': [{ html: '<p>x</p>', suggestedName: 'a.pdf' }],
  'shell:show-in-folder': ['/home/u/exports/a.md'],
  'file:open': ['backup'],
  'file:read': [STREAM, 1024],
  'file:close': [STREAM],
  'save:begin': [{ to: 'choose', suggestedName: 'Clipbook backup.clipbook-backup' }],
  'save:chunk': [STREAM, new Uint8Array([1, 2, 3])],
  'save:finish': [STREAM],
  'save:abort': [STREAM],
};

/**
 * Leaves where a string over 10 MB is a legitimate request: an export's file content and the
 * clip book's HTML are as big as the library (each has its own, larger, cap in the contract).
 */
const BIG_STRINGS_ALLOWED = new Set(['export:save 0.files.0.data', 'export:pdf 0.html']);
const HUGE = 'x'.repeat(10 * 1024 * 1024 + 1);
/** Paths the user did not choose: relative, or climbing out with `..`. */
const FOREIGN_PATHS = [
  'etc/passwd',
  './a.txt',
  '../../etc/passwd',
  '/home/u/Desktop/../../../etc/shadow',
  'C:..\\Windows\\win.ini',
  'C:\\Users\\u\\..\\..\\Windows',
  '~/.ssh/id_rsa',
];

type Kind = 'string' | 'number' | 'boolean' | 'bytes' | 'array' | 'object' | 'null' | 'undefined';
function kindOf(x: unknown): Kind {
  if (x === null) return 'null';
  if (x instanceof Uint8Array) return 'bytes';
  if (Array.isArray(x)) return 'array';
  return typeof x as Kind;
}
const SAMPLES: unknown[] = [
  42,
  -1.5,
  Number.NaN,
  true,
  null,
  undefined,
  'text',
  {},
  [],
  new Uint8Array(2),
];

/** Every leaf and container of a value, as key paths (Uint8Array is a leaf). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length ? [prefix] : [];
  if (kindOf(value) === 'array') {
    return [...here, ...(value as unknown[]).flatMap((x, i) => paths(x, [...prefix, i]))];
  }
  if (kindOf(value) === 'object') {
    return [
      ...here,
      ...Object.entries(value as object).flatMap(([k, x]) => paths(x, [...prefix, k])),
    ];
  }
  return here;
}
function at(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], value);
}
function withLeaf(
  value: unknown,
  path: (string | number)[],
  change: (parent: Record<string | number, unknown> | unknown[], key: string | number) => void,
): unknown {
  const copy = structuredClone(value);
  change(at(copy, path.slice(0, -1)) as Record<string | number, unknown>, path.at(-1) as string);
  return copy;
}

interface Mutation {
  label: string;
  args: unknown;
}

/** Wrong types, missing fields, huge strings and foreign paths, for every position of a call. */
function mutationsOf(channel: InvokeChannel): Mutation[] {
  const valid = VALID_ARGS[channel];
  const out: Mutation[] = [
    { label: 'not a tuple', args: { 0: valid[0] } },
    { label: 'extra argument', args: [...valid, 'extra'] },
    { label: 'huge extra argument', args: [...valid, HUGE] },
  ];
  for (const path of paths(valid)) {
    const key = path.join('.');
    const original = at(valid, path);
    const kinds = new Set([kindOf(original)]);
    // The export file content is a union: either kind is right there.
    if (key.endsWith('.data')) kinds.add('string').add('bytes');
    for (const sample of SAMPLES.filter((x) => !kinds.has(kindOf(x)))) {
      out.push({
        label: `${key} as ${kindOf(sample)}`,
        args: withLeaf(valid, path, (parent, k) => {
          (parent as Record<string | number, unknown>)[k] = sample;
        }),
      });
    }
    out.push({
      label: `${key} missing`,
      args: withLeaf(valid, path, (parent, k) => {
        if (Array.isArray(parent)) parent.splice(Number(k), 1);
        else delete parent[k];
      }),
    });
    if (typeof original === 'string') {
      if (!BIG_STRINGS_ALLOWED.has(`${channel} ${key}`)) {
        out.push({
          label: `${key} over 10 MB`,
          args: withLeaf(valid, path, (parent, k) => {
            (parent as Record<string | number, unknown>)[k] = HUGE;
          }),
        });
      }
      if (original.startsWith('/')) {
        for (const foreign of FOREIGN_PATHS) {
          out.push({
            label: `${key} = ${foreign}`,
            args: withLeaf(valid, path, (parent, k) => {
              (parent as Record<string | number, unknown>)[k] = foreign;
            }),
          });
        }
      }
    }
  }
  return out;
}

/** Deps whose every function is a spy, to prove that a refused call reached none of them. */
function spiedDeps(): { deps: HandlerDeps; calls: () => string[] } {
  const base = deps();
  const spies: Array<[string, ReturnType<typeof vi.fn>]> = [];
  const spy = <T extends object>(object: T, prefix: string): T => {
    const copy: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(object)) {
      if (typeof value === 'function') {
        const f = vi.fn(value as (...a: unknown[]) => unknown);
        spies.push([`${prefix}${k}`, f]);
        copy[k] = f;
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        copy[k] = spy(value as object, `${k}.`);
      } else copy[k] = value;
    }
    return copy as T;
  };
  return {
    deps: spy(base, ''),
    calls: () => spies.filter(([, f]) => f.mock.calls.length > 0).map(([name]) => name),
  };
}

describe('IPC handlers under hostile input (every channel)', () => {
  it('a valid call on every channel succeeds (the mutations below start from these)', async () => {
    for (const channel of INVOKE_CHANNELS) {
      const { deps } = spiedDeps();
      const handlers = createIpcHandlers(deps);
      // show-in-folder needs a path this session wrote first.
      if (channel === 'shell:show-in-folder')
        await handlers['export:save'](VALID_ARGS['export:save']);
      let args: unknown[] = VALID_ARGS[channel];
      // An export in pieces must have begun: its id is main's, not the fixed one above.
      if (channel === 'export:files' || channel === 'export:end') {
        const begun = await handlers['export:begin'](VALID_ARGS['export:begin']);
        if (!begun.ok || !begun.value) throw new Error('export:begin failed');
        args = [(begun.value as { exportId: string }).exportId, ...args.slice(1)];
      }
      const result = await handlers[channel](args);
      expect(result.ok, `${channel}: ${JSON.stringify(result)}`).toBe(true);
    }
  });

  it('every channel refuses wrong types, missing fields, >10 MB strings and foreign paths by schema, calling nothing', async () => {
    let total = 0;
    for (const channel of INVOKE_CHANNELS) {
      const mutations = mutationsOf(channel);
      expect(mutations.length, channel).toBeGreaterThan(2);
      for (const { label, args } of mutations) {
        const { deps, calls } = spiedDeps();
        const result = await createIpcHandlers(deps)[channel](args);
        expect(result.ok ? 'ok' : result.error.code, `${channel}: ${label}`).toBe(
          'invalid-arguments',
        );
        expect(calls(), `${channel}: ${label}`).toEqual([]);
        total += 1;
      }
    }
    expect(total).toBeGreaterThan(100);
  });

  it('refuses random garbage on every channel by schema, calling nothing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...INVOKE_CHANNELS),
        fc.anything({ withTypedArray: true, withNullPrototype: true, maxDepth: 4 }),
        async (channel, args) => {
          fc.pre(!v.is(invokeContract[channel].args, args));
          const { deps, calls } = spiedDeps();
          const result = await createIpcHandlers(deps)[channel](args);
          expect(result.ok ? 'ok' : result.error.code).toBe('invalid-arguments');
          expect(calls()).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('"Show in folder" reveals only paths this session wrote, never any other absolute path', async () => {
    const { deps, calls } = spiedDeps();
    const handlers = createIpcHandlers(deps);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.stringMatching(/^[^/\0]{1,20}$/), { minLength: 1, maxLength: 5 }),
        async (segments) => {
          const result = await handlers['shell:show-in-folder']([`/${segments.join('/')}`]);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
    for (const path of ['/etc/passwd', '/home/u/exports', '/home/u/exports/a.md']) {
      expect((await handlers['shell:show-in-folder']([path])).ok).toBe(false);
    }
    expect(calls()).toEqual([]);
    await handlers['export:save'](VALID_ARGS['export:save']);
    expect((await handlers['shell:show-in-folder'](['/home/u/exports/a.md'])).ok).toBe(true);
    expect((await handlers['shell:show-in-folder'](['/home/u/exports/../exports/a.md'])).ok).toBe(
      false,
    );
    expect((await handlers['shell:show-in-folder'](['/home/u/exports/b.md'])).ok).toBe(false);
    expect(deps.showInFolder).toHaveBeenCalledTimes(1);
  });
});
