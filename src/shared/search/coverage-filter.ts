/**
 * The coverage operators of the search language, kept apart from the parser and the index so
 * they carry over to any query syntax:
 *   tone:negative   type:print   page:1   page<5   reach>100000   reach<=5000   has:tone
 * Coverage is not part of the index segments: the evaluator asks for each candidate
 * document's coverage facts (the search worker keeps them, read from the summaries).
 */
import { MEDIA_TYPES, TONES, type Coverage, type MediaType, type Tone } from '../clipping';

export type Comparison = '<' | '<=' | '>' | '>=' | '=';

export type CoverageFilter =
  | { kind: 'tone'; value: Tone }
  | { kind: 'type'; value: MediaType }
  /** Pages compare as numbers when both are numbers ("12" > "9"), else as text, exactly. */
  | { kind: 'page'; op: Comparison; value: string }
  | { kind: 'reach'; op: Comparison; value: number }
  | { kind: 'hasTone' };

export type CoverageKind = CoverageFilter['kind'];

/** What the evaluator needs to know of one clipping's coverage. */
export type CoverageFacts = Pick<Coverage, 'tone' | 'mediaType' | 'reach' | 'page'>;

export const COVERAGE_OPERATORS = ['tone', 'type', 'page', 'reach'] as const;
export type CoverageOperator = (typeof COVERAGE_OPERATORS)[number];

export const COVERAGE_EXAMPLES: Record<CoverageOperator, string> = {
  tone: 'tone:negative',
  type: 'type:print',
  page: 'page:1',
  reach: 'reach>100000',
};

const COVERAGE_KINDS: ReadonlySet<string> = new Set<CoverageKind>([
  'tone',
  'type',
  'page',
  'reach',
  'hasTone',
]);

export function isCoverageFilter(filter: { kind: string }): filter is CoverageFilter {
  return COVERAGE_KINDS.has(filter.kind);
}

/**
 * `reach>1000` or `page<=3` written without a colon: the operator, comparison and value, or
 * null when the word is not one.
 */
export function splitComparison(
  word: string,
): { name: 'reach' | 'page'; op: Comparison; value: string; valueAt: number } | null {
  const m = /^(reach|page)(<=|>=|<|>|=)/i.exec(word);
  if (!m) return null;
  return {
    name: m[1]!.toLowerCase() as 'reach' | 'page',
    op: m[2] as Comparison,
    value: word.slice(m[0].length),
    valueAt: m[0].length,
  };
}

/** A number as people write it in a query: 100000, 100,000, 100k, 1.5m. */
function readCount(text: string): number | null {
  const m = /^(\d+(?:[.,]\d+)*)([km])?$/i.exec(text.replace(/[_\s]/g, ''));
  if (!m) return null;
  const digits = m[1]!;
  // 100,000 groups thousands; 1.5 (with k or m) is a decimal.
  const number = m[2] ? Number(digits.replace(',', '.')) : Number(digits.replace(/[.,]/g, ''));
  const scale = !m[2] ? 1 : m[2].toLowerCase() === 'k' ? 1e3 : 1e6;
  const value = Math.round(number * scale);
  return Number.isFinite(value) ? value : null;
}

/**
 * The filter for `name` with `value` (after `:`, or after a comparison); a message when the
 * value is not one the operator takes.
 */
export function coverageFilter(
  name: CoverageOperator,
  value: string,
  op: Comparison | null,
): CoverageFilter | { error: string } {
  const v = value.trim().toLowerCase();
  switch (name) {
    case 'tone':
      if ((TONES as readonly string[]).includes(v)) return { kind: 'tone', value: v as Tone };
      return { error: `tone: takes ${TONES.join(', ')}` };
    case 'type':
      if ((MEDIA_TYPES as readonly string[]).includes(v))
        return { kind: 'type', value: v as MediaType };
      return { error: `type: takes ${MEDIA_TYPES.join(', ')}` };
    case 'page': {
      // `page:<5` works like `page<5`.
      const inner = op === null ? /^(<=|>=|<|>|=)?(.*)$/.exec(v) : null;
      const comparison = op ?? ((inner?.[1] as Comparison | undefined) || '=');
      const page = (inner ? inner[2]! : v).trim();
      if (!page) return { error: 'page: needs a page, e.g. page:1 or page<5' };
      if (comparison !== '=' && !/^\d+$/.test(page))
        return { error: 'page< and page> compare page numbers, e.g. page<5' };
      return { kind: 'page', op: comparison, value: page };
    }
    case 'reach': {
      const inner = op === null ? /^(<=|>=|<|>|=)?(.*)$/.exec(v) : null;
      const comparison = op ?? ((inner?.[1] as Comparison | undefined) || '>=');
      const count = readCount((inner ? inner[2]! : v).trim());
      if (count === null) return { error: 'reach takes a number, e.g. reach>100000 or reach<5k' };
      return { kind: 'reach', op: comparison, value: count };
    }
  }
}

function compare<T extends number | string>(a: T, op: Comparison, b: T): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '=':
      return a === b;
  }
}

/** Whether a clipping with these facts passes the filter (no facts: nothing is set). */
export function matchesCoverage(filter: CoverageFilter, facts: CoverageFacts | undefined): boolean {
  if (!facts) return false;
  switch (filter.kind) {
    case 'tone':
      return facts.tone === filter.value;
    case 'type':
      return facts.mediaType === filter.value;
    case 'hasTone':
      return facts.tone !== '';
    case 'reach':
      return facts.reach !== null && compare(facts.reach, filter.op, filter.value);
    case 'page': {
      const page = facts.page.trim().toLowerCase();
      if (!page) return false;
      if (filter.op === '=') {
        // page:1 finds page "1" and a spread that starts on it ("1-2"), not "11" or "A1".
        const first = /^[^\s,–-]+/.exec(page)?.[0] ?? page;
        return page === filter.value || first === filter.value;
      }
      const n = Number(/^\d+/.exec(page)?.[0] ?? NaN);
      return Number.isFinite(n) && compare(n, filter.op, Number(filter.value));
    }
  }
}

/** Coverage facts of a clipping's coverage (or of a summary, which carries the same fields). */
export function coverageFacts(c: CoverageFacts): CoverageFacts {
  return { tone: c.tone, mediaType: c.mediaType, reach: c.reach, page: c.page };
}
