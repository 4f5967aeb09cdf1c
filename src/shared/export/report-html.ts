/**
 * The report clip book as print HTML: cover, summary page (figures and vector charts), contents
 * with page-number slots (filled by a second print, report-pages.ts), then the clippings grouped
 * as the report's settings say, each with a header in the reader's locale. Running header and
 * footer come from CSS page-margin boxes (Chromium 131+): the title, and "Page n of m".
 */
import { PRINT_CSS } from './clip-book';
import { DEFAULT_TITLE, dateRange, escapeHtml, titleOf } from './common';
import { safeFileName } from './file-names';
import { FONT_STACK, commonLanguage, htmlHead, renderArticle, tagList } from './html';
import { reportOutline } from './report-groups';
import type { OutlineNode } from './report-groups';
import {
  DEFAULT_REPORT_LOCALE,
  clippingHeaderFacts,
  formatReportDate,
  formatReportNumber,
  formatReportRange,
} from './report-locale';
import type { ReportOptions } from './report-options';
import { REPORT_GROUP_LABELS, asReportOptions } from './report-options';
import { reportSummary } from './report-summary';
import { pageSlot } from './report-pages';
import type { ReportChart, ReportSummary } from './report-summary-types';
import { alsoInLine, onePerStory } from './stories';
import type { ExportFile, ExportItem, ExportOptions } from './types';

/** A CSS string literal that no title can break out of (every non-alphanumeric escaped). */
export function cssString(text: string): string {
  const body = [...text]
    .map((ch) =>
      /[\p{L}\p{N} ]/u.test(ch) ? ch : `\\${(ch.codePointAt(0) as number).toString(16)} `,
    )
    .join('');
  return `"${body}"`;
}

function reportCss(options: ReportOptions): string {
  const title = options.title ?? DEFAULT_TITLE;
  const margins = options.report.runningHeader
    ? `
  @top-center { content: ${cssString(title)}; font-family: ${FONT_STACK}; font-size: 8.5pt; color: #57606a; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: ${FONT_STACK}; font-size: 8.5pt; color: #57606a; }`
    : '';
  const full = options.report.body === 'full';
  return `@page { size: A4; margin: 20mm 18mm 20mm 18mm;${margins}
}
@page :first { @top-center { content: none; } @bottom-center { content: none; } }
${PRINT_CSS}
.cover .author { font-size: 13pt; margin: 0 0 8mm; }
section.summary { break-after: page; }
section.summary h2, nav.toc h2 { font-size: 18pt; margin: 0 0 5mm; }
dl.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 0 0 6mm; }
dl.figures div { border: 0.3mm solid #d0d7de; border-radius: 2mm; padding: 2mm 3mm; break-inside: avoid; }
dl.figures dt { font-size: 8.5pt; color: #555; }
dl.figures dd { margin: 0; font-size: 13pt; font-weight: 600; }
figure.chart { margin: 0 0 6mm; break-inside: avoid; display: flex; gap: 4mm; align-items: flex-start; }
figure.chart .picture { flex: 1 1 auto; min-width: 0; }
figure.chart svg { width: 100%; height: auto; }
figure.chart figcaption { font-weight: 600; margin: 0 0 1mm; }
table.numbers { border-collapse: collapse; font-size: 8pt; flex: 0 0 55mm; width: 55mm; }
table.numbers th[scope='row'] { font-weight: 400; overflow-wrap: anywhere; }
table.numbers th, table.numbers td { border-bottom: 0.2mm solid #d0d7de; padding: 0.5mm 1.5mm; text-align: start; }
table.numbers td.n { text-align: end; font-variant-numeric: tabular-nums; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li { margin: 1mm 0; }
nav.toc li.toc-group-1 { font-weight: 600; margin-top: 3mm; }
nav.toc li.toc-group-2 { font-weight: 600; padding-inline-start: 5mm; }
nav.toc li.toc-depth-1 { padding-inline-start: 5mm; }
nav.toc li.toc-depth-2 { padding-inline-start: 10mm; }
nav.toc a { display: flex; align-items: baseline; gap: 2mm; }
nav.toc .toc-title { flex: 1 1 auto; min-width: 0; }
nav.toc .toc-meta { display: inline; font-size: 8.5pt; color: #555; font-weight: 400; }
nav.toc .toc-page { flex: 0 0 12mm; text-align: end; font-variant-numeric: tabular-nums; }
h2.group, h3.group { break-after: avoid; }
h2.group { font-size: 22pt; break-before: page; margin: 0 0 4mm; }
h3.group { font-size: 15pt; margin: 6mm 0 3mm; }
.group .count { font-size: 0.6em; color: #555; font-weight: 400; }
article.clipping { break-before: ${full ? 'page' : 'auto'}; }
${full ? '' : 'article.clipping { margin-top: 6mm; padding-top: 4mm; border-top: 0.3mm solid #d0d7de; }'}
.group + article.clipping, main > article.clipping:first-child { break-before: auto; }
${full ? 'h2.group + h3.group { break-before: auto; } h3.group { break-before: page; }' : ''}
.clip-facts { font-size: 9pt; color: #444; margin: 1mm 0 2mm; }
.clip-facts .label { color: #666; }
article.clipping h3.headline, article.clipping h4.headline { font-size: 16pt; }
.empty { color: #666; font-style: italic; }
`;
}

