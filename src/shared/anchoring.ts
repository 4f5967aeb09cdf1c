/**
 * Re-anchoring highlights after the clipping's text changed, the way Hypothesis does it:
 * trust the stored position if it still holds the quote, else look for the quote verbatim
 * (disambiguated by its prefix/suffix context), else look for it approximately, else give up.
 *
 * Approximate matching uses Myers' bit-parallel algorithm (J. ACM 1999) in its block form, so
 * quotes of any length work, with Ukkonen's cut-off so that the cost grows with the error
 * budget rather than with the quote length. All offsets are UTF-16 code units into
 * `clippingText(paragraphs)`.
 */
import { PARAGRAPH_SEPARATOR } from './annotations';
import type { TextPositionSelector, TextQuoteSelector } from './annotations';

export interface Selectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export type AnchorStatus = 'exact' | 'moved' | 'fuzzy';

export type AnchorResult =
  { status: AnchorStatus; start: number; end: number } | { status: 'orphan' };

export interface ApproximateMatch {
  /** Offset just past the match. */
  end: number;
  /** Edit distance (Levenshtein) of the best match ending at `end`. */
  errors: number;
}

/** Fraction of the quote that may be edited before we call the highlight an orphan. */
const ERROR_RATIO = 0.2;
/** Caps the budget so that a long quote cannot match unrelated text, and bounds the cost. */
const MAX_ERRORS = 96;
/** Below this context similarity an exact hit is suspicious: an edited original may fit better. */
const TRUSTED_CONTEXT = 0.5;
/** Candidates scored in full; the rest (worst by edit distance) are dropped. */
const MAX_CANDIDATES = 256;
/** Relative weights, as in Hypothesis' match-quote: the quote dominates, position only breaks ties. */
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;

const W = 32;

// ---- Selectors --------------------------------------------------------------------------

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/u.test(ch);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function toIndex(value: unknown, length: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return 0;
  return Math.min(Math.max(Math.trunc(value), 0), length);
}

/** Context boundaries must not split a surrogate pair, or the stored selector is not valid UTF-16. */
function contextStart(text: string, from: number): number {
  return from > 0 && isLowSurrogate(text.charCodeAt(from)) ? from - 1 : from;
}

function contextEnd(text: string, to: number): number {
  return to < text.length && isHighSurrogate(text.charCodeAt(to - 1)) ? to + 1 : to;
}

/**
 * Selectors for the selection [start, end) of `text`, trimmed of surrounding whitespace (a
 * double-click or triple-click selection drags it in). A blank selection yields an empty quote.
 */
export function describeRange(text: string, start: number, end: number, context = 32): Selectors {
  const source = typeof text === 'string' ? text : '';
  let from = toIndex(start, source.length);
  let to = toIndex(end, source.length);
  if (from > to) [from, to] = [to, from];
  while (from < to && isSpace(source[from])) from += 1;
  while (to > from && isSpace(source[to - 1])) to -= 1;
  const width = toIndex(context, Number.MAX_SAFE_INTEGER);
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: source.slice(from, to),
      prefix: source.slice(contextStart(source, Math.max(0, from - width)), from),
      suffix: source.slice(to, contextEnd(source, Math.min(source.length, to + width))),
    },
    position: { type: 'TextPositionSelector', start: from, end: to },
  };
}

// ---- Myers' bit-parallel edit distance --------------------------------------------------

interface Pattern {
  readonly length: number;
  readonly blocks: number;
  /** Per character code, a bit per pattern position holding that character, in 32-bit blocks. */
  readonly peq: Map<number, Int32Array>;
  /** Same as `peq` for codes < 128, to skip the Map on the common path. */
  readonly ascii: Int32Array[];
  readonly none: Int32Array;
  /** Per block, the bit of its last row. */
  readonly high: Int32Array;
}

