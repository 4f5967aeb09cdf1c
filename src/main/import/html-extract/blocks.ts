/**
 * One walk over the page: text blocks (a block ends at every block-level boundary) with their
 * owner element, link share and position, and the spans of the elements around them. Nothing
 * is pruned here: elements that look like boilerplate (by tag, role or class/id words) are only
 * marked, so the selection can decide afterwards whether a mark is real or sits on a page-level
 * wrapper that holds the article itself.
 */
import type { AnyNode, Element } from 'domhandler';
import { cleanText } from '../article';
import { attr, classAndId, isElement, isHidden, parentElement } from './dom';

/** Never text: scripts, media, form controls, head elements. */
export const NEVER_TEXT_TAGS = new Set([
  'script',
  'style',
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
  'title',
  'meta',
  'link',
  'base',
  'map',
  'source',
  'track',
  'applet',
  // Raw-text and legacy elements: a browser shows their content as text or not at all, so
  // markup inside them is never article text ('<xmp><img onerror…></xmp>').
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
  'listing',
  // Ruby annotations (furigana) are a reading aid, not a second copy of the text.
  'rt',
  'rp',
]);

/** Page furniture by tag: marked, not skipped (some pages put the whole article inside one). */
export const FURNITURE_TAGS = new Set([
  'nav',
  'footer',
  'aside',
  'header',
  'form',
  'figure',
  'figcaption',
  'menu',
  'dialog',
  'noscript',
]);

