import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { runConvert } from '../../../src/main/cli/convert-command';
import type { ConvertDeps } from '../../../src/main/cli/convert-command';
import type { ClippingDraft } from '@shared/clipping';
import { parseClipbookExport } from '@shared/export/json';
import { sampleItems } from './sample-items';

const dirs: string[] = [];
const freshDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'clipbook-convert-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Drafts keyed by file name, from the sample clippings. */
function fakeDeps(): ConvertDeps {
  const drafts = new Map<string, ClippingDraft>();
  for (const [i, { clipping }] of sampleItems().entries()) {
    const { id: _id, importedAt: _at, deletedAt: _del, ...draft } = clipping;
    drafts.set(`article-${i + 1}.txt`, {
      ...draft,
      original: { ...draft.original, sha256: String(i + 1).repeat(64) },
    });
  }
  return {
    parseFile: async (path) => {
      const draft = drafts.get(path);
      return draft
        ? { ok: true, draft }
        : { ok: false, error: { code: 'unreadable', message: 'The file could not be read.' } };
    },
    now: () => new Date('2025-10-01T12:00:00Z'),
  };
}

function capture(): {
  io: { stdout(s: string): void; stderr(s: string): void };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, out, err };
}

describe('clipbook convert', () => {
  it('converts files to Markdown, one per article', async () => {
    const dir = freshDir();
    const { io, out, err } = capture();
    const code = await runConvert(
      ['convert', '--to', 'md', '--out', dir, 'article-1.txt', 'article-2.txt'],
      io,
      fakeDeps(),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'City Council Approves Tram Line to the Western Harbour.md',
      'افتتاح محطة جديدة لتحلية المياه على الساحل.md',
    ]);
    expect(out.at(-1)).toMatch(/^Exported 2 articles as md to /);
    // The CLI exports the full text, not only the excerpt.
    expect(readFileSync(join(dir, readdirSync(dir).sort()[0]!), 'utf8')).toContain(
      'Construction is due',
    );
  });

  it('writes JSON that imports back, with ids from the content hash', async () => {
    const dir = freshDir();
    const { io } = capture();
    const code = await runConvert(
      ['--to=json', `--out=${dir}`, '--title', 'Batch', 'article-3.txt'],
      io,
      fakeDeps(),
    );
    expect(code).toBe(0);
    const parsed = parseClipbookExport(readFileSync(join(dir, 'Batch.json'), 'utf8'));
    expect(parsed.ok && parsed.items[0]?.clipping).toMatchObject({
      id: `clip-${'3'.repeat(16)}`,
      importedAt: '2025-10-01T12:00:00.000Z',
      title: 'В московском метро открыли три новые станции',
    });
  });

  it.each(['html', 'csv', 'csl-json', 'ris', 'bibtex', 'docx'])(
    'converts to %s',
    async (format) => {
      const dir = freshDir();
      const { io, err } = capture();
      expect(
        await runConvert(['--to', format, '--out', dir, 'article-1.txt'], io, fakeDeps()),
      ).toBe(0);
      expect(err).toEqual([]);
      expect(readdirSync(dir)).toHaveLength(1);
    },
  );

  it('reports files it cannot import and still exports the others (exit 1)', async () => {
    const dir = freshDir();
    const { io, out, err } = capture();
    const code = await runConvert(
      ['--to', 'csv', '--out', dir, 'missing.txt', 'article-1.txt'],
      io,
      fakeDeps(),
    );
    expect(code).toBe(1);
    expect(err.join('')).toContain('missing.txt: The file could not be read. (unreadable)');
    expect(out.at(-1)).toContain('1 file could not be imported');
    expect(readdirSync(dir)).toEqual(['Clipbook export.csv']);
  });

  it('explains that a PDF needs the app (exit 2)', async () => {
    const { io, err } = capture();
    expect(
      await runConvert(['--to', 'pdf', '--out', freshDir(), 'article-1.txt'], io, fakeDeps()),
    ).toBe(2);
    expect(err.join('')).toMatch(/PDF clip book needs the Clipbook app/);
  });

  it.each([
    [['--to', 'odt', '--out', 'x', 'a.txt'], /Unknown format "odt"/],
    [['--to', 'md', 'a.txt'], /Missing --out/],
    [['--out', 'x'], /Missing --to, FILE/],
    [['--to'], /--to needs a value/],
    [['--frobnicate'], /Unknown option --frobnicate/],
  ])('rejects %j with usage (exit 2)', async (argv, message) => {
    const { io, err } = capture();
    expect(await runConvert(argv, io, fakeDeps())).toBe(2);
    expect(err.join('')).toMatch(message);
  });

  it('prints help', async () => {
    const { io, out } = capture();
    expect(await runConvert(['--help'], io, fakeDeps())).toBe(0);
    expect(out.join('')).toContain('Usage: clipbook convert --to FORMAT --out DIR');
  });

  it('writes a REFI-QDA project from files: each article a text source, its tags codes, its fields variables', async () => {
    const dir = freshDir();
    const { io, err } = capture();
    const code = await runConvert(
      ['--to', 'qdpx', '--out', dir, '--title', 'Batch', 'article-1.txt', 'article-3.txt'],
      io,
      fakeDeps(),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual(['Batch.qdpx']);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'Batch.qdpx')));
    const qde = await zip.file('project.qde')!.async('string');
    const xsd = readFileSync(join(__dirname, '../../fixtures/refi-qda/Project.xsd'), 'utf8');
    const result = await validateXML({
      xml: { fileName: 'project.qde', contents: qde },
      schema: { fileName: 'Project.xsd', contents: xsd },
    });
    expect(result.errors).toEqual([]);
    expect(qde.match(/<TextSource /g)).toHaveLength(2);
    expect(qde).toContain('name="metro"');
    expect(Object.keys(zip.files).filter((n) => /^Sources\/.+\.txt$/.test(n))).toHaveLength(2);
  });

  it('works with the real import engine', async () => {
    const { parseFile } = await import('../../../src/main/import/index');
    const dir = freshDir();
    const { io, err } = capture();
    const fixture = join(__dirname, '../../fixtures/articles/wire-tram-line.txt');
    const code = await runConvert(['--to', 'md', '--out', dir, fixture], io, { parseFile });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const text = readFileSync(
      join(dir, 'City Council Approves Tram Line to the Western Harbour.md'),
      'utf8',
    );
    expect(text).toContain('authors:\n  - "Maria Lund"');
  });
});