function compilePattern(pattern: string): Pattern {
  const blocks = Math.ceil(pattern.length / W);
  const none = new Int32Array(blocks);
  const peq = new Map<number, Int32Array>();
  for (let i = 0; i < pattern.length; i += 1) {
    const code = pattern.charCodeAt(i);
    let bits = peq.get(code);
    if (!bits) {
      bits = new Int32Array(blocks);
      peq.set(code, bits);
    }
    bits[(i / W) | 0]! |= 1 << (i % W);
  }
  const ascii: Int32Array[] = [];
  for (let code = 0; code < 128; code += 1) ascii.push(peq.get(code) ?? none);
  const high = new Int32Array(blocks).fill(1 << (W - 1));
  if (blocks > 0) high[blocks - 1] = 1 << ((pattern.length - 1) % W);
  return { length: pattern.length, blocks, peq, ascii, none, high };
}

function peqFor(pattern: Pattern, code: number): Int32Array {
  return code < 128 ? pattern.ascii[code]! : (pattern.peq.get(code) ?? pattern.none);
}

/**
 * Advances block `b` by one text character; `hin` is the horizontal delta entering the block
 * from above. Returns the delta leaving its last row. Myers 1999, figure 8.
 */
function advanceBlock(
  pv: Int32Array,
  mv: Int32Array,
  b: number,
  peq: number,
  hin: number,
  high: number,
): number {
  const p = pv[b]! | 0;
  const m = mv[b]! | 0;
  let eq = peq | 0;
  const xv = eq | m;
  if (hin < 0) eq |= 1;
  const xh = ((((eq & p) + p) | 0) ^ p) | eq;
  let ph = m | ~(xh | p);
  let mh = p & xh;
  const hout = (ph & high) !== 0 ? 1 : (mh & high) !== 0 ? -1 : 0;
  ph <<= 1;
  mh <<= 1;
  if (hin < 0) mh |= 1;
  else if (hin > 0) ph |= 1;
  pv[b] = mh | ~(xv | ph);
  mv[b] = ph & xv;
  return hout;
}

/**
 * Every end offset in `text` where `pattern` matches with at most `maxErrors` edits, with the
 * smallest edit count of a match ending there. Semi-global: the match may start anywhere.
 */
function searchEnds(
  pattern: Pattern,
  text: string,
  maxErrors: number,
  onMatch: (end: number, errors: number) => void,
): void {
  const m = pattern.length;
  if (m === 0) return;
  const k = Math.min(maxErrors, m);
  const last = pattern.blocks - 1;
  const pv = new Int32Array(pattern.blocks);
  const mv = new Int32Array(pattern.blocks);
  const score = new Int32Array(pattern.blocks);
  const width = (b: number): number => (b === last ? m - W * last : W);
  // Column 0 is D[i] = i: the first ceil(k / W) blocks can hold cells <= k.
  let y = Math.min(last, Math.max(0, Math.ceil(k / W) - 1));
  for (let b = 0; b <= y; b += 1) {
    pv[b] = -1;
    mv[b] = 0;
    score[b] = (b === 0 ? 0 : score[b - 1]!) + width(b);
  }
  for (let j = 0; j < text.length; j += 1) {
    const peq = peqFor(pattern, text.charCodeAt(j));
    let carry = 0;
    for (let b = 0; b <= y; b += 1) {
      carry = advanceBlock(pv, mv, b, peq[b]!, carry, pattern.high[b]!);
      score[b]! += carry;
    }
    // Ukkonen's cut-off: activate the next block only when its first row can reach <= k.
    if (y < last && score[y]! - carry <= k && ((peq[y + 1]! & 1) !== 0 || carry < 0)) {
      y += 1;
      pv[y] = -1;
      mv[y] = 0;
      score[y] =
        score[y - 1]! +
        width(y) -
        carry +
        advanceBlock(pv, mv, y, peq[y]!, carry, pattern.high[y]!);
    } else {
      while (y > 0 && score[y]! >= k + W) y -= 1;
    }
    if (y === last && score[y]! <= k) onMatch(j + 1, score[y]!);
  }
}

/**
 * Edit distances between `pattern` and the text read from `from` in direction `dir` (1 forward,
 * -1 backward: then `pattern` must be compiled reversed), for every length 0..maxLength read.
 * The match is anchored at `from`, free at the far end.
 */
