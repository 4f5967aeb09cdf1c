/**
 * Broken and hostile input ends in a documented refusal or a clean clipping, within bounded
 * time and memory. Big files are made in a temp folder (sparse where possible), never
 * committed. Time limits are `{ timeout }` safety nets, not performance claims.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles, MAX_FILE_BYTES, parseBytes, parseFile } from '../../../src/main/import';
import { checkZipBomb, MAX_INFLATE_RATIO } from '../../../src/main/import/zip-guard';
import { buildDocx, buildZip, documentXml } from './zip';

const ARTICLE =
  'The harbour council approved the new sea wall on Monday after a long debate about costs.';
const SECOND = 'Residents asked for a public vote before any work begins, and the mayor agreed.';
const ACCENTED = 'Café crème, naïve façade, résumé, Zürich, Ærø, Øresund, São Paulo, Kraków, Łódź.';
const MB = 1024 * 1024;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clipbook-broken-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `work` and fails if the heap grew by more than `limitMb` (a generous bound). */
async function withinMemory<T>(limitMb: number, work: () => Promise<T>): Promise<T> {
  const before = process.memoryUsage();
  const result = await work();
  const after = process.memoryUsage();
  const grown = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / MB;
  expect(grown, 'heap + buffers growth in MB').toBeLessThan(limitMb);
  return result;
}

function write(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

describe('deeply nested markup', () => {
  it(
    '10,000 nested elements in HTML: the article text is imported',
    { timeout: 60_000 },
    async () => {
      const depth = 10_000;
      const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<p>${ARTICLE}</p><p>${SECOND}</p>${'</div>'.repeat(depth)}</body></html>`;
      const r = await withinMemory(300, () => parseFile(write('deep.html', html)));
      expect(r.ok && r.draft.paragraphs).toEqual([ARTICLE, SECOND]);
    },
  );

  it(
    '10,000 unclosed inline elements and 10,000 quote levels end cleanly',
    { timeout: 60_000 },
    async () => {
      const unclosed = `<html><head><title>Unclosed</title></head><body><p>${ARTICLE}</p>${'<b><i>'.repeat(10_000)}<p>${SECOND}</p></body></html>`;
      const a = await parseFile(write('unclosed.html', unclosed));
      // A clean clipping of the article's own text. (The extractor keeps the block it scores
      // best, the innermost one here; it is not a browser's error-correcting parser.)
      expect(a.ok).toBe(true);
      if (a.ok) {
        expect(a.draft.paragraphs.length).toBeGreaterThan(0);
        for (const p of a.draft.paragraphs) expect([ARTICLE, SECOND]).toContain(p);
      }
      const quotes = `# Deep quotes\n\n${ARTICLE}\n\n${'>'.repeat(10_000)} ${SECOND}\n`;
      const b = await parseFile(write('quotes.md', quotes));
      expect(b.ok && b.draft.paragraphs[0]).toBe(ARTICLE);
    },
  );

  it(
    'front matter nested 10,000 deep is refused or ignored, never a crash',
    { timeout: 60_000 },
    async () => {
      const md = `---\ntitle: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n\n# Kept\n\n${ARTICLE}\n`;
      const r = await parseFile(write('deep-front-matter.md', md));
      if (r.ok) expect(r.draft.paragraphs).toContain(ARTICLE);
      else expect(r.error.code).toBe('malformed');
    },
  );
});

describe('size cap', () => {
  it(
    'a 500 MB (sparse) file is refused by its size before it is read',
    { timeout: 30_000 },
    async () => {
      const path = write('huge.txt', '');
      truncateSync(path, 500 * MB);
      try {
        const r = await withinMemory(50, () => parseFile(path));
        expect(r.ok ? 'clipping' : r.error.code).toBe('too-large');
        expect(r.bytes).toBeUndefined();
      } finally {
        rmSync(path);
      }
    },
  );

  it('bytes already in memory over the cap are refused too', async () => {
    const r = await parseBytes(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61), 'big.txt');
    expect(r.ok ? 'clipping' : r.error.code).toBe('too-large');
  });
});