/** Tags whose own text is a paragraph (readability's "p-like" elements). */
export const PARAGRAPH_TAGS = new Set([
  'p',
  'pre',
  'blockquote',
  'td',
  'li',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

export const BLOCK_TAGS = new Set([
  ...PARAGRAPH_TAGS,
  ...FURNITURE_TAGS,
  'div',
  'section',
  'article',
  'main',
  'body',
  'html',
  'ul',
  'ol',
  'dl',
  'dt',
  'table',
  'tr',
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

const UNLIKELY_RE =
  /-ad-|\bads?\b|ad-|adsense|advert|banner|breadcrumb|combx|comment|community|cookie|consent|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|share|sharing|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|popup|modal|newsletter|subscri|signup|promo|outbrain|taboola|paywall|recommend|trending|popular|mostread|author-bio|byline|toolbar|(?<![\w-])widget|navigation|pagination|masthead|teaser|tools|utility/i;
const MAYBE_RE = /and|article|body|column|content|main|shadow|story|entry|post|text|blog/i;
const STRONG_NEGATIVE_TOKEN_RE =
  /^(comments?|comment-\S+|share|sharing|share-\S+|social|social-\S+|newsletter\S*|subscribe\S*|subscription\S*|cookie\S*|consent\S*|gdpr\S*|related\S*|promo\S*|ad|ads|ad-\S+|ads-\S+|advert\S*|sponsor\S*|outbrain\S*|taboola\S*|paywall\S*|popup\S*|modal\S*|byline\S*|author|author-\S+|about-author|bio|bio-\S+|breadcrumbs?|tags|tag-list|recommended\S*|most-read|most-popular|sr-only|visually-hidden|hidden)$/i;

/** Class/id segments that name furniture wherever they appear (`jp-relatedposts-headline`). */
const STRONG_SEGMENTS = new Set([
  'related',
  'relatedposts',
  'sharedaddy',
  'share',
  'sharing',
  'social',
  'comments',
  'newsletter',
  'subscribe',
  'sponsored',
  'advertisement',
  'outbrain',
  'taboola',
  'author',
  'bio',
  'contributor',
  'breadcrumb',
  'breadcrumbs',
  'tags',
  'tagcloud',
  'cookie',
  'cookies',
  'consent',
  'rating',
  'ratings',
  'likes',
  'meta',
  'postmetadata',
  'caption',
  'credit',
  'credits',
  'toc',
]);
/** `has-ads`, `no-sticky`, `with-sidebar` describe a box's neighbours, not the box. */
const NEIGHBOUR_RE = /(?:^|[-_])(?:has|with|no|without)[-_]+[a-z]+/gi;

function strongSegment(token: string): boolean {
  for (const seg of token.split(/[-_]+|(?<=[a-z])(?=[A-Z])/)) {
    if (STRONG_SEGMENTS.has(seg.toLowerCase())) return true;
  }
  return false;
}

export type MarkKind = 'tag' | 'word';

export interface Mark {
  el: Element;
  kind: MarkKind;
  start: number;
  end: number;
}

/** Marks around a block as a shared linked list: deep nesting costs one link per element. */
export interface MarkLink {
  mark: Mark;
  outer: MarkLink | null;
}

/** Whether `keep` holds for every mark on a chain, memoised per link (so linear overall). */
export function chainKept(
  link: MarkLink | null,
  keep: (m: Mark) => boolean,
  memo: Map<MarkLink, boolean>,
): boolean {
  const path: MarkLink[] = [];
  let ok = true;
  for (let l = link; l; l = l.outer) {
    const known = memo.get(l);
    if (known !== undefined) {
      ok = known;
      break;
    }
    path.push(l);
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const l = path[i] as MarkLink;
    ok = ok && keep(l.mark);
    memo.set(l, ok);
  }
  return ok;
}

export interface Block {
  text: string;
  owner: Element | null;
  tag: string;
  linkChars: number;
  /** Position in document order, comparable with element spans. */
  pos: number;
  /** The innermost boilerplate mark around the block; its `outer` links lead outwards. */
  marks: MarkLink | null;
}

export interface Span {
  start: number;
  end: number;
}

export interface PageBlocks {
  blocks: Block[];
  spans: Map<Element, Span>;
  marks: Mark[];
  /** A search field holds a query: the page shows the results of a search. */
  searched: boolean;
}

const SEARCH_NAME_RE =
  /^(?:q|s|query|search|searchterm|search_query|keywords?|term|suche|recherche)$/i;

function isFilledSearch(el: Element): boolean {
  if (!attr(el, 'value').trim()) return false;
  return attr(el, 'type').toLowerCase() === 'search' || SEARCH_NAME_RE.test(attr(el, 'name'));
}

function insideArticle(el: Element): boolean {
  let p = parentElement(el);
  for (let depth = 0; p && depth < 40; depth++, p = parentElement(p)) {
    if (p.name === 'article' || p.name === 'main') return true;
  }
  return false;
}

/** Why an element looks like page furniture, or null. */
function markOf(el: Element, keepAll: boolean): MarkKind | null {
  const name = el.name;
  if (FURNITURE_TAGS.has(name)) {
    if (keepAll && (name === 'header' || name === 'footer')) return null;
    // An article's own header holds its standfirst, not the site's banner.
    return name === 'header' && insideArticle(el) ? null : 'tag';
  }
  if (keepAll) return null;
  if (name === 'body' || name === 'html' || name === 'main' || name === 'article' || name === 'a') {
    return null;
  }
  const ci = classAndId(el).replace(NEIGHBOUR_RE, ' ').trim();
  if (!ci) {
    const role = attr(el, 'role');
    return role === 'navigation' || role === 'complementary' ? 'tag' : null;
  }
  for (const token of ci.split(/\s+/)) {
    if (STRONG_NEGATIVE_TOKEN_RE.test(token) || strongSegment(token)) return 'word';
  }
  return UNLIKELY_RE.test(ci) && !MAYBE_RE.test(ci) ? 'word' : null;
}

/** Walks the DOM once (iteratively: deep markup cannot overflow the stack). */
export function collectBlocks(doc: AnyNode, keepAll: boolean): PageBlocks {
  const blocks: Block[] = [];
  const spans = new Map<Element, Span>();
  const marks: Mark[] = [];
  type Frame = { node: AnyNode; exit: boolean; mark?: Mark };
  const stack: Frame[] = [{ node: doc, exit: false }];
  const blockStack: Element[] = [];
  let open = null as MarkLink | null;
  let parts: string[] = [];
  let linkChars = 0;
  let inLink = 0;
  let order = 0;
  let brRun = 0;
  let searched = false;
  const flush = (): void => {
    if (parts.length) {
      const text = cleanText(parts.join(''));
      if (text) {
        const owner = blockStack[blockStack.length - 1] ?? null;
        blocks.push({ text, owner, linkChars, tag: owner?.name ?? '', pos: order++, marks: open });
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
      if (el.name === 'a') inLink--;
      else if (BLOCK_TAGS.has(el.name)) {
        flush();
        blockStack.pop();
      }
      const s = spans.get(el);
      if (s) s.end = order++;
      if (frame.mark) {
        frame.mark.end = s?.end ?? order;
        open = open?.outer ?? null;
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
    if (name === 'input' && !searched) searched = isFilledSearch(node);
    if (NEVER_TEXT_TAGS.has(name) || isHidden(node)) continue;
    if (name === 'br') {
      brRun++;
      // Two line breaks in a row separate paragraphs in old-style markup.
      if (brRun >= 2) flush();
      else parts.push(' ');
      continue;
    }
    const block = BLOCK_TAGS.has(name);
    if (block) {
      flush();
      blockStack.push(node);
      brRun = 0;
    } else if (name === 'a') inLink++;
    const span = { start: order++, end: 0 };
    spans.set(node, span);
    const kind = markOf(node, keepAll);
    let mark: Mark | undefined;
    if (kind) {
      mark = { el: node, kind, start: span.start, end: 0 };
      marks.push(mark);
      open = { mark, outer: open };
    }
    stack.push({ node, exit: true, mark });
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i] as AnyNode, exit: false });
  }
  flush();
  return { blocks, spans, marks, searched };
}

/** A block that reads as prose: long enough and mostly not link text. */
export const isProse = (b: Block): boolean =>
  b.text.length >= 80 && b.linkChars < b.text.length * 0.3;

export interface Totals {
  prose: number;
  links: number;
  chars: number;
}

/**
 * Prose, link and text characters of `blocks` (in document order) inside any span, by prefix
 * sums and two binary searches.
 */
export function spanTotals(blocks: Block[]): (s: Span) => Totals {
  const prose = new Float64Array(blocks.length + 1);
  const links = new Float64Array(blocks.length + 1);
  const chars = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    prose[i + 1] = (prose[i] as number) + (isProse(b) ? b.text.length : 0);
    links[i + 1] = (links[i] as number) + b.linkChars;
    chars[i + 1] = (chars[i] as number) + b.text.length;
  }
  const firstAfter = (pos: number): number => {
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((blocks[mid] as Block).pos <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (s) => {
    const a = firstAfter(s.start);
    const b = firstAfter(s.end);
    return {
      prose: (prose[b] as number) - (prose[a] as number),
      links: (links[b] as number) - (links[a] as number),
      chars: (chars[b] as number) - (chars[a] as number),
    };
  };
}
