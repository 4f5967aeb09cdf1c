/**
 * The search box language, with the operators and precedence of Nexis (Factiva users know
 * them too; where Factiva differs, parentheses make a query mean the same in both).
 *
 * From tightest to loosest:
 *   1. ( … )  parentheses, to any depth; `-x` excludes x; `title:` `lead:` `text:` `note:`
 *      scope what follows to a field; `atleast3(x)` wants x at least three times
 *   2. OR
 *   3. proximity: w/N (within N words, either order; near/N is the same), pre/N (the left
 *      operand first), then w/s (same sentence), then w/p (same paragraph); several are
 *      applied smallest N first, then left to right
 *   4. AND, also implicit between two items
 *   5. NOT (also AND NOT): everything after it is excluded
 * Operators are case-insensitive; quote them ("and") to search for the word. Words may hold
 * `*` (any ending) and `?` (one letter) anywhere. Also: "exact phrase", tag:politics (and
 * politics/…), source:guardian, author:kovac, lang:en, before:2024, after:2024-03,
 * has:highlights, has:note; coverage: tone:negative, type:print, page:1, reach>100000,
 * has:tone (coverage-filter.ts); stories: is:original, story:ID, copies>N (stories/filters.ts).
 * The last bare word is a prefix while the user is still typing it (no trailing space).
 * Errors never throw: they come back with a message and the [start, end) range to mark.
 */
import type { Field, Proximity, QueryError, QueryNode, ParseResult } from './query-ast';
import { isPositional } from './query-ast';
import {
  EXAMPLES,
  FIELDS,
  OPERATORS,
  OPERATOR_LIST,
  makeFilter,
  type Operator,
} from './query-filters';
import { parseCopiesFilter } from '../stories/filters';
import { splitComparison } from './coverage-filter';
import { terms, tokenize } from './text';

export type { Field, Filter, ParseResult, Proximity, QueryError, QueryNode } from './query-ast';

export interface ParseOptions {
  /** Treat the last bare word as a prefix unless the text ends with a space. Default true. */
  prefixLast?: boolean;
}

/** The largest N of w/N and pre/N, and of atleastN. */
export const MAX_DISTANCE = 255;
export const MAX_ATLEAST = 1000;
/** A wildcard needs this many letters besides * and ?, or it would stand for most words. */
const MIN_WILDCARD_LETTERS = 2;

const OPEN_QUOTES = new Set(['"', '“', '„', '«']);
const CLOSE_QUOTES = new Set(['"', '”', '“', '»']);
const SPACE = /\s/;
const PROXIMITY = /^(w|near|pre)\/(\d+)$/i;
const PROXIMITY_LIKE = /^(w|near|pre)\//i;
const ATLEAST = /^atleast(\d+)$/i;

class ParseFailure {
  constructor(readonly error: QueryError) {}
}

function fail(message: string, start: number, end: number): never {
  throw new ParseFailure({ message, start, end });
}

interface Range {
  start: number;
  end: number;
}

type Token = Range &
  (
    | { k: 'open' }
    | { k: 'close' }
    | { k: 'or' }
    | { k: 'and' }
    | { k: 'not' }
    | { k: 'neg' }
    | { k: 'prox'; proximity: Proximity; rank: number; text: string }
    | { k: 'scope'; field: Field }
    | { k: 'atleast'; count: number }
    /** `bare`: an unquoted word that may be the one being typed. */
    | { k: 'item'; node: QueryNode; bare: boolean }
  );

