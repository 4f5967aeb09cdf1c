/**
 * HTML article extraction: metadata from meta tags and JSON-LD, body text by a readability-like
 * score over htmlparser2's DOM. Every walk is iterative (explicit stack) so that absurdly deep
 * markup cannot overflow the call stack.
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
import { normaliseDateValue } from './dates';
import { stripMetaParagraphs } from './plain-text';
import { checkHtmlDepth } from './html-guard';
import { sanitiseText } from './sanitise';

const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'svg',
  'math',
  'canvas',
  'object',
  'embed',
  'video',
  'audio',
  'picture',
  'img',
  'input',
  'select',
  'option',
  'textarea',
  'button',
  'form',
  'nav',
  'footer',
  'aside',
  'header',
  'figure',
  'figcaption',
  'dialog',
  'title',
  'meta',
  'link',
  'base',
  'map',
  'source',
  'track',
  'menu',
  'applet',
  // Raw-text and legacy elements: a browser shows their content as text or not at all, so
  // markup inside them is never article text ('<xmp><img onerror…></xmp>').
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
  'listing',
]);

/**
 * A metadata value past this is not a title or a name (the draft's own limits are lower and
 * warn); cutting it first keeps title cleaning from splitting 50 MB into millions of parts.
 */
const MAX_META_VALUE = 20_000;
const capMeta = (s: string): string => (s.length > MAX_META_VALUE ? s.slice(0, MAX_META_VALUE) : s);

/** Subtrees whose <title> is not the page's (an SVG icon's title is not the headline). */
const FOREIGN_TAGS = new Set(['svg', 'math', 'template', 'noscript', 'xmp', 'noembed', 'noframes']);

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'body',
  'html',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'tfoot',
  'caption',
  'address',
  'hr',
  'center',
  'details',
  'summary',
  'fieldset',
  'legend',
  'hgroup',
]);

/** Tags whose own text is a paragraph (readability's "p-like" elements). */
const PARAGRAPH_TAGS = new Set([
  'p',
  'pre',
  'blockquote',
  'td',
  'li',
  'dd',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'h1',
]);

const UNLIKELY_RE =
  /-ad-|\bads?\b|ad-|adsense|advert|banner|breadcrumb|combx|comment|community|cookie|consent|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|share|sharing|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|popup|modal|newsletter|subscri|signup|promo|outbrain|taboola|paywall|recommend|trending|popular|mostread|author-bio|byline|toolbar|widget|navigation|pagination|masthead|teaser|tools|utility/i;
const MAYBE_RE = /and|article|body|column|content|main|shadow|story|entry|post|text|blog/i;
const STRONG_NEGATIVE_TOKEN_RE =
  /^(comments?|comment-\S+|share|sharing|share-\S+|social|social-\S+|newsletter\S*|subscribe\S*|subscription\S*|cookie\S*|consent\S*|gdpr\S*|related\S*|promo\S*|ad|ads|ad-\S+|ads-\S+|advert\S*|sponsor\S*|outbrain\S*|taboola\S*|paywall\S*|popup\S*|modal\S*|byline\S*|author|author-\S+|about-author|bio|bio-\S+|breadcrumbs?|tags|tag-list|recommended\S*|most-read|most-popular|sr-only|visually-hidden|hidden)$/i;
const POSITIVE_RE =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
const NEGATIVE_RE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|subscri|newsletter/i;
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

interface Run {
  text: string;
  owner: Element | null;
  linkChars: number;
  tag: string;
}

