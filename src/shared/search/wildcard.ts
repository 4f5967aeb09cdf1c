/**
 * Wildcard words (`pesticid*`, `wom?n`, `*ism`): the terms of a segment they stand for. The
 * letters before the first wildcard narrow the dictionary to a range (it is sorted); the
 * rest is matched by a regular expression. A wildcard that stands for more than
 * MAX_WILDCARD_TERMS words in a segment searches its most frequent ones, and says so.
 */
import { lowerBound, type Segment } from './segment';

export const MAX_WILDCARD_TERMS = 256;

export interface Expansion {
  ords: number[];
  /** True when more terms matched than were kept. */
  capped: boolean;
}

const patterns = new Map<string, RegExp | null>();

/** The expression for a pattern, or null when it is a plain prefix (`word*`). */
function compile(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    const body = pattern.slice(0, -1);
    if (pattern.endsWith('*') && !/[*?]/.test(body)) {
      re = null;
    } else {
      const source = [...pattern]
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
        .join('');
      re = new RegExp(`^${source}$`, 'u');
    }
    if (patterns.size > 1000) patterns.clear();
    patterns.set(pattern, re);
  }
  return re;
}

/** The literal letters before the first wildcard. */
export function literalPrefix(pattern: string): string {
  const i = pattern.search(/[*?]/);
  return i < 0 ? pattern : pattern.slice(0, i);
}

export function expandWildcard(seg: Segment, pattern: string, cap = MAX_WILDCARD_TERMS): Expansion {
  const prefix = literalPrefix(pattern);
  const re = compile(pattern);
  const found: number[] = [];
  const terms = seg.terms;
  for (let t = prefix ? lowerBound(terms, prefix) : 0; t < terms.length; t++) {
    const term = terms[t]!;
    if (!term.startsWith(prefix)) break;
    if (re === null || re.test(term)) found.push(t);
  }
  if (found.length <= cap) return { ords: found, capped: false };
  found.sort((a, b) => seg.df[b]! - seg.df[a]! || a - b);
  return { ords: found.slice(0, cap), capped: true };
}
