/**
 * The clip book: a print-oriented HTML document (cover, contents, one clipping per page run)
 * that Chromium turns into a PDF (Electron's webContents.printToPDF, or Playwright's page.pdf).
 */
import { onePerStory } from './stories';
import { DEFAULT_TITLE, dateRange, escapeHtml, metaLine, titleOf } from './common';
import { safeFileName } from './file-names';
import { FONT_STACK, commonLanguage, highlightCss, htmlHead, renderArticle } from './html';
import type { ExportFile, ExportItem, ExportOptions } from './types';

export interface ClipBookOptions extends ExportOptions {
  /**
   * 'css' numbers pages with @page margin boxes (Chromium 131+, so Electron 34+); 'template'
   * leaves them to the PDF renderer's footer (`clipBookFooterTemplate()` with
   * displayHeaderFooter), for older Chromium. Using both would print the numbers twice.
   */
  pageNumbers?: 'css' | 'template';
}

/** Page margins; the bottom one leaves room for the page number. */
export const CLIP_BOOK_MARGINS = { top: '18mm', right: '18mm', bottom: '20mm', left: '18mm' };

/**
 * Footer for Chromium's PDF renderer: it fills the pageNumber and totalPages spans. Styles must
 * be inline and the font size explicit (the template's default is tiny).
 */
export function clipBookFooterTemplate(): string {
  return `<div style="width:100%;font-size:9px;font-family:${escapeHtml(FONT_STACK)};color:#57606a;text-align:center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`;
}

/** Cover, contents and article styles of printed clip books (the report adds its own). */
export const PRINT_CSS = `html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FONT_STACK}; font-size: 11pt; line-height: 1.5; color: #111; margin: 0; }
.cover { break-after: page; min-height: 230mm; display: flex; flex-direction: column; justify-content: center; text-align: center; }
.cover h1 { font-size: 30pt; line-height: 1.2; margin: 0 0 6mm; }
.cover .subtitle { font-size: 15pt; color: #444; margin: 0 0 12mm; }
.cover .facts { font-size: 12pt; color: #444; margin: 1mm 0; }
nav.toc { break-after: page; }
nav.toc h2 { font-size: 18pt; }
nav.toc ol { padding-inline-start: 8mm; }
nav.toc li { margin: 2mm 0; break-inside: avoid; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc .toc-meta { display: block; font-size: 9pt; color: #555; }
article.clipping { break-before: page; }
article.clipping:first-of-type { break-before: auto; }
.outlet { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.05em; color: #555; margin: 0; }
.headline { font-size: 20pt; line-height: 1.2; margin: 2mm 0 3mm; break-after: avoid; }
.byline, .url { font-size: 9.5pt; color: #555; margin: 1mm 0; }
.url a { color: #555; word-break: break-all; }
.body p { margin: 0 0 3mm; orphans: 3; widows: 3; text-align: start; }
h3 { font-size: 13pt; margin: 6mm 0 2mm; break-after: avoid; }
ul.tags { list-style: none; padding: 0; margin: 2mm 0; }
ul.tags li { display: inline-block; border: 0.3mm solid #bbb; border-radius: 3mm; padding: 0 2mm; margin: 0 1mm 1mm 0; font-size: 8.5pt; }
section.highlights ol { padding-inline-start: 6mm; }
li.highlight { break-inside: avoid; margin-bottom: 2mm; }
blockquote { margin: 1mm 0; padding: 1mm 3mm; border-inline-start: 1mm solid #999; }
blockquote a { color: inherit; text-decoration: none; }
.note, .article-note { font-style: italic; color: #333; }
.unanchored blockquote { border-inline-start-style: dashed; }
mark { color: inherit; }
${highlightCss()}`;

function clipBookCss(pageNumbers: 'css' | 'template'): string {
  const m = CLIP_BOOK_MARGINS;
  const numbers =
    pageNumbers === 'css'
      ? `
  @bottom-center { content: counter(page) " / " counter(pages); font-family: ${FONT_STACK}; font-size: 9pt; color: #57606a; }`
      : '';
  return `@page { size: A4; margin: ${m.top} ${m.right} ${m.bottom} ${m.left};${numbers}
}
@page :first { @bottom-center { content: none; } }
${PRINT_CSS}`;
}

function countLabel(n: number): string {
  return `${n} ${n === 1 ? 'clipping' : 'clippings'}`;
}

/** The clip book as one HTML document (render it to PDF with Chromium). */
export function clipBookHtml(all: readonly ExportItem[], options: ClipBookOptions): string {
  const items = options.onePerStory ? onePerStory(all) : all;
  const title = options.title ?? 'Clip book';
  const range = dateRange(items);
  const rangeText = range
    ? range.from === range.to
      ? range.from
      : `${range.from} – ${range.to}`
    : '';
  const toc = items
    .map((item, n) => {
      const meta = metaLine(item.clipping);
      return (
        `<li><a href="#clipping-${n + 1}"><span class="toc-title" dir="auto">${escapeHtml(titleOf(item.clipping))}</span>` +
        `${meta ? `<span class="toc-meta" dir="auto">${escapeHtml(meta)}</span>` : ''}</a></li>`
      );
    })
    .join('\n');
  return [
    htmlHead(title, clipBookCss(options.pageNumbers ?? 'css'), commonLanguage(items)),
    '<body>',
    '<section class="cover">',
    `<h1>${escapeHtml(title)}</h1>`,
    options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>` : '',
    rangeText ? `<p class="facts date-range">${escapeHtml(rangeText)}</p>` : '',
    `<p class="facts count">${countLabel(items.length)}</p>`,
    `<p class="facts generated">Compiled ${escapeHtml(options.generatedAt.slice(0, 10))}</p>`,
    '</section>',
    `<nav class="toc"><h2>Contents</h2><ol>\n${toc}\n</ol></nav>`,
    '<main>',
    ...items.map((item, n) =>
      renderArticle(item, options, { headingLevel: 2, idPrefix: `clipping-${n + 1}` }),
    ),
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The clip book's HTML as an export file (the app prints it to PDF next to it). */
export function exportClipBookHtml(
  items: readonly ExportItem[],
  options: ClipBookOptions,
): ExportFile[] {
  const name = safeFileName(options.title ?? DEFAULT_TITLE, { extension: 'html' });
  return [{ name, data: clipBookHtml(items, options), mediaType: 'text/html;charset=utf-8' }];
}
