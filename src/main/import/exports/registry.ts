/**
 * Every database-export layout, listed once. Each is recognised by its content (never only by
 * the file's extension), in the order given: the first whose `detect` accepts the input splits
 * it. Word-processor inputs (DOCX, RTF) arrive as paragraphs, the rest as decoded text or HTML.
 */
import type { ExportDatabase } from '@shared/clipping';
import type { Paragraph } from '../paragraphs';
import { europresse } from './europresse';
import { factivaRtf, factivaText } from './factiva';
import { lexisNexisAcademic } from './lexisnexis-academic';
import { nexisUni } from './nexis-uni';
import { proquest } from './proquest';
import type { ExportLayout, ExportRecord } from './record';

export type ExportInput =
  | { kind: 'paragraphs'; paragraphs: readonly Paragraph[] }
  | { kind: 'text'; text: string }
  | { kind: 'html'; html: string };

export const PARAGRAPH_LAYOUTS: readonly ExportLayout<readonly Paragraph[]>[] = [
  nexisUni,
  factivaRtf,
];
export const TEXT_LAYOUTS: readonly ExportLayout<string>[] = [
  lexisNexisAcademic,
  factivaText,
  proquest,
];
export const HTML_LAYOUTS: readonly ExportLayout<string>[] = [europresse];

export interface SplitExport {
  database: ExportDatabase;
  records: ExportRecord[];
}

function first<I>(layouts: readonly ExportLayout<I>[], input: I): SplitExport | null {
  for (const layout of layouts) {
    if (!layout.detect(input)) continue;
    const records = layout.split(input);
    if (records.length > 0) return { database: layout.database, records };
  }
  return null;
}

/** The export's records, or null when the input is no known database export. */
export function splitExport(input: ExportInput): SplitExport | null {
  switch (input.kind) {
    case 'paragraphs':
      return first(PARAGRAPH_LAYOUTS, input.paragraphs);
    case 'text':
      return first(TEXT_LAYOUTS, input.text);
    case 'html':
      return first(HTML_LAYOUTS, input.html);
  }
}
