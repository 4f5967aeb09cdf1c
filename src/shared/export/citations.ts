/**
 * Reference-manager formats: CSL-JSON, RIS and BibTeX, each describing clippings as newspaper
 * articles with the outlet as container, authors split into family/given names, the first
 * paragraph as abstract, tags as keywords and the notes and highlights as a note.
 */
import { coverageOf } from '../clipping';
import { DEFAULT_TITLE, dateParts, excerpt, safeHttpUrl, titleOf } from './common';
import { capMarkRuns } from '../text-safety';
import { safeFileName } from './file-names';
import type { ExportFile, ExportItem, ExportOptions } from './types';

export type CslName = { family: string; given?: string } | { literal: string };

// Particles that belong to the family name ('van der Berg', 'de la Cruz', 'al-'), lower case.
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'dos',
  'das',
  'do',
  'bin',
  'ibn',
  'al',
  'el',
]);
// Credits that are organisations or desks, not people: kept whole as literal names.
const ORGANISATION =
  /^the\s|\b(news|press|agency|agencies|wire|staff|desk|bureau|service|reporters?|correspondents?|editors?|editorial|team|newsroom|herald|associated|reuters|afp|ap|dpa|tass|bbc|cnn|inc|ltd|llc|gmbh|corp|group|media|online)\b|[&@0-9]/i;

/** Splits a credited author into CSL name parts. */
export function splitName(raw: string): CslName {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') return { literal: '' };
  if (ORGANISATION.test(name)) return { literal: name };
  // 'Family, Given' as written in bibliographies.
  const comma = name.indexOf(',');
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    // 'Lund, Jr.' and similar suffixes are not given names; keep the credit whole.
    if (!family || !given || /^(jr|sr|ii|iii|iv)\.?$/i.test(given)) return { literal: name };
    return { family, given };
  }
  const words = name.split(' ');
  if (words.length === 1) return { literal: name };
  if (words.length > 5) return { literal: name };
  // The family name starts at the first lower-case particle after the first word, else it is
  // the last word ('Maria Lund', 'Jean-Claude van Damme').
  let at = words.length - 1;
  for (let i = 1; i < words.length - 1; i += 1) {
    if (
      PARTICLES.has((words[i] as string).toLowerCase()) &&
      words[i] === (words[i] as string).toLowerCase()
    ) {
      at = i;
      break;
    }
  }
  return { family: words.slice(at).join(' '), given: words.slice(0, at).join(' ') };
}

