/**
 * The report clip book as a Word document: cover, summary (figures, charts as PNG pictures
 * with their numbers in a table beside them), a real TOC field that Word updates on opening
 * (its entries are written from the headings so it is never empty before), the clippings
 * grouped under Heading 1/2 and titled one level below, running header with the title and
 * footer "Page n of m" from PAGE/NUMPAGES fields. Arabic and Hebrew paragraphs are bidi.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { anchorHighlights } from './anchor';
import { DEFAULT_TITLE, dateRange, titleOf } from './common';
import {
  DOCUMENT_STYLES,
  DOCX_MEDIA_TYPE,
  highlightBlock,
  para,
  runs,
  shade,
  textParagraphs,
} from './docx';
import type { RunStyle } from './docx';
import type { OutlineNode } from './report-groups';
import { reportOutline } from './report-groups';
import { groupHeading, reportFileName, reportItems, summaryFor } from './report-html';
import {
  DEFAULT_REPORT_LOCALE,
  clippingHeaderFacts,
  formatReportDate,
  formatReportNumber,
  formatReportRange,
} from './report-locale';
import { REPORT_GROUP_LABELS, asReportOptions } from './report-options';
import type { ReportOptions } from './report-options';
import type { ReportChart, ReportSummary } from './report-summary-types';
import { alsoInLine } from './stories';
import type { ExportFile, ExportItem, ExportOptions } from './types';

const LTR: RunStyle = { rtl: false, lang: '' };
const GREY = '57606A';
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3];
/** Chart pictures are drawn at twice their size, for print. */
const RASTER_SCALE = 2;
/** Width of a chart picture on the page, in pixels at 96 dpi (about 10 cm). */
const PICTURE_WIDTH = 380;
const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  left: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  right: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'auto' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'auto' },
};

const styleOf = (item: ExportItem): RunStyle => ({
  rtl: item.clipping.direction === 'rtl',
  lang: item.clipping.language,
});

function cell(text: string, bold = false, right = false): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: right ? AlignmentType.END : AlignmentType.START,
        children: runs(text, LTR, { size: 18, bold }),
      }),
    ],
  });
}

function numbersTable(table: ReportChart['table']): Table {
  return new Table({
    rows: [
      new TableRow({ tableHeader: true, children: table.head.map((h) => cell(h, true)) }),
      ...table.rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, false, i > 0)) })),
    ],
  });
}

async function chartBlock(
  chart: ReportChart,
  options: ReportOptions,
): Promise<(Paragraph | Table)[]> {
  const title = para(runs(chart.title, LTR, { bold: true, size: 24 }), LTR, {
    keepNext: true,
    spacing: { before: 240, after: 120 },
  });
  if (!options.rasterise) return [title, numbersTable(chart.table)];
  const png = await options.rasterise(chart.svg, {
    width: Math.round(chart.width * RASTER_SCALE),
    height: Math.round(chart.height * RASTER_SCALE),
  });
  const height = Math.round((chart.height / chart.width) * PICTURE_WIDTH);
  const picture = new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: PICTURE_WIDTH, height },
        altText: { name: chart.title, title: chart.title, description: `${chart.title} chart` },
      }),
    ],
  });
  // The picture and its numbers side by side, in a table without borders.
  return [
    title,
    new Table({
      borders: NO_BORDERS,
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: 62, type: WidthType.PERCENTAGE }, children: [picture] }),
            new TableCell({
              width: { size: 38, type: WidthType.PERCENTAGE },
              children: [numbersTable(chart.table), new Paragraph({})],
            }),
          ],
        }),
      ],
    }),
  ];
}

