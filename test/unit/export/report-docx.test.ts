/**
 * The Word report read back from its ZIP: the TOC field Word updates on opening, the grouped
 * headings it lists, the summary's figures, chart pictures with their numbers, running
 * header and footer fields, bidi Arabic paragraphs.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportReportDocx } from '@shared/export/report-docx';
import { nodeChartDocument, rasteriseWithResvg } from '../../../src/main/export/report-node';
import { reportItems, reportOptions } from './report-items';

async function unzip(data: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(data);
}

/** The document's visible text, runs joined, paragraphs on lines. */
function textOf(xml: string): string {
  return (
    xml
      .split('</w:p>')
      .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
      .join('\n')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      // Intl writes thin and narrow spaces in ranges and times.
      .replace(/[\u2009\u202f]/g, ' ')
  );
}

describe('Word report', () => {
  it('has a TOC field, grouped headings, the summary and chart pictures', async () => {
    const [file] = await exportReportDocx(reportItems(), {
      ...reportOptions({ groupBy: ['tone', 'outlet'] }),
      chartDocument: nodeChartDocument(),
      rasterise: rasteriseWithResvg,
    });
    expect(file!.name).toBe('Harbour report.docx');
    const zip = await unzip(file!.data as Uint8Array);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = textOf(xml);

    // A real TOC field over the three heading levels, hyperlinked; Word updates it on opening.
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-3&quot;<\/w:instrText>/);
    // Each entry's page is a PAGEREF field to its heading's bookmark, which Word fills.
    expect(xml).toMatch(/<w:instrText[^>]*>PAGEREF _Toc\d+ \\h<\/w:instrText>/);
    expect(await zip.file('word/settings.xml')!.async('string')).toMatch(
      /<w:updateFields(?: w:val="true")?\/>/,
    );

    // Grouped headings with their counts, as Word headings the TOC lists.
    for (const heading of [
      'Positive (1)',
      'Neutral (2)',
      'Negative (1)',
      'Tone not set (3)',
      'Coast Daily (1)',
    ])
      expect(text).toContain(heading);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Positive/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>[\s\S]*?Harbour Post/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading3"\/>[\s\S]*?Electric buses arrive/);

    // The summary: figures, then each chart's numbers beside its picture.
    expect(text).toContain('Clippings\n7');
    expect(text).toContain('Dates\n14 April 2024 – 10 March 2025');
    expect(text).toContain('Total reach\n185,000 (4 with reach)');
    expect(text).toContain('Coverage over time');
    expect(text).toContain('Top outlets');
    const pictures = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(pictures.length).toBe(4);
    const png = await zip.file(pictures[0]!)!.async('uint8array');
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);

    // Headers in the locale; running header and "Page n of m" fields.
    expect(text).toContain(
      'Nordic Wire · City · 3 March 2025 · Maria Lund · p. A3, Late city · Reach: 125,000 (Publisher audit 2024) · Tone: Negative',
    );
    expect(text).not.toContain('2025-03-03');
    const parts = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^word\/(header|footer)\d+\.xml$/.test(n))
        .map((n) => zip.file(n)!.async('string')),
    );
    const furniture = parts.join('\n');
    expect(furniture).toContain('Harbour report');
    expect(furniture).toMatch(/PAGE[\s\S]*NUMPAGES/);
    expect(textOf(furniture)).toContain('Page  of ');

    // Arabic right to left.
    expect(xml).toMatch(/<w:bidi\/>[\s\S]{0,400}افتتاح محطة جديدة/);
  }, 60_000);

  it('prints highlights and notes only, without charts when it cannot draw them', async () => {
    const [file] = await exportReportDocx(reportItems(), {
      ...reportOptions({ body: 'annotations', runningHeader: false }),
      chartDocument: nodeChartDocument(),
    });
    const zip = await unzip(file!.data as Uint8Array);
    const text = textOf(await zip.file('word/document.xml')!.async('string'));
    expect(text).toContain('Close vote.');
    expect(text).toContain('Good news for the campaign.');
    expect(text).not.toContain('The line, expected to cost 2.4 billion crowns');
    expect(text).toContain('Tone\nClippings');
    expect(Object.keys(zip.files).some((n) => n.startsWith('word/media/'))).toBe(false);
    expect(Object.keys(zip.files).some((n) => n.startsWith('word/footer'))).toBe(false);
  }, 60_000);
});
