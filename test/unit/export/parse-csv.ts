import { parse } from 'csv-parse/sync';

/** Reads CSV back with a real parser (csv-parse), with the separator a spreadsheet would use. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  return parse(text, { delimiter, bom: true, record_delimiter: '\r\n', relax_column_count: true });
}
