/**
 * The paragraph model that word-processor readers (DOCX, RTF) hand to the database-export
 * layouts: plain text per paragraph plus the few layout facts the layouts rely on (bold
 * labels, hyperlink targets, table cells, section and page breaks, alignment, direction).
 */
export interface Paragraph {
  /** The paragraph's text; a soft line break is '\n', a tab '\t'. */
  text: string;
  /** Every visible character is bold (labels, 'End of Document', Factiva codes). */
  bold: boolean;
  /** Targets of the hyperlinks (or HYPERLINK fields) inside the paragraph. */
  links: string[];
  /** Index of the table cell this paragraph ends or sits in; -1 outside tables. */
  cell: number;
  /** A section or page break comes before this paragraph. */
  breakBefore: 'none' | 'section' | 'page';
  align: 'left' | 'center' | 'right' | 'justify';
  rtl: boolean;
}

export function paragraphsToText(paragraphs: readonly Paragraph[]): string {
  return paragraphs.map((p) => p.text).join('\n\n');
}
