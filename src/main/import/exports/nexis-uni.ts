/**
 * Nexis Uni (Lexis Advance) Word and RTF exports: a cover page with a table of contents, then
 * one document per Word section — headline (linked to its urn:contentItem), outlet, date line
 * (with time or edition), copyright, labelled fields (Section, Length, Byline, Dateline,
 * Highlight), 'Body', the text, an optional Graphic block, the Classification block or a lone
 * Load-Date, and a bold 'End of Document'. Modelled on LexisNexisTools' lnt_parse_uni and
 * tm.plugin.lexisnexis' readLexisNexisAdvance.
 */
import { cleanText } from '../article';
import type { Paragraph } from '../paragraphs';
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

const END_OF_DOCUMENT =
  /^(?:end of document|fin du document|ende des dokuments|fin del documento)$/i;
const CONTENT_ITEM = /urn:contentItem:([0-9A-Z]{4}(?:-[0-9A-Z]{4,5}){3,}-\d{5}-\d{2})/i;

/** Labels before the body (and their German/French/Spanish forms). */
const HEAD_LABELS: Record<string, HeadField> = {
  section: 'section',
  rubrik: 'section',
  rubrique: 'section',
  sección: 'section',
  length: 'length',
  länge: 'length',
  longueur: 'length',
  longitud: 'length',
  byline: 'byline',
  autor: 'byline',
  auteur: 'byline',
  dateline: 'dateline',
  highlight: 'highlight',
  edition: 'edition',
  ausgabe: 'edition',
};
type HeadField = 'section' | 'length' | 'byline' | 'dateline' | 'highlight' | 'edition';

/** Labels of the Classification block (or a lone Load-Date) after the body. */
const TAIL_LABEL_RE =
  /^(?:load-date|language|sprache|langue|idioma|publication-type|publikationstyp|document-type|journal code|subject|geographic|company|organization|industry|person|ticker|city|state|country|notes|correction-date|url|graphic|grafik|series|type|terms)\s*:/i;
const LABEL_RE = /^([\p{L}][\p{L} -]{1,30}?)\s*:[\s\u00a0]*(.*)$/su;

/** Each paragraph's text cleaned once: the layout looks at most of them several times. */
const cleaned = new WeakMap<Paragraph, string>();
function clean(p: Paragraph): string {
  let t = cleaned.get(p);
  if (t === undefined) {
    t = cleanText(p.text);
    cleaned.set(p, t);
  }
  return t;
}

function isEnd(p: Paragraph): boolean {
  return p.text.length < 64 && END_OF_DOCUMENT.test(clean(p));
}

/** Documents: a section break or a bold 'End of Document' closes one (never a quoted line). */
function documents(paragraphs: readonly Paragraph[]): Paragraph[][] {
  const docs: Paragraph[][] = [];
  let current: Paragraph[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i] as Paragraph;
    if (p.breakBefore !== 'none' && current.length > 0) {
      docs.push(current);
      current = [];
    }
    current.push(p);
    const next = paragraphs[i + 1];
    if (isEnd(p) && (p.bold || !next || next.breakBefore !== 'none')) {
      docs.push(current);
      current = [];
    }
  }
  if (current.length > 0) docs.push(current);
  return docs.filter((d) => d.some((p) => isEnd(p)) || d.some((p) => /^body$/i.test(clean(p))));
}

function lines(p: Paragraph): string[] {
  if (!p.text.includes('\n')) return clean(p) ? [clean(p)] : [];
  return p.text
    .split('\n')
    .map((l) => cleanText(l))
    .filter(Boolean);
}

