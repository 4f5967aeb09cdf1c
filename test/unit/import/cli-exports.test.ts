/** The CLI on database exports: one entry per article (file, part, duplicateOf), convert too. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run-cli';

const EXPORTS = join(__dirname, '../../fixtures/database-exports');
const ART = join(__dirname, '../../fixtures/articles');
const out = mkdtempSync(join(tmpdir(), 'clipbook-cli-exports-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

interface Entry {
  file: string;
  part?: number;
  database?: string;
  duplicateOf?: number;
  clipping?: { title: string; record?: { documentId: string } };
}

describe('clipbook parse on exports', () => {
  it('prints every article in file order with its part; repeats are marked, single files unchanged', async () => {
    const nexis = join(EXPORTS, 'nexis-uni-harbour-news.docx');
    const single = join(ART, 'wire-tram-line.txt');
    const r = await run(['parse', '--json', nexis, single]);
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout) as Entry[];
    expect(entries).toHaveLength(13);
    const parts = entries.filter((e) => e.file === nexis);
    expect(parts.map((e) => e.part)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(parts.every((e) => e.database === 'nexis-uni')).toBe(true);
    expect(parts[10]).toMatchObject({ part: 11, duplicateOf: 4 });
    expect(parts.filter((e) => e.duplicateOf !== undefined)).toHaveLength(1);
    expect(parts[0]?.clipping?.record?.documentId).toBe('MVFG-MPDM-F3WV-1PH3-00000-00');
    expect(entries[12]).toEqual({ file: single, clipping: expect.any(Object) });
  });

  it('--md names each article with its part', async () => {
    const r = await run(['parse', '--md', join(EXPORTS, 'proquest-historical-report.txt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(article 6)');
    expect(r.stdout).toContain('- Document ID: 1527158134');
  });
});

describe('clipbook convert on exports', () => {
  it('exports every article once, skipping the ones the export repeats', async () => {
    const r = await run([
      'convert',
      '--to',
      'md',
      '--out',
      out,
      join(EXPORTS, 'lexisnexis-academic-energy.txt'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exported 24 articles');
    expect(r.stderr).toContain('(article 19): repeats article 12; skipped.');
    expect(readdirSync(out).filter((f) => f.endsWith('.md'))).toHaveLength(24);
  });
});
