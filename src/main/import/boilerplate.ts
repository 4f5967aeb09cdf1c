/**
 * The line rules that plain text, PDF and HTML share: which lines are metadata (labels such as
 * "Source:", bylines, datelines, "OUTLET - Section"; what they say is recorded) and which are
 * boilerplate (ads, credits, copyright lines, share and follow calls, "Related" lists,
 * newsletter footers, page numbers) rather than body text. Each line is judged on its own, so
 * the rules work whatever the layout around them.
 */
import type { RelatedArticle } from '@shared/clipping';
import { cleanText, splitAuthors, textKey, tidyName } from './article';
import { findDate, stripWeekdays } from './dates';
import { sanitiseText } from './sanitise';

const LABEL_DATE =
  'published|publication date|date published|date|dated|updated|posted|posted on|опубликовано|дата|дата публикации|опубліковано|дата публікації|تاريخ النشر|التاريخ|نشر في|نشر|publié le|publié|date de publication|mis à jour|veröffentlicht|veröffentlicht am|aktualisiert|datum|fecha|publicado|publicado el|pubblicato|data|gepubliceerd|publicerad|opublikowano';
const LABEL_SOURCE =
  'source|sources|outlet|publication|publisher|newspaper|источник|джерело|المصدر|مصدر|quelle|fuente|fonte|bron|källa|kaynak|źródło|zdroj';
const LABEL_AUTHOR =
  'author|authors|written by|reporter|автор|авторы|автори|الكاتب|الكاتبة|كتب|auteur|auteurs|autor|autoren|autores|autore|autrice|redactie';
const LABEL_SECTION =
  'section|category|rubric|рубрика|раздел|розділ|rubrique|rubrik|ressort|sección|categoría|sezione|القسم|التصنيف';
const LABEL_URL =
  'url|link|source url|original url|permalink|ссылка|посилання|lien|quelle-url|enlace|الرابط';
const LABEL_TAGS =
  'tags|keywords|topics|теги|ключевые слова|теги|mots-clés|schlagwörter|schlagworte|etiquetas|parole chiave|الكلمات المفتاحية|وسوم';

const labelled = (labels: string) => new RegExp(`^\\s*(?:${labels})\\s*[:：]\\s*(.+)$`, 'iu');
const DATE_LABEL_RE = labelled(LABEL_DATE);
const TITLE_LABEL_RE = labelled(
  'title|headline|subject|заголовок|тема|العنوان|titre|titel|überschrift|título|titolo|kop',
);
const SOURCE_LABEL_RE = labelled(LABEL_SOURCE);
const AUTHOR_LABEL_RE = labelled(LABEL_AUTHOR);
const SECTION_LABEL_RE = labelled(LABEL_SECTION);
const URL_LABEL_RE = labelled(LABEL_URL);
const TAGS_LABEL_RE = labelled(LABEL_TAGS);

