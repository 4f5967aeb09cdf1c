/**
 * The search box language. Words are ANDed; `OR` (upper case) between two items makes an
 * alternative and binds tighter than the implicit AND (`a b OR c` = a AND (b OR c)).
 *   "exact phrase"   -word   -"phrase"   -tag:x
 *   tag:politics (also politics/…)   source:guardian   author:kovac   lang:en
 *   before:2024 (published before 2024-01-01)   after:2024-03 (on or after 2024-03-01)
 *   has:highlights   has:note   is:original   story:ID   copies>N (see stories/filters.ts)
 * The last bare word is a prefix while the user is still typing it (no trailing space).
 * Errors never throw: they come back with a message and the [start, end) range to mark.
 */
import { parseCopiesFilter, parseIsFilter, type StoryFilter } from '../stories/filters';
import { foldTag, foldText, tokenize } from './text';

export type Filter =
  | { kind: 'tag'; value: string }
  | { kind: 'source'; value: string }
  | { kind: 'author'; value: string }
  | { kind: 'lang'; value: string }
  /** yyyymmdd bounds: before → published < day; after → published >= day. */
  | { kind: 'before'; day: number }
  | { kind: 'after'; day: number }
  | { kind: 'has'; value: 'highlights' | 'note' }
  /** is:original, story:, copies>N (src/shared/stories/filters.ts). */
  | StoryFilter;

interface Span {
  start: number;
  end: number;
}

export type QueryNode =
  /** `exact`: quoted, so no stemming. `prefix`: the word being typed. */
  | ({ type: 'term'; term: string; prefix: boolean; exact: boolean } & Span)
  | ({ type: 'phrase'; terms: string[] } & Span)
  | ({ type: 'filter'; filter: Filter } & Span)
  | ({ type: 'not'; child: QueryNode } & Span)
  | ({ type: 'or'; children: QueryNode[] } & Span)
  | ({ type: 'and'; children: QueryNode[] } & Span);

export interface QueryError extends Span {
  message: string;
}

export type ParseResult = { ok: true; query: QueryNode | null } | { ok: false; error: QueryError };

export interface ParseOptions {
  /** Treat the last bare word as a prefix unless the text ends with a space. Default true. */
  prefixLast?: boolean;
}

const OPERATORS = [
  'tag',
  'source',
  'author',
  'lang',
  'before',
  'after',
  'has',
  'is',
  'story',
] as const;
type Operator = (typeof OPERATORS)[number];
const OPERATOR_LIST = 'tag:, source:, author:, lang:, before:, after:, has:, is: or story:';
const EXAMPLES: Record<Operator, string> = {
  tag: 'tag:politics',
  source: 'source:guardian',
  author: 'author:smith',
  lang: 'lang:en',
  before: 'before:2024-06',
  after: 'after:2023',
  has: 'has:highlights',
  is: 'is:original',
  story: 'story: (with a clipping open)',
};

const OPEN_QUOTES = new Set(['"', '“', '„', '«']);
const CLOSE_QUOTES = new Set(['"', '”', '“', '»']);
const SPACE = /\s/;

class ParseFailure {
  constructor(readonly error: QueryError) {}
}

function fail(message: string, start: number, end: number): never {
  throw new ParseFailure({ message, start, end });
}

type Item = { kind: 'or'; start: number; end: number } | { kind: 'node'; node: QueryNode };