/** Notes and highlights as one plain-text note. */
function noteText(item: ExportItem): string {
  const parts: string[] = [];
  if (item.note.trim()) parts.push(item.note.trim());
  for (const h of item.highlights) {
    const extras = [
      h.note.trim() && `(${h.note.trim()})`,
      h.tags.length > 0 && `[${h.tags.join(', ')}]`,
    ]
      .filter(Boolean)
      .join(' ');
    parts.push(`Highlight: “${h.quote.exact}”${extras ? ` ${extras}` : ''}`);
  }
  return parts.join('\n\n');
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

// ---- CSL-JSON --------------------------------------------------------------------------

export interface CslItem {
  id: string;
  type: 'article-newspaper';
  title: string;
  'container-title'?: string;
  section?: string;
  page?: string;
  edition?: string;
  /** CSL's physical format: the media type (print, broadcast…). */
  medium?: string;
  author?: CslName[];
  issued?: { 'date-parts': [[number, number, number]] };
  URL?: string;
  language?: string;
  abstract?: string;
  keyword?: string;
  note?: string;
  accessed?: { 'date-parts': [[number, number, number]] };
}

export function toCsl(item: ExportItem): CslItem {
  const c = item.clipping;
  const csl: CslItem = { id: c.id, type: 'article-newspaper', title: titleOf(c) };
  if (c.source) csl['container-title'] = c.source;
  if (c.section) csl.section = c.section;
  const coverage = coverageOf(c);
  if (coverage.page) csl.page = coverage.page;
  if (coverage.edition) csl.edition = coverage.edition;
  if (coverage.mediaType) csl.medium = coverage.mediaType;
  const authors = c.authors.map(splitName).filter((n) => !('literal' in n) || n.literal);
  if (authors.length > 0) csl.author = authors;
  const issued = dateParts(c.publishedAt);
  if (issued) csl.issued = { 'date-parts': [issued] };
  // Web links only: reference managers open this field when the user clicks it.
  const url = safeHttpUrl(c.url);
  if (url) csl.URL = url;
  if (c.language) csl.language = c.language;
  const abstract = excerpt(c);
  if (abstract) csl.abstract = abstract;
  if (c.tags.length > 0) csl.keyword = c.tags.join(', ');
  const note = noteText(item);
  if (note) csl.note = note;
  const accessed = dateParts(c.importedAt);
  if (accessed) csl.accessed = { 'date-parts': [accessed] };
  return csl;
}

export function exportCslJson(items: readonly ExportItem[], options: ExportOptions): ExportFile[] {
  const name = safeFileName(options.title ?? DEFAULT_TITLE, { extension: 'csl.json' });
  const data = `${JSON.stringify(items.map(toCsl), null, 2)}\n`;
  return [{ name, data, mediaType: 'application/vnd.citationstyles.csl+json' }];
}

// ---- RIS ---------------------------------------------------------------------------------

const pad = (n: number): string => String(n).padStart(2, '0');

function risName(n: CslName): string {
  // Zotero reads 'Family, Given'; a name without a comma is kept as a single field (an organisation).
  return 'literal' in n ? n.literal : n.given ? `${n.family}, ${n.given}` : n.family;
}

export function toRis(item: ExportItem): string {
  const c = item.clipping;
  const lines: string[] = [];
  const tag = (t: string, value: string): void => {
    const v = oneLine(value);
    if (v) lines.push(`${t}  - ${v}`);
  };
  lines.push('TY  - NEWS');
  tag('TI', titleOf(c));
  // T2 is the newspaper for TY NEWS in Zotero's RIS mapping (JF is read too).
  tag('T2', c.source);
  tag('SE', c.section);
  const coverage = coverageOf(c);
  // SP is the start page; for a newspaper article Zotero reads it as the pages.
  tag('SP', coverage.page);
  tag('ET', coverage.edition);
  for (const a of c.authors.map(splitName)) tag('AU', risName(a));
  const d = dateParts(c.publishedAt);
  if (d) {
    tag('PY', String(d[0]));
    tag('DA', `${d[0]}/${pad(d[1])}/${pad(d[2])}/`);
  }
  tag('UR', safeHttpUrl(c.url) ?? '');
  tag('LA', c.language);
  tag('AB', excerpt(c));
  for (const t of c.tags) tag('KW', t);
  // RIS has no continuation lines: each note paragraph is its own N1.
  for (const n of noteText(item).split('\n\n')) tag('N1', n);
  tag('ID', c.id);
  lines.push('ER  - ');
  return lines.join('\r\n');
}

export function exportRis(items: readonly ExportItem[], options: ExportOptions): ExportFile[] {
  const name = safeFileName(options.title ?? DEFAULT_TITLE, { extension: 'ris' });
  const data = items.map((i) => `${toRis(i)}\r\n`).join('\r\n');
  return [{ name, data, mediaType: 'application/x-research-info-systems' }];
}

// ---- BibTeX ------------------------------------------------------------------------------

/**
 * Escapes the characters TeX treats specially; other Unicode is left to biber/Zotero (UTF-8).
 * Braces become \textbraceleft{} / \textbraceright{}: BibTeX counts every brace, escaped or
 * not (`\}` closes a field as well as `}`), so a value must never hold an unbalanced one, or a
 * title could close its field and start an entry of its own.
 */
export function escapeBibtex(s: string): string {
  return oneLine(s).replace(/[\\{}$&%#_^~]/g, (ch) => {
    switch (ch) {
      case '{':
        return '\\textbraceleft{}';
      case '}':
        return '\\textbraceright{}';
      case '\\':
        return '\\textbackslash{}';
      case '^':
        return '\\textasciicircum{}';
      case '~':
        return '\\textasciitilde{}';
      default:
        return `\\${ch}`;
    }
  });
}

/** A name part with a comma or the word 'and' is braced: BibTeX would split the name there. */
function namePart(s: string): string {
  const e = escapeBibtex(s);
  return /,|\band\b/i.test(e) ? `{${e}}` : e;
}

function bibName(n: CslName): string {
  // Braces keep an organisation from being split into given/family names.
  if ('literal' in n) return `{${escapeBibtex(n.literal)}}`;
  return n.given ? `${namePart(n.family)}, ${namePart(n.given)}` : `{${escapeBibtex(n.family)}}`;
}

/** ASCII letters and digits of `s` (accents dropped), for citation keys. */
function asciiWord(s: string): string {
  return capMarkRuns(s)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'to', 'and', 'for']);

