/**
 * Factiva 'Article Format' exports with two-letter field codes (SE HD BY CR WC PD ET SN SC ED
 * PG LA CY LP TD CO IN NS RE IPC IPD PUB AN): as RTF (one two-column table row per field,
 * code in the first cell) and as the HTML page saved as text (codes in bold become '*HD*'
 * followed by a no-break space and a tab). An article ends with its AN ('Document <AN>').
 * Modelled on tm.plugin.factiva, news_extract's factiva_extract and factiva-rtf parsers.
 * Quoted codes or 'Document …' lines inside LP/TD never split: only a code in the code
 * position (first cell, or a line's starred/tabbed prefix) starts a field.
 */
import { cleanText } from '../article';
import type { Paragraph } from '../paragraphs';
import {
  bylineAuthors,
  dateOf,
  emptyRecord,
  languageCode,
  wordCountOf,
  type ExportLayout,
  type ExportRecord,
} from './record';

/** Every code Factiva prints in Article Format (Full Article/Report plus Indexing). */
const CODES = new Set([
  'SE',
  'HD',
  'BY',
  'CR',
  'WC',
  'PD',
  'ET',
  'SN',
  'SC',
  'ED',
  'PG',
  'VOL',
  'LA',
  'CY',
  'LP',
  'TD',
  'CT',
  'RF',
  'CO',
  'IN',
  'NS',
  'RE',
  'IPC',
  'IPD',
  'PUB',
  'AN',
  'ART',
  'CLM',
  'CX',
]);

interface Field {
  code: string;
  values: string[];
}

const BANNER_RE =
  /^(?:page \d+ of \d+\b.*|.*©\s*\d{4} factiva, inc\..*|.*\bfactiva, inc\. all rights reserved\.?)$/i;

const TEXT_CODE_RE = /^\*?([A-Z]{2,3})\*?[\u00a0 ]*\t[\u00a0 ]*(.*)$/;

/** Fields of the saved-as-text layout. */
function textFields(text: string): Field[] {
  const fields: Field[] = [];
  let current: Field | null = null;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = TEXT_CODE_RE.exec(raw);
    if (m && CODES.has(m[1] as string)) {
      current = { code: m[1] as string, values: [] };
      fields.push(current);
      const v = cleanText(m[2] ?? '');
      if (v) current.values.push(v);
      continue;
    }
    if (!current) continue;
    // Page furniture after the last article.
    if (/^search summary$/i.test(raw.trim())) {
      current = null;
      continue;
    }
    // Page banners of a printed or paginated page never belong to a field.
    if (BANNER_RE.test(raw.trim())) continue;
    const v = cleanText(raw);
    if (v) current.values.push(v);
  }
  return fields;
}

/** Fields of the RTF layout: a row whose first cell is a code. */
function tableFields(paragraphs: readonly Paragraph[]): Field[] {
  const fields: Field[] = [];
  let current: Field | null = null;
  for (const p of paragraphs) {
    const t = cleanText(p.text);
    if (p.cell === 0) {
      current = CODES.has(t) ? { code: t, values: [] } : null;
      if (current) fields.push(current);
      continue;
    }
    if (p.cell > 0 && current) {
      for (const line of p.text.split('\n')) {
        const v = cleanText(line);
        if (v) current.values.push(v);
      }
      continue;
    }
    if (p.cell < 0) current = null;
  }
  return fields;
}

function stripStars(s: string): string {
  return s.replace(/^\*(.*)\*$/, '$1');
}

function toRecords(fields: readonly Field[]): ExportRecord[] {
  const out: ExportRecord[] = [];
  let r = emptyRecord();
  let lead: string[] = [];
  let body: string[] = [];
  let started = false;
  const close = (): void => {
    if (started && (r.title || lead.length || body.length)) {
      r.paragraphs = [...lead, ...body];
      out.push(r);
    }
    r = emptyRecord();
    lead = [];
    body = [];
    started = false;
  };
  for (const f of fields) {
    const value = f.values.join(' ');
    // A second headline without an AN between: the earlier article had none.
    if (f.code === 'HD' && r.title) close();
    started = true;
    switch (f.code) {
      case 'HD':
        r.title = stripStars(value);
        break;
      case 'SE':
        r.section = value;
        break;
      case 'BY':
        r.authors = bylineAuthors(value);
        break;
      case 'WC':
        r.wordCount = wordCountOf(value);
        break;
      case 'PD':
        r.date = dateOf(value);
        break;
      case 'ET': {
        const t = /^(\d{1,2}):(\d{2})$/.exec(value);
        if (t && r.date && !r.date.includes('T'))
          r.date += `T${(t[1] ?? '').padStart(2, '0')}:${t[2]}`;
        break;
      }
      case 'SN':
        r.outletRaw = value;
        break;
      case 'ED':
        r.edition = value;
        break;
      case 'PG':
        r.page = value;
        break;
      case 'LA':
        r.language = languageCode(value);
        break;
      case 'CY':
        r.copyright = value;
        break;
      case 'LP':
        lead = f.values.slice();
        break;
      case 'TD':
        body = f.values.slice();
        break;
      case 'NS':
      case 'RE':
      case 'IN':
      case 'CO':
        r.subjects.push(
          ...f.values
            .join(' | ')
            .split(/\s*\|\s*/)
            .map((s) => s.replace(/^[\w-]+\s*:\s*/, ''))
            .filter(Boolean),
        );
        break;
      case 'AN':
        // Only the first line: page furniture may follow the last article's AN.
        r.documentId = /^(?:document\s+)?(\S+)/i.exec(f.values[0] ?? '')?.[1] ?? '';
        close();
        break;
    }
  }
  close();
  return out;
}

export const factivaRtf: ExportLayout<readonly Paragraph[]> = {
  database: 'factiva',
  detect(paragraphs) {
    const codes = new Set<string>();
    for (const p of paragraphs) {
      if (p.cell === 0 && CODES.has(cleanText(p.text))) codes.add(cleanText(p.text));
      if (codes.has('HD') && (codes.has('AN') || codes.has('PD') || codes.has('SN'))) return true;
    }
    return factivaText.detect(paragraphs.map((p) => p.text).join('\n'));
  },
  split(paragraphs) {
    const fields = tableFields(paragraphs);
    // Some exports write 'CODE<tab>value' paragraphs instead of a table.
    return toRecords(
      fields.length > 0 ? fields : textFields(paragraphs.map((p) => p.text).join('\n')),
    );
  },
};

export const factivaText: ExportLayout<string> = {
  database: 'factiva',
  detect(text) {
    const head = text.slice(0, 50_000);
    const codes = new Set<string>();
    for (const line of head.split(/\r?\n/)) {
      const m = TEXT_CODE_RE.exec(line);
      if (m && CODES.has(m[1] as string)) codes.add(m[1] as string);
    }
    return codes.has('HD') && (codes.has('AN') || codes.has('PD')) && codes.has('SN');
  },
  split: (text) => toRecords(textFields(text)),
};
