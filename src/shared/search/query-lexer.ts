/**
 * The lexer of the search box language (query.ts has the grammar): words, quoted phrases,
 * operators (AND, OR, NOT, w/N, atleastN), field scopes and metadata filters as tokens, each
 * with the [start, end) range of its text. Errors are thrown as ParseFailure, which
 * parseQuery turns into a result.
 */
import type { Field, Proximity, QueryError, QueryNode } from './query-ast';
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

export class ParseFailure {
  constructor(readonly error: QueryError) {}
}

export function fail(message: string, start: number, end: number): never {
  throw new ParseFailure({ message, start, end });
}

export interface Range {
  start: number;
  end: number;
}

export type Token = Range &
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

/** The tokens of `text`; with `prefixLast`, the word being typed (last, no space after it) is a prefix. */
export function lex(text: string, prefixLast: boolean): Token[] {
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