export function parseQuery(text: string, options: ParseOptions = {}): ParseResult {
  try {
    const tokens = lex(text, options.prefixLast ?? true);
    return { ok: true, query: new Parser(tokens, text.length).parse() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

// ---- Lexer -------------------------------------------------------------------------------

function lex(text: string, prefixLast: boolean): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ k: c === '(' ? 'open' : 'close', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '-') {
      // A dash alone (or before a space) is punctuation, not an exclusion.
      if (i + 1 < n && !SPACE.test(text[i + 1]!)) out.push({ k: 'neg', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (OPEN_QUOTES.has(c)) {
      const [content, end] = readQuoted(text, i);
      const node = phraseNode(content, i, end, true);
      if (node) out.push({ k: 'item', node, bare: false, start: i, end });
      i = end;
      continue;
    }
    let end = i;
    while (end < n) {
      const ch = text[end]!;
      if (SPACE.test(ch) || ch === '(' || ch === ')' || (end > i && OPEN_QUOTES.has(ch))) break;
      end++;
      // An operator's quoted value may contain spaces: `source:"new york times"`.
      if (ch === ':' && OPEN_QUOTES.has(text[end] ?? '')) break;
    }
    i = lexWord(text, i, end, out);
  }
  // The word being typed: the last token, a bare word (or an operator word, which is a
  // word until it is finished), with no space after it.
  const last = out[out.length - 1];
  const before = out[out.length - 2];
  const negated = before?.k === 'neg' && before.end === last?.start;
  if (prefixLast && last && last.end === n && !negated) {
    if (last.k === 'item' && last.bare && last.node.type === 'term') last.node.prefix = true;
    if (last.k === 'or' || last.k === 'and' || last.k === 'not') {
      const word = text.slice(last.start, last.end).toLowerCase();
      out[out.length - 1] = {
        k: 'item',
        bare: true,
        start: last.start,
        end: last.end,
        node: term(word, last.start, last.end, true),
      };
    }
  }
  return out;
}

function term(word: string, start: number, end: number, prefix = false): QueryNode {
  return { type: 'term', term: word, prefix, exact: false, field: null, start, end };
}

/** Lexes the word text[start, end) (and an operator's quoted value after it); returns where it stops. */
function lexWord(text: string, start: number, end: number, out: Token[]): number {
  const word = text.slice(start, end);
  const lower = word.toLowerCase();
  if (lower === 'or' || lower === 'and' || lower === 'not') {
    out.push({ k: lower, start, end });
    return end;
  }
  const prox = PROXIMITY.exec(word);
  if (prox) {
    const distance = Number(prox[2]);
    if (distance < 1 || distance > MAX_DISTANCE) {
      fail(`${word}: the number of words must be from 1 to ${MAX_DISTANCE}`, start, end);
    }
    const ordered = prox[1]!.toLowerCase() === 'pre';
    out.push({
      k: 'prox',
      proximity: { unit: 'words', distance, ordered },
      rank: distance,
      text: word,
      start,
      end,
    });
    return end;
  }
  if (lower === 'w/s' || lower === '/s' || lower === 'w/p' || lower === '/p') {
    const sentence = lower.endsWith('s');
    out.push({
      k: 'prox',
      proximity: { unit: sentence ? 'sentence' : 'paragraph' },
      rank: sentence ? MAX_DISTANCE + 1 : MAX_DISTANCE + 2,
      text: word,
      start,
      end,
    });
    return end;
  }
  if (PROXIMITY_LIKE.test(word)) {
    fail(
      `${word.slice(0, word.indexOf('/') + 1)} takes a number of words (w/5, pre/3, near/10), ` +
        'or s for the same sentence (w/s), p for the same paragraph (w/p)',
      start,
      end,
    );
  }
  const atleast = ATLEAST.exec(word);
  if (atleast) {
    const count = Number(atleast[1]);
    if (text[end] !== '(') {
      fail(`${word} counts what follows in parentheses: ${word}(protest)`, start, end);
    }
    if (count < 1 || count > MAX_ATLEAST) {
      fail(`${word}: the count must be from 1 to ${MAX_ATLEAST}`, start, end);
    }
    out.push({ k: 'atleast', count, start, end });
    return end;
  }
  // `copies>3`: how many other copies the clipping's story has.
  const copies = parseCopiesFilter(word);
  if (copies) {
    out.push({
      k: 'item',
      node: { type: 'filter', filter: copies, start, end },
      bare: false,
      start,
      end,
    });
    return end;
  }
  // `reach>100000`, `page<=3`: a coverage comparison, written without a colon.
  const comparison = splitComparison(word);
  if (comparison) {
    const from = start + comparison.valueAt;
    if (comparison.value.trim() === '') {
      fail(`${comparison.name} needs a value, e.g. ${EXAMPLES[comparison.name]}`, start, end);
    }
    const filter = makeFilter(comparison.name, comparison.value, from, end, comparison.op);
    if ('message' in filter) throw new ParseFailure(filter);
    out.push({ k: 'item', node: { type: 'filter', filter, start, end }, bare: false, start, end });
    return end;
  }
  const colon = word.indexOf(':');
  if (colon > 0 && /^\p{L}+$/u.test(word.slice(0, colon)) && !word.startsWith('//', colon + 1)) {
    return lexOperator(text, start, end, colon, out);
  }
  if (/[*?]/.test(word)) {
    out.push({ k: 'item', node: wildcardNode(word, start, end), bare: false, start, end });
    return end;
  }
  const node = phraseNode(word, start, end, false);
  if (node) out.push({ k: 'item', node, bare: node.type === 'term', start, end });
  return end;
}

/** `name:value`: a field scope or a metadata filter. */
function lexOperator(
  text: string,
  start: number,
  end: number,
  colon: number,
  out: Token[],
): number {
  const word = text.slice(start, end);
  const name = word.slice(0, colon).toLowerCase();
  const valueStart = start + colon + 1;
  if ((FIELDS as readonly string[]).includes(name)) {
    out.push({ k: 'scope', field: name as Field, start, end: valueStart });
    // The value is lexed as what it is: a word, a quoted phrase or a parenthesis.
    if (valueStart === end && !OPEN_QUOTES.has(text[end] ?? '') && text[end] !== '(') {
      fail(`${name}: needs a word, a "phrase" or (a group) after it`, start, valueStart);
    }
    if (valueStart < end) return lexWord(text, valueStart, end, out);
    return end;
  }
  if (!(OPERATORS as readonly string[]).includes(name)) {
    fail(`Unknown operator "${word.slice(0, colon)}:". Use ${OPERATOR_LIST}`, start, valueStart);
  }
  const op = name as Operator;
  let value: string;
  let from = valueStart;
  let to = end;
  if (OPEN_QUOTES.has(text[valueStart] ?? '')) {
    const [content, quotedEnd] = readQuoted(text, valueStart);
    value = content;
    to = quotedEnd;
    from++;
  } else {
    value = word.slice(colon + 1);
  }
  if (value.trim() === '') fail(`${op}: needs a value, e.g. ${EXAMPLES[op]}`, start, to);
  const filter = makeFilter(op, value.trim(), from, to);
  if ('message' in filter) throw new ParseFailure(filter);
  out.push({
    k: 'item',
    node: { type: 'filter', filter, start, end: to },
    bare: false,
    start,
    end: to,
  });
  return to;
}

/** Reads `"…"` from the opening quote at `at`; returns the content and the end index. */
function readQuoted(text: string, at: number): [string, number] {
  let j = at + 1;
  while (j < text.length && !CLOSE_QUOTES.has(text[j]!)) j++;
  if (j >= text.length) fail('Unclosed quote: add a closing "', at, text.length);
  return [text.slice(at + 1, j), j + 1];
}

/** A word or quoted text: one token is a term, several are a phrase, none is nothing. */
function phraseNode(raw: string, start: number, end: number, exact: boolean): QueryNode | null {
  const tokens = tokenize(raw);
  if (tokens.length === 0) return null;
  if (tokens.length === 1) {
    return { type: 'term', term: tokens[0]!.term, prefix: false, exact, field: null, start, end };
  }
  return { type: 'phrase', terms: tokens.map((t) => t.term), field: null, start, end };
}

/** `pesticid*`, `wom?n`: the letters folded as words are, the wildcards kept. */
function wildcardNode(word: string, start: number, end: number): QueryNode {
  let pattern = '';
  let letters = 0;
  for (const piece of word.split(/([*?])/)) {
    if (piece === '*' || piece === '?') {
      // `**` means no more than `*`.
      if (!(piece === '*' && pattern.endsWith('*'))) pattern += piece;
      continue;
    }
    const folded = terms(piece).join('');
    letters += folded.length;
    pattern += folded;
  }
  if (letters < MIN_WILDCARD_LETTERS) {
    fail(
      `${word} stands for too many words: give at least ${MIN_WILDCARD_LETTERS} letters besides * and ?`,
      start,
      end,
    );
  }
  // A wildcard with nothing to fill in (`word*` is `word` or longer) is still a wildcard.
  return { type: 'wildcard', pattern, field: null, start, end };
}

// ---- Parser ------------------------------------------------------------------------------

const OPERATOR_NAMES: Record<'or' | 'and' | 'not', string> = { or: 'OR', and: 'AND', not: 'NOT' };

class Parser {
  private at = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly length: number,
  ) {}

  parse(): QueryNode | null {
    const node = this.parseNot();
    const stray = this.tokens[this.at];
    if (stray) {
      // Only a closing parenthesis stops every level.
      fail('This ) closes nothing: remove it or add a ( before it', stray.start, stray.end);
    }
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private startsOperand(t: Token | undefined): boolean {
    return (
      t !== undefined &&
      (t.k === 'item' || t.k === 'open' || t.k === 'neg' || t.k === 'scope' || t.k === 'atleast')
    );
  }

  private missing(op: Token & { k: 'or' | 'and' | 'not' }, side: 'before' | 'after'): never {
    const name = OPERATOR_NAMES[op.k];
    fail(`${name} needs a word, phrase or group ${side} it`, op.start, op.end);
  }

  /** NOT, loosest: `a b NOT c d` is (a AND b) AND NOT (c AND d). */
  private parseNot(): QueryNode | null {
    let left = this.parseAnd();
    const excluded: QueryNode[] = [];
    for (let t = this.peek(); t?.k === 'not'; t = this.peek()) {
      this.at++;
      const right = this.parseAnd();
      if (!right) this.missing(t, 'after');
      const not: QueryNode = { type: 'not', child: right, start: t.start, end: right.end };
      // A leading NOT excludes from everything, as `-x` does.
      if (!left && excluded.length === 0) left = not;
      else excluded.push(not);
    }
    if (!left) return null;
    if (excluded.length === 0) return left;
    return and([left, ...excluded]);
  }

  private parseAnd(): QueryNode | null {
    const parts: QueryNode[] = [];
    for (;;) {
      const t = this.peek();
      if (t?.k === 'and') {
        this.at++;
        if (parts.length === 0) this.missing(t, 'before');
        // AND NOT is NOT.
        if (this.peek()?.k === 'not') break;
        if (!this.startsOperand(this.peek())) this.missing(t, 'after');
        continue;
      }
      if (!this.startsOperand(t)) {
        if (t?.k === 'or') this.missing(t, 'before');
        if (t?.k === 'prox') {
          fail(`${t.text} needs a word, phrase or group before it`, t.start, t.end);
        }
        break;
      }
      const part = this.parseProximity();
      if (!part) break;
      parts.push(part);
    }
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0]! : and(parts);
  }

  private parseProximity(): QueryNode | null {
    const first = this.parseOr();
    if (!first) return null;
    const operands: QueryNode[] = [first];
    const ops: (Token & { k: 'prox' })[] = [];
    for (let t = this.peek(); t?.k === 'prox'; t = this.peek()) {
      this.at++;
      if (!this.startsOperand(this.peek())) {
        fail(`${t.text} needs a word, phrase or group after it`, t.start, t.end);
      }
      const right = this.parseOr();
      if (!right) fail(`${t.text} needs a word, phrase or group after it`, t.start, t.end);
      ops.push(t);
      operands.push(right);
    }
    // Smallest N first (then same sentence, then same paragraph), then left to right.
    while (ops.length > 0) {
      let k = 0;
      for (let j = 1; j < ops.length; j++) if (ops[j]!.rank < ops[k]!.rank) k = j;
      const op = ops[k]!;
      const left = operands[k]!;
      const right = operands[k + 1]!;
      for (const side of [left, right]) {
        if (!isPositional(side)) {
          fail(
            `${op.text} links words, "phrases" and (groups of words joined by OR), ` +
              `not ${describe(side)}`,
            side.start,
            side.end,
          );
        }
      }
      const near: QueryNode = {
        type: 'near',
        left,
        right,
        proximity: op.proximity,
        start: left.start,
        end: right.end,
      };
      operands.splice(k, 2, near);
      ops.splice(k, 1);
    }
    return operands[0]!;
  }

  private parseOr(): QueryNode | null {
    const first = this.parseUnary();
    if (!first) return null;
    const children: QueryNode[] = [first];
    for (let t = this.peek(); t?.k === 'or'; t = this.peek()) {
      this.at++;
      if (!this.startsOperand(this.peek())) this.missing(t, 'after');
      const next = this.parseUnary();
      if (!next) this.missing(t, 'after');
      children.push(next);
    }
    if (children.length === 1) return first;
    return { type: 'or', children, start: first.start, end: children[children.length - 1]!.end };
  }

  private parseUnary(): QueryNode | null {
    const t = this.peek();
    if (!t) return null;
    switch (t.k) {
      case 'item':
        this.at++;
        return t.node;
      case 'neg': {
        this.at++;
        const child = this.parseUnary();
        // `-` before something that is not a word (an operator, a parenthesis) is ignored.
        if (!child) return null;
        return { type: 'not', child, start: t.start, end: child.end };
      }
      case 'scope': {
        this.at++;
        const child = this.parseUnary();
        if (!child)
          fail(`${t.field}: needs a word, a "phrase" or (a group) after it`, t.start, t.end);
        return withField(child, t.field, t);
      }
      case 'atleast': {
        this.at++;
        const child = this.parseGroup();
        if (!isPositional(child)) {
          fail(
            `atleast${t.count} counts words, "phrases" and (groups of words joined by OR), ` +
              `not ${describe(child)}`,
            child.start,
            child.end,
          );
        }
        return { type: 'atleast', count: t.count, child, start: t.start, end: child.end };
      }
      case 'open':
        return this.parseGroup();
      default:
        return null;
    }
  }

  /** `( … )` from the opening parenthesis. */
  private parseGroup(): QueryNode {
    const open = this.peek()!;
    this.at++;
    const inner = this.parseNot();
    const close = this.peek();
    if (close?.k !== 'close') {
      if (!close) fail('Unclosed parenthesis: add a )', open.start, this.length);
      fail(`Unexpected ${this.describeToken(close)} in parentheses`, close.start, close.end);
    }
    this.at++;
    if (!inner) fail('Empty parentheses: put words in them or remove them', open.start, close.end);
    return inner;
  }

  private describeToken(t: Token): string {
    return t.k === 'prox' ? t.text : t.k;
  }
}

function and(children: QueryNode[]): QueryNode {
  return {
    type: 'and',
    children,
    start: children[0]!.start,
    end: children[children.length - 1]!.end,
  };
}

function describe(node: QueryNode): string {
  switch (node.type) {
    case 'filter':
      return `a filter (${node.filter.kind}:)`;
    case 'not':
      return 'an exclusion';
    case 'and':
      return 'words joined by AND (put OR between them, or use two proximity operators)';
    case 'atleast':
      return 'atleast';
    default:
      return 'this';
  }
}

/** Scopes the words of `node` to `field` (words already scoped keep theirs). */
function withField(node: QueryNode, field: Field, scope: Range): QueryNode {
  switch (node.type) {
    case 'term':
    case 'wildcard':
    case 'phrase':
      return node.field ? node : { ...node, field };
    case 'filter':
      return fail(
        `${field}: applies to words, not to the filter ${node.filter.kind}:`,
        scope.start,
        node.end,
      );
    case 'not':
    case 'atleast':
      return { ...node, child: withField(node.child, field, scope) };
    case 'near':
      return {
        ...node,
        left: withField(node.left, field, scope),
        right: withField(node.right, field, scope),
      };
    case 'and':
    case 'or':
      return { ...node, children: node.children.map((c) => withField(c, field, scope)) };
  }
}
