/** The values of the metadata operators (`tag:`, `before:`, …): checked and folded. */
import {
  COVERAGE_EXAMPLES,
  COVERAGE_OPERATORS,
  coverageFilter,
  type Comparison,
} from './coverage-filter';
import { parseIsFilter } from '../stories/filters';
import type { Filter, QueryError } from './query-ast';
import { foldTag, foldText } from './text';

export const OPERATORS = [
  'tag',
  'source',
  'author',
  'lang',
  'before',
  'after',
  'has',
  ...COVERAGE_OPERATORS,
  'is',
  'story',
] as const;
export type Operator = (typeof OPERATORS)[number];
export const FIELDS = ['title', 'lead', 'text', 'note'] as const;
export const OPERATOR_LIST =
  'tag:, source:, author:, lang:, before:, after:, has:, tone:, type:, page:, reach>, is:, story:, copies>, title:, lead:, text: or note:';
export const EXAMPLES: Record<Operator, string> = {
  ...COVERAGE_EXAMPLES,
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

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * The filter for `op:value` (or `reach>value`, with its comparison), or the error to show on
 * the value's [start, end).
 */
export function makeFilter(
  op: Operator,
  value: string,
  start: number,
  end: number,
  comparison: Comparison | null = null,
): Filter | QueryError {
  const error = (message: string): QueryError => ({ message, start, end });
  switch (op) {
    case 'tone':
    case 'type':
    case 'page':
    case 'reach': {
      const filter = coverageFilter(op, value, comparison);
      return 'error' in filter ? error(filter.error) : filter;
    }
    case 'is': {
      const filter = parseIsFilter(value);
      return typeof filter === 'string' ? error(filter) : filter;
    }
    case 'story':
      return { kind: 'story', id: value };
    case 'tag':
      return { kind: 'tag', value: foldTag(value) };
    case 'source':
    case 'author': {
      const folded = foldText(value);
      if (folded === '') return error(`${op}: needs a name, e.g. ${EXAMPLES[op]}`);
      return { kind: op, value: folded };
    }
    case 'lang':
      if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(value)) {
        return error('lang: takes a language code such as en, ru or ar');
      }
      return { kind: 'lang', value: value.toLowerCase() };
    case 'has': {
      const v = value.toLowerCase();
      if (v === 'highlights' || v === 'highlight') return { kind: 'has', value: 'highlights' };
      if (v === 'note' || v === 'notes') return { kind: 'has', value: 'note' };
      if (v === 'tone') return { kind: 'hasTone' };
      return error('has: takes highlights, note or tone');
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
      if (!valid) return error(`"${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`);
      return { kind: op, day: year * 10000 + month * 100 + day };
    }
  }
}