describe('DOCX zip bombs', () => {
  // Deflate tops out near 1,030:1, so ~80 MB of blanks packs to just over the 1,000:1 ratio.
  const padding = ' '.repeat(80 * MB);

  it(
    'an honest directory declaring more than 1,000:1 is refused',
    { timeout: 60_000 },
    async () => {
      const bomb = buildDocx(documentXml([ARTICLE], padding));
      expect((80 * MB) / bomb.length).toBeGreaterThan(MAX_INFLATE_RATIO);
      const r = await withinMemory(100, () => parseBytes(bomb, 'bomb.docx'));
      expect(r.ok ? 'clipping' : r.error.code).toBe('malformed');
      expect(r.ok ? '' : r.error.message).toMatch(/zip bomb/);
    },
  );

  it(
    'a directory that lies about sizes is caught while inflating',
    { timeout: 60_000 },
    async () => {
      const liar = buildDocx(documentXml([ARTICLE], padding), { declaredSize: 1_000 });
      const r = await withinMemory(300, () => parseBytes(liar, 'liar.docx'));
      expect(r.ok ? 'clipping' : r.error.code).toBe('malformed');
      expect(r.ok ? '' : r.error.message).toMatch(/zip bomb/);
    },
  );

  it(
    'a lying part that is not named *.xml is counted too (the main part can be named anything)',
    { timeout: 60_000 },
    () => {
      const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/body.bin"/></Relationships>`;
      const zip = buildZip([
        { name: '_rels/.rels', data: Buffer.from(rels) },
        { name: 'word/document.xml', data: documentXml(['decoy']) },
        { name: 'word/body.bin', data: documentXml([ARTICLE], padding), declaredSize: 1_000 },
      ]);
      expect(() => checkZipBomb(zip)).toThrow(/zip bomb/);
    },
  );

  it('an ordinary DOCX still imports', async () => {
    const r = await parseBytes(
      buildDocx(documentXml(['Sea wall approved', ARTICLE, SECOND])),
      'ok.docx',
    );
    expect(r.ok && r.draft.paragraphs).toEqual([ARTICLE, SECOND]);
  });
});

describe('PDF without a text layer', () => {
  it('is refused as having no text layer, with advice', { timeout: 60_000 }, async () => {
    // One blank page: no text operators at all (a scan without OCR looks the same to us).
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      '<< /Length 22 >>\nstream\n0 0 1 rg 0 0 100 100 re f\nendstream',
    ];
    let pdf = '%PDF-1.4\n';
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(pdf.length);
      pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = pdf.length;
    pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
    pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    const r = await parseFile(write('scan.pdf', pdf));
    expect(r.ok ? 'clipping' : r.error.code).toBe('unsupported');
    expect(r.ok ? '' : r.error.message).toMatch(/no text layer.*OCR/);
  });
});

describe('bad bytes', () => {
  it('invalid UTF-8 (C3 28, overlong C0 AF, surrogate ED A0 80) keeps the text and warns', async () => {
    const bytes = Buffer.concat([
      // Enough valid multi-byte text that the file is recognisably UTF-8 with a few bad bytes.
      Buffer.from(`Bad bytes survive\n\n${ACCENTED}\n\n${ARTICLE} `),
      Buffer.from([0xc3, 0x28, 0x20, 0xc0, 0xaf, 0x20, 0xed, 0xa0, 0x80]),
      Buffer.from(`\n\n${SECOND}\n`),
    ]);
    const r = await parseFile(write('bad-utf8.txt', bytes));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = r.draft.paragraphs.join('\n');
    expect(text).toContain(ARTICLE);
    expect(text).toContain(SECOND);
    // Never decoded into a code point they do not encode: an overlong '/' or a lone surrogate.
    expect(text).not.toMatch(/[\uD800-\uDFFF]/);
    expect(text).not.toContain('/');
    expect(r.draft.warnings.join(' ')).toContain('\uFFFD');
  });

  it('a file of NUL bytes is refused, not imported as text', async () => {
    const r = await parseFile(write('nul.txt', new Uint8Array(64 * 1024)));
    expect(r.ok ? 'clipping' : r.error.code).toMatch(/^(binary|empty)$/);
  });

  it('a 5 MB single line is imported whole', { timeout: 60_000 }, async () => {
    const line = `${ARTICLE} `.repeat(Math.ceil((5 * MB) / (ARTICLE.length + 1)));
    const r = await withinMemory(300, () =>
      parseFile(write('one-line.txt', `Long line\n\n${line}`)),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = r.draft.paragraphs.join(' ');
    expect(text.length).toBeGreaterThan(5 * MB - 1000);
    expect(text.startsWith(ARTICLE)).toBe(true);
  });
});

describe('folders', () => {
  it(
    'a symlink loop is walked once and a link to outside is reported, not followed',
    { timeout: 30_000 },
    async () => {
      const root = join(dir, 'chosen');
      const outside = join(dir, 'outside');
      mkdirSync(join(root, 'sub'), { recursive: true });
      mkdirSync(outside, { recursive: true });
      writeFileSync(join(root, 'a.txt'), `A\n\n${ARTICLE}`);
      writeFileSync(join(root, 'sub', 'b.txt'), `B\n\n${SECOND}`);
      writeFileSync(join(outside, 'secret.txt'), 'not chosen');
      symlinkSync(root, join(root, 'sub', 'loop'));
      symlinkSync(join(root, 'sub'), join(root, 'sub', 'self'));
      symlinkSync(join(outside, 'secret.txt'), join(root, 'escape.txt'));
      symlinkSync(outside, join(root, 'escape-dir'));
      const found: Array<{ path: string; code?: string }> = [];
      for await (const item of collectFiles([root])) {
        found.push({
          path: item.path.slice(root.length + 1),
          code: 'error' in item ? item.error.code : undefined,
        });
      }
      expect(found).toEqual([
        { path: 'a.txt', code: undefined },
        { path: 'escape-dir', code: 'unreadable' },
        { path: 'escape.txt', code: 'unreadable' },
        { path: 'sub/b.txt', code: undefined },
      ]);
    },
  );
});
