import { describe, expect, it } from 'vitest';
import { isPageNumberLine, stripMetaParagraphs } from '../../../src/main/import/boilerplate';

describe('boilerplate line rules', () => {
  it('knows a page number on a line of its own', () => {
    for (const line of ['3', ' Page 2 ', '4 of 12', '5/9', 'page 7']) {
      expect(isPageNumberLine(line)).toBe(true);
    }
    for (const line of ['12 apples', 'Page two', '2024 budget']) {
      expect(isPageNumberLine(line)).toBe(false);
    }
  });

  it('strips metadata and boilerplate runs of a page, keeping what they say', () => {
    const body = 'The council voted on Tuesday to close the old bridge to all traffic.';
    const after = 'Repairs are expected to take at least two years, officials said.';
    const stripped = stripMetaParagraphs(
      [
        'Bridge to close',
        'By Jane Doe',
        body,
        'Advertisement',
        'Related stories',
        'Council approves new budget',
        after,
      ],
      'Bridge to close',
    );
    expect(stripped.paragraphs).toEqual([body, after]);
    expect(stripped.authors).toEqual(['Jane Doe']);
    expect(stripped.related).toEqual([{ title: 'Council approves new budget' }]);
    expect(stripped.title).toBe('');
  });

  it('takes a short first run as the title when the page named none', () => {
    const body = 'The council voted on Tuesday to close the old bridge to all traffic.';
    const stripped = stripMetaParagraphs(['Bridge to close', body, body], '');
    expect(stripped.title).toBe('Bridge to close');
    expect(stripped.paragraphs).toEqual([body, body]);
  });
});
