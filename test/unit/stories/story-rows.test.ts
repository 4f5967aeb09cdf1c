import { describe, expect, it } from 'vitest';
import type { ClippingSummary } from '../../../src/renderer/src/lib/db';
import { collapseStories, StoryRows } from '../../../src/renderer/src/lib/story-rows';

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

describe('story rows kept between filters', () => {
  it('follows the stories the worker changed, and rows replaced by edits', () => {
    const a1 = row('a1');
    const a2 = row('a2');
    const b1 = row('b1');
    const rows = [a2, a1, b1];
    const before = new Map([
      ['a1', { story: 'a1' }],
      ['a2', { story: 'a1' }],
    ]);
    const stories = new StoryRows(before);
    expect(stories.collapse(rows).map((r) => r.id)).toEqual(['a1', 'b1']);
    // b1 joins a1's story and becomes its original; a2 is split out.
    const after = new Map([
      ['a1', { story: 'b1' }],
      ['b1', { story: 'b1' }],
    ]);
    stories.update(after, ['a1', 'a2', 'b1']);
    expect(stories.collapse(rows).map((r) => r.id)).toEqual(['a2', 'b1']);
    // An edited row is a new object with the same id: looked up afresh.
    const edited = row('a1');
    expect(stories.collapse([edited, a2]).map((r) => r.id)).toEqual(['a1', 'a2']);
  });
});
