/** The export engine: every format behind one entry point, plus the individual exporters. */
export {
  EXPORT_FORMATS,
  EXPORT_FORMAT_LIST,
  cliFormat,
  cliFormatNames,
  exportItems,
  formatInfo,
  isExportFormat,
} from './formats';
export type { ExportFormat, ExportFormatId, ExportFormatInfo } from './formats';
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
export { PASSAGE_COLUMNS, exportPassagesCsv, exportPassagesDocx } from './passages';
export { codebookXml, exportQdc, exportQdpx, guidOf, qdpxProject } from './qdpx';
export type { MarkdownOptions } from './markdown';
