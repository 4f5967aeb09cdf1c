/**
 * ProQuest 'TXT - Text only' exports (Global Newsstream, ProQuest Central …): records between
 * lines of underscores, each opened by 'Document N of M', then the title, labelled fields
 * (Author, Publication info, Abstract, Full text, Subject … ProQuest document ID, Database),
 * in either the current order or the older alphabetical 'Report Information' layout with a
 * table of contents and a bibliography, neither of which is an article. Modelled on
 * metaknowledge's ProQuest reader and pq_parser's field list.
 */
import { cleanText } from '../article';
import {
  dateOf,
  emptyRecord,
  languageCode,
  naturalName,
  type ExportLayout,
  type ExportRecord,
} from './record';

const LABELS = [
  'Title',
  'Subtitle',
  'Author',
  'Authors',
  'Author e-mail address',
  'Publication info',
  'ProQuest document link',
  'Abstract',
  'Links',
  'Full text',
  'Full Text',
  'Credit',
  'Illustration',
  'Caption',
  'Subject',
  'Location',
  'People',
  'Company / organization',
  'Identifier / keyword',
  'Classification',
  'Publication title',
  'Volume',
  'Issue',
  'Pages',
  'First page',
  'Number of pages',
  'Publication year',
  'Publication date',
  'Year',
  'Section',
  'Column name',
  'Dateline',
  'Edition',
  'Publisher',
  'Place of publication',
  'Country of publication',
  'Publication subject',
  'ISSN',
  'e-ISSN',
  'ISBN',
  'Source type',
  'Language of publication',
  'Document type',
  'Document feature',
  'Accession number',
  'ProQuest document ID',
  'Document URL',
  'Copyright',
  'Last updated',
  'Database',
  'DOI',
  'Update',
  'Publication note',
];
const LABEL_RE = new RegExp(
  `^(${LABELS.map((l) => l.replace(/[/]/g, '\\/')).join('|')}):\\s?(.*)$`,
);
const RECORD_RE = /^Document (\d+) of (\d+)\s*$/;
const RULE_RE = /^_{30,}\s*$/;

/** The lines of each record (after its 'Document N of M'). */
function records(lines: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  let expected = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (RULE_RE.test(line)) {
      // A rule starts a record only when 'Document N of M' (next in sequence) follows it.
      let j = i + 1;
      while (j < lines.length && !(lines[j] as string).trim()) j++;
      const m = RECORD_RE.exec((lines[j] ?? '').trim());
      if (m && (expected === 0 || Number(m[1]) === expected)) {
        if (current) out.push(current);
        current = [];
        expected = Number(m[1]) + 1;
        i = j;
        continue;
      }
      if (current) {
        out.push(current);
        current = null;
      }
      continue;
    }
    current?.push(line);
  }
  if (current) out.push(current);
  return out;
}

function parseRecord(lines: readonly string[]): ExportRecord | null {
  const r = emptyRecord();
  // Each label's first occurrence (the newer layout repeats Title and Author at the end).
  const fields = new Map<string, string[]>();
  const title: string[] = [];
  let current: string[] | null = null;
  let seenLabel = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const m = LABEL_RE.exec(line);
    if (m) {
      seenLabel = true;
      const label = (m[1] as string).replace(/^Full Text$/, 'Full text');
      if (fields.has(label)) current = null;
      else {
        current = [m[2] ?? ''];
        fields.set(label, current);
      }
      continue;
    }
    if (!seenLabel) {
      if (line.trim()) title.push(cleanText(line));
      continue;
    }
    if (!line.trim()) {
      // A blank line ends a field, except inside the full text when more text follows.
      let j = i + 1;
      while (j < lines.length && !(lines[j] as string).trim()) j++;
      const inFullText = current !== null && current === fields.get('Full text');
      if (!(inFullText && j < lines.length && !LABEL_RE.test(lines[j] as string))) current = null;
      continue;
    }
    current?.push(line);
  }
  const one = (name: string): string => cleanText((fields.get(name) ?? []).join(' '));
  r.title = one('Title') || title.join(' ');
  const authors = one('Author') || one('Authors');
  r.authors = authors
    ? authors
        .split(/\s*;\s*/)
        .map((a) => naturalName(a.replace(/\s*\(.*?\)\s*/g, '')))
        .filter(Boolean)
    : [];
  const info = one('Publication info');
  r.outletRaw = one('Publication title') || info.replace(/\s*[.[].*$/, '');
  r.date = dateOf(one('Publication date')) || dateOf(info);
  r.section = one('Section');
  r.page =
    one('Pages') || one('First page') || (/:\s*([A-Z]?\.?\d+[A-Z]?)\.?\s*$/.exec(info)?.[1] ?? '');
  r.edition = one('Edition');
  r.language = languageCode(one('Language of publication'));
  r.documentId =
    one('ProQuest document ID') ||
    (/\/docview\/(\d+)/.exec(lines.join('\n'))?.[1] ?? '') ||
    one('Accession number');
  r.copyright = one('Copyright');
  r.loadDate = dateOf(one('Last updated'));
  r.subjects = one('Subject')
    .split(/\s*;\s*/)
    .filter(Boolean);
  const full = fields.get('Full text');
  if (full && full.some((l) => l.trim())) {
    r.paragraphs = full.map((l) => cleanText(l)).filter(Boolean);
  } else {
    const abstract = one('Abstract');
    if (abstract && !/^none available\.?$/i.test(abstract)) {
      r.paragraphs = (fields.get('Abstract') ?? []).map((l) => cleanText(l)).filter(Boolean);
      r.abstractOnly = true;
    }
  }
  return r.title ? r : null;
}

export const proquest: ExportLayout<string> = {
  database: 'proquest',
  detect(text) {
    const head = text.slice(0, 20_000);
    return (
      /^_{30,}\s*$/m.test(head) &&
      /^Document \d+ of \d+\s*$/m.test(head) &&
      /^(?:ProQuest document ID|Publication title|Full text|Database):/m.test(text)
    );
  },
  split(text) {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const out: ExportRecord[] = [];
    for (const rec of records(lines)) {
      const r = parseRecord(rec);
      if (r) out.push(r);
    }
    return out;
  },
};