async function summaryBlocks(
  summary: ReportSummary,
  options: ReportOptions,
): Promise<(Paragraph | Table)[]> {
  const figures = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: summary.figures.map(
      (f) => new TableRow({ children: [cell(f.label, true), cell(f.value)] }),
    ),
  });
  const out: (Paragraph | Table)[] = [
    para(runs('Summary', LTR), LTR, { heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    figures,
  ];
  for (const chart of summary.charts) out.push(...(await chartBlock(chart, options)));
  return out;
}

function clippingBlocks(
  node: Extract<OutlineNode, { kind: 'clipping' }>,
  options: ReportOptions,
  breakBefore: boolean,
): Paragraph[] {
  const { item } = node;
  const c = item.clipping;
  const style = styleOf(item);
  const locale = options.locale ?? DEFAULT_REPORT_LOCALE;
  const body = options.report.body;
  const out: Paragraph[] = [
    para(runs(titleOf(c), style), style, {
      heading: HEADINGS[Math.min(node.depth, 2)],
      pageBreakBefore: breakBefore,
      keepNext: true,
    }),
  ];
  const facts = clippingHeaderFacts(c, locale)
    .map((f) => (f.label === 'Reach' || f.label === 'Tone' ? `${f.label}: ${f.value}` : f.value))
    .join(' · ');
  if (facts) out.push(para(runs(facts, style, { color: GREY, size: 19 }), style));
  if (c.tags.length > 0)
    out.push(para(runs(`Tags: ${c.tags.join(', ')}`, style, { color: GREY, size: 18 }), style));
  const alsoIn = options.onePerStory ? alsoInLine(item) : '';
  if (alsoIn) out.push(para(runs(alsoIn, style, { color: GREY, size: 18 }), style));

  const anchored = anchorHighlights(c.paragraphs, item.highlights);
  const shown =
    body === 'full'
      ? c.paragraphs.length
      : body === 'first-paragraph'
        ? Math.min(1, c.paragraphs.length)
        : 0;
  for (const segments of anchored.paragraphs.slice(0, shown)) {
    const children = segments.flatMap((s) =>
      runs(s.text, style, s.highlight ? shade(s.highlight) : {}),
    );
    out.push(para(children, style, { spacing: { after: 120 } }));
  }
  const label = (text: string): Paragraph =>
    para(runs(text, LTR, { bold: true }), style, { keepNext: true, spacing: { before: 160 } });
  const highlights = [...anchored.anchored.map((a) => a.highlight), ...anchored.unanchored];
  if (highlights.length > 0) {
    out.push(label('Highlights'));
    for (const h of highlights) out.push(...highlightBlock(h, style));
  }
  if (item.note.trim()) {
    out.push(label('Note'));
    out.push(...textParagraphs(item.note, style, { italics: true }));
  }
  if (body === 'annotations' && highlights.length === 0 && !item.note.trim())
    out.push(para(runs('No highlights or notes.', LTR, { italics: true, color: GREY }), LTR));
  return out;
}

/** The report's Word document (summary pictures are drawn with `options.rasterise`). */
export async function reportDocument(
  all: readonly ExportItem[],
  exportOptions: ExportOptions,
): Promise<Document> {
  const options = asReportOptions(exportOptions);
  const settings = options.report;
  const items = reportItems(all, options);
  const locale = options.locale ?? DEFAULT_REPORT_LOCALE;
  const title = options.title ?? DEFAULT_TITLE;
  const range = dateRange(items);
  const keys = settings.groupBy.map((k) => REPORT_GROUP_LABELS[k].toLowerCase());

  const center = { alignment: AlignmentType.CENTER };
  const cover: Paragraph[] = [
    para(runs(title, LTR), LTR, {
      heading: HeadingLevel.TITLE,
      ...center,
      spacing: { before: 2400 },
    }),
  ];
  if (options.subtitle)
    cover.push(para(runs(options.subtitle, LTR, { size: 30, color: '444444' }), LTR, center));
  if (settings.author)
    cover.push(
      para(runs(settings.author, LTR, { size: 26 }), LTR, { ...center, spacing: { before: 240 } }),
    );
  const facts = [
    settings.showDateRange && range ? formatReportRange(range, locale) : '',
    `${formatReportNumber(items.length, locale)} ${items.length === 1 ? 'clipping' : 'clippings'}${keys.length > 0 ? `, grouped by ${keys.join(', then ')}` : ''}`,
    `Compiled ${formatReportDate(options.generatedAt.slice(0, 10), locale)}`,
  ].filter(Boolean);
  for (const fact of facts) cover.push(para(runs(fact, LTR, { size: 24 }), LTR, center));

  const summary = summaryFor(items, options);
  const contents: (Paragraph | TableOfContents)[] = settings.contents
    ? [
        // Not a heading style, so the contents do not list themselves.
        para(runs('Contents', LTR, { bold: true, size: 36 }), LTR, {
          pageBreakBefore: true,
          spacing: { after: 240 },
        }),
        new TableOfContents('Contents', {
          hyperlink: true,
          headingStyleRange: `1-${Math.min(3, settings.groupBy.length + 1)}`,
        }),
      ]
    : [];

  const full = settings.body === 'full';
  const body: Paragraph[] = [];
  let previous: OutlineNode['kind'] | 'start' = 'start';
  for (const node of reportOutline(items, settings, locale)) {
    if (node.kind === 'group') {
      body.push(
        para(
          [
            ...runs(groupHeading(node), LTR),
            ...runs(` (${formatReportNumber(node.count, locale)})`, LTR, { color: GREY }),
          ],
          LTR,
          {
            heading: HEADINGS[node.level - 1],
            pageBreakBefore: node.level === 1 || (full && previous !== 'group'),
            keepNext: true,
          },
        ),
      );
    } else {
      const breakBefore = previous === 'start' || (full && previous !== 'group');
      body.push(...clippingBlocks(node, options, breakBefore));
    }
    previous = node.kind;
  }

  const small = { size: 17, color: GREY };
  const running = settings.runningHeader;
  return new Document({
    creator: 'Clipbook',
    title,
    description: options.subtitle ?? '',
    styles: DOCUMENT_STYLES,
    // Word fills the contents' page numbers when it opens the document.
    features: { updateFields: true },
    sections: [
      {
        properties: { titlePage: true },
        ...(running
          ? {
              headers: {
                default: new Header({
                  children: [new Paragraph({ ...center, children: runs(title, LTR, small) })],
                }),
                first: new Header({ children: [new Paragraph({})] }),
              },
              footers: {
                default: new Footer({
                  children: [
                    new Paragraph({
                      ...center,
                      children: [
                        new TextRun({
                          children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                          ...small,
                        }),
                      ],
                    }),
                  ],
                }),
                first: new Footer({ children: [new Paragraph({})] }),
              },
            }
          : {}),
        children: [
          ...cover,
          ...(summary ? await summaryBlocks(summary, options) : []),
          ...contents,
          ...body,
        ],
      },
    ],
  });
}

export async function exportReportDocx(
  items: readonly ExportItem[],
  options: ExportOptions,
): Promise<ExportFile[]> {
  const data = await Packer.pack(await reportDocument(items, options), 'uint8array');
  return [
    { name: reportFileName(asReportOptions(options), 'docx'), data, mediaType: DOCX_MEDIA_TYPE },
  ];
}
