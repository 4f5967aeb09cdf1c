/**
 * CSV for spreadsheets: UTF-8 with BOM (so Excel detects the encoding), RFC 4180 quoting,
 * CRLF line ends, and formula injection neutralised.
 */
import { colorLabel, type Highlight } from '../annotations';
import { coverageOf, type Clipping } from '../clipping';
import { DEFAULT_TITLE, excerpt } from './common';
import { safeFileName } from './file-names';
import type { ExportFile, ExportItem, ExportOptions } from './types';

export interface CsvOptions extends ExportOptions {
  /** One row per clipping (default) or one per highlight. */
  rows?: 'clipping' | 'highlight';
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab/CR, which some strip first) as a
 * formula (OWASP "CSV injection"); a leading apostrophe makes it text. The same holds after
 * every place a spreadsheet may split a cell (a list separator ',' or ';', a tab, a line
 * break): Excel in German or French splits on ';', so 'Title;=HYPERLINK(…)' would become a
 * formula cell there. Every such start gets its apostrophe too.
 */
export function neutraliseCell(value: string): string {
  // Leading blanks too: some spreadsheets trim them before they look for a formula.
  const lead = /^(?:[\t\r]|\s*[=+\-@])/.test(value) ? `'${value}` : value;
  return /[,;\t\r\n]/.test(lead) ? lead.replace(/([,;\t\r\n][ \t]*)([=+\-@])/g, "$1'$2") : lead;
}

/** Quoted whenever it holds a quote, a line break or any list separator (',' ';' tab). */
export function csvCell(value: string): string {
  const safe = neutraliseCell(value);
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvTable(rows: readonly (readonly string[])[]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const LIST = '; ';

export const CLIPPING_COLUMNS = [
  'id',
  'title',
  'source',
  'section',
  'authors',
  'published',
  'url',
  'language',
  'tags',
  'text',
  'note',
  'highlight_count',
  'highlights',
  'imported',
  'media_type',
  'page',
  'edition',
  'reach',
  'reach_source',
  'tone',
  'prominence',
  'entities',
  'story_id',
  'story_copies',
] as const;

export const HIGHLIGHT_COLUMNS = [
  'clipping_id',
  'clipping_title',
  'source',
  'published',
  'url',
  'highlight_id',
  'color',
  'color_name',
  'quote',
  'note',
  'tags',
  'start',
  'end',
  'created',
  'updated',
] as const;

/** A highlight's row, in HIGHLIGHT_COLUMNS order. */
export function highlightCells(c: Clipping, h: Highlight, options: ExportOptions): string[] {
  return [
    c.id,
    c.title,
    c.source,
    c.publishedAt,
    c.url,
    h.id,
    h.color,
    colorLabel(h.color, options.colorNames),
    h.quote.exact,
    h.note,
    h.tags.join(LIST),
    String(h.position.start),
    String(h.position.end),
    h.createdAt,
    h.updatedAt,
  ];
}

/** The coverage columns of a clipping, in CLIPPING_COLUMNS order. */
export function coverageCells(c: Clipping): string[] {
  const k = coverageOf(c);
  return [
    k.mediaType,
    k.page,
    k.edition,
    k.reach === null ? '' : String(k.reach),
    k.reachSource,
    k.tone,
    k.prominence,
    k.entities.join(LIST),
  ];
}

export function exportCsv(items: readonly ExportItem[], options: CsvOptions): ExportFile[] {
  const rows: string[][] = [];
  if (options.rows === 'highlight') {
    rows.push([...HIGHLIGHT_COLUMNS]);
    for (const { clipping: c, highlights } of items) {
      for (const h of highlights) {
        rows.push(highlightCells(c, h, options));
      }
    }
  } else {
    rows.push([...CLIPPING_COLUMNS]);
    for (const { clipping: c, highlights, note, story } of items) {
      rows.push([
        c.id,
        c.title,
        c.source,
        c.section,
        c.authors.join(LIST),
        c.publishedAt,
        c.url,
        c.language,
        c.tags.join(LIST),
        options.includeBody ? c.paragraphs.join('\n\n') : excerpt(c),
        note,
        String(highlights.length),
        highlights.map((h) => h.quote.exact).join('\n'),
        c.importedAt,
        ...coverageCells(c),
        // A clipping alone is a story of its own, with no other copies.
        story?.id ?? c.id,
        String(story?.copies ?? 0),
      ]);
    }
  }
  const suffix = options.rows === 'highlight' ? ' highlights' : '';
  const name = safeFileName(`${options.title ?? DEFAULT_TITLE}${suffix}`, { extension: 'csv' });
  return [{ name, data: csvTable(rows), mediaType: 'text/csv;charset=utf-8' }];
}
