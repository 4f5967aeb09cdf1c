import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { exportPassagesCsv, exportPassagesDocx } from '@shared/export/passages';
import { parseCsv } from './parse-csv';
import { OPTIONS, sampleItems } from './sample-items';

const NAMES = { yellow: 'Quote', green: 'Claim' };

describe('passages export', () => {
  it('CSV: one row per passage, colour names, and one column per code marked 1', () => {
    const items = sampleItems();
    const [file] = exportPassagesCsv(items, { ...OPTIONS, colorNames: NAMES });
    expect(file?.name).toBe('Transport clippings passages.csv');
    const [head, ...rows] = parseCsv(String(file?.data).replace(/^\ufeff/, ''));
    const total = items.reduce((n, i) => n + i.highlights.length, 0);
    expect(rows).toHaveLength(total);
    const codes = head!.filter((h) => h.startsWith('code:'));
    const allTags = new Set(items.flatMap((i) => i.highlights.flatMap((h) => h.tags)));
    expect(codes.map((c) => c.slice(5)).sort()).toEqual([...allTags].sort());
    const col = (name: string) => head!.indexOf(name);
    for (const row of rows) {
      const highlight = items
        .flatMap((i) => i.highlights)
        .find((h) => h.id === row[col('highlight_id')]);
      expect(highlight, row[0]).toBeDefined();
      expect(row[col('quote')]).toBe(highlight!.quote.exact.replace(/^([=+\-@])/, "'$1"));
      for (const code of codes) {
        expect(row[col(code)]).toBe(highlight!.tags.includes(code.slice(5)) ? '1' : '');
      }
    }
    const vote = rows.find((r) => r[col('quote')] === 'voted 38 to 23')!;
    expect(vote[col('color_name')]).toBe('Quote');
    expect(vote[col('tone')]).toBe('negative');
    expect(vote[col('media_type')]).toBe('print');
    const budget = rows.find((r) => r[col('quote')] === '2.4 billion crowns')!;
    expect(budget[col('color_name')]).toBe('Claim');
    // An unnamed colour is its colour word.
    const blue = rows.find((r) => r[col('color')] === 'blue')!;
    expect(blue[col('color_name')]).toBe('Blue');
  });

  it('Word: each quote with its source, codes and note', async () => {
    const [file] = await exportPassagesDocx(sampleItems(), { ...OPTIONS, colorNames: NAMES });
    expect(file?.name).toBe('Transport clippings passages.docx');
    const { value: text } = await mammoth.extractRawText({
      buffer: Buffer.from(file!.data as Uint8Array),
    });
    expect(text).toContain('voted 38 to 23');
    expect(text).toContain(
      '— Nordic Wire · 2025-03-03 · City Council Approves Tram Line to the Western Harbour',
    );
    expect(text).toContain('Codes: Quote, politics/council');
    expect(text).toContain('Close vote.');
    expect(text).toMatch(/\d+ passages/);
  });
});
