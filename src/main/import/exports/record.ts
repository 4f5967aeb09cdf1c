/**
 * What every database-export layout produces per article, and the field helpers the layouts
 * share (language names, outlets, bylines, dates, sections and pages).
 */
import type { ExportDatabase } from '@shared/clipping';
import { cleanText } from '../article';
import { findDate } from '../dates';

export interface ExportRecord {
  title: string;
  /** The outlet as printed, qualifiers included ("Ledger (Westmarch)", "Le Monde, no. 24"). */
  outletRaw: string;
  /** ISO date (or date-time) of publication; '' when the record has none. */
  date: string;
  /** The database's load/update date, used (and flagged) when `date` is ''. */
  loadDate: string;
  authors: string[];
  section: string;
  page: string;
  edition: string;
  /** The length the database states; 0 when it states none. */
  wordCount: number;
  /** Declared language (a name such as "ENGLISH" or a code); '' to detect it. */
  language: string;
  documentId: string;
  copyright: string;
  url: string;
  paragraphs: string[];
  /** The record has no full text: the body is its abstract. */
  abstractOnly: boolean;
  /** The layout marks the article right to left. */
  rtl: boolean;
  /** Index terms (subjects, places) the database attached. */
  subjects: string[];
}

export function emptyRecord(): ExportRecord {
  return {
    title: '',
    outletRaw: '',
    date: '',
    loadDate: '',
    authors: [],
    section: '',
    page: '',
    edition: '',
    wordCount: 0,
    language: '',
    documentId: '',
    copyright: '',
    url: '',
    paragraphs: [],
    abstractOnly: false,
    rtl: false,
    subjects: [],
  };
}

/** One database layout: recognised by content, split into records. */
export interface ExportLayout<Input> {
  database: ExportDatabase;
  /** A cheap look at the input: is it this layout? */
  detect(input: Input): boolean;
  /** The records in file order. */
  split(input: Input): ExportRecord[];
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  anglais: 'en',
  englisch: 'en',
  inglés: 'en',
  ingles: 'en',
  german: 'de',
  deutsch: 'de',
  allemand: 'de',
  alemán: 'de',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  französisch: 'fr',
  francés: 'fr',
  spanish: 'es',
  español: 'es',
  espagnol: 'es',
  spanisch: 'es',
  italian: 'it',
  italiano: 'it',
  italien: 'it',
  italienisch: 'it',
  portuguese: 'pt',
  português: 'pt',
  portugais: 'pt',
  dutch: 'nl',
  nederlands: 'nl',
  néerlandais: 'nl',
  russian: 'ru',
  русский: 'ru',
  russe: 'ru',
  russisch: 'ru',
  arabic: 'ar',
  arabe: 'ar',
  arabisch: 'ar',
  hebrew: 'he',
  persian: 'fa',
  farsi: 'fa',
  urdu: 'ur',
  turkish: 'tr',
  polish: 'pl',
  swedish: 'sv',
  danish: 'da',
  norwegian: 'no',
  finnish: 'fi',
  greek: 'el',
  chinese: 'zh',
  japanese: 'ja',
  korean: 'ko',
  ukrainian: 'uk',
  czech: 'cs',
  hungarian: 'hu',
  romanian: 'ro',
  catalan: 'ca',
};

/** "ENGLISH", "Deutsch", "en", "English; French" → an ISO 639-1 code, '' when unknown. */
export function languageCode(value: string): string {
  const first = cleanText(value).split(/[;,/]/)[0]?.trim().toLowerCase() ?? '';
  if (!first) return '';
  const named = LANGUAGE_NAMES[first];
  if (named) return named;
  return /^[a-z]{2}$/.test(first) ? first : '';
}

/**
 * The outlet without the qualifiers databases add: ", no. 1234", "(Westmarch)" place names,
 * "; Place" (ProQuest), "[Place]" and trailing edition numbers.
 */
export function normaliseOutlet(raw: string): string {
  let s = cleanText(raw);
  s = s.replace(/\s*[,;]?\s*(?:no|n°|nr|núm|num)\.?\s*\d+\s*$/i, '');
  s = s.replace(/\s*\[[^\]]*\]\s*$/, '');
  s = s.replace(/\s*;.*$/, '');
  // "(Westmarch)" / "(Online)" qualifiers; a name that is only parenthesised stays.
  s = s.replace(/^(.+?\S)\s*\([^()]*\)\s*$/, '$1');
  return s.replace(/[\s,.;:]+$/, '');
}

