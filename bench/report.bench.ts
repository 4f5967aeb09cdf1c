/**
 * Report clip book benchmark: 500 generated clippings (full text, coded tone, reach and
 * media type, in three scripts) grouped by tone then outlet, with the summary page and its
 * charts, to PDF (Chromium via Playwright, both prints of the page numbering) and to Word
 * (charts rasterised with resvg). Targets: PDF ≤ 15 s, Word ≤ 10 s. Ends with one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { TONES, emptyCoverage } from '../src/shared/clipping';
import type { Clipping } from '../src/shared/clipping';
import { exportReportDocx } from '../src/shared/export/report-docx';
import { reportHtml, summaryFor } from '../src/shared/export/report-html';
import { defaultReportSettings } from '../src/shared/export/report-options';
import type { ReportOptions } from '../src/shared/export/report-options';
import type { ExportItem } from '../src/shared/export/types';
import { nodeChartDocument, rasteriseWithResvg } from '../src/main/export/report-node';
import { printWithPageNumbers } from '../src/main/export/report-pdf';
import { chromiumLaunchOptions } from '../test/e2e/support/chromium';
import { random as rng } from './random';

const COUNT = 500;
const TARGET_PDF_MS = 15_000;
const TARGET_DOCX_MS = 10_000;

const TEXT = {
  en: 'the harbour authority said on tuesday that ferry traffic rose sharply this spring while the council debated new tram and bus routes'.split(
    ' ',
  ),
  ru: 'городские власти сообщили что пассажиропоток на новых линиях метро вырос весной после открытия станций'.split(
    ' ',
  ),
  ar: 'قالت السلطات إن حركة العبارات ارتفعت هذا الربيع بينما ناقش المجلس خطوط الترام الجديدة'.split(
    ' ',
  ),
};
const OUTLETS = [
  'Nordic Wire',
  'Harbour Post',
  'Coast Daily',
  'Городские новости',
  'وكالة الأنباء',
  'City Radio',
];

function library(count: number): ExportItem[] {
  const random = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  return Array.from({ length: count }, (_, i): ExportItem => {
    const lang = i % 9 === 0 ? 'ar' : i % 5 === 0 ? 'ru' : 'en';
    const sentence = (): string =>
      Array.from({ length: 10 + Math.floor(random() * 14) }, () => pick(TEXT[lang])).join(' ') +
      '.';
    const day = 1 + Math.floor(random() * 180);
    const date = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10);
    const clipping: Clipping = {
      id: `r-${i}`,
      title: `${sentence().slice(0, 60)} ${i}`,
      source: pick(OUTLETS),
      section: pick(['', 'City', 'Business', 'Transport']),
      authors: random() < 0.6 ? [pick(['Maria Lund', 'Lea Holm', 'Анна Петрова'])] : [],
      publishedAt: date,
      url: '',
      language: lang,
      direction: lang === 'ar' ? 'rtl' : 'ltr',
      tags: [pick(['transport', 'ferries', 'budget'])],
      paragraphs: Array.from({ length: 4 + Math.floor(random() * 5) }, () =>
        Array.from({ length: 3 }, sentence).join(' '),
      ),
      related: [],
      format: 'txt',
      encoding: { name: 'utf-8', guessed: false },
      original: { name: `r-${i}.txt`, size: 2000, sha256: i.toString(16).padStart(64, '0') },
      warnings: [],
      importedAt: '2025-07-01T00:00:00.000Z',
      deletedAt: '',
      coverage: {
        ...emptyCoverage(),
        mediaType: pick(['online', 'print', 'broadcast'] as const),
        tone: random() < 0.8 ? pick(TONES) : '',
        reach: random() < 0.7 ? Math.floor(random() * 200_000) : null,
      },
    };
    return { clipping, highlights: [], note: i % 7 === 0 ? 'Follow up.' : '' };
  });
}

async function main(): Promise<void> {
  const items = library(COUNT);
  const options: ReportOptions = {
    title: 'Benchmark report',
    generatedAt: '2025-07-01T00:00:00.000Z',
    locale: 'en-GB',
    report: { ...defaultReportSettings(), groupBy: ['tone', 'outlet'] },
    chartDocument: nodeChartDocument(),
    rasterise: rasteriseWithResvg,
  };
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    const print = async (html: string): Promise<Uint8Array> => {
      await page.setContent(html, { waitUntil: 'load' });
      return new Uint8Array(await page.pdf({ printBackground: true, preferCSSPageSize: true }));
    };
    let t = performance.now();
    const html = reportHtml(items, options, summaryFor(items, options));
    const htmlMs = performance.now() - t;
    const { pdf, prints } = await printWithPageNumbers(html, print);
    const pdfMs = performance.now() - t;

    t = performance.now();
    const [docx] = await exportReportDocx(items, options);
    const docxMs = performance.now() - t;

    const result = {
      bench: 'report',
      clippings: COUNT,
      pdfMs: Math.round(pdfMs),
      pdfHtmlMs: Math.round(htmlMs),
      pdfPrints: prints,
      pdfBytes: pdf.byteLength,
      docxMs: Math.round(docxMs),
      docxBytes: (docx?.data as Uint8Array).byteLength,
      targetPdfMs: TARGET_PDF_MS,
      targetDocxMs: TARGET_DOCX_MS,
      ok: pdfMs <= TARGET_PDF_MS && docxMs <= TARGET_DOCX_MS,
    };
    console.log(JSON.stringify(result));
    if (!result.ok) process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

void main();
