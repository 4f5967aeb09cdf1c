import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hitSnippet, makeSnippet, matchRanges } from '@shared/search/snippet';
import { tokenize } from '@shared/search/text';

/** makeSnippet written plainly, token objects and all: what the fast one must agree with. */
function plainSnippet(text: string, matches: ReadonlySet<string>, maxLength: number) {
  const tokens = tokenize(text);
  const hits = tokens.filter((t) => matches.has(t.term));
  let from = 0;
  if (hits.length > 0) {
    let best = -1;
    let bestStart = 0;
    hits.forEach((h, i) => {
      let j = i;
      while (j < hits.length && hits[j]!.end <= h.start + maxLength * 0.8) j++;
      const run = hits.slice(i, j);
      const score = new Set(run.map((x) => x.term)).size * 1000 + run.length;
      if (score > best) {
        best = score;
        bestStart = h.start;
      }
    });
    const at = Math.max(0, bestStart - Math.floor(maxLength * 0.2));
    from = tokens.find((t) => t.start >= at)?.start ?? at;
    if (from > bestStart) from = bestStart;
  }
  let to = Math.min(text.length, from + maxLength);
  if (to < text.length) {
    const last = tokens.filter((t) => t.end <= to && t.start >= from).pop();
    if (last) to = last.end;
  }
  const prefix = from > 0 ? '…' : '';
  const shift = prefix.length - from;
  return {
    text: prefix + text.slice(from, to).replace(/\s/g, ' ') + (to < text.length ? '…' : ''),
    ranges: hits
      .filter((t) => t.start >= from && t.end <= to)
      .map((t) => ({ start: t.start + shift, end: t.end + shift })),
    matched: hits.length > 0,
  };
}

const marked = (s: { text: string; ranges: { start: number; end: number }[] }) =>
  s.ranges.map((r) => s.text.slice(r.start, r.end));

describe('snippets', () => {
  const long = `${'Filler words here. '.repeat(30)}The Budget vote on Tuesday split the coalition. ${'More filler text. '.repeat(30)}`;

  it('centres on the matches and returns ranges into the snippet text', () => {
    const s = makeSnippet(long, new Set(['budget', 'vote']), 120);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(122);
    expect(marked(s)).toEqual(['Budget', 'vote']);
  });

  it('prefers the window with more distinct words', () => {
    const text = `budget alone here. ${'x '.repeat(200)} budget and vote together`;
    const s = makeSnippet(text, new Set(['budget', 'vote']), 60);
    expect(marked(s)).toEqual(['budget', 'vote']);
  });

  it('starts at the beginning without matches, flattening line breaks', () => {
    const s = makeSnippet('First line\n\nSecond line', new Set(['zzz']), 200);
    expect(s).toEqual({ text: 'First line  Second line', ranges: [], matched: false });
  });

  it('agrees with a plain implementation on random texts', () => {
    const WORDS = ['Budget', 'vote', 'the', 'Kovač', 'москва', 'x', "don't", 'rain,', 'A.', '\n\n'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { maxLength: 120 }),
        fc.subarray(['budget', 'vote', 'the', 'kovac', 'москва', 'dont', 'zzz']),
        fc.integer({ min: 10, max: 240 }),
        (words, matched, maxLength) => {
          const text = words.join(' ');
          const matches = new Set(matched);
          expect(makeSnippet(text, matches, maxLength)).toEqual(
            plainSnippet(text, matches, maxLength),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to the note, and marks the title', () => {
    const r = hitSnippet(
      { title: 'Kovač speaks', body: 'Nothing here', note: 'Ask Kovač again', highlightNotes: '' },
      ['kovac'],
    );
    expect(marked(r.snippet)).toEqual(['Kovač']);
    expect(r.titleRanges).toEqual([{ start: 0, end: 5 }]);
    expect(matchRanges('Москва и москва', new Set(['москва']))).toHaveLength(2);
  });
});
