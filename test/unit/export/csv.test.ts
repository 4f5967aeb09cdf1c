import { describe, expect, it } from 'vitest';
import { csvCell, csvTable, exportCsv, neutraliseCell } from '@shared/export/csv';
import { expectGolden } from './golden';
import { parseCsv } from './parse-csv';
import { OPTIONS, sampleItems } from './sample-items';

describe('CSV export', () => {
  it('matches the golden files (per clipping and per highlight)', () => {
    const [byClipping] = exportCsv(sampleItems(), OPTIONS);
    const [byHighlight] = exportCsv(sampleItems(), { ...OPTIONS, rows: 'highlight' });
    expect(byClipping?.name).toBe('Transport clippings.csv');
    expect(byHighlight?.name).toBe('Transport clippings highlights.csv');
    expectGolden('clipbook.csv', String(byClipping?.data));
    expectGolden('clipbook-highlights.csv', String(byHighlight?.data));
  });

  it('is UTF-8 with BOM, CRLF rows and RFC 4180 quoting', () => {
    const [file] = exportCsv(sampleItems(), OPTIONS);
    const text = String(file?.data);
    expect(text.startsWith('\ufeffid,title,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(rows[1]![1]).toBe('City Council Approves Tram Line to the Western Harbour');
    expect(rows[2]![1]).toBe('افتتاح محطة جديدة لتحلية المياه على الساحل');
    expect(rows[4]![10]).toBe("<img src=x onerror=alert(1)>\n'-2+3");
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', '"\'\t\'=1"'],
    ['\r=1', '"\'\r\'=1"'],
    ['Title;=HYPERLINK("x")', '"Title;\'=HYPERLINK(""x"")"'],
    ['a, +1 and b,\t@x', '"a, \'+1 and b,\t\'@x"'],
    ['a;b', '"a;b"'],
    ['a\tb', '"a\tb"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['a=1', 'a=1'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
  ])('neutralises and quotes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('neutralises every dangerous cell in the hostile clipping', () => {
    const [file] = exportCsv(sampleItems(), OPTIONS);
    const rows = parseCsv(String(file?.data).slice(1));
    for (const cell of rows.flat()) expect(cell).toBe(neutraliseCell(cell));
    const hostile = rows[4]!;
    expect(hostile[2]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(hostile[4]).toBe("Reuters; '@admin");
  });

  it('builds a table from arbitrary rows', () => {
    expect(
      csvTable([
        ['a', 'b'],
        ['"', ''],
      ]),
    ).toBe('\ufeffa,b\r\n"""",\r\n');
  });
});
