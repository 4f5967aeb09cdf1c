import { describe, expect, it } from 'vitest';
import { clippingText } from '@shared/annotations';
import {
  articleHitRanges,
  hitCount,
  hitId,
  hitIndexOf,
  splitByRanges,
} from '../../../src/renderer/src/lib/article-hits';

describe('article hits', () => {
  const article = {
    title: 'Pesticide ban approved',
    paragraphs: ['Parliament voted to BAN three pesticides.', 'The ban starts in May.'],
  };

  it('finds the folded words in the title and in the stored text, title first', () => {
    const r = articleHitRanges(article, new Set(['ban', 'pesticides']));
    const text = clippingText(article.paragraphs);
    expect(r.title.map((x) => article.title.slice(x.start, x.end))).toEqual(['ban']);
    expect(r.body.map((x) => text.slice(x.start, x.end))).toEqual(['BAN', 'pesticides', 'ban']);
    expect(hitCount(r)).toBe(4);
    expect(hitCount(articleHitRanges(article, new Set()))).toBe(0);
    expect(hitCount(null)).toBe(0);
  });

  it('splits text into pieces numbered from the first hit, keeping every character', () => {
    const pieces = splitByRanges(article.title, [{ start: 10, end: 13 }], 2);
    expect(pieces).toEqual([
      { text: 'Pesticide ', hit: -1 },
      { text: 'ban', hit: 2 },
      { text: ' approved', hit: -1 },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(article.title);
  });

  it('tells hit ids from highlight ids', () => {
    expect(hitIndexOf(['h-1', hitId(7)])).toBe(7);
    expect(hitIndexOf(['h-1'])).toBe(-1);
  });
});