function parseDocument(doc: Paragraph[]): ExportRecord | null {
  const r = emptyRecord();
  // Non-empty paragraphs, furniture removed.
  const filled = doc.filter((p) => clean(p));
  // The closing marker goes; an 'End of Document' quoted in the text (not bold) stays.
  const paras = filled.filter((p, k) => !(isEnd(p) && (p.bold || k === filled.length - 1)));
  if (paras.length === 0) return null;
  for (const p of doc) {
    for (const link of p.links) {
      const m = CONTENT_ITEM.exec(link);
      if (m?.[1]) {
        r.documentId ||= m[1].toUpperCase();
        r.url ||= '';
      }
    }
  }
  let i = 0;
  // Header: headline, outlet, date line, edition lines, until the copyright or a label.
  const head: string[] = [];
  for (; i < paras.length; i++) {
    const text = clean(paras[i] as Paragraph);
    if (isCopyright(text) || isHeadLabel(text) || /^body$/i.test(text)) break;
    head.push(text);
  }
  r.title = head[0] ?? '';
  r.rtl = paras.some((p) => p.rtl);
  let h = 1;
  if (head[h] !== undefined && !isDateLine(head[h] as string)) {
    r.outletRaw = head[h] as string;
    h++;
  }
  const editions: string[] = [];
  for (; h < head.length; h++) {
    const line = head[h] as string;
    if (!r.date && isDateLine(line)) {
      r.date = dateOf(line);
      // "August 1, 2024 Thursday, Final Edition"
      const ed = /[,;]\s*([^,;]*\b(?:edition|ausgabe|édition|edición)\b[^,;]*)$/i.exec(line);
      if (ed?.[1]) editions.push(ed[1].trim());
    } else editions.push(line);
  }
  r.edition = editions.join('; ');
  // Labelled fields up to 'Body'.
  for (; i < paras.length; i++) {
    const text = clean(paras[i] as Paragraph);
    if (/^body$/i.test(text)) {
      i++;
      break;
    }
    if (isCopyright(text)) {
      r.copyright ||= text;
      continue;
    }
    const m = LABEL_RE.exec(text);
    const field = m ? HEAD_LABELS[(m[1] ?? '').toLowerCase()] : undefined;
    if (!m || !field) {
      // No 'Body' heading in this document: the text starts here.
      break;
    }
    const value = (m[2] ?? '').trim();
    if (field === 'section') Object.assign(r, sectionAndPage(value));
    else if (field === 'length') r.wordCount = wordCountOf(value);
    else if (field === 'byline') r.authors = bylineAuthors(value);
    else if (field === 'edition') r.edition ||= value;
  }
  // Body: up to the Graphic heading, the Classification block or the trailing labels.
  let end = paras.length;
  for (let j = i; j < paras.length; j++) {
    const p = paras[j] as Paragraph;
    const text = clean(p);
    if (/^(?:classification|klassifikation|graphic|grafik|graphique)$/i.test(text) && p.bold) {
      end = j;
      break;
    }
    if (TAIL_LABEL_RE.test(text) && paras.slice(j).every((q) => isTail(q))) {
      end = j;
      break;
    }
  }
  for (let j = i; j < end; j++) r.paragraphs.push(...lines(paras[j] as Paragraph));
  // Classification and Load-Date.
  for (let j = end; j < paras.length; j++) {
    for (const line of lines(paras[j] as Paragraph)) {
      const m = LABEL_RE.exec(line);
      if (!m) continue;
      const label = (m[1] ?? '').toLowerCase();
      const value = (m[2] ?? '').trim();
      if (label === 'load-date') r.loadDate = dateOf(value);
      else if (/^(?:language|sprache|langue|idioma)$/.test(label)) r.language = languageCode(value);
      else if (/^(?:subject|geographic)$/.test(label))
        r.subjects.push(...value.split(/;\s*/).map((s) => s.replace(/\s*\(\d+%\)$/, '').trim()));
    }
  }
  if (!r.title || r.paragraphs.length === 0) return r.title ? r : null;
  return r;
}

function isHeadLabel(text: string): boolean {
  const m = LABEL_RE.exec(text);
  return !!m && HEAD_LABELS[(m[1] ?? '').toLowerCase()] !== undefined;
}

function isTail(p: Paragraph): boolean {
  const text = clean(p);
  return (
    !text ||
    /^(?:classification|klassifikation)$/i.test(text) ||
    lines(p).every((l) => TAIL_LABEL_RE.test(l))
  );
}

export const nexisUni: ExportLayout<readonly Paragraph[]> = {
  database: 'nexis-uni',
  detect(paragraphs) {
    let ends = 0;
    let labels = 0;
    for (const p of paragraphs) {
      if (p.text.length > 200) continue;
      const t = clean(p);
      if (END_OF_DOCUMENT.test(t)) ends++;
      else if (/^(?:length|load-date|länge)\s*:/i.test(t)) labels++;
      if (ends > 0 && labels > 0) return true;
    }
    return false;
  },
  split(paragraphs) {
    const out: ExportRecord[] = [];
    for (const doc of documents(paragraphs)) {
      const r = parseDocument(doc);
      if (r) out.push(r);
    }
    return out;
  },
};
