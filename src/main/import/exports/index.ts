/**
 * Database exports inside the import engine: decides whether a DOCX, RTF, text or HTML file
 * is a multi-article export and, when it is, splits it into finished drafts.
 */
import type { EncodingInfo, ExportDatabase, SourceFormat } from '@shared/clipping';
import { docxParagraphs, MAX_DOCUMENT_XML } from '../docx-paragraphs';
import type { Paragraph } from '../paragraphs';
import { readZipEntry } from '../zip-guard';
import { recordsToParts, type ExportPart } from './drafts';
import { splitExport, type ExportInput } from './registry';

export type { ArticleOutcome, ExportPart } from './drafts';

export interface ExportResult {
  database: ExportDatabase;
  parts: ExportPart[];
}

export interface ExportSource {
  input: ExportInput;
  file: string;
  format: SourceFormat;
  encoding: EncodingInfo;
  warnings: string[];
}

export function readExport(source: ExportSource): ExportResult | null {
  const split = splitExport(source.input);
  if (!split) return null;
  return {
    database: split.database,
    parts: recordsToParts(split.records, {
      database: split.database,
      file: source.file,
      format: source.format,
      encoding: source.encoding,
      warnings: source.warnings,
    }),
  };
}

/** Marks that only database exports carry in a Word body: checked before any XML is parsed. */
const DOCX_EXPORT_HINT = /End of Document|urn:contentItem|>(?:HD|AN)(?:\u00a0| )?</;

/** The paragraphs of a DOCX that looks like an export (guard already run), else null. */
export function docxExportParagraphs(bytes: Uint8Array): Paragraph[] | null {
  const xml = readZipEntry(bytes, 'word/document.xml', MAX_DOCUMENT_XML)?.toString('utf8') ?? '';
  if (!DOCX_EXPORT_HINT.test(xml)) return null;
  return docxParagraphs(bytes, xml);
}