function anchoredScores(
  pattern: Pattern,
  text: string,
  from: number,
  dir: 1 | -1,
  maxLength: number,
): Int32Array {
  const available = dir > 0 ? text.length - from : from;
  const length = Math.max(0, Math.min(maxLength, available));
  const scores = new Int32Array(length + 1);
  const m = pattern.length;
  scores[0] = m;
  if (m === 0) {
    for (let j = 1; j <= length; j += 1) scores[j] = j;
    return scores;
  }
  const pv = new Int32Array(pattern.blocks).fill(-1);
  const mv = new Int32Array(pattern.blocks);
  const last = pattern.blocks - 1;
  let d = m;
  for (let j = 0; j < length; j += 1) {
    const at = dir > 0 ? from + j : from - 1 - j;
    const peq = peqFor(pattern, text.charCodeAt(at));
    // Row 0 is D[0][j] = j (anchored), so +1 enters the first block.
    let carry = 1;
    for (let b = 0; b <= last; b += 1) {
      carry = advanceBlock(pv, mv, b, peq[b]!, carry, pattern.high[b]!);
    }
    d += carry;
    scores[j + 1] = d;
  }
  return scores;
}

function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i -= 1) out += s[i];
  return out;
}

/**
 * Where `pattern` occurs in `text` with at most `maxErrors` edits: each end offset with its
 * smallest edit count. Exposed for search-as-you-type and for tests against a plain DP.
 */
export function findApproximateMatches(
  text: string,
  pattern: string,
  maxErrors: number,
): ApproximateMatch[] {
  const matches: ApproximateMatch[] = [];
  if (typeof text !== 'string' || typeof pattern !== 'string') return matches;
  const k = toIndex(maxErrors, pattern.length);
  searchEnds(compilePattern(pattern), text, k, (end, errors) => matches.push({ end, errors }));
  return matches;
}

// ---- Scoring ----------------------------------------------------------------------------

interface Context {
  text: string;
  quoteLength: number;
  hint: number;
  prefix: Pattern | null;
  suffix: Pattern | null;
}

function compileContext(text: string, quote: TextQuoteSelector, hint: number): Context {
  const prefix = typeof quote.prefix === 'string' ? quote.prefix : '';
  const suffix = typeof quote.suffix === 'string' ? quote.suffix : '';
  return {
    text,
    quoteLength: typeof quote.exact === 'string' ? quote.exact.length : 0,
    hint,
    // The prefix is matched backwards from the quote's start, so it is compiled reversed.
    prefix: prefix.length > 0 ? compilePattern(reverse(prefix)) : null,
    suffix: suffix.length > 0 ? compilePattern(suffix) : null,
  };
}

/** 1 when the context next to `at` reads exactly as stored, towards 0 as it differs. */
function contextSimilarity(pattern: Pattern, text: string, at: number, dir: 1 | -1): number {
  // Slack lets an insertion or deletion inside the context cost one edit, not a shifted window.
  const scores = anchoredScores(pattern, text, at, dir, pattern.length + 8);
  let best = pattern.length;
  for (const s of scores) if (s < best) best = s;
  return 1 - best / pattern.length;
}

function positionScore(ctx: Context, start: number): number {
  return 1 - Math.abs(start - ctx.hint) / Math.max(ctx.text.length, 1);
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
  /** Similarity of the surrounding text to the stored prefix/suffix, 0..1 (1 if none stored). */
  context: number;
  /** Overall fit, 0..1. */
  score: number;
}

function scoreCandidate(ctx: Context, start: number, end: number, errors: number): Candidate {
  let context = 0;
  let contextWeight = 0;
  if (ctx.prefix) {
    context += WEIGHT.prefix * contextSimilarity(ctx.prefix, ctx.text, start, -1);
    contextWeight += WEIGHT.prefix;
  }
  if (ctx.suffix) {
    context += WEIGHT.suffix * contextSimilarity(ctx.suffix, ctx.text, end, 1);
    contextWeight += WEIGHT.suffix;
  }
  const quote = 1 - errors / Math.max(ctx.quoteLength, 1);
  const score =
    (WEIGHT.quote * quote + context + WEIGHT.position * positionScore(ctx, start)) /
    (WEIGHT.quote + contextWeight + WEIGHT.position);
  return { start, end, errors, context: contextWeight === 0 ? 1 : context / contextWeight, score };
}

