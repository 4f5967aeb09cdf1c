/**
 * HTML article extraction: metadata from meta tags and JSON-LD here, body text by
 * `html-extract/` over htmlparser2's DOM. Every walk is iterative (explicit stack) so that
 * absurdly deep markup cannot overflow the call stack.
 */
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import type { RelatedArticle } from '@shared/clipping';
import {
  cleanText,
  emptyArticle,
  safeUrl,
  splitAuthors,
  textKey,
  tidyName,
  type ArticleFields,
} from './article';
import { stripMetaParagraphs } from './boilerplate';
import { coverageFromPage } from './coverage';
import { normaliseDateValue } from './dates';
import { extractBody, withDeclaredBody } from './html-extract';
import { FURNITURE_TAGS, NEVER_TEXT_TAGS } from './html-extract/blocks';
import { attr, classAndId, isElement } from './html-extract/dom';
import { checkHtmlDepth } from './html-guard';
import { sanitiseText } from './sanitise';

/** Text of headings, bylines and link titles leaves out what body text leaves out. */
const SKIP_TAGS = new Set([...NEVER_TEXT_TAGS, ...FURNITURE_TAGS]);

/**
 * A metadata value past this is not a title or a name (the draft's own limits are lower and
 * warn); cutting it first keeps title cleaning from splitting 50 MB into millions of parts.
 */
const MAX_META_VALUE = 20_000;
const capMeta = (s: string): string => (s.length > MAX_META_VALUE ? s.slice(0, MAX_META_VALUE) : s);

/** Subtrees whose <title> is not the page's (an SVG icon's title is not the headline). */
const FOREIGN_TAGS = new Set(['svg', 'math', 'template', 'noscript', 'xmp', 'noembed', 'noframes']);

const RELATED_TOKEN_RE = /^(related|more-stories|read-more|recommended|see-also)/i;

const ARTICLE_TYPES = new Set([
  'newsarticle',
  'article',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'blogposting',
  'liveblogposting',
  'scholarlyarticle',
  'techarticle',
  'socialmediaposting',
  'report',
]);

/** Text content of a subtree, iteratively. */
function textOf(root: AnyNode, limit = 20_000): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [root];
  let size = 0;
  while (stack.length && size < limit) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'text') {
      parts.push(node.data);
      size += node.data.length;
    } else if (isElement(node) && node.type === 'tag' && !SKIP_TAGS.has(node.name)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
    } else if (node.type === 'root') {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
    }
  }
  return cleanText(parts.join(' '));
}

interface HtmlMeta {
  metas: Map<string, string[]>;
  title: string;
  lang: string;
  canonical: string;
  jsonLd: string[];
  timeDatetime: string;
  authorTexts: string[];
  h1: string;
  related: RelatedArticle[];
}

function collectMeta(doc: AnyNode): HtmlMeta {
  const meta: HtmlMeta = {
    metas: new Map(),
    title: '',
    lang: '',
    canonical: '',
    jsonLd: [],
    timeDatetime: '',
    authorTexts: [],
    h1: '',
    related: [],
  };
  const add = (k: string, raw: string): void => {
    const key = k.toLowerCase().trim();
    const v = capMeta(raw);
    const list = meta.metas.get(key);
    if (list) list.push(v);
    else meta.metas.set(key, [v]);
  };
  const stack: AnyNode[] = [doc];
  const relatedRoots: Element[] = [];
  while (stack.length) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node)) {
      if (node.type === 'root') {
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
      }
      continue;
    }
    const name = node.name;
    if (FOREIGN_TAGS.has(name)) continue;
    if (name === 'meta') {
      const content = attr(node, 'content');
      const key = attr(node, 'property') || attr(node, 'name') || attr(node, 'itemprop');
      if (key && content) add(key, content);
      const equiv = attr(node, 'http-equiv');
      if (equiv && content) add(`http-equiv:${equiv}`, content);
      continue;
    }
    if (name === 'html' && !meta.lang) meta.lang = attr(node, 'lang') || attr(node, 'xml:lang');
    if (name === 'title' && !meta.title) meta.title = capMeta(textOfRaw(node));
    if (name === 'link' && /\bcanonical\b/i.test(attr(node, 'rel')) && !meta.canonical) {
      meta.canonical = attr(node, 'href');
    }
    if (name === 'script') {
      if (/ld\+json/i.test(attr(node, 'type'))) meta.jsonLd.push(textOfRaw(node));
      continue;
    }
    if (name === 'style') continue;
    if (name === 'time' && !meta.timeDatetime && attr(node, 'datetime')) {
      meta.timeDatetime = attr(node, 'datetime');
    }
    if (name === 'h1' && !meta.h1) meta.h1 = textOf(node, 2000);
    if (
      meta.authorTexts.length < 5 &&
      (/\bauthor\b/i.test(attr(node, 'rel')) || attr(node, 'itemprop') === 'author')
    ) {
      meta.authorTexts.push(textOf(node, 500));
      continue;
    }
    const ci = classAndId(node);
    if (ci && relatedRoots.length < 20 && ci.split(/\s+/).some((t) => RELATED_TOKEN_RE.test(t))) {
      relatedRoots.push(node);
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
  for (const root of relatedRoots) collectLinks(root, meta.related);
  return meta;
}

