/**
 * The parsed search query: what the parser (query.ts) produces and the index evaluates.
 * Every node carries the [start, end) range of the text it came from, so that an error found
 * while evaluating (or a notice, such as a wildcard's expansion cap) can point at it.
 */

import type { StoryFilter } from '../stories/filters';
import type { CoverageFilter } from './coverage-filter';

export type Filter =
  | { kind: 'tag'; value: string }
  | { kind: 'source'; value: string }
  | { kind: 'author'; value: string }
  | { kind: 'lang'; value: string }
  /** yyyymmdd bounds: before → published < day; after → published >= day. */
  | { kind: 'before'; day: number }
  | { kind: 'after'; day: number }
  | { kind: 'has'; value: 'highlights' | 'note' }
  /** tone:, type:, page:, reach>, has:tone (coverage-filter.ts). */
  | CoverageFilter
  /** is:original, story:, copies>N (src/shared/stories/filters.ts). */
  | StoryFilter;

/**
 * Where a word must occur: the title, the lead (the first paragraph of the text), the text,
 * or the notes (the article note and highlight notes). null: anywhere.
 */
export type Field = 'title' | 'lead' | 'text' | 'note';

export interface Span {
  start: number;
  end: number;
}

/** How close two operands of a proximity operator must be. */
export type Proximity =
  /** Within `distance` words (at most distance − 1 words between); `ordered`: left first. */
  | { unit: 'words'; distance: number; ordered: boolean }
  | { unit: 'sentence' }
  | { unit: 'paragraph' };

export type QueryNode =
  /** `exact`: quoted, so no stemming. `prefix`: the word being typed. */
  | ({ type: 'term'; term: string; prefix: boolean; exact: boolean; field: Field | null } & Span)
  /** Folded letters with `*` (any ending, possibly none) and `?` (exactly one letter). */
  | ({ type: 'wildcard'; pattern: string; field: Field | null } & Span)
  | ({ type: 'phrase'; terms: string[]; field: Field | null } & Span)
  | ({ type: 'near'; left: QueryNode; right: QueryNode; proximity: Proximity } & Span)
  /** The child (words, phrases, wildcards, OR of them) occurs at least `count` times. */
  | ({ type: 'atleast'; count: number; child: QueryNode } & Span)
  | ({ type: 'filter'; filter: Filter } & Span)
  | ({ type: 'not'; child: QueryNode } & Span)
  | ({ type: 'or'; children: QueryNode[] } & Span)
  | ({ type: 'and'; children: QueryNode[] } & Span);

export interface QueryError extends Span {
  message: string;
}

export type ParseResult = { ok: true; query: QueryNode | null } | { ok: false; error: QueryError };

/** Whether any filter in the tree passes `test` (the tree's shape lives here, with the type). */
export function someFilter(node: QueryNode | null, test: (filter: Filter) => boolean): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'filter':
      return test(node.filter);
    case 'not':
    case 'atleast':
      return someFilter(node.child, test);
    case 'near':
      return someFilter(node.left, test) || someFilter(node.right, test);
    case 'and':
    case 'or':
      return node.children.some((child) => someFilter(child, test));
    default:
      return false;
  }
}

/** Whether evaluating `node` needs word positions (phrases, proximity, fields, atleast). */
export function needsPositions(node: QueryNode | null): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'phrase':
    case 'near':
    case 'atleast':
      return true;
    case 'term':
    case 'wildcard':
      return node.field !== null;
    case 'not':
      return needsPositions(node.child);
    case 'and':
    case 'or':
      return node.children.some(needsPositions);
    case 'filter':
      return false;
  }
}

/** Words, phrases and wildcards, and ORs and proximities of them: what has positions. */
export function isPositional(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
    case 'wildcard':
    case 'phrase':
      return true;
    case 'or':
      return node.children.every(isPositional);
    case 'near':
      return true;
    default:
      return false;
  }
}
