import { describe, expect, it } from 'vitest';
import { nodeChartDocument } from '../../../src/main/export/report-node';
import {
  EXPORT_FORMATS,
  EXPORT_FORMAT_LIST,
  cliFormat,
  cliFormatNames,
  exportItems,
  isExportFormat,
} from '@shared/export';
import { OPTIONS, sampleItems } from './sample-items';

describe('the export format registry', () => {
  it('lists each format once', () => {
    const ids = EXPORT_FORMAT_LIST.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every format but the printed PDF writes files through its exporter', async () => {
    expect(EXPORT_FORMATS).not.toContain('pdf');
    for (const format of EXPORT_FORMATS) {
      expect(isExportFormat(format)).toBe(true);
      // Reports draw their summary's charts in a document (linkedom's here).
      const files = await exportItems(format, sampleItems(), {
        ...OPTIONS,
        chartDocument: nodeChartDocument(),
      });
      expect(files.length, format).toBeGreaterThan(0);
      const info = EXPORT_FORMAT_LIST.find((f) => f.id === format);
      // A one-file format writes one file; a folder format one per clipping (or more).
      if (info?.output === 'file') expect(files, format).toHaveLength(1);
      else expect(files.length, format).toBeGreaterThanOrEqual(sampleItems().length);
    }
    expect(isExportFormat('pdf')).toBe(false);
  });

  it('maps the command line names and flags to formats', () => {
    expect(cliFormatNames()).toEqual([
      'docx',
      'md',
      'html',
      'csv',
      'passages-csv',
      'passages-docx',
      'json',
      'csl-json',
      'ris',
      'bibtex',
      'qdpx',
      'qdc',
    ]);
    expect(cliFormat('md', {})).toBe('md');
    expect(cliFormat('docx', { report: true })).toBe('report-docx');
    expect(cliFormat('docx', {})).toBe('docx');
    expect(cliFormat('md', { combined: true })).toBe('md-combined');
    expect(cliFormat('csv', { perHighlight: true })).toBe('csv-highlights');
    // A flag that belongs to another format changes nothing.
    expect(cliFormat('csv', { combined: true })).toBe('csv');
    expect(cliFormat('pdf', {})).toBeUndefined();
    expect(cliFormat('clip-book-html', {})).toBeUndefined();
    expect(cliFormat('nope', {})).toBeUndefined();
  });
});