/** Raw text of script/title elements (not filtered like body text). */
function textOfRaw(el: Element): string {
  let s = '';
  for (const c of el.children) if (c.type === 'text') s += c.data;
  return s;
}

function collectLinks(root: Element, out: RelatedArticle[]): void {
  const stack: AnyNode[] = [root];
  while (stack.length && out.length < 50) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node) || node.type !== 'tag') continue;
    if (node.name === 'a') {
      const title = textOf(node, 2000);
      if (title.length >= 8) {
        out.push({ title, url: attr(node, 'href') });
      }
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
}

type Json = unknown;

function typeList(obj: Record<string, Json>): string[] {
  const t = obj['@type'];
  if (typeof t === 'string') return [t.toLowerCase()];
  if (Array.isArray(t))
    return t.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
  return [];
}

/** Finds the article object in JSON-LD blocks (top level, arrays, @graph, mainEntity). */
function findLdArticle(blocks: string[]): Record<string, Json> | null {
  let fallback: Record<string, Json> | null = null;
  for (const raw of blocks) {
    let data: Json;
    try {
      data = JSON.parse(raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '')) as Json;
    } catch {
      continue;
    }
    const stack: Json[] = [data];
    let visited = 0;
    while (stack.length && visited++ < 5000) {
      const v = stack.pop();
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
        continue;
      }
      if (!v || typeof v !== 'object') continue;
      const obj = v as Record<string, Json>;
      const types = typeList(obj);
      if (types.some((t) => ARTICLE_TYPES.has(t))) {
        if (types.some((t) => t.includes('news'))) return obj;
        fallback ??= obj;
      } else if (types.includes('webpage') && !fallback && obj['headline']) {
        fallback = obj;
      }
      if (obj['@graph']) stack.push(obj['@graph']);
      if (obj['mainEntity']) stack.push(obj['mainEntity']);
    }
  }
  return fallback;
}

function ldString(v: Json): string {
  if (typeof v === 'string') return capMeta(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return ldString(v[0]);
  if (v && typeof v === 'object') {
    const o = v as Record<string, Json>;
    return ldString(o['name'] ?? o['@value'] ?? o['@id'] ?? o['url'] ?? '');
  }
  return '';
}

function ldNames(v: Json): string[] {
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const item of list.slice(0, 20)) {
    const name =
      typeof item === 'string'
        ? item
        : item && typeof item === 'object'
          ? ldString((item as Record<string, Json>)['name'])
          : '';
    if (name && !/^https?:/i.test(name)) out.push(...splitAuthors(name));
  }
  return out;
}

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

export interface HtmlOptions {
  /** HTML e-mail: no page chrome, keep all text blocks. */
  email?: boolean;
}

/** Extracts an article from decoded HTML. */
export function parseHtml(html: string, opts: HtmlOptions = {}): ArticleFields {
  const art = emptyArticle();
  checkHtmlDepth(html);
  const doc = parseDocument(html, { decodeEntities: true });
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

  const runs = withDeclaredBody(
    extractBody(doc, opts.email === true),
    ldString(ldGet('articleBody')),
  );
  const body = stripMetaParagraphs(runs, art.title);
  art.paragraphs = body.paragraphs;
  if (!art.authors.length) art.authors = body.authors;
  if (!art.publishedAt && body.date) art.publishedAt = body.date;
  if (!art.source && body.source) art.source = body.source;
  if (!art.title) art.title = body.title;
  const base = art.url;
  art.related = [...meta.related, ...body.related].map((r) => {
    let url = r.url ?? '';
    if (url && base && !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      try {
        url = new URL(url, base).href;
      } catch {
        url = '';
      }
    }
    return safeUrl(url) ? { title: r.title, url: safeUrl(url) } : { title: r.title };
  });
  return art;
}
