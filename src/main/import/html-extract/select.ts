/**
 * Picks the article's blocks: a readability-like score over the containers of the blocks that
 * are in play, the best container widened to the ancestor of near-equal rivals (a body split
 * into boxes), plus worthy siblings.
 */
import type { Element } from 'domhandler';
import {
  chainKept,
  PARAGRAPH_TAGS,
  spanTotals,
  type Block,
  type PageBlocks,
  type Span,
  type Totals,
} from './blocks';
import { attr, parentElement } from './dom';
import { dropClosingNotices, isFurnitureLine } from './furniture-lines';
import { isResultList } from './listing';

const POSITIVE_RE =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
const NEGATIVE_RE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|subscri|newsletter/i;

interface Stat {
  score: number;
  scored: boolean;
  textChars: number;
  linkChars: number;
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

const within = (b: Block, s: Span): boolean => b.pos > s.start && b.pos < s.end;

/**
 * Climbs from the chosen container while what each parent adds is mostly prose (an article
 * split into chunks that are not siblings: lead, body and sections in separate boxes).
 */
function widen(top: Element, page: PageBlocks, totals: (s: Span) => Totals): Element {
  let el = top;
  let cur = totals(page.spans.get(el) as Span);
  for (let depth = 0; depth < 12; depth++) {
    const parent = parentElement(el);
    if (!parent || parent.name === 'html') break;
    const all = totals(page.spans.get(parent) as Span);
    const addProse = all.prose - cur.prose;
    const addLinks = all.links - cur.links;
    const addChars = all.chars - cur.chars;
    if (addChars > 0 && !(addProse >= WIDEN_PROSE * addLinks && addProse >= addChars * 0.6)) break;
    el = parent;
    cur = all;
  }
  return el;
}

const WIDEN_PROSE = 3;
/** How many blocks above the body are looked at for a standfirst. */
const LEAD_WINDOW = 12;
const LEAD_RE =
  /lead|intro|excerpt|standfirst|subtitle|summary|abstract|subhead|deck|\bdek\b|sapo|chapo|bajada|entradilla|vorspann|teaser/i;

/** Named as a standfirst by its own or its parent's class. */
function isLead(b: Block): boolean {
  for (let el = b.owner, level = 0; el && level < 2; el = parentElement(el), level++) {
    if (LEAD_RE.test(attr(el, 'class'))) return true;
  }
  return false;
}
const PROSE_BOX_LEVELS = 3;

/**
 * The article's blocks among those `inPlay`, in document order; all of them (minus link
 * lists) when there is no container to choose (`keepAll`, or nothing scored).
 */
export function selectBlocks(page: PageBlocks, inPlay: boolean[], keepAll: boolean): Block[] {
  const blocks = page.blocks.filter((_, i) => inPlay[i]);
  if (!blocks.length) return [];
  const stats = new Map<Element, Stat>();
  const stat = (el: Element): Stat => {
    let s = stats.get(el);
    if (!s) {
      s = { score: 0, scored: false, textChars: 0, linkChars: 0 };
      stats.set(el, s);
    }
    return s;
  };
  // Text and link totals for each block's nearest ancestors (bounded: deep markup stays linear).
  for (const b of blocks) {
    let el: Element | null = b.owner;
    for (let level = 0; el && level < 12; level++) {
      const s = stat(el);
      s.textChars += b.text.length;
      s.linkChars += b.linkChars;
      el = parentElement(el);
    }
  }
  const candidates: Element[] = [];
  const scoreOf = (el: Element): Stat => {
    const s = stat(el);
    if (!s.scored) {
      s.scored = true;
      s.score = initialScore(el) + classWeight(el);
      candidates.push(el);
    }
    return s;
  };
  for (const b of blocks) {
    if (!b.owner || b.text.length < 25) continue;
    const first = PARAGRAPH_TAGS.has(b.tag) ? parentElement(b.owner) : b.owner;
    if (!first) continue;
    const commas = (b.text.match(/[,،，、]/g) ?? []).length;
    const score = 1 + commas + Math.min(Math.floor(b.text.length / 100), 3);
    let el: Element | null = first;
    for (let level = 0; el && level < 3; level++) {
      scoreOf(el).score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
      el = parentElement(el);
    }
  }

  const spanOf = (el: Element): Span => page.spans.get(el) as Span;
  const totals = spanTotals(blocks);
  // A box with no prose of its own (a title wrapper whose class says "page") cannot win.
  const anyProse = totals({ start: -1, end: Infinity }).prose > 0;
  let top: Element | null = null;
  let topScore = -Infinity;
  for (const c of candidates) {
    const s = stats.get(c) as Stat;
    const density = s.textChars ? s.linkChars / s.textChars : 0;
    s.score *= 1 - density;
    if (anyProse && totals(spanOf(c)).prose === 0) s.score = Math.min(s.score, 0);
    if (s.score > topScore) {
      topScore = s.score;
      top = c;
    }
  }
  if (!top || keepAll) {
    return blocks.filter((b) => b.linkChars < b.text.length * 0.6 || b.text.length > 200);
  }

  // Several near-equal candidates under one ancestor mean the article is split across boxes.
  const ts = spanOf(top);
  const alternatives = candidates.filter((c) => {
    if (c === top || (stats.get(c) as Stat).score < topScore * 0.75) return false;
    const cs = spanOf(c);
    return cs.end < ts.start || cs.start > ts.end;
  });
  if (alternatives.length >= 1) {
    let anc = parentElement(top);
    for (let depth = 0; anc && depth < 30 && anc.name !== 'html'; depth++) {
      const as = spanOf(anc);
      const contained = alternatives.filter((c) => {
        const cs = spanOf(c);
        return cs.start >= as.start && cs.end <= as.end;
      }).length;
      if (contained >= 1) {
        top = anc;
        break;
      }
      anc = parentElement(anc);
    }
  }

  top = widen(top, page, totals);
  const roots: Span[] = [spanOf(top)];
  const rootSet = new Set<Span>(roots);
  const parent = parentElement(top);
  if (parent) {
    const lastOf = new Map<Element, Block>();
    for (const b of blocks) if (b.owner) lastOf.set(b.owner, b);
    const threshold = Math.max(10, topScore * 0.2);
    for (const sib of parent.children) {
      if (sib === top || sib.type !== 'tag') continue;
      const s = stats.get(sib);
      if (!s) continue;
      let append = s.scored && s.score >= threshold;
      if (!append && sib.name === 'p') {
        const density = s.textChars ? s.linkChars / s.textChars : 1;
        if (s.textChars > 80 && density < 0.25) append = true;
        else if (s.textChars > 0 && s.textChars <= 80 && density === 0) {
          const last = lastOf.get(sib);
          if (last && /[.!?]$/.test(last.text)) append = true;
        }
      }
      if (append && !rootSet.has(spanOf(sib))) {
        roots.push(spanOf(sib));
        rootSet.add(spanOf(sib));
      }
    }
  }
  // Prose boxes beside the chosen one, a few levels up: a lead or a second part of the body
  // in a box of its own.
  // Every box found so far lies inside the child on the path to the chosen box, so the other
  // children are disjoint from all of them.
  let onPath: Element = top;
  let anc = parent;
  for (let level = 0; anc && level < PROSE_BOX_LEVELS; level++) {
    if (anc.name === 'body' || anc.name === 'html') break;
    for (const child of anc.children) {
      if (child === onPath || child.type !== 'tag') continue;
      const cs = page.spans.get(child);
      if (!cs || rootSet.has(cs)) continue;
      const t = totals(cs);
      if (t.prose >= 150 && t.prose >= t.chars * 0.5 && t.links * 3 <= t.prose) {
        roots.push(cs);
        rootSet.add(cs);
      }
    }
    onPath = anc;
    anc = parentElement(anc);
  }
  // The boxes are disjoint: sorted, a block's box is found by binary search.
  roots.sort((a, b) => a.start - b.start);
  const inRoots = (b: Block): boolean => {
    let lo = 0;
    let hi = roots.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((roots[mid] as Span).start < b.pos) lo = mid + 1;
      else hi = mid;
    }
    const r = roots[lo - 1];
    return r !== undefined && within(b, r);
  };