function better(a: Candidate, b: Candidate | null, ctx: Context): boolean {
  if (!b) return true;
  if (Math.abs(a.score - b.score) > 1e-9) return a.score > b.score;
  return Math.abs(a.start - ctx.hint) < Math.abs(b.start - ctx.hint);
}

// ---- Anchoring --------------------------------------------------------------------------

/** Verbatim occurrences: best context first, then nearest to the old position. */
function findExact(ctx: Context, exact: string): Candidate | null {
  let best: Candidate | null = null;
  for (let i = ctx.text.indexOf(exact); i !== -1; i = ctx.text.indexOf(exact, i + 1)) {
    const c = scoreCandidate(ctx, i, i + exact.length, 0);
    if (
      !best ||
      c.context > best.context + 1e-9 ||
      (c.context > best.context - 1e-9 && Math.abs(i - ctx.hint) < Math.abs(best.start - ctx.hint))
    ) {
      best = c;
    }
  }
  return best;
}

function trimMatch(text: string, exact: string, start: number, end: number): [number, number] {
  // An edit at the quote's edge can drag whitespace into the match; keep it only if quoted.
  if (!isSpace(exact[0])) while (start < end && isSpace(text[start])) start += 1;
  if (!isSpace(exact[exact.length - 1])) while (end > start && isSpace(text[end - 1])) end -= 1;
  return [start, end];
}

function findFuzzy(ctx: Context, exact: string): Candidate | null {
  const m = exact.length;
  const k = Math.min(MAX_ERRORS, Math.floor(m * ERROR_RATIO));
  if (k < 1) return null;
  const pattern = compilePattern(exact);

  // Adjacent ends belong to the same occurrence: keep the best few of each run (tied ends differ
  // by a trailing edit; the suffix context decides). Finding a start costs O(m^2 / 32), so a long
  // quote keeps one end per run, where such a one-character difference hardly matters.
  const perRun = m > 256 ? 1 : 4;
  const ends: ApproximateMatch[] = [];
  let runEnd = -2;
  let runBest: ApproximateMatch[] = [];
  const flush = (): void => {
    ends.push(...runBest);
    runBest = [];
  };
  searchEnds(pattern, ctx.text, k, (end, errors) => {
    if (end !== runEnd + 1) flush();
    runEnd = end;
    const bestErrors = runBest[0]?.errors ?? Infinity;
    if (errors < bestErrors) runBest = [{ end, errors }];
    else if (errors === bestErrors && runBest.length < perRun) runBest.push({ end, errors });
  });
  flush();
  if (ends.length === 0) return null;
  if (ends.length > MAX_CANDIDATES) {
    ends.sort((a, b) => a.errors - b.errors);
    ends.length = MAX_CANDIDATES;
  }

  const reversed = compilePattern(reverse(exact));
  let best: Candidate | null = null;
  for (const { end } of ends) {
    // The start is where the quote, read backwards from `end`, aligns with fewest edits.
    const scores = anchoredScores(reversed, ctx.text, end, -1, m + k);
    let fewest = Infinity;
    for (const s of scores) if (s < fewest) fewest = s;
    // Tied starts differ by a leading edit; the prefix context decides between a few of them.
    let tried = 0;
    for (let length = 1; length < scores.length && tried < perRun; length += 1) {
      if (scores[length] !== fewest) continue;
      tried += 1;
      const [start, stop] = trimMatch(ctx.text, exact, end - length, end);
      if (start >= stop) continue;
      const c = scoreCandidate(ctx, start, stop, fewest);
      if (better(c, best, ctx)) best = c;
    }
  }
  return best;
}

/**
 * Finds where a highlight's selectors point in `text` now. Never throws: malformed selectors
 * and an empty quote (nothing to show) are orphans.
 */