const BYLINE_RE = /^\s*(?:by|von|par|por|di|door|av|written by|reported by|بقلم)\s+(.{2,120})$/iu;
const NAME_WORD_RE =
  /^(?:[\p{Lu}][\p{L}'’.-]*|and|und|et|y|e|en|&|van|von|der|den|de|del|della|da|dos|du|la|le|al|el|bin|ibn|ben|di|[\p{Lo}\p{Lm}]+)[,;]?$/u;

const AD_RE =
  /^\s*[-–—[(]*\s*(advertisement|advertising|sponsored( content)?|ad|реклама|реклама\.|إعلان|publicité|anzeige|werbung|publicidad|pubblicità|advertentie|annons)\s*[-–—\])]*\s*$/iu;
const CREDIT_RE =
  /^\s*\(?\s*((additional )?reporting|writing|editing|compiled|translated|translation|fact-checking|graphics) by\b.*$/iu;
const COPYRIGHT_RE =
  /^\s*(©|\(c\)\s|copyright\b|all rights reserved|все права защищены|جميع الحقوق محفوظة|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados).{0,200}$/iu;
const RIGHTS_RE =
  /all rights reserved|все права защищены|جميع الحقوق محفوظة|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|tutti i diritti riservati/iu;
const BOILER_RE =
  /^\s*(share( this( article| story)?)?( on \w+)?|tweet|print|email|e-mail|comments?( \(\d+\))?|read more|more:?|click here.*|follow us( on .*)?|subscribe( now)?|sign up.*newsletter.*|newsletter|related( articles| stories| news)?:?|see also:?|photo:.*|image:.*|фото:.*|video:?|watch:?|listen:?|advertisement|top of page|back to top|share on (facebook|twitter|x)|поделиться|читайте также:?|подписывайтесь.*|اقرأ أيضا:?|اقرأ أيضاً:?|lire aussi:?|à lire aussi:?|mehr zum thema:?|lesen sie auch:?|lea también:?|leer más|leggi anche:?)\s*$/iu;
const RELATED_HEAD_RE =
  /^\s*(related( articles| stories| news| coverage)?|see also|read (also|more)|more on this( story)?|you may also like|читайте также|по теме|читайте також|اقرأ أيضا|اقرأ أيضاً|مواضيع ذات صلة|lire aussi|à lire aussi|sur le même sujet|mehr zum thema|lesen sie auch|das könnte sie auch interessieren|lea también|noticias relacionadas|leggi anche|articoli correlati)\s*:?\s*$/iu;
const FOOTER_RE =
  /unsubscribe|manage (your )?(alerts?|preferences|subscriptions?|newsletters?|email)|update (your )?(email )?preferences|email preferences|view (this email |it )?in (your )?browser|you (are receiving|received) this|to stop receiving|forward (this )?to a friend|no longer wish to receive|отписаться|отписка|відписатися|se désabonner|désinscri|abmelden|abbestellen|darse de baja|cancelar suscripci|disiscriviti|uitschrijven|إلغاء الاشتراك/iu;
const OUTLET_SECTION_RE =
  /^([\p{L}\p{N}][\p{L}\p{N}&.'’ ]{1,40}?)\s+[-–—|»/]\s+([\p{L}][\p{L}\p{N}&'’ ]{1,30})$/u;
/** Words that accompany a date without a colon ("Publié le 3 mars 2024", "Updated on …"). */
const DATE_WORDS_RE =
  /(?<![\p{L}])(published|updated|posted|last updated|modified|on|at|publié|publiée|le|mis à jour|veröffentlicht|aktualisiert|am|um|publicado|actualizado|el|pubblicato|aggiornato|il|alle|опубликовано|обновлено|обновлён|в|опубліковано|оновлено|о|نشر|نُشر|في|تحديث|gepubliceerd|bijgewerkt|op|om|date|dated|uhr|h|hrs|est|edt|cet|cest|pst|pdt|bst|msk|gmt|utc|ist|et|pt|ct|mez|mesz)(?![\p{L}])/giu;
const REPORTING_BY_RE = /reporting by\s+([^;)]+)/i;

/** Every word could belong to a personal or outlet name. */
function looksLikeNames(value: string): boolean {
  const words = value.trim().split(/\s+/);
  if (words.length === 0 || words.length > 12) return false;
  return words.every((w) => NAME_WORD_RE.test(w));
}

/** What the metadata lines of one text said, in the order met. */
export interface LineMeta {
  titles: string[];
  dates: string[];
  sources: string[];
  /** Outlet names inferred from layout (date lines, "OUTLET - Section"), weaker than labels. */
  guessedSources: string[];
  sections: string[];
  authors: string[];
  reporters: string[];
  urls: string[];
  tags: string[];
  related: RelatedArticle[];
}

/** A fresh record; `related` may hold links found before the lines (a data dump's). */
export function emptyLineMeta(related: RelatedArticle[] = []): LineMeta {
  return {
    titles: [],
    dates: [],
    sources: [],
    guessedSources: [],
    sections: [],
    authors: [],
    reporters: [],
    urls: [],
    tags: [],
    related,
  };
}

/**
 * A "Related" heading and the short title-like lines under it, which are links, not body
 * text; the run ends at the first line that reads like prose.
 */
export class RelatedRun {
  private active = false;

  /** Whether `line` (trimmed) is the heading or one of its links; links go to `meta`. */
  take(line: string, meta: LineMeta, linkTitle: (line: string) => string): boolean {
    if (RELATED_HEAD_RE.test(line)) {
      this.active = true;
      return true;
    }
    if (this.active) {
      if (line.length <= 200 && !/[.!?]["”»]?$/.test(line)) {
        meta.related.push({ title: linkTitle(line) });
        return true;
      }
      this.active = false;
    }
    return false;
  }
}

/** "3", "Page 2", "4 of 12", "5/9": a page number on a line of its own. */
export function isPageNumberLine(line: string): boolean {
  return /^\s*(page\s*)?\d+(\s*(of|\/)\s*\d+)?\s*$/i.test(line);
}

/** If `line` is metadata, records it in `meta` and returns true (the line is not body text). */
export function classifyLine(line: string, meta: LineMeta, standalone: boolean): boolean {
  const t = line.trim();
  if (t.length > 250) return false;
  let m: RegExpExecArray | null;
  // Labelled fields all need a colon; skip their patterns on ordinary lines.
  const colon = t.includes(':') || t.includes('：');
  if (colon && (m = TITLE_LABEL_RE.exec(t)) && (m[1] ?? '').length <= 300) {
    meta.titles.push(m[1] ?? '');
    return true;
  }
  if (colon && (m = DATE_LABEL_RE.exec(t))) {
    const d = findDate(m[1] ?? '');
    if (d) {
      meta.dates.push(d.iso);
      return true;
    }
  }
  if (colon && (m = SOURCE_LABEL_RE.exec(t)) && (m[1] ?? '').length <= 120) {
    const v = m[1] ?? '';
    if (/^https?:\/\//i.test(v.trim())) meta.urls.push(v.trim());
    else meta.sources.push(v);
    return true;
  }
  if (colon && (m = AUTHOR_LABEL_RE.exec(t)) && (m[1] ?? '').length <= 150) {
    meta.authors.push(...splitAuthors(m[1] ?? ''));
    return true;
  }
  if (colon && (m = SECTION_LABEL_RE.exec(t)) && (m[1] ?? '').length <= 60) {
    meta.sections.push(m[1] ?? '');
    return true;
  }
  if (colon && (m = URL_LABEL_RE.exec(t)) && /^https?:\/\/\S+$/i.test((m[1] ?? '').trim())) {
    meta.urls.push((m[1] ?? '').trim());
    return true;
  }
  if (colon && (m = TAGS_LABEL_RE.exec(t)) && (m[1] ?? '').length <= 300) {
    meta.tags.push(...sanitiseText(m[1] ?? '').split(/[,;#،]/));
    return true;
  }
  if ((m = BYLINE_RE.exec(t))) {
    const value = m[1] ?? '';
    const date = findDate(value);
    const namePart = date ? value.slice(0, date.index) : value;
    const names = namePart.replace(/[\s|·•,–—-]+$/u, '');
    if (names && (looksLikeNames(names) || /^بقلم/u.test(t))) {
      meta.authors.push(...splitAuthors(names));
      if (date) meta.dates.push(date.iso);
      return true;
    }
  }
  if (AD_RE.test(t) || COPYRIGHT_RE.test(t) || (t.length < 160 && RIGHTS_RE.test(t))) return true;
  if (CREDIT_RE.test(t)) {
    const rep = REPORTING_BY_RE.exec(t);
    if (rep?.[1]) meta.reporters.push(...splitAuthors(rep[1]));
    return true;
  }
  if (t.length <= 60 && BOILER_RE.test(t)) return true;
  const date = t.length <= 120 ? findDate(t) : null;
  if (date) {
    const rest = stripWeekdays(t.slice(0, date.index) + ' ' + t.slice(date.index + date.length));
    const restClean = rest
      .replace(DATE_WORDS_RE, ' ')
      .replace(/[\s,.;:|·•–—()\-/]+/gu, ' ')
      .trim();
    if (!/\p{L}/u.test(restClean)) {
      meta.dates.push(date.iso);
      return true;
    }
    // "Outlet · 21 November 2025" or "By Name | date": a short name next to the date.
    if (restClean.split(' ').length <= 5 && looksLikeNames(restClean)) {
      meta.dates.push(date.iso);
      const by = BYLINE_RE.exec(restClean);
      if (by?.[1]) meta.authors.push(...splitAuthors(by[1]));
      else meta.guessedSources.push(restClean);
      return true;
    }
  }
  if (standalone && t.length <= 60 && !/[.!?:;,"“”«»]$/.test(t)) {
    m = OUTLET_SECTION_RE.exec(t);
    if (m && looksLikeNames(m[1] ?? '') && looksLikeNames(m[2] ?? '')) {
      const a = (m[1] ?? '').trim().split(/\s+/);
      const b = (m[2] ?? '').trim().split(/\s+/);
      if (a.length <= 4 && b.length <= 3) {
        meta.guessedSources.push(m[1] ?? '');
        meta.sections.push(m[2] ?? '');
        return true;
      }
    }
  }
  return false;
}

/**
 * Drops newsletter footers: from the first footer marker in the second half on, if only short
 * blocks follow; and short footer lines anywhere. Each paragraph is tested at most once (the
 * pattern is slow: many alternatives in any case).
 */
export function dropFooters(paragraphs: string[]): string[] {
  const tested: Array<boolean | undefined> = [];
  const isFooter = (i: number): boolean => (tested[i] ??= FOOTER_RE.test(paragraphs[i] as string));
  // shortAfter[i]: only short or footer blocks follow i. Filled once from the end when the
  // first marker is met (rescanning the tail from every marker was quadratic).
  let shortAfter: boolean[] | undefined;
  const onlyShortAfter = (i: number): boolean => {
    if (!shortAfter) {
      shortAfter = new Array<boolean>(paragraphs.length);
      let ok = true;
      for (let j = paragraphs.length - 1; j >= 0; j--) {
        shortAfter[j] = ok;
        ok = ok && ((paragraphs[j] as string).length < 250 || isFooter(j));
      }
    }
    return shortAfter[i] as boolean;
  };
  let end = paragraphs.length;
  for (let i = Math.floor(paragraphs.length * 0.5); i < paragraphs.length; i++) {
    if ((paragraphs[i] as string).length < 300 && isFooter(i) && onlyShortAfter(i)) {
      end = i;
      break;
    }
  }
  const out: string[] = [];
  for (let i = 0; i < end; i++) {
    const p = paragraphs[i] as string;
    if (!(p.length < 160 && isFooter(i))) out.push(p);
  }
  return out;
}

export interface StrippedParagraphs {
  paragraphs: string[];
  authors: string[];
  date: string;
  source: string;
  title: string;
  related: RelatedArticle[];
}

/**
 * Removes metadata-like and boilerplate paragraphs from already-segmented text (a web page's
 * text runs) with the same line rules as plain text, keeping what they reveal.
 */
export function stripMetaParagraphs(input: string[], title: string): StrippedParagraphs {
  const meta = emptyLineMeta();
  const related = new RelatedRun();
  const out: string[] = [];
  for (const p of input) {
    const t = cleanText(p);
    if (!t) continue;
    if (related.take(t, meta, (line) => line)) continue;
    if (classifyLine(t, meta, true)) continue;
    out.push(t);
  }
  const paragraphs = dropFooters(out);
  let foundTitle = '';
  const key = textKey(title);
  if (key) {
    while (paragraphs.length > 1 && textKey(paragraphs[0] as string) === key) paragraphs.shift();
  } else if (
    paragraphs.length > 1 &&
    (paragraphs[0] as string).length <= 150 &&
    !/[.!?…,;:]["”»’)]?$/.test(paragraphs[0] as string)
  ) {
    foundTitle = paragraphs.shift() as string;
  }
  return {
    paragraphs,
    authors: meta.authors.length ? meta.authors : meta.reporters,
    date: meta.dates[0] ?? '',
    source: tidyName(meta.sources[0] ?? meta.guessedSources[0] ?? ''),
    title: foundTitle,
    related: meta.related,
  };
}
