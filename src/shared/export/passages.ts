/**
 * Passages on their own: the highlights of the items (already narrowed to the ones chosen),
 * as a CSV with one row per passage and one column per code (tag), or as a Word document of
 * quotes with their sources and notes.
 */
import { Document, HeadingLevel, Packer } from 'docx';
import { colorLabel, type Highlight } from '../annotations';
import { coverageOf } from '../clipping';
import { DEFAULT_TITLE, datePart, titleOf } from './common';
import { csvTable, highlightCells, HIGHLIGHT_COLUMNS } from './csv';
import {
  DOCUMENT_STYLES,
  DOCX_MEDIA_TYPE,
  para,
  runs,
  textParagraphs,
  shade,
  type RunStyle,
} from './docx';
import { safeFileName } from './file-names';
import type { ExportFile, ExportItem, ExportOptions } from './types';

/** The per-highlight CSV's columns, then the clipping's tone and media type, then the codes. */
export const PASSAGE_COLUMNS = [...HIGHLIGHT_COLUMNS, 'tone', 'media_type'] as const;

/** Every tag on the passages, in first-seen order, case variants merged: the code columns. */
function codesOf(items: readonly ExportItem[]): string[] {
  const seen = new Map<string, string>();
  for (const item of items)
    for (const h of item.highlights)
      for (const t of h.tags) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

export function exportPassagesCsv(
  items: readonly ExportItem[],
  options: ExportOptions,
): ExportFile[] {
  const codes = codesOf(items);
  const rows: string[][] = [[...PASSAGE_COLUMNS, ...codes.map((c) => `code:${c}`)]];
  for (const { clipping: c, highlights } of items) {
    const coverage = coverageOf(c);
    for (const h of highlights) {
      const tags = new Set(h.tags.map((t) => t.toLowerCase()));
      rows.push([
        ...highlightCells(c, h, options),
        coverage.tone,
        coverage.mediaType,
        // 1 where the passage carries the code, blank where not: a spreadsheet sums these.
        ...codes.map((code) => (tags.has(code.toLowerCase()) ? '1' : '')),
      ]);
    }
  }
  const name = safeFileName(`${options.title ?? DEFAULT_TITLE} passages`, { extension: 'csv' });
  return [{ name, data: csvTable(rows), mediaType: 'text/csv;charset=utf-8' }];
}

function passageBlock(item: ExportItem, h: Highlight, options: ExportOptions) {
  const c = item.clipping;
  const style: RunStyle = { rtl: c.direction === 'rtl', lang: c.language };
  const source = [c.source, datePart(c.publishedAt) || c.publishedAt, titleOf(c)]
    .filter(Boolean)
    .join(' · ');
  const out = [
    para(runs(h.quote.exact.replace(/\s*\n+\s*/g, ' '), style, shade(h)), style, {
      style: 'Quote',
    }),
    para(runs(`— ${source}`, style, { color: '57606A', size: 19 }), style),
  ];
  const label = colorLabel(h.color, options.colorNames);
  const codes = [label, ...h.tags].join(', ');
  out.push(para(runs(`Codes: ${codes}`, style, { color: '57606A', size: 18 }), style));
  out.push(...textParagraphs(h.note, style, { italics: true }));
  return out;
}

export async function exportPassagesDocx(
  items: readonly ExportItem[],
  options: ExportOptions,
): Promise<ExportFile[]> {
  const title = options.title ?? DEFAULT_TITLE;
  const count = items.reduce((n, i) => n + i.highlights.length, 0);
  const ltr: RunStyle = { rtl: false, lang: '' };
  const children = [
    para(runs(title, ltr), ltr, { heading: HeadingLevel.TITLE }),
    ...(options.subtitle ? [para(runs(options.subtitle, ltr), ltr)] : []),
    para(runs(`${count} passage${count === 1 ? '' : 's'}`, ltr, { color: '57606A' }), ltr, {
      spacing: { after: 240 },
    }),
    ...items.flatMap((item) => item.highlights.map((h) => passageBlock(item, h, options))).flat(),
  ];
  const doc = new Document({
    creator: 'Clipbook',
    title,
    styles: DOCUMENT_STYLES,
    sections: [{ children }],
  });
  const data = await Packer.pack(doc, 'uint8array');
  const name = safeFileName(`${title} passages`, { extension: 'docx' });
  return [{ name, data, mediaType: DOCX_MEDIA_TYPE }];
}
