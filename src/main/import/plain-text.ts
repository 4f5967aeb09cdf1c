/**
 * Plain-text article extraction. Text files carry their metadata as loose lines (title, date,
 * byline, outlet, "Source:" labels, wire datelines) and junk (ads, credits, copyright, leaked
 * debug dumps); each line is classified on its own so the rules work whatever the layout.
 */
import type { RelatedArticle } from '@shared/clipping';
import {
  emptyArticle,
  cleanText,
  splitAuthors,
  textKey,
  tidyName,
  type ArticleFields,
} from './article';
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
const WIRE_RE =
  /^([\p{Lu}][\p{Lu}\p{M}.'’ -]{1,40})(?:,(?:\s*[^,()\n]{2,40},)?\s*([^()\n]{0,40}?))?\s*\(([^()\n]{2,40})\)\s*[-–—]{1,2}\s*\S/u;
/** Words that accompany a date without a colon ("Publié le 3 mars 2024", "Updated on …"). */
const DATE_WORDS_RE =
  /(?<![\p{L}])(published|updated|posted|last updated|modified|on|at|publié|publiée|le|mis à jour|veröffentlicht|aktualisiert|am|um|publicado|actualizado|el|pubblicato|aggiornato|il|alle|опубликовано|обновлено|обновлён|в|опубліковано|оновлено|о|نشر|نُشر|في|تحديث|gepubliceerd|bijgewerkt|op|om|date|dated|uhr|h|hrs|est|edt|cet|cest|pst|pdt|bst|msk|gmt|utc|ist|et|pt|ct|mez|mesz)(?![\p{L}])/giu;
const REPORTING_BY_RE = /reporting by\s+([^;)]+)/i;
const PHP_DUMP_RE = /string\(\d+\)\s*"\s*\[\s*\{/;
// [ \t]* after the line start, not \s*: that retried from every line of a run of blank lines.
const JSON_DUMP_RE = /(?:^|\n)[ \t]*\[\s*\{\s*"[\w-]+"\s*:/;

export interface TextHints {
  title?: string;
  source?: string;
}

function looksLikeNames(value: string): boolean {
  const words = value.trim().split(/\s+/);
  if (words.length === 0 || words.length > 12) return false;
  return words.every((w) => NAME_WORD_RE.test(w));
}

function unescapeJsonString(s: string): string {
  // Most values have no escapes: skip the replace pass.
  if (!s.includes('\\')) return s;
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? ' ' : e === 't' ? ' ' : e;
  });
}

/** A string value of one of `keys` in a dump object; compiled once, not per object. */
const dumpValue = (keys: string): RegExp =>
  new RegExp(`"(?:${keys})"\\s*:\\s*"([\\s\\S]*?)"(?=\\s*(?:,\\s*"[\\w-]+"\\s*:|\\}|$))`, 'i');
const DUMP_TITLE_RE = dumpValue('title|headline|name');
const DUMP_URL_RE = dumpValue('url|link|href');

/**
 * Pulls related-article titles out of a leaked JSON/PHP dump. The JSON is often invalid
 * (unescaped quotes inside titles), so values are cut at a quote that is followed by the
 * next key or the end of the object, not by the first quote.
 */
export function relatedFromDump(dump: string): RelatedArticle[] {
  const out: RelatedArticle[] = [];
  const objects = dump.split(/\}\s*,\s*\{/);
  const valueOf = (obj: string, re: RegExp): string | undefined => {
    const m = re.exec(obj);
    return m?.[1] === undefined ? undefined : unescapeJsonString(m[1]);
  };
  for (const obj of objects) {
    const title = valueOf(obj, DUMP_TITLE_RE);
    const clean = title ? cleanText(title) : '';
    if (!clean) continue;
    const item: RelatedArticle = { title: clean.slice(0, 2000) };
    const url = valueOf(obj, DUMP_URL_RE);
    if (url && /^https?:\/\/\S+$/i.test(url)) item.url = url;
    out.push(item);
  }
  return out;
}

function cutDump(text: string): { text: string; related: RelatedArticle[] } {
  // Both dump shapes contain '{"'; most texts do not, so skip the scans.
  if (!text.includes('{"')) return { text, related: [] };
  const m = PHP_DUMP_RE.exec(text) ?? JSON_DUMP_RE.exec(text);
  // Only a dump in the last part of the file is junk; earlier JSON may be quoted on purpose.
  if (!m || m.index < text.length * 0.3) return { text, related: [] };
  return { text: text.slice(0, m.index), related: relatedFromDump(text.slice(m.index)) };
}

interface Meta {
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

/** If `line` is metadata, records it in `meta` and returns true (the line is not body text). */
function classifyLine(line: string, meta: Meta, standalone: boolean): boolean {
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
function dropFooters(paragraphs: string[]): string[] {
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

/** Joins the lines of a hard-wrapped block, mending words hyphenated at the line end. */
function joinLines(lines: string[]): string {
  if (lines.length === 1) return (lines[0] as string).trim();
  // Built with an array and join(): '+=' makes a cons-string that is slow to scan later.
  const parts: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const prev = parts[parts.length - 1];
    // endsWith() first: the regex would try every position of the line.
    if (prev?.endsWith('-') && /\p{Ll}-$/u.test(prev) && /^\p{Ll}/u.test(line)) {
      parts[parts.length - 1] = prev.slice(0, -1) + line;
    } else parts.push(line);
  }
  return parts.join(' ');
}

/** Extracts an article from plain text. */
export function parsePlainText(input: string, hints: TextHints = {}): ArticleFields {
  const art = emptyArticle();
  // The includes() checks are memchr-fast; most files need neither regex pass.
  let text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  // eslint-disable-next-line no-control-regex -- stray NULs are dropped
  if (text.includes('\u0000')) text = text.replace(/\u0000/g, '');
  const dump = cutDump(text);
  text = dump.text;
  const meta: Meta = {
    titles: [],
    dates: [],
    sources: [],
    guessedSources: [],
    sections: [],
    authors: [],
    reporters: [],
    urls: [],
    tags: [],
    related: dump.related,
  };

  const rawLines = text.split('\n');
  // Text with long lines uses one line per paragraph; otherwise it is hard-wrapped in blocks.
  let longest = 0;
  for (const l of rawLines) if (l.length > longest) longest = l.length;
  const unwrapped = longest > 120;
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const l of rawLines) {
    if (!l.trim()) {
      if (current.length) blocks.push(current);
      current = [];
    } else if (unwrapped) {
      if (current.length) blocks.push(current);
      current = [l];
    } else current.push(l);
  }
  if (current.length) blocks.push(current);

  // Classify every line; a block of only metadata disappears.
  let paragraphs: string[] = [];
  let firstKept: string[] | null = null;
  let relatedMode = false;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as string[];
    const isolated = block.length === 1;
    const kept: string[] = [];
    let proseRun = 0;
    for (const line of block) {
      // Two long lines in a row make this block prose: its remaining lines are body text
      // (metadata comes at the top of a block), which saves most of the work on wrapped text.
      if (proseRun >= 2) {
        kept.push(line);
        continue;
      }
      const t = line.trim();
      if (RELATED_HEAD_RE.test(t)) {
        relatedMode = true;
        continue;
      }
      if (relatedMode) {
        // Short title-like lines after a "Related" heading are links, not body text.
        if (t.length <= 200 && !/[.!?]["”»]?$/.test(t)) {
          meta.related.push({ title: cleanText(t.replace(/^[-•*·]\s*/, '')) });
          continue;
        }
        relatedMode = false;
      }
      if (classifyLine(t, meta, isolated)) {
        proseRun = 0;
        continue;
      }
      proseRun = t.length >= 50 ? proseRun + 1 : 0;
      kept.push(line);
    }
    if (kept.length) {
      if (!paragraphs.length) firstKept = kept;
      paragraphs.push(joinLines(kept));
    }
  }

  paragraphs = dropFooters(paragraphs);

  // Title: the hint if any, else the first short block; drop the repeats at the top.
  let title = cleanText(hints.title ?? meta.titles[0] ?? '');
  // A hard-wrapped first block "Headline\nStandfirst…": the short first line is the headline.
  if (!title && firstKept && firstKept.length > 1) {
    const head = (firstKept[0] as string).trim();
    if (head.length <= 150 && !/[.!?,;:]$/.test(head)) {
      paragraphs[0] = joinLines(firstKept.slice(1));
      paragraphs.unshift(head);
    }
  }
  const first = paragraphs[0];
  if (!title && first !== undefined && first.length <= 250 && paragraphs.length > 1) {
    title = cleanText(first);
    paragraphs.shift();
  }
  if (title) {
    const key = textKey(title);
    while (
      paragraphs.length > 1 &&
      key &&
      (paragraphs[0] as string).length < title.length * 3 + 40
    ) {
      const k = textKey(paragraphs[0] as string);
      if (k === key || (k.length >= 12 && key.includes(k) && k.length > key.length * 0.6)) {
        paragraphs.shift();
      } else if (k.length >= 12 && k.includes(key) && (paragraphs[0] as string).length < 300) {
        // The hint (e.g. a newsletter subject) was decorated; the body heading is cleaner.
        if (hints.title) title = cleanText(paragraphs[0] as string);
        paragraphs.shift();
      } else break;
    }
  }

  // A wire dateline ("CITY, Country, March 3, 2025 (Outlet) - ...") names date and outlet.
  // (It opens the first paragraph, which may follow a standfirst.)
  for (const lead of paragraphs.slice(0, 2)) {
    const w = WIRE_RE.exec(lead);
    if (w) {
      const d = findDate(w[2] ?? '') ?? findDate(lead.slice(0, w[0].length));
      if (d) meta.dates.push(d.iso);
      meta.sources.push(w[3] ?? '');
      break;
    }
  }

  art.title = title;
  art.paragraphs = paragraphs.map(cleanText).filter((p) => p.length > 0);
  art.source = tidyName(
    [...meta.sources, ...meta.guessedSources].find((s) => cleanText(s)) ?? hints.source ?? '',
  );
  art.section = tidyName(meta.sections[0] ?? '');
  art.authors = meta.authors.length ? meta.authors : meta.reporters;
  art.publishedAt = meta.dates[0] ?? '';
  art.url = meta.urls[0] ?? '';
  art.tags = meta.tags.map(cleanText).filter(Boolean);
  art.related = meta.related.filter((r) => r.title);
  return art;
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
 * Removes metadata-like and boilerplate paragraphs from already-segmented text (HTML runs,
 * PDF paragraphs) with the same line rules as plain text, keeping what they reveal.
 */
export function stripMetaParagraphs(input: string[], title: string): StrippedParagraphs {
  const meta: Meta = {
    titles: [],
    dates: [],
    sources: [],
    guessedSources: [],
    sections: [],
    authors: [],
    reporters: [],
    urls: [],
    tags: [],
    related: [],
  };
  const out: string[] = [];
  let relatedMode = false;
  for (const p of input) {
    const t = cleanText(p);
    if (!t) continue;
    if (RELATED_HEAD_RE.test(t)) {
      relatedMode = true;
      continue;
    }
    if (relatedMode) {
      if (t.length <= 200 && !/[.!?]["”»]?$/.test(t)) {
        meta.related.push({ title: t });
        continue;
      }
      relatedMode = false;
    }
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
