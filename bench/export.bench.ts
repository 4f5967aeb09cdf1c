/**
 * Export benchmark: 1,000 generated clippings with highlights through every format, then the
 * PDF clip book of 100 clippings through Chromium (page.pdf). Targets: Markdown ≤ 2 s for
 * 1,000 and PDF of 100 ≤ 10 s. Ends with one JSON summary line.
 */
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { clippingText } from '../src/shared/annotations';
import type { Highlight, HighlightColor } from '../src/shared/annotations';
import { HIGHLIGHT_COLORS } from '../src/shared/annotations';
import type { Clipping } from '../src/shared/clipping';
import { EXPORT_FORMATS, clipBookHtml, exportItems } from '../src/shared/export';
import type { ExportItem, ExportOptions } from '../src/shared/export';
import { chromiumLaunchOptions } from '../test/e2e/support/chromium';
import { random as rng } from './random';

const WORDS = {
  en: 'the city council voted on monday to build a new tram line linking central station with harbour district after decade of debate over cost and route'.split(
    ' ',
  ),
  ru: 'мэрия москвы открыла три новые станции на большой кольцевой линии метро сообщила пресс служба городского транспорта'.split(
    ' ',
  ),
  ar: 'افتتحت الحكومة يوم الأحد محطة جديدة لتحلية مياه البحر بطاقة إنتاجية تبلغ مئتي ألف متر مكعب يوميا'.split(
    ' ',
  ),
};

function generate(count: number): ExportItem[] {
  const random = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const items: ExportItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const lang = i % 10 === 0 ? 'ar' : i % 4 === 0 ? 'ru' : 'en';
    const words = WORDS[lang];
    const sentence = (): string => {
      const n = 8 + Math.floor(random() * 18);
      const s = Array.from({ length: n }, () => pick(words)).join(' ');
      return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
    };
    const paragraphs = Array.from({ length: 6 + Math.floor(random() * 8) }, () =>
      Array.from({ length: 2 + Math.floor(random() * 3) }, sentence).join(' '),
    );
    const clipping: Clipping = {
      id: `bench-${i}`,
      title: `${sentence().slice(0, 70)} ${i}`,
      source: pick(['Nordic Wire', 'The Coastal Herald', 'Городские новости', 'وكالة الأنباء']),
      section: pick(['', 'City', 'Business']),
      authors:
        random() < 0.7
          ? [pick(['Maria Lund', 'van der Berg, Anna', 'Анна Петрова', 'Reuters'])]
          : [],
      publishedAt: `20${10 + (i % 15)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      url: `https://news.example/${i}`,
      language: lang,
      direction: lang === 'ar' ? 'rtl' : 'ltr',
      tags: random() < 0.5 ? ['transport', `region/${pick(['north', 'south'])}`] : ['economy'],
      paragraphs,
      related: [],
      format: 'txt',
      encoding: { name: 'utf-8', guessed: false },
      original: { name: `${i}.txt`, size: 1000, sha256: i.toString(16).padStart(64, '0') },
      warnings: [],
      importedAt: '2025-09-30T08:00:00.000Z',
      deletedAt: '',
    };
    const text = clippingText(paragraphs);
    const highlights: Highlight[] = [];
    let at = 0;
    for (let h = 0; h < 4; h += 1) {
      const start = at + Math.floor(random() * 200);
      const end = Math.min(text.length, start + 20 + Math.floor(random() * 60));
      if (start >= end) break;
      at = end + 1;
      highlights.push({
        id: `bench-${i}-h${h}`,
        clippingId: clipping.id,
        color: pick(HIGHLIGHT_COLORS) as HighlightColor,
        note: random() < 0.5 ? sentence() : '',
        tags: random() < 0.3 ? ['quote'] : [],
        quote: {
          type: 'TextQuoteSelector',
          exact: text.slice(start, end),
          prefix: text.slice(Math.max(0, start - 32), start),
          suffix: text.slice(end, end + 32),
        },
        position: { type: 'TextPositionSelector', start, end },
        createdAt: '2025-09-30T09:00:00.000Z',
        updatedAt: '2025-09-30T09:00:00.000Z',
      });
    }
    items.push({ clipping, highlights, note: random() < 0.3 ? sentence() : '' });
  }
  return items;
}

const round = (ms: number): number => Math.round(ms);

async function main(): Promise<void> {
  const items = generate(1000);
  const options: ExportOptions = {
    title: 'Benchmark',
    includeBody: true,
    generatedAt: '2025-10-01T12:00:00.000Z',
  };
  // Warm-up so module loading and JIT are not billed to the first format.
  for (const format of EXPORT_FORMATS) await exportItems(format, items.slice(0, 20), options);

  const formats: Record<string, { ms: number; bytes: number; files: number }> = {};
  const encoder = new TextEncoder();
  for (const format of EXPORT_FORMATS) {
    const t0 = performance.now();
    const files = await exportItems(format, items, options);
    const ms = performance.now() - t0;
    const bytes = files.reduce(
      (n, f) => n + (typeof f.data === 'string' ? encoder.encode(f.data).length : f.data.length),
      0,
    );
    formats[format] = { ms: round(ms), bytes, files: files.length };
    console.log(
      `${format.padEnd(15)} ${String(round(ms)).padStart(6)} ms  ${(bytes / 1048576).toFixed(1)} MB  ${files.length} files`,
    );
  }

  const browser = await chromium.launch(chromiumLaunchOptions());
  let pdf: { ms: number; htmlMs: number; bytes: number };
  try {
    const page = await browser.newPage();
    const book = items.slice(0, 100);
    const t0 = performance.now();
    const html = clipBookHtml(book, { ...options, title: 'Benchmark clip book' });
    const htmlMs = performance.now() - t0;
    await page.setContent(html, { waitUntil: 'load' });
    const bytes = await page.pdf({ printBackground: true, preferCSSPageSize: true });
    pdf = { ms: round(performance.now() - t0), htmlMs: round(htmlMs), bytes: bytes.length };
    console.log(
      `clip-book-pdf   ${String(pdf.ms).padStart(6)} ms  ${(bytes.length / 1048576).toFixed(1)} MB  100 clippings`,
    );
  } finally {
    await browser.close();
  }

  const markdownMs = formats['md']?.ms ?? Infinity;
  const summary = {
    bench: 'export',
    clippings: items.length,
    highlights: items.reduce((n, i) => n + i.highlights.length, 0),
    formats,
    pdf100: pdf,
    targets: { markdown1000Ms: 2000, pdf100Ms: 10000 },
    met: markdownMs <= 2000 && pdf.ms <= 10000,
  };
  console.log(JSON.stringify(summary));
}

void main();
