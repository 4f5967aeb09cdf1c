/**
 * Exports that cannot be split by what a clipping holds: BibTeX read back by a real BibTeX
 * parser, and BibTeX's own brace rule checked (every brace counts, escaped or not); CSV read
 * back by a real CSV parser with ',' and with ';' as the separator (Excel in German or
 * French), where no cell may start a formula.
 */
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBibtex } from '@shared/export/citations';
import { exportCsv } from '@shared/export/csv';
import type { ExportItem } from '@shared/export/types';
import { OPTIONS, makeClipping } from './sample-items';

const PIECES = [
  '}',
  '{',
  '\\}',
  '\\{',
  '}, note = {injected',
  '}\n}\n@misc{evil, title = {pwned',
  '@article{',
  '%',
  '\\',
  '"',
  ',',
  ';',
  '\t',
  '=HYPERLINK("http://evil.example","x")',
  '=1+1',
  '+1',
  '-1',
  '@SUM(A1)',
  ' ',
  'Sea wall',
  'approved',
];
const hostile = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 })
  .map((p) => p.join(''));

function item(i: number, title: string, note: string, author: string): ExportItem {
  return {
    clipping: makeClipping({
      id: `c${i}`,
      title,
      source: note,
      authors: [author, 'Maria Lund'],
      tags: [note, 'transport'],
      paragraphs: [`${title} first paragraph.`],
      publishedAt: '2025-03-03',
    }),
    note,
    highlights: [],
  };
}

/** BibTeX's rule: inside a braced value every '{' and '}' counts, backslash or not. */
function bracesBalanced(bib: string): boolean {
  for (const line of bib.split('\n')) {
    const m = /^ {2}\w+ = \{(.*)\},?$/.exec(line);
    if (!m) continue;
    let depth = 0;
    for (const ch of m[1] as string) {
      if (ch === '{') depth++;
      else if (ch === '}' && --depth < 0) return false;
    }
    if (depth !== 0) return false;
  }
  return true;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('BibTeX cannot be split by a field', () => {
  it('a real parser reads exactly the entries written, with their titles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostile, hostile, hostile), { minLength: 1, maxLength: 4 }),
        (rows) => {
          const items = rows.map(([t, n, a], i) => item(i, `T${i} ${t}`, n, a));
          const bib = String(exportBibtex(items, OPTIONS)[0]?.data);
          expect(bracesBalanced(bib), bib).toBe(true);
          const lib = parseBibtex(bib, { sentenceCase: false, caseProtection: false });
          expect(lib.errors).toEqual([]);
          expect(lib.entries.map((e) => e.fields['title'])).toEqual(
            items.map((x) => oneLine(x.clipping.title)),
          );
          expect(lib.entries.every((e) => e.type === 'article')).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the issue's example: a } in a title does not close the field", () => {
    const bib = String(
      exportBibtex([item(0, 'Title}, note = {x}}\n@misc{evil, title={pwned', 'n', 'A')], OPTIONS)[0]
        ?.data,
    );
    const lib = parseBibtex(bib, { sentenceCase: false, caseProtection: false });
    expect(lib.entries).toHaveLength(1);
    expect(lib.entries[0]?.fields['title']).toBe('Title}, note = {x}} @misc{evil, title={pwned');
    expect(bracesBalanced(bib)).toBe(true);
  });
});

describe('CSV cannot be split into a formula', () => {
  const FORMULA = /^[=+\-@]/;
  it('read with "," no cell starts a formula; split at ";" regardless of quotes, no piece does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostile, hostile, hostile), { minLength: 1, maxLength: 4 }),
        (rows) => {
          const items = rows.map(([t, n, a], i) => item(i, t, n, a));
          const csv = String(exportCsv(items, OPTIONS)[0]?.data);
          const comma: string[][] = parseCsv(csv, { bom: true, record_delimiter: '\r\n' });
          expect(comma).toHaveLength(items.length + 1);
          expect(new Set(comma.map((r) => r.length)).size).toBe(1);
          for (const cell of comma.flat()) expect(cell.trimStart()).not.toMatch(FORMULA);
          // A spreadsheet whose list separator is ';' and that splits without regard to quotes:
          // the worst reading. No piece, at any separator, may start a formula.
          const semi: string[][] = parseCsv(csv, {
            bom: true,
            delimiter: ';',
            quote: false,
            record_delimiter: '\r\n',
            relax_column_count: true,
          });
          for (const cell of semi.flat()) {
            for (const piece of cell.split(/[,\t\r\n]/))
              expect(piece.trimStart()).not.toMatch(FORMULA);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