describe('clipbook convert --report', () => {
  it('writes the Word report, grouped as asked, with its summary and contents', async () => {
    const dir = freshDir();
    const { io, err } = capture();
    const files = ['article-1.txt', 'article-2.txt', 'article-3.txt'];
    const args = ['convert', '--to', 'docx', '--report', '--group-by', 'outlet', '--out', dir];
    const code = await runConvert(
      [...args, '--title', 'Weekly report', '--author', 'Press office', ...files],
      io,
      { ...fakeDeps(), locale: 'en-GB' },
    );
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual(['Weekly report.docx']);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'Weekly report.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Press office');
    expect(xml).toContain('3 clippings, grouped by outlet');
    expect(xml).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*Nordic Wire/);
    expect(xml).toContain('3 March 2025');
    expect(
      Object.keys(zip.files).filter((n) => n.startsWith('word/media/')).length,
    ).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a report in another format and an unknown grouping', async () => {
    for (const args of [
      ['--to', 'md', '--report'],
      ['--to', 'docx', '--report', '--group-by', 'colour'],
      ['--to', 'docx', '--group-by', 'tone'],
    ]) {
      const { io, err } = capture();
      const code = await runConvert(
        ['convert', ...args, '--out', freshDir(), 'article-1.txt'],
        io,
        fakeDeps(),
      );
      expect(code, args.join(' ')).toBe(2);
      expect(err.join('')).toMatch(
        /--report makes a Word report|Unknown grouping "colour"|need --report/,
      );
    }
  });
});
