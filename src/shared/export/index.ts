/** The export engine: every format behind one entry point, plus the individual exporters. */
import { exportBibtex, exportCslJson, exportRis } from './citations';
import { exportClipBookHtml } from './clip-book';
import { exportCsv } from './csv';
import { exportDocx } from './docx';
import { exportHtml } from './html';
import { exportJson } from './json';
import { exportMarkdown } from './markdown';
import type { ExportFile, ExportItem, ExportOptions } from './types';

export const EXPORT_FORMATS = [
  'md',
  'md-combined',
  'html',
  'clip-book-html',
  'json',
  'csv',
  'csv-highlights',
  'csl-json',
  'ris',
  'bibtex',
  'docx',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** Runs one exporter. The clip book PDF is made by printing 'clip-book-html' in Chromium. */
export async function exportItems(
  format: ExportFormat,
  items: readonly ExportItem[],
  options: ExportOptions,
): Promise<ExportFile[]> {
  switch (format) {
    case 'md':
      return exportMarkdown(items, options);
    case 'md-combined':
      return exportMarkdown(items, { ...options, layout: 'combined' });
    case 'html':
      return exportHtml(items, options);
    case 'clip-book-html':
      return exportClipBookHtml(items, options);
    case 'json':
      return exportJson(items, options);
    case 'csv':
      return exportCsv(items, options);
    case 'csv-highlights':
      return exportCsv(items, { ...options, rows: 'highlight' });
    case 'csl-json':
      return exportCslJson(items, options);
    case 'ris':
      return exportRis(items, options);
    case 'bibtex':
      return exportBibtex(items, options);
    case 'docx':
      return exportDocx(items, options);
  }
}

export type { ExportFile, ExportItem, ExportOptions } from './types';
export { anchorHighlights, locateHighlight } from './anchor';
export type { MarkedParagraphs, Segment } from './anchor';
export {
  citationKeys,
  escapeBibtex,
  exportBibtex,
  exportCslJson,
  exportRis,
  splitName,
  toBibtex,
  toCsl,
  toRis,
} from './citations';
export type { CslItem, CslName } from './citations';
export {
  CLIP_BOOK_MARGINS,
  clipBookFooterTemplate,
  clipBookHtml,
  exportClipBookHtml,
} from './clip-book';
export type { ClipBookOptions } from './clip-book';
export { csvCell, csvTable, exportCsv, neutraliseCell } from './csv';
export type { CsvOptions } from './csv';
export { DOCX_MEDIA_TYPE, clipBookDocument, exportDocx } from './docx';
export { FileNameAllocator, MAX_NAME_BYTES, safeFileName, truncateUtf8 } from './file-names';
export type { SafeNameOptions } from './file-names';
export { EXPORT_CSP, FONT_STACK, exportHtml } from './html';
export {
  CLIPBOOK_EXPORT_FORMAT,
  CLIPBOOK_EXPORT_VERSION,
  ClipbookExportSchema,
  exportJson,
  parseClipbookExport,
  toClipbookExport,
} from './json';
export type { ClipbookExport, ParseExportResult } from './json';
export { escapeMarkdown, exportMarkdown, vaultTag, yamlString } from './markdown';
export type { MarkdownOptions } from './markdown';
