/** `clipbook search`: the fixture folder parsed as the app imports it, ranked hits as JSON. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run-cli';

const DIR = join(__dirname, '../../fixtures/search');

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

interface Output {
  query: string;
  total: number;
  hits: { file: string; title: string; score: number; snippet: string }[];
  refused: { file: string; error: { code: string } }[];
}

async function search(query: string, ...extra: string[]): Promise<Output> {
  const r = await run(['search', '--json', '--query', query, ...extra, DIR]);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Output;
}

const names = (o: Output) => o.hits.map((h) => h.file.slice(DIR.length + 1));

describe('clipbook search', () => {
  it('prints the ranked hits of a proximity query over a folder, with titles and snippets', async () => {
    const o = await search('(ban OR moratorium) w/5 pesticid*');
    expect(names(o)).toEqual(['ban-vote.md', 'moratorium.md']);
    expect(o.total).toBe(2);
    expect(o.hits[0]!.title).toBe('Parliament votes to ban three pesticides');
    expect(o.hits[0]!.score).toBeGreaterThan(o.hits[1]!.score);
    expect(o.hits[0]!.snippet).toMatch(/ban three pesticides/);
    // What is not an article is listed, not fatal.
    expect(o.refused.map((r) => [r.file.slice(DIR.length + 1), r.error.code])).toEqual([
      ['notes.json', 'unsupported'],
    ]);
  });

  it('answers each kind of operator as the app would', async () => {
    expect(names(await search('"climate change" near/10 (protest* OR strike*) -sport'))).toEqual([
      'more/climate-protest.md',
    ]);
    // "protested" and "ban" share a sentence only in the football report.
    expect(names(await search('protest* w/s ban'))).toEqual(['football.txt']);
    expect(names(await search('review* w/p moratorium'))).toEqual(['moratorium.md', 'ban-vote.md']);
    expect(names(await search('title:pesticid* NOT spraying'))).toEqual(['ban-vote.md']);
    expect(names(await search('atleast2(moratorium)'))).toEqual(['moratorium.md']);
    // German stems: "Pestizid" finds "Pestizide" and "Pestiziden".
    expect(names(await search('Pestizid'))).toEqual(['more/pestizide.md']);
    expect(names(await search('source:"valley herald" climate'))).toEqual([
      'more/climate-protest.md',
    ]);
  });

  it('limits the hits and still counts them all', async () => {
    const o = await search('the', '--limit', '2');
    expect(o.hits).toHaveLength(2);
    expect(o.total).toBeGreaterThan(2);
  });

  it('explains an invalid query at its position and exits 64', async () => {
    const r = await run(['search', '--json', '--query', 'ban (pesticide', DIR]);
    expect(r.code).toBe(64);
    expect(r.out).toBe('');
    expect(r.err).toContain('Unclosed parenthesis');
    expect(r.err).toContain('  ban (pesticide\n      ^^^^^^^^^^\n');
  });

  it('prints text without --json, and refuses bad usage', async () => {
    const r = await run(['search', '--query', 'moratorium', DIR]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2 matches in 5 articles\n\n1\. Regional moratorium/);
    expect((await run(['search', DIR])).code).toBe(64);
    expect((await run(['search', '--query', 'x'])).code).toBe(64);
    expect((await run(['search', '--query', 'x', '--limit', '0', DIR])).code).toBe(64);
    expect((await run(['search', '--help'])).out).toMatch(/Usage: clipbook search/);
  });
});