/** A person's name in natural order: "Okafor, Ngozi" → "Ngozi Okafor". */
export function naturalName(name: string): string {
  const m = /^([^,]+),\s*([^,]+)$/.exec(cleanText(name));
  return m ? `${m[2]} ${m[1]}` : cleanText(name);
}

const ROLE_RE =
  /(?<!\p{L})(?:staff|reporter|correspondent|editor|writer|agencies|agency|desk|contributor|columnist|analyst|journalist|photographer|bureau|chief|senior|political|economics|business|science|health|sports?|team|redakteur(?:in)?|korrespondent(?:in)?|journaliste|rédact(?:eur|rice)|correspondant|corresponsal|redactor(?:a)?|periodista|enviad[oa]|envoyée?|корреспондент|редактор|обозреватель|مراسل|محرر)(?!\p{L})/iu;

/** A byline → the people credited, without "By", roles, "in <Place>" or e-mail addresses. */
export function bylineAuthors(value: string): string[] {
  const v = cleanText(value)
    .replace(/^(?:by|von|par|por|di|door|av|de)\s*:?\s+/i, '')
    .replace(/\S+@\S+/g, '')
    .replace(/\(.*?\)/g, '');
  const out: string[] = [];
  // People are joined by ';', ' and ', ' und ', ' et ', ' y ', ' & ' (never inside a word).
  for (const person of v.split(/\s*;\s*|\s+(?:and|und|et|y|e|en|&|и)\s+|\s*،\s*/iu)) {
    // "X, Role" / "X, Place" keep the name; "Okafor, Ngozi" (one word each side) is index order.
    const parts = person.split(/\s*,\s*/).filter(Boolean);
    let name = parts[0] ?? '';
    if (
      parts.length === 2 &&
      !/\s/.test(parts[0] ?? '') &&
      !/\s/.test(parts[1] ?? '') &&
      !ROLE_RE.test(parts[1] ?? '')
    )
      name = `${parts[1]} ${parts[0]}`;
    // "Catriona MacAskill in Saltmarsh Quay": the place goes.
    name = name.replace(/\s+(?:in|aus|à|en|desde|from)\s+\p{Lu}[\p{L}\s'’-]*$/u, '');
    name = name.replace(/^[\s|·•-]+|[\s|·•.-]+$/g, '').trim();
    if (!name || /\d/.test(name) || ROLE_RE.test(name) || name.split(/\s+/).length > 5) continue;
    out.push(name);
  }
  return out;
}

/** "BUSINESS; Pg. 12", "Politik; S. 23", "NEWS; Version:2" → section and page. */
export function sectionAndPage(value: string): { section: string; page: string } {
  let section = '';
  let page = '';
  for (const raw of cleanText(value).split(/\s*;\s*/)) {
    const part = raw.trim();
    if (!part) continue;
    const pg =
      /^(?:pg|p|pp|s|seite|pág|pag|page|página|pagina)\.?\s*:?\s*([A-Za-z]?\d+[A-Za-z]?(?:[-–]\d+)?)$/i.exec(
        part,
      );
    if (pg) {
      page ||= pg[1] ?? '';
      continue;
    }
    if (/^(?:version|fassung|édition|edition)\s*:?\s*\d+$/i.test(part)) continue;
    section ||= part;
  }
  return { section, page };
}

/** "275 words", "1.204 Wörter", "230 mots" → 275; 0 when no number. */
export function wordCountOf(value: string): number {
  const m = /(\d[\d.,\u00a0 ]*)/.exec(value);
  if (!m) return 0;
  const n = Number((m[1] ?? '').replace(/[.,\u00a0 ]/g, ''));
  return Number.isFinite(n) ? n : 0;
}

/** The date in a line that is (mostly) a date; '' when it holds none. */
export function dateOf(value: string): string {
  return findDate(value)?.iso ?? '';
}

/** Is this line a date line (a date with at most a weekday, time or edition around it)? */
export function isDateLine(value: string): boolean {
  const found = findDate(value);
  if (!found) return false;
  const rest = (value.slice(0, found.index) + value.slice(found.index + found.length)).trim();
  return rest.length <= 60;
}

/** A copyright notice line. */
export function isCopyright(line: string): boolean {
  return /^(?:copyright\b|©|\(c\)|\u00a9)/i.test(line.trim());
}