export function parseQuery(text: string, options: ParseOptions = {}): ParseResult {
  try {
    return { ok: true, query: parse(text, options.prefixLast ?? true) };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

function parse(text: string, prefixLast: boolean): QueryNode | null {
  const items: Item[] = [];
  let lastBare: QueryNode | null = null;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (SPACE.test(text[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let negate = false;
    if (text[i] === '-') {
      // A dash alone (or before a space) is punctuation, not an exclusion.
      if (i + 1 >= n || SPACE.test(text[i + 1]!)) {
        i++;
        continue;
      }
      negate = true;
      i++;
    }
    let node: QueryNode | null;
    let bare = false;
    if (OPEN_QUOTES.has(text[i]!)) {
      const [content, end] = readQuoted(text, i);
      i = end;
      node = phraseNode(content, start, end, true);
    } else {
      let end = i;
      while (end < n && !SPACE.test(text[end]!) && !(end > i && OPEN_QUOTES.has(text[end]!))) {
        const colon = text[end] === ':';
        end++;
        // An operator's quoted value may contain spaces: `source:"new york times"`.
        if (colon && OPEN_QUOTES.has(text[end] ?? '')) break;
      }
      const word = text.slice(i, end);
      const colon = word.indexOf(':');
      const copies = parseCopiesFilter(word);
      if (copies) {
        node = { type: 'filter', filter: copies, start, end };
        i = end;
        if (negate) node = { type: 'not', child: node, start, end };
        items.push({ kind: 'node', node });
        lastBare = null;
        continue;
      }
      if (!negate && word === 'OR') {
        items.push({ kind: 'or', start, end });
        i = end;
        continue;
      }
      if (
        colon > 0 &&
        /^\p{L}+$/u.test(word.slice(0, colon)) &&
        !word.startsWith('//', colon + 1)
      ) {
        const name = word.slice(0, colon).toLowerCase();
        if (!(OPERATORS as readonly string[]).includes(name)) {
          fail(
            `Unknown operator "${word.slice(0, colon)}:". Use ${OPERATOR_LIST}`,
            i,
            i + colon + 1,
          );
        }
        const op = name as Operator;
        let value: string;
        let valueStart = i + colon + 1;
        if (OPEN_QUOTES.has(text[valueStart] ?? '')) {
          const [content, quotedEnd] = readQuoted(text, valueStart);
          value = content;
          end = quotedEnd;
          valueStart++;
        } else {
          value = word.slice(colon + 1);
        }
        if (value.trim() === '') {
          fail(`${op}: needs a value, e.g. ${EXAMPLES[op]}`, i, end);
        }
        node = {
          type: 'filter',
          filter: makeFilter(op, value.trim(), valueStart, end),
          start,
          end,
        };
      } else {
        node = phraseNode(word, start, end, false);
        bare = !negate && node?.type === 'term';
      }
      i = end;
    }
    if (!node) continue;
    if (negate) node = { type: 'not', child: node, start, end: node.end };
    items.push({ kind: 'node', node });
    lastBare = bare ? node : null;
  }
  // The word being typed: the last item, a bare word, with no space after it.
  const last = items[items.length - 1];
  if (
    prefixLast &&
    lastBare?.type === 'term' &&
    last?.kind === 'node' &&
    last.node === lastBare &&
    lastBare.end === n
  ) {
    lastBare.prefix = true;
  }
  return combine(items);
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
    return { type: 'term', term: tokens[0]!.term, prefix: false, exact, start, end };
  }
  return { type: 'phrase', terms: tokens.map((t) => t.term), start, end };
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function makeFilter(op: Operator, value: string, start: number, end: number): Filter {
  switch (op) {
    case 'tag':
      return { kind: 'tag', value: foldTag(value) };
    case 'source':
    case 'author': {
      const folded = foldText(value);
      if (folded === '') fail(`${op}: needs a name, e.g. ${EXAMPLES[op]}`, start, end);
      return { kind: op, value: folded };
    }
    case 'lang':
      if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(value)) {
        fail('lang: takes a language code such as en, ru or ar', start, end);
      }
      return { kind: 'lang', value: value.toLowerCase() };
    case 'is': {
      const filter = parseIsFilter(value);
      return typeof filter === 'string' ? fail(filter, start, end) : filter;
    }
    case 'story':
      return { kind: 'story', id: value };
    case 'has': {
      const v = value.toLowerCase();
      if (v === 'highlights' || v === 'highlight') return { kind: 'has', value: 'highlights' };
      if (v === 'note' || v === 'notes') return { kind: 'has', value: 'note' };
      return fail('has: takes highlights or note', start, end);
    }
    case 'before':
    case 'after': {
      const m = DATE.exec(value);
      const year = Number(m?.[1]);
      const month = m?.[2] === undefined ? 1 : Number(m[2]);
      const day = m?.[3] === undefined ? 1 : Number(m[3]);
      const valid =
        m !== null &&
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
      if (!valid) {
        fail(`"${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`, start, end);
      }
      return { kind: op, day: year * 10000 + month * 100 + day };
    }
  }
}

function combine(items: Item[]): QueryNode | null {
  const children: QueryNode[] = [];
  let pendingOr = false;
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    if (item.kind === 'or') {
      const next = items[k + 1];
      if (children.length === 0 || pendingOr || !next) {
        fail('OR needs a word or filter on each side', item.start, item.end);
      }
      pendingOr = true;
      continue;
    }
    const node = item.node;
    if (pendingOr) {
      const left = children.pop()!;
      children.push(
        left.type === 'or'
          ? { ...left, children: [...left.children, node], end: node.end }
          : { type: 'or', children: [left, node], start: left.start, end: node.end },
      );
      pendingOr = false;
    } else {
      children.push(node);
    }
  }
  if (children.length === 0) return null;
  if (children.length === 1) return children[0]!;
  return {
    type: 'and',
    children,
    start: children[0]!.start,
    end: children[children.length - 1]!.end,
  };
}
