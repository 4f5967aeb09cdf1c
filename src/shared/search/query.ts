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
import type { Field, QueryNode, ParseResult } from './query-ast';
import { isPositional } from './query-ast';
import { fail, lex, ParseFailure, type Range, type Token } from './query-lexer';

export type { Field, Filter, ParseResult, Proximity, QueryError, QueryNode } from './query-ast';
export { MAX_ATLEAST, MAX_DISTANCE } from './query-lexer';

export interface ParseOptions {
  /** Treat the last bare word as a prefix unless the text ends with a space. Default true. */
  prefixLast?: boolean;
}

export function parseQuery(text: string, options: ParseOptions = {}): ParseResult {
  try {
    const tokens = lex(text, options.prefixLast ?? true);
    return { ok: true, query: new Parser(tokens, text.length).parse() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

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