export function anchor(text: string, selectors: Selectors): AnchorResult {
  const source = typeof text === 'string' ? text : '';
  const quote: Partial<TextQuoteSelector> = selectors?.quote ?? {};
  const position: Partial<TextPositionSelector> = selectors?.position ?? {};
  const exact = typeof quote.exact === 'string' ? quote.exact : '';
  if (exact.length === 0 || source.length === 0) return { status: 'orphan' };

  const start = position.start;
  const end = position.end;
  if (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (end as number) <= source.length &&
    source.slice(start, end) === exact
  ) {
    return { status: 'exact', start: start as number, end: end as number };
  }

  const ctx = compileContext(
    source,
    { type: 'TextQuoteSelector', exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '' },
    toIndex(start, source.length),
  );
  const verbatim = findExact(ctx, exact);
  const hasContext = ctx.prefix !== null || ctx.suffix !== null;
  if (verbatim && (!hasContext || verbatim.context >= TRUSTED_CONTEXT)) {
    return { status: 'moved', start: verbatim.start, end: verbatim.end };
  }
  // Either no verbatim copy, or only ones in foreign context: the edited original may fit better.
  const fuzzy = findFuzzy(ctx, exact);
  if (verbatim && (!fuzzy || !better(fuzzy, verbatim, ctx) || fuzzy.errors === 0)) {
    return { status: 'moved', start: verbatim.start, end: verbatim.end };
  }
  if (fuzzy) return { status: 'fuzzy', start: fuzzy.start, end: fuzzy.end };
  return { status: 'orphan' };
}

export interface AnchoredHighlight {
  id: string;
  result: AnchorResult;
}

/** Anchors each highlight independently, in input order. */
export function anchorAll(
  text: string,
  highlights: ReadonlyArray<{ id: string } & Selectors>,
): AnchoredHighlight[] {
  return (highlights ?? []).map((h) => ({ id: h.id, result: anchor(text, h) }));
}

// ---- Rendering --------------------------------------------------------------------------

/** Offset of each paragraph in `clippingText(paragraphs)`. */
export function paragraphOffsets(paragraphs: readonly string[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const p of paragraphs) {
    offsets.push(at);
    at += p.length + PARAGRAPH_SEPARATOR.length;
  }
  return offsets;
}

export interface Run {
  text: string;
  /** Highlights covering this run, in the order the ranges were given. */
  ids: string[];
}

/**
 * Splits each paragraph into runs of text covered by the same set of highlights, for
 * rendering as nested marks. Ranges are in `clippingText` offsets and may overlap or span
 * paragraphs; runs are never empty, and an empty paragraph has none.
 */
export function segmentParagraphs(
  paragraphs: readonly string[],
  ranges: ReadonlyArray<{ id: string; start: number; end: number }>,
): Run[][] {
  const offsets = paragraphOffsets(paragraphs);
  const valid = ranges.filter(
    (r) => Number.isFinite(r.start) && Number.isFinite(r.end) && r.start < r.end,
  );
  return paragraphs.map((paragraph, i) => {
    const base = offsets[i]!;
    const limit = base + paragraph.length;
    const cuts = new Set<number>([0, paragraph.length]);
    const inside: Array<{ id: string; from: number; to: number }> = [];
    for (const r of valid) {
      const from = Math.max(r.start, base) - base;
      const to = Math.min(r.end, limit) - base;
      if (from >= to) continue;
      // Fractional offsets would cut inside a code unit; round outwards to keep the mark.
      const f = Math.floor(from);
      const t = Math.ceil(to);
      inside.push({ id: r.id, from: f, to: t });
      cuts.add(f);
      cuts.add(t);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const runs: Run[] = [];
    for (let c = 0; c + 1 < points.length; c += 1) {
      const from = points[c]!;
      const to = points[c + 1]!;
      const ids: string[] = [];
      for (const r of inside)
        if (r.from <= from && r.to >= to && !ids.includes(r.id)) ids.push(r.id);
      const previous = runs[runs.length - 1];
      if (previous && sameIds(previous.ids, ids)) previous.text += paragraph.slice(from, to);
      else runs.push({ text: paragraph.slice(from, to), ids });
    }
    return runs;
  });
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
