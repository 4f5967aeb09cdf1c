/** The CLI contract: one JSON array in argument order, exit 0/2/64, Markdown mode, help. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run-cli';
import { hasUnsafeChars } from '@shared/text-safety';

const ART = join(__dirname, '../../fixtures/articles');
const ROOT = join(__dirname, '../../..');

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('runCli', () => {
  it('parse --md never prints terminal escapes or bidi controls, from any field or name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clipbook-cli-'));
    try {
      const name = join(dir, 'esc\u001b]0;pwned\u0007\u202e.txt');
      writeFileSync(
        name,
        `Title \u001b[2J\u001b[31mred\u0007\n\nBy Maria\u202e Lund\n\nThe harbour council approved the new sea wall on Monday \u001b]8;;https://evil.example\u0007after a debate.\n`,
      );
      const r = await run(['parse', '--md', name, join(dir, 'missing\u001b[2J.txt')]);
      // Nothing a terminal would act on: controls (ESC, BEL…), bidi overrides and isolates.
      expect(hasUnsafeChars(r.out)).toBe(false);
      expect(r.out).toContain('The harbour council approved the new sea wall');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parse --json prints one array in the order given; exit 0 when all parsed', async () => {
    const files = [join(ART, 'wire-tram-line.txt'), join(ART, 'harbour-report.html')];
    const r = await run(['parse', '--json', ...files]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const arr = JSON.parse(r.out) as Array<{ file: string; clipping?: { title: string } }>;
    expect(arr.map((e) => e.file)).toEqual(files);
    expect(arr[0]?.clipping?.title).toBe('City Council Approves Tram Line to the Western Harbour');
    expect(arr[1]?.clipping?.title).toBe('Port authority reports record container traffic');
  });

  it('exit 2 when any file is refused, and every file is still reported', async () => {
    const files = [
      join(ART, 'empty.txt'),
      join(ART, 'energy-prices.md'),
      join(ART, 'binary-disguised.txt'),
    ];
    const r = await run(['parse', '--json', ...files]);
    expect(r.code).toBe(2);
    const arr = JSON.parse(r.out) as Array<{
      file: string;
      error?: { code: string; message: string };
      clipping?: unknown;
    }>;
    expect(arr).toHaveLength(3);
    expect(arr[0]?.error?.code).toBe('empty');
    expect(arr[1]?.clipping).toBeDefined();
    expect(arr[2]?.error?.code).toBe('binary');
  });

  it('--md prints readable Markdown', async () => {
    const r = await run(['parse', '--md', join(ART, 'energy-prices.md'), join(ART, 'empty.txt')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('# Households face higher energy bills as regulator lifts price cap');
    expect(r.out).toContain('- Source: Midland Courier');
    expect(r.out).toContain('**Refused (empty):**');
  });

  it('--help prints usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: clipbook parse/);
  });

  it('bad usage goes to stderr with exit 64', async () => {
    for (const argv of [[], ['frobnicate'], ['parse'], ['parse', '--yaml', 'x.txt']]) {
      const r = await run(argv);
      expect(r.code).toBe(64);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/Usage/);
    }
  });
});

describe('CLI entry (spawned)', () => {
  it('exits with 2 and prints JSON when a file is refused', () => {
    const res = spawnSync(
      'npx',
      [
        'tsx',
        'src/main/cli/index.ts',
        'parse',
        '--json',
        join(ART, 'empty.txt'),
        join(ART, 'wire-tram-line.txt'),
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(res.status).toBe(2);
    const arr = JSON.parse(res.stdout) as unknown[];
    expect(arr).toHaveLength(2);
  }, 60_000);
});

describe('runCli dispatch', () => {
  it('hands `convert` to the export command with its own help', async () => {
    const r = await run(['convert', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/clipbook convert/);
  });
});
