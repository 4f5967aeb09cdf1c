/**
 * LexisNexis Academic text exports: a request header, then per document a centred
 * 'N of M DOCUMENTS' ('Dokument N von M' in German), centred outlet, date and edition lines,
 * the headline, BYLINE/SECTION/LENGTH/DATELINE labels, the body, then LOAD-DATE, LANGUAGE,
 * GRAPHIC, PUBLICATION-TYPE… and a centred copyright. Modelled on LexisNexisTools' lnt_read
 * and tm.plugin.lexisnexis. A quoted 'N of M DOCUMENTS' line in a body does not split it:
 * a separator must carry the next number in sequence.
 */
import { cleanText } from '../article';
import {
  bylineAuthors,
  dateOf,
  emptyRecord,
  isCopyright,
  isDateLine,
  languageCode,
  sectionAndPage,
  wordCountOf,
  type ExportLayout,
  type ExportRecord,
} from './record';

/** 'N of M DOCUMENTS' (centred in the export; the numbering is what makes it a separator). */
const SEPARATOR_RE =
  /^\s*(\d+)\s+(?:of|von|de|sur|di)\s+(\d+)\s+(?:documents?|dokumente?n?|documentos?)\s*$/i;
const LABEL_RE = /^([A-ZÄÖÜ][A-ZÄÖÜ-]{2,30}(?: [A-ZÄÖÜ-]+)?):\s*(.*)$/u;
const HEAD_LABELS = new Set([
  'BYLINE',
  'AUTOR',
  'SECTION',
  'RUBRIK',
  'LENGTH',
  'LÄNGE',
  'DATELINE',
  'HIGHLIGHT',
  'EDITION',
  'AUSGABE',
]);
const TAIL_LABELS = new Set([
  'LOAD-DATE',
  'UPDATE',
  'LANGUAGE',
  'SPRACHE',
  'GRAPHIC',
  'GRAFIK',
  'PUBLICATION-TYPE',
  'PUBLIKATIONSTYP',
  'JOURNAL-CODE',
  'SUBJECT',
  'THEMA',
  'GEOGRAPHIC',
  'ORGANIZATION',
  'COMPANY',
  'INDUSTRY',
  'PERSON',
  'CITY',
  'STATE',
  'COUNTRY',
  'TICKER',
  'NOTES',
  'CORRECTION-DATE',
  'URL',
  'DOCUMENT-TYPE',
  'TYPE',
  'SERIES',
]);

/** Start line of each document (the separator's line index). */
function separators(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let expected = 1;
  for (let i = 0; i < lines.length; i++) {
    const m = SEPARATOR_RE.exec(lines[i] as string);
    if (!m) continue;
    const n = Number(m[1]);
    // The first may be any number (a part of a larger download); then they count up.
    if (starts.length === 0 || n === expected) {
      starts.push(i);
      expected = n + 1;
    }
  }
  return starts;
}

/** Paragraphs: runs of non-blank lines joined (the export wraps at 78 columns). */
function blocks(lines: readonly string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (const line of lines) {
    if (line.trim()) cur.push(line.trim());
    else if (cur.length) {
      out.push(cur.join(' '));
      cur = [];
    }
  }
  if (cur.length) out.push(cur.join(' '));
  return out.map((b) => cleanText(b));
}

function parseDocument(lines: readonly string[]): ExportRecord | null {
  const r = emptyRecord();
  // Centred header lines come first (outlet, date, edition), then the headline flush left.
  let i = 0;
  const centred: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.trim()) continue;
    if (/^\s{4,}\S/.test(line)) {
      // Some outlets' copyright notice sits under the outlet name, centred too.
      const t = cleanText(line);
      if (isCopyright(t)) r.copyright ||= t;
      else centred.push(t);
    } else break;
  }
  const outlet = centred.findIndex((l) => !isDateLine(l));
  const dateIndex = centred.findIndex((l) => isDateLine(l));
  if (outlet >= 0 && (dateIndex < 0 || outlet < dateIndex)) r.outletRaw = centred[outlet] as string;
  if (dateIndex >= 0) r.date = dateOf(centred[dateIndex] as string);
  r.edition = centred
    .filter((_, k) => k !== outlet && k !== dateIndex)
    .join(' ')
    .replace(/;\s*$/, '');
  const rest = blocks(lines.slice(i));
  let k = 0;
  // The headline: blocks before the first label.
  const title: string[] = [];
  for (; k < rest.length; k++) {
    const m = LABEL_RE.exec(rest[k] as string);
    if (m && (HEAD_LABELS.has(m[1] as string) || TAIL_LABELS.has(m[1] as string))) break;
    title.push(rest[k] as string);
  }
  if (
    title.length > 3 &&
    (k >= rest.length || !HEAD_LABELS.has(LABEL_RE.exec(rest[k] ?? '')?.[1] ?? ''))
  ) {
    // No BYLINE/SECTION/LENGTH block: only the first paragraph is the headline.
    r.title = title[0] ?? '';
    k = 1;
  } else r.title = title.join(' ');
  for (; k < rest.length; k++) {
    const m = LABEL_RE.exec(rest[k] as string);
    if (!m || !HEAD_LABELS.has(m[1] as string)) break;
    const label = m[1] as string;
    const value = (m[2] ?? '').trim();
    if (label === 'BYLINE' || label === 'AUTOR') r.authors = bylineAuthors(value);
    else if (label === 'SECTION' || label === 'RUBRIK') Object.assign(r, sectionAndPage(value));
    else if (label === 'LENGTH' || label === 'LÄNGE') r.wordCount = wordCountOf(value);
    else if (label === 'EDITION' || label === 'AUSGABE') r.edition ||= value;
  }
  // The body runs to the first trailing label after which only labels and copyright follow.
  let end = rest.length;
  for (let j = rest.length - 1; j >= k; j--) {
    const b = rest[j] as string;
    const m = LABEL_RE.exec(b);
    if ((m && TAIL_LABELS.has(m[1] as string)) || isCopyright(b) || /^all rights reserved/i.test(b))
      end = j;
    else break;
  }
  r.paragraphs = rest.slice(k, end);
  for (const b of rest.slice(end)) {
    if (isCopyright(b)) {
      r.copyright ||= b;
      continue;
    }
    const m = LABEL_RE.exec(b);
    if (!m) continue;
    const value = (m[2] ?? '').trim();
    if (m[1] === 'LOAD-DATE' || m[1] === 'UPDATE') r.loadDate = dateOf(value);
    else if (m[1] === 'LANGUAGE' || m[1] === 'SPRACHE') r.language = languageCode(value);
    else if (m[1] === 'SUBJECT' || m[1] === 'THEMA')
      r.subjects.push(...value.split(/;\s*/).map((s) => s.replace(/\s*\(\d+%\)$/, '').trim()));
  }
  return r.title || r.paragraphs.length ? r : null;
}

export const lexisNexisAcademic: ExportLayout<string> = {
  database: 'lexisnexis-academic',
  detect(text) {
    const lines = text.slice(0, 20_000).split(/\r?\n/);
    return (
      lines.some((l) => SEPARATOR_RE.test(l)) &&
      /^(?:LENGTH|LÄNGE|LOAD-DATE|BYLINE|SECTION):/m.test(text.slice(0, 200_000))
    );
  },
  split(text) {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const starts = separators(lines);
    const out: ExportRecord[] = [];
    starts.forEach((start, n) => {
      const r = parseDocument(lines.slice(start + 1, starts[n + 1] ?? lines.length));
      if (r) out.push(r);
    });
    return out;
  },
};
