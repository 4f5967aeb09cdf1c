/**
 * An HTML page's metadata (meta tags and JSON-LD; body text is html-extract/'s job): which
 * source wins for each field, and titles cleaned of the site's name.
 */
import type { AnyNode } from 'domhandler';
import type { RelatedArticle } from '@shared/clipping';
import {
  cleanText,
  emptyArticle,
  safeUrl,
  splitAuthors,
  textKey,
  tidyName,
  type ArticleFields,
} from '../article';
import { coverageFromPage } from '../coverage';
import { normaliseDateValue } from '../dates';
import { sanitiseText } from '../sanitise';
import { collectMeta } from './collect';
import { findLdArticle, ldNames, ldString, type Json } from './json-ld';

function splitList(v: string): string[] {
  // Decoded first: the ';' of an entity is not a list separator.
  return sanitiseText(v)
    .split(/[,;|،]/)
    .map(cleanText)
    .filter(Boolean);
}

/** "The Coastal Herald", "BBC News", "example.com": short, capitalised or a domain. */
function looksLikeSiteName(s: string): boolean {
  const words = s.trim().split(/\s+/);
  if (!s.trim() || words.length > 5) return false;
  if (/^[\w-]+(\.[\w-]+)+$/.test(s.trim())) return true;
  return words.every((w) =>
    /^[\p{Lu}\p{N}&]|^(of|the|de|la|le|del|der|die|das|al|and|und|et)$/u.test(w),
  );
}

function cleanTitle(title: string, site: string): string {
  const t = cleanText(title);
  if (!t) return '';
  if (site) {
    const key = textKey(site);
    const parts = t.split(/\s+[|–—:·»-]\s+/);
    if (parts.length > 1) {
      const kept = parts.filter((p) => textKey(p) !== key);
      if (kept.length && kept.length < parts.length) return kept.join(' – ');
    }
  }
  const m = /^(.{12,}?)\s+(?:[|–—·»]|-{1,2}|::)\s+([^|–—·»]{2,40})$/.exec(t);
  return m?.[1] && looksLikeSiteName(m[2] ?? '') ? m[1] : t;
}

export interface HtmlMetadata {
  /** The fields the metadata states; paragraphs are left empty for the body. */
  article: ArticleFields;
  /** schema.org articleBody, when the page declares its text there. */
  declaredBody: string;
  /** Links of the page's "related" boxes. */
  related: RelatedArticle[];
}

/** Reads a parsed page's metadata. */
export function readHtmlMetadata(doc: AnyNode): HtmlMetadata {
  const art = emptyArticle();
  const meta = collectMeta(doc);
  const m = (k: string): string => cleanText(meta.metas.get(k)?.[0] ?? '');
  const ld = findLdArticle(meta.jsonLd);
  const ldGet = (k: string): Json => (ld ? ld[k] : undefined);

  const site =
    m('og:site_name') ||
    cleanText(ldString((ldGet('publisher') as Json) ?? '')) ||
    m('application-name') ||
    m('publisher') ||
    m('dc.publisher');
  const titleSuffix =
    /\s(?:[|–—·»]|-{1,2}|::)\s([^|–—·»]{2,40})$/.exec(cleanText(meta.title))?.[1] ?? '';
  art.source = tidyName(site || (looksLikeSiteName(titleSuffix) ? titleSuffix : ''));
  art.title =
    m('og:title') ||
    m('twitter:title') ||
    cleanText(ldString(ldGet('headline'))) ||
    m('dc.title') ||
    cleanTitle(meta.title, site) ||
    meta.h1;
  art.title = cleanTitle(art.title, site);
  const section = ldGet('articleSection');
  art.section =
    m('article:section') ||
    cleanText(ldString(section ?? '')) ||
    m('section') ||
    m('parsely-section');
  art.authors = ldNames(ldGet('author'));
  if (!art.authors.length) {
    for (const key of [
      'author',
      'article:author',
      'dc.creator',
      'byl',
      'parsely-author',
      'sailthru.author',
    ]) {
      for (const v of meta.metas.get(key) ?? []) {
        if (!/^https?:/i.test(v)) art.authors.push(...splitAuthors(v));
      }
      if (art.authors.length) break;
    }
  }
  if (!art.authors.length) for (const t of meta.authorTexts) art.authors.push(...splitAuthors(t));
  const dateCandidates = [
    m('article:published_time'),
    ldString(ldGet('datePublished')),
    m('og:published_time'),
    m('datepublished'),
    m('date'),
    m('pubdate'),
    m('publishdate'),
    m('publish-date'),
    m('dc.date'),
    m('dc.date.issued'),
    m('dcterms.created'),
    m('sailthru.date'),
    m('parsely-pub-date'),
    meta.timeDatetime,
    ldString(ldGet('dateCreated')),
  ];
  for (const d of dateCandidates) {
    const iso = normaliseDateValue(d);
    if (iso) {
      art.publishedAt = iso;
      break;
    }
  }
  art.url =
    safeUrl(m('og:url')) ||
    safeUrl(meta.canonical) ||
    safeUrl(ldString(ldGet('url'))) ||
    safeUrl(ldString(ldGet('mainEntityOfPage')));
  const tags = (meta.metas.get('article:tag') ?? []).flatMap(splitList);
  if (!tags.length) {
    const kw = m('news_keywords') || m('keywords');
    if (kw) tags.push(...splitList(kw));
  }
  if (!tags.length) {
    const k = ldGet('keywords');
    if (typeof k === 'string') tags.push(...splitList(k));
    else if (Array.isArray(k)) tags.push(...k.filter((x): x is string => typeof x === 'string'));
  }
  // The draft keeps 50 and says so when there were more (finish.ts).
  art.tags = tags;
  art.coverage = coverageFromPage({
    meta: m,
    ld: (k) => ldString(ldGet(k)),
    url: art.url,
  });
  art.language =
    meta.lang ||
    m('http-equiv:content-language') ||
    m('og:locale') ||
    cleanText(ldString(ldGet('inLanguage')));
  return { article: art, declaredBody: ldString(ldGet('articleBody')), related: meta.related };
}
