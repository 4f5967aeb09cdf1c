/** Every refusal code, with a message that says what is wrong. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseBytes, parseFile } from '../../../src/main/import/index';
import { makeRawDocx, makeZip } from './helpers';

const FIX = join(__dirname, '../../fixtures/import');
const tmp = mkdtempSync(join(tmpdir(), 'clipbook-refusals-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const enc = (s: string) => new TextEncoder().encode(s);

async function refusal(bytes: Uint8Array, name: string) {
  const r = await parseBytes(bytes, name);
  if (r.ok) throw new Error(`expected a refusal for ${name}`);
  expect(r.error.message.length).toBeGreaterThan(20);
  return r.error;
}

describe('refusals', () => {
  it('empty: zero bytes, whitespace only, BOM only', async () => {
    expect((await refusal(new Uint8Array(0), 'a.txt')).code).toBe('empty');
    expect((await refusal(enc(' \r\n\t\n '), 'a.txt')).code).toBe('empty');
    expect((await refusal(new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a]), 'a.md')).code).toBe(
      'empty',
    );
    expect((await refusal(new Uint8Array([0xff, 0xfe, 0x20, 0x00]), 'a.txt')).code).toBe('empty');
  });

  it('binary: zip renamed .txt, PNG renamed .html, NUL-laden data, executables', async () => {
    const zip = await parseFile(join(FIX, 'archive-renamed.txt'));
    expect(!zip.ok && zip.error.code).toBe('binary');
    if (!zip.ok) expect(zip.error.message).toMatch(/ZIP archive/);
    const png = await parseFile(join(FIX, 'image-renamed.html'));
    expect(!png.ok && png.error.code).toBe('binary');
    if (!png.ok) expect(png.error.message).toMatch(/PNG image/);
    const junk = new Uint8Array(2000).map((_, i) => (i * 7919) % 256);
    expect((await refusal(junk, 'junk.txt')).code).toBe('binary');
    expect(
      (await refusal(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), 'prog.html')).code,
    ).toBe('binary');
  });

  it('too-large: parseBytes and parseFile (checked by stat before reading) state the cap', async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61);
    const e = await refusal(big, 'big.txt');
    expect(e.code).toBe('too-large');
    expect(e.message).toContain(`${MAX_FILE_BYTES / 1024 / 1024} MB`);
    const path = join(tmp, 'sparse.txt');
    writeFileSync(path, '');
    // A sparse file: stat says it is huge, reading it would be slow; it must never be read.
    const { truncateSync } = await import('node:fs');
    truncateSync(path, MAX_FILE_BYTES * 4);
    const r = await parseFile(path);
    expect(!r.ok && r.error.code).toBe('too-large');
    expect(r.bytes).toBeUndefined();
  });

  it('unsupported: old Office, EPUB-like, spreadsheets by extension, scanned PDF', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(ole, 'old.doc')).code).toBe('unsupported');
    // RTF is read; a file named .rtf that is not RTF is refused as damaged.
    expect((await refusal(enc('Hello, plain words'), 'x.rtf')).code).toBe('malformed');
    expect((await refusal(enc('a,b,c\n1,2,3\n'), 'table.csv')).code).toBe('unsupported');
    const xlsx = makeZip([
      { name: '[Content_Types].xml', data: enc('<Types/>') },
      { name: 'xl/workbook.xml', data: enc('<w/>') },
    ]);
    expect((await refusal(xlsx, 'sheet.xlsx')).code).toBe('unsupported');
    const { makePdf } = await import('./helpers');
    const scan = await refusal(makePdf([], { noText: true }), 'scan.pdf');
    expect(scan.code).toBe('unsupported');
    expect(scan.message).toMatch(/no text layer/);
  });

  it('unreadable: missing file, folder, no permission (with the OS reason)', async () => {
    const missing = await parseFile(join(tmp, 'nope.txt'));
    expect(!missing.ok && missing.error.code).toBe('unreadable');
    if (!missing.ok) expect(missing.error.message).toMatch(/ENOENT/);
    const dir = await parseFile(tmp);
    expect(!dir.ok && dir.error.code).toBe('unreadable');
    if (process.getuid?.() !== 0) {
      const locked = join(tmp, 'locked.txt');
      writeFileSync(locked, 'secret article text');
      chmodSync(locked, 0o000);
      const r = await parseFile(locked);
      expect(!r.ok && r.error.code).toBe('unreadable');
      if (!r.ok) expect(r.error.message).toMatch(/EACCES|permission/);
    }
  });

  it('malformed: truncated PDF, fake DOCX, zip bomb (declared and lying sizes)', async () => {
    expect((await refusal(enc('%PDF-1.4\n1 0 obj << /Type /Catalog'), 'cut.pdf')).code).toBe(
      'malformed',
    );
    expect((await refusal(enc('this is not a word file at all'), 'fake.docx')).code).toBe(
      'malformed',
    );
    expect((await refusal(enc('plain text'), 'fake.pdf')).code).toBe('malformed');
    // Declared size gives it away.
    const zeros = new Uint8Array(Buffer.alloc(40_000_000, 0x20));
    const bomb = await refusal(makeRawDocx(zeros), 'bomb.docx');
    expect(bomb.code).toBe('malformed');
    expect(bomb.message).toMatch(/zip bomb/);
    // The directory lies (declares 100 bytes): inflating with a cap catches it.
    const liar = await refusal(makeRawDocx(zeros, 100), 'liar.docx');
    expect(liar.code).toBe('malformed');
    expect(liar.message).toMatch(/zip bomb/);
    const docxWithoutBody = makeZip([{ name: '[Content_Types].xml', data: enc('<Types/>') }]);
    expect((await refusal(docxWithoutBody, 'empty.docx')).code).toBe('malformed');
  });

  it('decodes but holds no article: refused as empty', async () => {
    expect((await refusal(enc('---\ntitle: Only a title\n---\n'), 'x.md')).code).toBe('empty');
  });

  it('fixture files written to disk keep their refusal through parseFile', async () => {
    const p = join(tmp, 'zero.html');
    writeFileSync(p, '');
    const r = await parseFile(p);
    expect(!r.ok && r.error.code).toBe('empty');
  });
});

describe('special files', () => {
  it('a FIFO is refused without hanging', async () => {
    const { execFileSync } = await import('node:child_process');
    const fifo = join(tmp, 'pipe.txt');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // mkfifo unavailable: nothing to test here.
    }
    const r = await parseFile(fifo);
    expect(!r.ok && r.error.code).toBe('unreadable');
  });
});
