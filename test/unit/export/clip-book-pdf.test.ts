/**
 * Renders the clip book to PDF in Chromium (one launch) and reads the text back with pdfjs,
 * in both page-numbering modes.
 */
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { CLIP_BOOK_MARGINS, clipBookFooterTemplate, clipBookHtml } from '@shared/export/clip-book';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';
import { pdfPages, squash } from './pdf-text';
import { OPTIONS, sampleItems } from './sample-items';

describe('clip book PDF', () => {
  it('renders cover, contents, Cyrillic, Arabic, highlights and page numbers', async () => {
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const page = await browser.newPage();
      await page.setContent(clipBookHtml(sampleItems(), OPTIONS), { waitUntil: 'load' });
      const cssPdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });

      await page.setContent(clipBookHtml(sampleItems(), { ...OPTIONS, pageNumbers: 'template' }));
      const templatePdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: clipBookFooterTemplate(),
        margin: CLIP_BOOK_MARGINS,
      });

      for (const pdf of [cssPdf, templatePdf]) {
        const pages = await pdfPages(new Uint8Array(pdf));
        const all = squash(pages.join(' '));
        expect(pages.length).toBeGreaterThanOrEqual(6);
        expect(squash(pages[0]!)).toContain(squash('Transport clippings'));
        expect(squash(pages[0]!)).toContain(squash('2024-04-14 – 2025-03-03'));
        expect(squash(pages[1]!)).toContain('Contents');
        expect(all).toContain(squash('В московском метро открыли три новые станции'));
        expect(all).toContain(squash('the most important transport decision'));
        // Arabic comes back in visual order from some producers: accept either order.
        const arabic = squash('محطة جديدة لتحلية');
        const reversed = [...arabic].reverse().join('');
        expect(all.includes(arabic) || all.includes(reversed)).toBe(true);
        const total = pages.length;
        expect(squash(pages[total - 1]!)).toContain(`${total}/${total}`);
        expect(squash(pages[1]!)).toContain(`2/${total}`);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
