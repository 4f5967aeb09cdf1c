/**
 * Every export format, listed once: what the export dialog offers, what `clipbook convert
 * --to` accepts and which exporter writes it. Adding a format means adding one entry here.
 */
import { exportBibtex, exportCslJson, exportRis } from './citations';
import { exportClipBookHtml } from './clip-book';
import { exportCsv } from './csv';
import { exportDocx } from './docx';
import { exportReportDocx } from './report-docx';
import { exportReportHtml } from './report-html';
import { exportHtml } from './html';
import { exportJson } from './json';
import { exportMarkdown } from './markdown';
import { exportPassagesCsv, exportPassagesDocx } from './passages';
import { exportQdc, exportQdpx } from './qdpx';
import type { ExportFile, ExportItem, ExportOptions } from './types';

type Exporter = (
  items: readonly ExportItem[],
  options: ExportOptions,
) => ExportFile[] | Promise<ExportFile[]>;

export interface ExportFormatInfo {
  readonly id: string;
  /** What the export dialog shows; absent for formats only other code asks for. */
  readonly label?: string;
  /** 'folder' when it writes one file per clipping, 'file' when it writes one file. */
  readonly output: 'file' | 'folder';
  /** A clip book for people: the dialog offers its title, subtitle and body options. */
  readonly clipBook?: boolean;
  /** How `clipbook convert` names it: `--to NAME`, plus a flag that picks this variant. */
  readonly cli?: {
    readonly to: string;
    readonly flag?: '--combined' | '--per-highlight' | '--report';
  };
  /** A report clip book: the dialog offers the report's options too. */
  readonly report?: boolean;
  /**
   * The exporter, or 'print' for the PDF: its 'clip-book-html' is printed by Chromium, which
   * only the app has.
   */
  readonly write: Exporter | 'print';
}

export const EXPORT_FORMAT_LIST = [
  { id: 'pdf', label: 'Clip book (PDF)', output: 'file', clipBook: true, write: 'print' },
  {
    id: 'docx',
    label: 'Clip book (Word document)',
    output: 'file',
    clipBook: true,
    cli: { to: 'docx' },
    write: exportDocx,
  },
  {
    id: 'report-pdf',
    label: 'Report clip book (PDF) — summary, numbered contents, groups',
    output: 'file',
    clipBook: true,
    report: true,
    write: 'print',
  },
  {
    id: 'report-docx',
    label: 'Report clip book (Word document) — summary, contents, groups',
    output: 'file',
    clipBook: true,
    report: true,
    cli: { to: 'docx', flag: '--report' },
    write: exportReportDocx,
  },
  { id: 'report-html', output: 'file', write: exportReportHtml },
  {
    id: 'md',
    label: 'Markdown — one file per clipping (Obsidian/Logseq vault)',
    output: 'folder',
    cli: { to: 'md' },
    write: exportMarkdown,
  },
  {
    id: 'md-combined',
    label: 'Markdown — one combined file',
    output: 'file',
    cli: { to: 'md', flag: '--combined' },
    write: (items, options) => exportMarkdown(items, { ...options, layout: 'combined' }),
  },
  {
    id: 'html',
    label: 'Web page (one HTML file)',
    output: 'file',
    cli: { to: 'html' },
    write: exportHtml,
  },
  { id: 'clip-book-html', output: 'file', write: exportClipBookHtml },
  {
    id: 'csv',
    label: 'Spreadsheet (CSV) — one row per clipping',
    output: 'file',
    cli: { to: 'csv' },
    write: exportCsv,
  },
  {
    id: 'csv-highlights',
    label: 'Spreadsheet (CSV) — one row per highlight',
    output: 'file',
    cli: { to: 'csv', flag: '--per-highlight' },
    write: (items, options) => exportCsv(items, { ...options, rows: 'highlight' }),
  },
  {
    id: 'passages-csv',
    label: 'Passages (CSV) — one row per highlight, tags as code columns',
    output: 'file',
    cli: { to: 'passages-csv' },
    write: exportPassagesCsv,
  },
  {
    id: 'passages-docx',
    label: 'Passages (Word document) — quotes with their sources and notes',
    output: 'file',
    cli: { to: 'passages-docx' },
    write: exportPassagesDocx,
  },
  {
    id: 'json',
    label: 'Clipbook JSON (lossless, can be imported back)',
    output: 'file',
    cli: { to: 'json' },
    write: exportJson,
  },
  {
    id: 'csl-json',
    label: 'CSL-JSON (Zotero, reference managers)',
    output: 'file',
    cli: { to: 'csl-json' },
    write: exportCslJson,
  },
  {
    id: 'ris',
    label: 'RIS (EndNote, Zotero, Mendeley)',
    output: 'file',
    cli: { to: 'ris' },
    write: exportRis,
  },
  { id: 'bibtex', label: 'BibTeX', output: 'file', cli: { to: 'bibtex' }, write: exportBibtex },
  {
    id: 'qdpx',
    label: 'REFI-QDA project (.qdpx) — NVivo, MAXQDA, ATLAS.ti',
    output: 'file',
    cli: { to: 'qdpx' },
    write: exportQdpx,
  },
  {
    id: 'qdc',
    label: 'REFI-QDA codebook (.qdc) — the tags as codes',
    output: 'file',
    cli: { to: 'qdc' },
    write: exportQdc,
  },
] as const satisfies readonly ExportFormatInfo[];

export type ExportFormatId = (typeof EXPORT_FORMAT_LIST)[number]['id'];
/** The formats that produce files without a browser (everything but the printed PDF). */
export type ExportFormat = Exclude<ExportFormatId, 'pdf' | 'report-pdf'>;

export const EXPORT_FORMATS: readonly ExportFormat[] = EXPORT_FORMAT_LIST.flatMap((f) =>
  f.write === 'print' ? [] : [f.id],
);

export function formatInfo(id: ExportFormatId): ExportFormatInfo {
  const info = EXPORT_FORMAT_LIST.find((f) => f.id === id);
  if (!info) throw new Error(`Unknown export format ${id}`);
  return info;
}

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** The formats `clipbook convert --to NAME` can write, with the flag that picks a variant. */
export function cliFormat(
  to: string,
  flags: { combined?: boolean; perHighlight?: boolean; report?: boolean },
): ExportFormat | undefined {
  const matches = EXPORT_FORMAT_LIST.filter(
    (f): f is Extract<(typeof EXPORT_FORMAT_LIST)[number], { cli: object }> =>
      'cli' in f && f.cli.to === to,
  );
  const wanted = flags.report
    ? '--report'
    : flags.combined
      ? '--combined'
      : flags.perHighlight
        ? '--per-highlight'
        : undefined;
  const variant = matches.find((f) => 'flag' in f.cli && f.cli.flag === wanted);
  const plain = matches.find((f) => !('flag' in f.cli));
  return (variant ?? plain)?.id;
}

/** The names `--to` accepts, in the registry's order. */
export function cliFormatNames(): string[] {
  return [...new Set(EXPORT_FORMAT_LIST.flatMap((f) => ('cli' in f ? [f.cli.to] : [])))];
}

/** Runs one exporter. The clip book PDF is made by printing 'clip-book-html' in Chromium. */
export async function exportItems(
  format: ExportFormat,
  items: readonly ExportItem[],
  options: ExportOptions,
): Promise<ExportFile[]> {
  const { write } = formatInfo(format);
  if (write === 'print') throw new Error(`${format} is printed by the app, not exported`);
  return write(items, options);
}
