/** `clipbook stories`: the grouping from the command line, for pipelines and for testing. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run-cli';

const DIR = join(__dirname, '../../fixtures/stories');
const f = (name: string) => join(DIR, `${name}.md`);

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

interface Printed {
  stories: {
    original: { file: string; outlet: string };
    agency: string;
    copies: { file: string; title: string; outlet: string; date: string; similarity: number }[];
  }[];
  refused: { file: string; error: { code: string } }[];
}

describe('clipbook stories', () => {
  it('prints each story with its original and copies (file, title, outlet, date, similarity)', async () => {
    const files = [
      'copy-trimmed',
      'rival-report',
      'wire-reuters',
      'copy-herald',
      'update-reuters',
    ].map(f);
    const r = await run(['stories', '--json', ...files]);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as Printed;
    expect(printed.stories).toHaveLength(1);
    const story = printed.stories[0];
    expect(story?.original).toMatchObject({ file: f('wire-reuters'), outlet: 'Reuters' });
    expect(story?.agency).toBe('Reuters');
    expect(story?.copies.map((c) => c.file).sort()).toEqual([f('copy-herald'), f('copy-trimmed')]);
    expect(story?.copies.find((c) => c.file === f('copy-trimmed'))).toMatchObject({
      title: 'Regulator orders water companies to cut leaks',
      outlet: 'Valley Gazette',
      date: '2025-06-11',
    });
    for (const c of story?.copies ?? []) expect(c.similarity).toBeGreaterThanOrEqual(0.7);
  });

  it('--all lists single clippings as stories of one', async () => {
    const r = await run(['stories', '--all', f('wire-reuters'), f('rival-report')]);
    expect((JSON.parse(r.out) as Printed).stories.map((s) => s.copies.length)).toEqual([0, 0]);
  });

  it('reports refused files and exits 2; bad usage exits 64', async () => {
    const r = await run([
      'stories',
      f('wire-reuters'),
      join(__dirname, '../../fixtures/articles/empty.txt'),
    ]);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.out) as Printed).refused[0]?.error.code).toBe('empty');
    expect((await run(['stories'])).code).toBe(64);
    expect((await run(['stories', '--bogus', f('wire-reuters')])).code).toBe(64);
  });
});
