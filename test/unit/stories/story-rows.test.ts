import { describe, expect, it } from 'vitest';
import type { ClippingSummary } from '../../../src/renderer/src/lib/db';
import { collapseStories } from '../../../src/renderer/src/lib/story-rows';

const row = (id: string) => ({ id }) as ClippingSummary;

describe('one row per story', () => {
  const members = new Map([
    ['a1', { story: 'a1' }],
    ['a2', { story: 'a1' }],
    ['b1', { story: 'b1' }],
    ['b2', { story: 'b1' }],
  ]);

  it('shows the original where it is among the rows, in the rows’ order', () => {
    expect(
      collapseStories(['a2', 'x', 'a1', 'b2', 'b1'].map(row), members).map((r) => r.id),
    ).toEqual(['x', 'a1', 'b1']);
  });

  it('shows the first copy when a filter hides the original', () => {
    expect(collapseStories(['b2', 'a2', 'y'].map(row), members).map((r) => r.id)).toEqual([
      'b2',
      'a2',
      'y',
    ]);
  });

  it('leaves the rows alone when there are no stories', () => {
    const rows = ['a', 'b'].map(row);
    expect(collapseStories(rows, new Map())).toBe(rows);
  });
});