  // A standfirst above the body, in a box of its own that the scores did not reach (and that
  // may be marked only for being called a teaser).
  const first = (roots[0] as Span).start;
  const leads = new Set<Block>();
  const all = page.blocks;
  for (let i = all.length - 1, seen = 0; i >= 0 && seen < LEAD_WINDOW; i--) {
    const b = all[i] as Block;
    if (b.pos > first) continue;
    seen++;
    if (b.text.length < 40 || b.linkChars >= b.text.length * 0.2 || !isLead(b)) continue;
    const marksAllow = chainKept(
      b.marks,
      (m) =>
        (m.start < first && m.end > first) ||
        (m.kind === 'word' && LEAD_RE.test(attr(m.el, 'class'))),
      new Map(),
    );
    if (inPlay[i] || marksAllow) leads.add(b);
  }

  const out: Block[] = [];
  for (let i = 0; i < all.length; i++) {
    const b = all[i] as Block;
    if (!b.owner || !(leads.has(b) || (inPlay[i] && inRoots(b)))) continue;
    if (b.tag === 'h1') continue;
    const density = b.linkChars / b.text.length;
    if (density > 0.5 && b.text.length < 300) continue;
    if (!PARAGRAPH_TAGS.has(b.tag) && b.text.length < 25 && !/[.!?…"”»]$/.test(b.text)) continue;
    if (isFurnitureLine(b.text)) continue;
    out.push(b);
  }
  if (page.searched && isResultList(out, blocks)) return [];
  return dropClosingNotices(dropOrphanHeadings(dropLostIntros(out, blocks)));
}

/**
 * A heading or a short line ending in a colon whose next block was left out introduced
 * something that is not article ("Read more:", "Related", a rating widget's title).
 */
function dropLostIntros(out: Block[], blocks: Block[]): Block[] {
  const kept = new Set(out);
  const next = new Map<Block, Block | undefined>();
  for (let i = 0; i < blocks.length; i++) next.set(blocks[i] as Block, blocks[i + 1]);
  return out.filter((b) => {
    const intro =
      (headingRank(b) > 1 && b.text.length < 50) || (b.text.length < 60 && /[:：]$/.test(b.text));
    if (!intro) return true;
    const n = next.get(b);
    return n ? kept.has(n) : !/[:：]$/.test(b.text);
  });
}

const headingRank = (b: Block): number => (/^h[1-6]$/.test(b.tag) ? Number(b.tag[1]) : 0);

/**
 * A heading with nothing of its own under it (last, or followed by a heading of the same or
 * a higher rank) titled something that was left out: related links, share or rating widgets.
 */
function dropOrphanHeadings(list: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < list.length; i++) {
    const b = list[i] as Block;
    const rank = headingRank(b);
    if (rank) {
      const next = list[i + 1];
      const nextRank = next ? headingRank(next) : 1;
      if (nextRank && nextRank <= rank && (!next || b.text.length < 40)) continue;
    }
    out.push(b);
  }
  return out;
}
