/**
 * One walk over a parsed page for its metadata: meta tags (name, property, itemprop,
 * http-equiv), <title>, <html lang>, the canonical link, JSON-LD blocks, the first <time>
 * and <h1>, author links and the links of "related" boxes. Iterative (explicit stack), so
 * absurdly deep markup cannot overflow the call stack.
 */
import type { AnyNode, Element } from 'domhandler';
import type { RelatedArticle } from '@shared/clipping';
import { cleanText } from '../article';
import { FURNITURE_TAGS, NEVER_TEXT_TAGS } from '../html-extract/blocks';
import { attr, classAndId, isElement } from '../html-extract/dom';

/** Text of headings, bylines and link titles leaves out what body text leaves out. */
const SKIP_TAGS = new Set([...NEVER_TEXT_TAGS, ...FURNITURE_TAGS]);

/**
 * A metadata value past this is not a title or a name (the draft's own limits are lower and
 * warn); cutting it first keeps title cleaning from splitting 50 MB into millions of parts.
 */
const MAX_META_VALUE = 20_000;
export const capMeta = (s: string): string =>
  s.length > MAX_META_VALUE ? s.slice(0, MAX_META_VALUE) : s;

/** Subtrees whose <title> is not the page's (an SVG icon's title is not the headline). */
const FOREIGN_TAGS = new Set(['svg', 'math', 'template', 'noscript', 'xmp', 'noembed', 'noframes']);

const RELATED_TOKEN_RE = /^(related|more-stories|read-more|recommended|see-also)/i;

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

export interface HtmlMeta {
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

export function collectMeta(doc: AnyNode): HtmlMeta {
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