function chartHtml(chart: ReportChart): string {
  // The SVG is our own (chart specs from src/shared/coverage); its XML prolog is dropped.
  const svg = chart.svg.replace(/^\s*<\?xml[^>]*>\s*/, '');
  const head = chart.table.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const rows = chart.table.rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => (i === 0 ? `<th scope="row" dir="auto">${escapeHtml(cell)}</th>` : `<td class="n">${escapeHtml(cell)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return (
    `<figure class="chart"><div class="picture"><figcaption>${escapeHtml(chart.title)}</figcaption>${svg}</div>` +
    `<table class="numbers"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></figure>`
  );
}

function summaryHtml(summary: ReportSummary): string {
  const figures = summary.figures
    .map(
      (f) => `<div><dt>${escapeHtml(f.label)}</dt><dd dir="auto">${escapeHtml(f.value)}</dd></div>`,
    )
    .join('');
  return [
    `<section class="summary" id="report-summary"><h2>Summary</h2>`,
    `<dl class="figures">${figures}</dl>`,
    ...summary.charts.map(chartHtml),
    '</section>',
  ].join('\n');
}

function headerHtml(item: ExportItem, options: ReportOptions, level: number): string {
  const c = item.clipping;
  const h = `h${level}`;
  const locale = options.locale ?? DEFAULT_REPORT_LOCALE;
  const facts = clippingHeaderFacts(c, locale)
    .map((f) =>
      f.label === 'Reach' || f.label === 'Tone'
        ? `<span><span class="label">${escapeHtml(f.label)}:</span> ${escapeHtml(f.value)}</span>`
        : `<span>${escapeHtml(f.value)}</span>`,
    )
    .join(' · ');
  const alsoIn = options.onePerStory ? alsoInLine(item) : '';
  return [
    `<${h} class="headline">${escapeHtml(titleOf(c))}</${h}>`,
    facts ? `<p class="clip-facts">${facts}</p>` : '',
    tagList(c.tags),
    alsoIn ? `<p class="also-in">${escapeHtml(alsoIn)}</p>` : '',
  ].join('');
}

function articleHtml(
  node: Extract<OutlineNode, { kind: 'clipping' }>,
  options: ReportOptions,
): string {
  const { item } = node;
  const level = 2 + node.depth;
  const body = options.report.body;
  const paragraphs =
    body === 'full'
      ? item.clipping.paragraphs.length
      : body === 'first-paragraph'
        ? Math.min(1, item.clipping.paragraphs.length)
        : 0;
  const html = renderArticle(item, options, {
    headingLevel: level as 2 | 3 | 4,
    idPrefix: node.id,
    header: headerHtml(item, options, level),
    paragraphs,
  });
  const empty = body === 'annotations' && item.highlights.length === 0 && !item.note.trim();
  return empty
    ? html.replace('</article>', '<p class="empty">No highlights or notes.</p>\n</article>')
    : html;
}

function contentsHtml(
  outline: readonly OutlineNode[],
  summary: boolean,
  options: ReportOptions,
): string {
  const locale = options.locale ?? DEFAULT_REPORT_LOCALE;
  const entries: string[] = [];
  if (summary)
    entries.push(
      `<li class="toc-group-1"><a href="#report-summary"><span class="toc-title">Summary</span>${pageSlot('report-summary')}</a></li>`,
    );
  for (const node of outline) {
    if (node.kind === 'group') {
      entries.push(
        `<li class="toc-group-${node.level}"><a href="#${node.id}"><span class="toc-title"><span dir="auto">${escapeHtml(groupHeading(node))}</span></span>${pageSlot(node.id)}</a></li>`,
      );
    } else {
      const c = node.item.clipping;
      const meta = [c.source, formatReportDate(c.publishedAt, locale)].filter(Boolean).join(' · ');
      entries.push(
        `<li class="toc-depth-${node.depth}"><a href="#${node.id}"><span class="toc-title"><span dir="auto">${escapeHtml(titleOf(c))}</span>` +
          `${meta ? ` <span class="toc-meta" dir="auto">${escapeHtml(meta)}</span>` : ''}</span>${pageSlot(node.id)}</a></li>`,
      );
    }
  }
  return `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ol>\n${entries.join('\n')}\n</ol></nav>`;
}

/** "Outlet: Nordic Wire"; a story is named by its first clipping. */
export function groupHeading(node: Extract<OutlineNode, { kind: 'group' }>): string {
  return node.key === 'story'
    ? `Story: ${node.label}`
    : node.key === 'tag'
      ? `Tag: ${node.label}`
      : node.label;
}

/** The items a report prints: one per story when asked. */
export function reportItems(all: readonly ExportItem[], options: ReportOptions): ExportItem[] {
  return options.onePerStory ? onePerStory(all) : [...all];
}

/**
 * The report's print HTML, with empty page-number slots (fill them with report-pages.ts).
 * `summary` is the summary page's content (report-summary.ts), absent when it is off.
 */
export function reportHtml(
  all: readonly ExportItem[],
  options: ReportOptions,
  summary: ReportSummary | undefined,
): string {
  const items = reportItems(all, options);
  const settings = options.report;
  const locale = options.locale ?? DEFAULT_REPORT_LOCALE;
  const title = options.title ?? DEFAULT_TITLE;
  const range = dateRange(items);
  const outline = reportOutline(items, settings, locale);
  const countText = `${formatReportNumber(items.length, locale)} ${items.length === 1 ? 'clipping' : 'clippings'}`;
  const body = outline.map((node) => {
    if (node.kind === 'clipping') return articleHtml(node, options);
    const h = node.level === 1 ? 'h2' : 'h3';
    return `<${h} class="group" id="${node.id}" dir="auto">${escapeHtml(groupHeading(node))} <span class="count">(${formatReportNumber(node.count, locale)})</span></${h}>`;
  });
  const keys = settings.groupBy.map((k) => REPORT_GROUP_LABELS[k].toLowerCase());
  return [
    htmlHead(title, reportCss(options), commonLanguage(items)),
    '<body>',
    '<section class="cover">',
    `<h1 dir="auto">${escapeHtml(title)}</h1>`,
    options.subtitle ? `<p class="subtitle" dir="auto">${escapeHtml(options.subtitle)}</p>` : '',
    settings.author ? `<p class="author" dir="auto">${escapeHtml(settings.author)}</p>` : '',
    settings.showDateRange && range
      ? `<p class="facts date-range">${escapeHtml(formatReportRange(range, locale))}</p>`
      : '',
    `<p class="facts count">${escapeHtml(countText)}${keys.length > 0 ? `, grouped by ${escapeHtml(keys.join(', then '))}` : ''}</p>`,
    `<p class="facts generated">Compiled ${escapeHtml(formatReportDate(options.generatedAt.slice(0, 10), locale))}</p>`,
    '</section>',
    summary ? summaryHtml(summary) : '',
    settings.contents ? contentsHtml(outline, summary !== undefined, options) : '',
    `<main>\n${body.join('\n')}\n</main>\n</body>\n</html>\n`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function reportFileName(options: ReportOptions, extension: string): string {
  return safeFileName(options.title ?? DEFAULT_TITLE, { extension });
}

/** The summary when the settings ask for it; its charts are drawn in `chartDocument`. */
export function summaryFor(
  items: readonly ExportItem[],
  options: ReportOptions,
): ReportSummary | undefined {
  if (!options.report.summary) return undefined;
  if (!options.chartDocument)
    throw new Error('The report summary needs a document to draw its charts in.');
  return reportSummary(items, {
    document: options.chartDocument,
    locale: options.locale ?? DEFAULT_REPORT_LOCALE,
  });
}

/** The report's print HTML as an export file (the app prints it to PDF, page numbers filled). */
export function exportReportHtml(
  all: readonly ExportItem[],
  exportOptions: ExportOptions,
): ExportFile[] {
  const options = asReportOptions(exportOptions);
  const summary = summaryFor(reportItems(all, options), options);
  return [
    {
      name: reportFileName(options, 'html'),
      data: reportHtml(all, options, summary),
      mediaType: 'text/html;charset=utf-8',
    },
  ];
}
