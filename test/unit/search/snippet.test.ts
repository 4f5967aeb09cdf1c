import { describe, expect, it } from 'vitest';
import { hitSnippet, makeSnippet, matchRanges } from '../../../src/shared/search/snippet';

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