interface NodeInfo {
  start: number;
  end: number;
  score: number;
  scored: boolean;
  textChars: number;
  linkChars: number;
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

function classAndId(el: Element): string {
  return `${attr(el, 'class')} ${attr(el, 'id')}`.trim();
}

function isHidden(el: Element): boolean {
  if ('hidden' in el.attribs || attr(el, 'aria-hidden') === 'true') return true;
  const style = attr(el, 'style');
  return style !== '' && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isUnlikely(el: Element): boolean {
  const name = el.name;
  if (name === 'body' || name === 'html' || name === 'main' || name === 'article' || name === 'a') {
    return false;
  }
  const ci = classAndId(el);
  if (!ci) return attr(el, 'role') === 'navigation' || attr(el, 'role') === 'complementary';
  for (const token of ci.split(/\s+/)) if (STRONG_NEGATIVE_TOKEN_RE.test(token)) return true;
  return UNLIKELY_RE.test(ci) && !MAYBE_RE.test(ci);
}

function classWeight(el: Element): number {
  let w = 0;
  for (const v of [attr(el, 'class'), attr(el, 'id')]) {
    if (!v) continue;
    if (NEGATIVE_RE.test(v)) w -= 25;
    if (POSITIVE_RE.test(v)) w += 25;
  }
  return w;
}

function initialScore(el: Element): number {
  switch (el.name) {
    case 'div':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

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
  art.language =
    meta.lang ||
    m('http-equiv:content-language') ||
    m('og:locale') ||
    cleanText(ldString(ldGet('inLanguage')));

  const runs = extractRuns(doc, opts.email === true);
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

/**
 * Walks the DOM once, emitting text runs (a run ends at every block boundary), then scores
 * containers and keeps the runs of the best one and its worthy siblings.
 */
function extractRuns(doc: AnyNode, keepAll: boolean): string[] {
  const runs: Run[] = [];
  const info = new Map<Element, NodeInfo>();
  type Frame = { node: AnyNode; exit: boolean };
  const stack: Frame[] = [{ node: doc, exit: false }];
  const blockStack: Element[] = [];
  let parts: string[] = [];
  let linkChars = 0;
  let inLink = 0;
  let order = 0;
  let brRun = 0;
  const flush = (): void => {
    if (parts.length) {
      const text = cleanText(parts.join(''));
      if (text) {
        const owner = blockStack[blockStack.length - 1] ?? null;
        runs.push({ text, owner, linkChars, tag: owner?.name ?? '' });
      }
    }
    parts = [];
    linkChars = 0;
  };
  while (stack.length) {
    const frame = stack.pop() as Frame;
    const node = frame.node;
    if (frame.exit) {
      const el = node as Element;
      const i = info.get(el);
      if (i) i.end = order;
      if (el.name === 'a') inLink--;
      else if (BLOCK_TAGS.has(el.name)) {
        flush();
        blockStack.pop();
      }
      continue;
    }
    if (node.type === 'text') {
      const data = node.data;
      if (data.trim()) brRun = 0;
      parts.push(data);
      if (inLink > 0) linkChars += data.trim().length;
      continue;
    }
    if (node.type === 'root') {
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push({ node: node.children[i] as AnyNode, exit: false });
      continue;
    }
    if (!isElement(node) || node.type !== 'tag') continue;
    const name = node.name;
    if (SKIP_TAGS.has(name) && !(keepAll && (name === 'header' || name === 'footer'))) continue;
    if (isHidden(node) || (!keepAll && isUnlikely(node))) continue;
    if (name === 'br') {
      brRun++;
      // Two line breaks in a row separate paragraphs in old-style markup.
      if (brRun >= 2) flush();
      else parts.push(' ');
      continue;
    }
    info.set(node, { start: order++, end: 0, score: 0, scored: false, textChars: 0, linkChars: 0 });
    const block = BLOCK_TAGS.has(name);
    if (block) {
      flush();
      blockStack.push(node);
      brRun = 0;
    } else if (name === 'a') inLink++;
    stack.push({ node, exit: true });
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i] as AnyNode, exit: false });
    if (!block && name !== 'a' && (name === 'td' || name === 'th')) parts.push(' ');
  }
  flush();
  if (!runs.length) return [];

  // Text and link totals for each run's nearest ancestors (bounded: deep markup stays linear).
  for (const r of runs) {
    let el: Element | null = r.owner;
    for (let level = 0; el && level < 12; level++) {
      const i = info.get(el);
      if (i) {
        i.textChars += r.text.length;
        i.linkChars += r.linkChars;
      }
      el = el.parent && isElement(el.parent) ? el.parent : null;
    }
  }

  const candidates: Element[] = [];
  const scoreOf = (el: Element): NodeInfo | undefined => {
    const i = info.get(el);
    if (i && !i.scored) {
      i.scored = true;
      i.score = initialScore(el) + classWeight(el);
      candidates.push(el);
    }
    return i;
  };
  for (const r of runs) {
    if (!r.owner || r.text.length < 25) continue;
    const pLike = PARAGRAPH_TAGS.has(r.tag);
    const first: Element | null = pLike
      ? r.owner.parent && isElement(r.owner.parent)
        ? r.owner.parent
        : null
      : r.owner;
    if (!first) continue;
    const commas = (r.text.match(/[,،，、]/g) ?? []).length;
    const score = 1 + commas + Math.min(Math.floor(r.text.length / 100), 3);
    let el: Element | null = first;
    for (let level = 0; el && level < 3; level++) {
      const i = scoreOf(el);
      if (i) i.score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
      el = el.parent && isElement(el.parent) ? el.parent : null;
    }
  }

  let top: Element | null = null;
  let topScore = -Infinity;
  for (const c of candidates) {
    const i = info.get(c) as NodeInfo;
    const density = i.textChars ? i.linkChars / i.textChars : 0;
    i.score *= 1 - density;
    if (i.score > topScore) {
      topScore = i.score;
      top = c;
    }
  }
  if (!top || keepAll) {
    return runs
      .filter((r) => r.linkChars < r.text.length * 0.6 || r.text.length > 200)
      .map((r) => r.text);
  }

  // Several near-equal candidates under one ancestor mean the article is split across boxes.
  const alternatives = candidates.filter(
    (c) => c !== top && (info.get(c) as NodeInfo).score >= topScore * 0.75,
  );
  if (alternatives.length >= 2) {
    let anc: Element | null = top.parent && isElement(top.parent) ? top.parent : null;
    for (let depth = 0; anc && depth < 30 && anc.name !== 'body'; depth++) {
      const ai = info.get(anc);
      if (ai) {
        const contained = alternatives.filter((c) => {
          const ci = info.get(c) as NodeInfo;
          return ci.start >= ai.start && ci.end <= ai.end;
        }).length;
        if (contained >= 2) {
          top = anc;
          break;
        }
      }
      anc = anc.parent && isElement(anc.parent) ? anc.parent : null;
    }
  }

  const roots: NodeInfo[] = [info.get(top) as NodeInfo];
  const parent = top.parent;
  if (parent && isElement(parent)) {
    const threshold = Math.max(10, topScore * 0.2);
    for (const sib of parent.children) {
      if (sib === top || !isElement(sib)) continue;
      const si = info.get(sib);
      if (!si) continue;
      let append = si.scored && si.score >= threshold;
      if (!append && sib.name === 'p') {
        const density = si.textChars ? si.linkChars / si.textChars : 1;
        if (si.textChars > 80 && density < 0.25) append = true;
        else if (
          si.textChars > 0 &&
          si.textChars <= 80 &&
          density === 0 &&
          /[.!?]$/.test(textOf(sib, 500))
        )
          append = true;
      }
      if (append) roots.push(si);
    }
  }

  // Roots are disjoint (an element and its siblings): sorted, each run finds its root by
  // binary search instead of testing every root (quadratic with thousands of siblings).
  roots.sort((a, b) => a.start - b.start);
  const inRoots = (start: number): boolean => {
    let lo = 0;
    let hi = roots.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const ri = roots[mid] as NodeInfo;
      if (start < ri.start) hi = mid - 1;
      else if (start >= ri.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const out: string[] = [];
  for (const r of runs) {
    if (!r.owner) continue;
    const oi = info.get(r.owner);
    if (!oi || !inRoots(oi.start)) continue;
    if (r.tag === 'h1') continue;
    const density = r.linkChars / r.text.length;
    if (density > 0.5 && r.text.length < 300) continue;
    if (!PARAGRAPH_TAGS.has(r.tag) && r.text.length < 25 && !/[.!?…"”»]$/.test(r.text)) continue;
    out.push(r.text);
  }
  return out;
}
