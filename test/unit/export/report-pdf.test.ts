/**
 * The report clip book printed by Chromium (Playwright's page.pdf standing in for Electron's
 * printToPDF) through the two-pass page numbering, and read back with pdfjs.
 */
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml, summaryFor } from '@shared/export/report-html';
import { nodeChartDocument } from '../../../src/main/export/report-node';
import { fillPageSlots, pageSlot, pageSlotTargets } from '@shared/export/report-pages';
import { printWithPageNumbers } from '../../../src/main/export/report-pdf';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';
import { pdfPages, squash } from './pdf-text';
import { reportItems, reportOptions } from './report-items';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
});

async function print(html: string): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    return new Uint8Array(await page.pdf({ printBackground: true, preferCSSPageSize: true }));
  } finally {
    await page.close();
  }
}

/** The 1-based page whose text contains `text` after the contents pages. */
function pageOf(pages: readonly string[], text: string, after: number): number {
  const i = pages.findIndex((p, n) => n >= after && squash(p).includes(squash(text)));
  return i + 1;
}

describe('page slots', () => {
  it('fills each slot with its page and leaves unknown ones empty', () => {
    const html = `<p>${pageSlot('a')} ${pageSlot('b-2')}</p>`;
    expect(pageSlotTargets(html)).toEqual(['a', 'b-2']);
    const filled = fillPageSlots(html, new Map([['a', 7]]));
    expect(filled).toBe(
      '<p><span class="toc-page" data-page-of="a">7</span> <span class="toc-page" data-page-of="b-2"></span></p>',
    );
    // Filled slots are found again, so a third print can correct them.
    expect(pageSlotTargets(filled)).toEqual(['a', 'b-2']);
    expect(() => pageSlot('x"><script>')).toThrow();
  });
});

describe('report PDF', () => {
  it('prints contents with the pages the groups and clippings are on', async () => {
    const options = { ...reportOptions({ groupBy: ['tone'] }), chartDocument: nodeChartDocument() };
    const html = reportHtml(reportItems(), options, summaryFor(reportItems(), options));
    // The charts are vector: inline SVG, no pictures.
    expect(html).toMatch(/<figure class="chart">[\s\S]*?<svg/);
    expect(html).not.toContain('<img');
    const { pdf, prints, pages: found } = await printWithPageNumbers(html, print);
    expect(prints).toBe(2);
    const pages = await pdfPages(pdf);
    const total = pages.length;
    expect(total).toBeGreaterThanOrEqual(9);

    // Cover: title, author, the date range in words; no running header or footer.
    const cover = squash(pages[0]!);
    expect(cover).toContain(squash('Harbour report'));
    expect(cover).toContain(squash('City Communications Office'));
    expect(cover).toContain(squash('14 April 2024 – 10 March 2025'));
    expect(cover).toContain(squash('7 clippings, grouped by tone'));
    expect(cover).not.toContain('Page1of');

    // Summary page: the figures, each chart's title and numbers.
    const summary = squash(pages[1]!);
    expect(summary).toContain(squash('Summary'));
    expect(summary).toContain(squash('Clippings 7'));
    expect(summary).toContain(squash('Total reach 185,000 (4 with reach)'));
    expect(summary).toContain(squash('1 positive, 2 neutral, 1 negative'));
    expect(summary).toContain(squash('Coverage over time'));
    expect(summary).toContain(squash('Top outlets'));

    // Contents: every group heading and clipping with the page it is printed on.
    const at = pages.findIndex((p) => squash(p).includes('Contents'));
    expect(at).toBeGreaterThanOrEqual(2);
    const contents = squash(pages[at]!);
    expect(contents).toContain(squash('Summary 2'));
    expect(contents.startsWith('Harbourreport')).toBe(true); // running header
    expect(contents).toContain('Contents');
    const after = at + 1;
    for (const [heading, id] of [
      ['Positive', 'report-group-1'],
      ['Neutral', 'report-group-2'],
      ['Negative', 'report-group-3'],
      ['Tone not set', 'report-group-4'],
    ] as const) {
      const page = pageOf(pages, `${heading} (`, after);
      expect(page, heading).toBeGreaterThan(after);
      expect(found.get(id)).toBe(page);
      expect(contents).toContain(squash(`${heading}${page}`));
    }
    const tramPage = pageOf(pages, 'City Council Approves Tram Line', after);
    expect(contents).toContain(
      squash(
        `City Council Approves Tram Line to the Western Harbour Nordic Wire · 3 March 2025${tramPage}`,
      ),
    );

    // Clipping headers in the locale, never ISO; the running footer counts pages.
    const all = squash(pages.join(' '));
    expect(all).toContain(
      squash('Nordic Wire · City · 3 March 2025 · Maria Lund · p. A3, Late city'),
    );
    expect(all).toContain(squash('Reach: 125,000 (Publisher audit 2024) · Tone: Negative'));
    expect(all).toContain(squash('12 February 2025 at 14:30'));
    expect(all).not.toContain('2025-03-03');
    expect(squash(pages[total - 1]!)).toContain(`Page${total}of${total}`);
    expect(squash(pages[at + 1]!)).toContain(`Page${at + 2}of${total}`);
  }, 60_000);

  it('prints highlights and notes only, right to left for Arabic', async () => {
    const html = reportHtml(
      reportItems(),
      reportOptions({ body: 'annotations', groupBy: ['outlet'], contents: false }),
      undefined,
    );
    expect(html).toMatch(/<article class="clipping" id="report-clipping-\d+" dir="rtl" lang="ar">/);
    const { pdf, prints } = await printWithPageNumbers(html, print);
    expect(prints).toBe(1);
    const all = squash((await pdfPages(pdf)).join(' '));
    expect(all).toContain(squash('Close vote.'));
    expect(all).toContain(squash('Good news for the campaign.'));
    expect(all).not.toContain(squash('The line, expected to cost 2.4 billion crowns'));
    expect(all).toContain(squash('Coast Daily (1)'));
  }, 60_000);
});
