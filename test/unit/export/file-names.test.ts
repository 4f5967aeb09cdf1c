import { posix, win32 } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FileNameAllocator,
  MAX_NAME_BYTES,
  safeFileName,
  truncateUtf8,
} from '@shared/export/file-names';

const bytes = (s: string): number => new TextEncoder().encode(s).length;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function assertSafe(name: string): void {
  expect(name.length).toBeGreaterThan(0);
  expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
  // eslint-disable-next-line no-control-regex
  expect(name).not.toMatch(/[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]/);
  expect(name).not.toMatch(/[. ]$/);
  expect(name).not.toMatch(/^\./);
  expect(name.split('.')[0]!.trim()).not.toMatch(RESERVED);
  expect(name).not.toMatch(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
  );
  for (const path of [posix, win32]) {
    const root = path === posix ? '/export/here' : 'C:\\export\\here';
    const resolved = path.resolve(root, name);
    expect(path.dirname(resolved)).toBe(root);
  }
}

describe('safeFileName', () => {
  it.each([
    ['Plain title', 'Plain title.md'],
    ['../../x', 'x.md'],
    ['..\\x', 'x.md'],
    ['/etc/passwd', 'etc passwd.md'],
    ['C:\\Windows\\x', 'C Windows x.md'],
    ['..', 'Untitled.md'],
    ['', 'Untitled.md'],
    ['   ', 'Untitled.md'],
    ['.hidden', 'hidden.md'],
    ['trailing dots...', 'trailing dots.md'],
    ['tab\there\nnewline\u0000nul', 'tab here newline nul.md'],
    ['CON', '_CON.md'],
    ['con.txt', '_con.txt.md'],
    ['Lpt9', '_Lpt9.md'],
    ['COM¹', '_COM¹.md'],
    ['NUL .tar', '_NUL .tar.md'],
    ['Console', 'Console.md'],
    ['a:b*c?d"e<f>g|h', 'a b c d e f g h.md'],
    ['evil\u202etxt.exe', 'eviltxt.exe.md'],
  ])('%j → %j', (title, expected) => {
    const name = safeFileName(title, { extension: 'md' });
    expect(name).toBe(expected);
    assertSafe(name);
  });

  it('removes wiki-breaking characters when asked', () => {
    expect(safeFileName('A [[link]] #tag ^block | pipe', { extension: 'md', wiki: true })).toBe(
      'A link tag block pipe.md',
    );
  });

  it('caps at 255 UTF-8 bytes without splitting characters', () => {
    const cyr = safeFileName('Ж'.repeat(300), { extension: 'md' });
    expect(bytes(cyr)).toBeLessThanOrEqual(255);
    expect(cyr).toBe(`${'Ж'.repeat(126)}.md`);
    const emoji = safeFileName('👩‍👩‍👧'.repeat(30), { extension: 'md' });
    expect(bytes(emoji)).toBeLessThanOrEqual(255);
    expect(emoji.slice(0, -3).length % '👩‍👩‍👧'.length).toBe(0);
    const combining = safeFileName('e\u0301'.repeat(200), { extension: 'md' });
    // NFC composes é (2 bytes) so 126 fit.
    expect(combining).toBe(`${'é'.repeat(126)}.md`);
    const decomposed = truncateUtf8('q\u0301'.repeat(100), 10);
    expect(decomposed).toBe('q\u0301'.repeat(3));
  });

  it('is always safe (property)', () => {
    const title = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 400 }),
      fc
        .array(
          fc.constantFrom(
            '..',
            '/',
            '\\',
            'C:',
            'CON',
            'nul',
            '.',
            ' ',
            'é',
            '👍',
            'x',
            '\u0000',
            'ﬀ',
          ),
          {
            maxLength: 80,
          },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(title, fc.constantFrom('md', 'html', ''), (t, extension) => {
        const name = safeFileName(t, { extension });
        assertSafe(name);
        if (extension) expect(name.endsWith(`.${extension}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('FileNameAllocator', () => {
  it('numbers duplicates case-insensitively', () => {
    const names = new FileNameAllocator({ extension: 'md' });
    expect(names.allocate('Title')).toBe('Title.md');
    expect(names.allocate('title')).toBe('title (2).md');
    expect(names.allocate('TITLE')).toBe('TITLE (3).md');
    expect(names.allocate('Title (2)')).toBe('Title (2) (2).md');
    expect(names.allocate('')).toBe('Untitled.md');
    expect(names.allocate('..')).toBe('Untitled (2).md');
  });

  it('keeps numbered long names within the byte limit', () => {
    const names = new FileNameAllocator({ extension: 'md' });
    const long = 'ж'.repeat(200);
    const a = names.allocate(long);
    const b = names.allocate(long);
    expect(bytes(b)).toBeLessThanOrEqual(255);
    expect(b.endsWith(' (2).md')).toBe(true);
    expect(a).not.toBe(b);
  });

  it('never hands out the same name twice (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 300 }), { maxLength: 40 }), (titles) => {
        const names = new FileNameAllocator({ extension: 'md' });
        const out = titles.map((t) => names.allocate(t));
        out.forEach(assertSafe);
        expect(new Set(out.map((n) => n.toLowerCase())).size).toBe(out.length);
      }),
      { numRuns: 200 },
    );
  });
});
