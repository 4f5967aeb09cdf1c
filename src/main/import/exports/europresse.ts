/**
 * Europresse HTML exports (article layout): one <article> per document, its <header> holding
 * DocPublicationName, DocHeader ('Section, mardi 14 mars 2023, p. 16'), an optional rubric or
 * sur-title, titreArticle(Visu) and docAuthors; <section> DocText paragraphs (search hits in
 * <mark>); <aside> notes and <footer> with the © line, 'Numéro de document : news·…' and the
 * PubliC certificate. Modelled on tm.plugin.europresse's readEuropresseHTML.
 */
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { findAll, findOne, textContent } from 'domutils';
import { cleanText } from '../article';
import { findDate } from '../dates';
import {
  bylineAuthors,
  emptyRecord,
  isCopyright,
  type ExportLayout,
  type ExportRecord,
} from './record';

const hasClass = (el: Element, name: string): boolean => {
  const want = name.toLowerCase();
  return (el.attribs['class'] ?? '')
    .toLowerCase()
    .split(/\s+/)
    .some((c) => c === want || c === `rdp__${want}`);
};

function byClass(root: AnyNode[], name: string): Element | null {
  return findOne((el) => hasClass(el, name), root, true);
}

const text = (node: AnyNode | null): string => (node ? cleanText(textContent(node)) : '');

/** 'Culture, samedi 7 septembre 2024, p. 22' → section, date, page. */
function docHeader(value: string, r: ExportRecord): void {
  const found = findDate(value);
  const page = /(?:^|,)\s*p\.\s*([^\s,]+)\s*$/i.exec(value);
  if (page) r.page = page[1] ?? '';
  const words = /(\d[\d\s\u00a0.]*)\s*mots\b/i.exec(value);
  if (words) r.wordCount = Number((words[1] ?? '').replace(/\D/g, '')) || 0;
  if (found) {
    r.date = found.iso;
    const before = value
      .slice(0, found.index)
      .replace(
        /(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*$/i,
        '',
      )
      .replace(/[\s,]+$/, '');
    r.section = cleanText(before);
  } else {
    r.section = cleanText(value.replace(/,?\s*p\.\s*[^\s,]+\s*$/i, ''));
  }
}

function parseArticle(article: Element): ExportRecord | null {
  const r = emptyRecord();
  const scope = [article];
  r.outletRaw = text(byClass(scope, 'DocPublicationName'));
  const header = byClass(scope, 'DocHeader');
  if (header) docHeader(text(header), r);
  const title = byClass(scope, 'titreArticleVisu') ?? byClass(scope, 'titreArticle');
  r.title = text(title);
  const authors = byClass(scope, 'docAuthors') ?? byClass(scope, 'sm-margin-bottomNews');
  if (authors) r.authors = bylineAuthors(text(authors));
  const body = byClass(scope, 'DocText') ?? byClass(scope, 'docOcurrContainer');
  if (body) {
    const paragraphs = findAll((el) => el.name === 'p', [body]);
    r.paragraphs = (paragraphs.length ? paragraphs : [body]).map((p) => text(p)).filter(Boolean);
  }
  const footer = findOne((el) => el.name === 'footer', scope, true);
  for (const el of findAll((e) => e.name === 'small' || e.name === 'p', footer ? [footer] : [])) {
    const t = text(el);
    if (isCopyright(t)) r.copyright ||= t;
    const id = /^(?:numéro de document|document number)\s*:\s*(\S+)/i.exec(t);
    if (id) r.documentId ||= id[1] ?? '';
  }
  if (!r.documentId) {
    r.documentId = text(findOne((el) => el.attribs['id'] === 'PubliC_lblNodoc', scope, true));
  }
  r.language = (article.attribs['lang'] ?? '').slice(0, 2);
  return r.title || r.paragraphs.length ? r : null;
}

/** Documents of an export without <article>: the HTML from one publication name to the next. */
function withoutWrappers(html: string): Element[] {
  const starts: number[] = [];
  const re = /class\s*=\s*["'][^"']*\b(?:rdp__)?DocPublicationName\b/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    // From the start of the tag that carries the class (or of the div wrapping only it).
    let at = html.lastIndexOf('<', m.index);
    const wrapper = html.lastIndexOf('<div', at - 1);
    if (wrapper >= 0 && /^<div[^>]*>\s*$/.test(html.slice(wrapper, at))) at = wrapper;
    starts.push(at);
  }
  return starts.map((start, i) => {
    const chunk = html.slice(start, starts[i + 1] ?? html.length);
    const root = parseDocument(`<article>${chunk}</article>`);
    return findOne((el) => el.name === 'article', [root], true) as Element;
  });
}

export const europresse: ExportLayout<string> = {
  database: 'europresse',
  detect(html) {
    const head = html.slice(0, 100_000);
    return (
      /class\s*=\s*["'][^"']*\b(?:rdp__)?DocPublicationName\b/i.test(head) &&
      /DocHeader|titreArticle/i.test(head)
    );
  },
  split(html) {
    const doc = parseDocument(html);
    const roots = [doc];
    let articles: Element[] = findAll((el) => el.name === 'article', roots);
    // Older exports have no <article> wrapper: each publication name opens a document.
    if (articles.length === 0) articles = withoutWrappers(html);
    const out: ExportRecord[] = [];
    for (const a of articles) {
      const r = parseArticle(a);
      if (r) out.push(r);
    }
    return out;
  },
};