function baseKey(item: ExportItem): string {
  const c = item.clipping;
  const first = c.authors.map(splitName)[0];
  const who = first
    ? asciiWord('literal' in first ? (first.literal.split(' ')[0] ?? '') : first.family)
    : '';
  const outlet = asciiWord(c.source.split(' ')[0] ?? '');
  const year = dateParts(c.publishedAt)?.[0] ?? '';
  const word = c.title
    .split(/\s+/)
    .map(asciiWord)
    .find((w) => w.length > 0 && !STOP_WORDS.has(w));
  return `${who || outlet || 'clipping'}${year}${word ?? ''}`.slice(0, 60);
}

/** Citation keys, unique within the export: 'lund2025city', then 'lund2025citya', …b. */
export function citationKeys(items: readonly ExportItem[]): string[] {
  const used = new Set<string>();
  return items.map((item) => {
    const base = baseKey(item);
    let key = base;
    for (let n = 0; used.has(key.toLowerCase()); n += 1) key = `${base}${suffix(n)}`;
    used.add(key.toLowerCase());
    return key;
  });
}

function suffix(n: number): string {
  // a … z, aa, ab, …
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * `@article` with `journal` = the outlet: Zotero's BibTeX import has no newspaper type and
 * maps `@article`/`journal` to an item with the outlet as its publication (and Zotero itself
 * exports newspaper articles this way), whereas `@misc`/`howpublished` leaves the outlet as
 * free text. `entrysubtype = {newspaper}` is biblatex's marker for the same thing.
 */
export function toBibtex(item: ExportItem, key: string): string {
  const c = item.clipping;
  const fields: [string, string][] = [];
  const field = (name: string, value: string): void => {
    if (oneLine(value)) fields.push([name, escapeBibtex(value)]);
  };
  field('title', titleOf(c));
  const authors = c.authors.map(splitName).filter((n) => !('literal' in n) || n.literal);
  if (authors.length > 0) fields.push(['author', authors.map(bibName).join(' and ')]);
  field('journal', c.source);
  fields.push(['entrysubtype', 'newspaper']);
  const coverage = coverageOf(c);
  field('pages', coverage.page);
  field('edition', coverage.edition);
  const d = dateParts(c.publishedAt);
  if (d) {
    fields.push(['year', String(d[0])]);
    fields.push(['month', MONTHS[d[1] - 1] ?? String(d[1])]);
    fields.push(['day', String(d[2])]);
    fields.push(['date', `${d[0]}-${pad(d[1])}-${pad(d[2])}`]);
  }
  // URLs are verbatim in the url package; only braces would break the field.
  const url = safeHttpUrl(c.url);
  if (url && !/[{}]/.test(url)) fields.push(['url', url]);
  field('language', c.language);
  field('abstract', excerpt(c));
  field('keywords', c.tags.join(', '));
  field('note', noteText(item).replace(/\n\n/g, ' — '));
  const body = fields
    .map(([name, value]) => `  ${name} = ${name === 'month' ? value : `{${value}}`}`)
    .join(',\n');
  return `@article{${key},\n${body}\n}`;
}

export function exportBibtex(items: readonly ExportItem[], options: ExportOptions): ExportFile[] {
  const keys = citationKeys(items);
  const name = safeFileName(options.title ?? DEFAULT_TITLE, { extension: 'bib' });
  const data = `${items.map((item, i) => toBibtex(item, keys[i] as string)).join('\n\n')}\n`;
  return [{ name, data, mediaType: 'application/x-bibtex' }];
}
