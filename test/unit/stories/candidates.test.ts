import { describe, expect, it } from 'vitest';
import { CandidateIndex } from '@shared/stories/candidates';
import type { StoryDoc } from '@shared/stories/group';
import { sketchOf } from '@shared/stories/sketch';

const TEXT = Array.from(
  { length: 6 },
  (_, i) =>
    `Paragraph ${i} of the report says the harbour authority will dredge berth number ${i * 3} before the autumn storms arrive in the bay, officials said.`,
);

function doc(id: string, patch: Partial<StoryDoc> = {}, paragraphs = TEXT): StoryDoc {
  return {
    id,
    source: 'Outlet',
    publishedAt: '2025-03-03',
    language: 'en',
    sketch: sketchOf({ paragraphs }),
    ...patch,
  };
}

describe('CandidateIndex', () => {
  it('finds clippings sharing anchors in the same language and window only', () => {
    const index = new CandidateIndex();
    index.add(doc('copy'));
    index.add(doc('late', { publishedAt: '2025-04-20' }));
    index.add(doc('german', { language: 'de-DE' }));
    index.add(doc('undated', { publishedAt: '' }));
    index.add(
      doc('other', {}, [
        'A different story about the city library opening its new reading room on the second floor this week.',
      ]),
    );
    expect(index.candidates(doc('new', { publishedAt: '2025-03-05' }))).toEqual(['copy']);
    expect(index.candidates(doc('new2', { publishedAt: '' }))).toEqual(['undated']);
    expect(index.size).toBe(5);
  });
});

describe('CandidateIndex order', () => {
  it('lists the most shared first, never the clipping itself', () => {
    const index = new CandidateIndex();
    const half = TEXT.slice(0, 3);
    index.add(doc('half', {}, half));
    index.add(doc('full'));
    index.add(doc('self'));
    // 'self' is in the index: it finds its copies, not itself.
    expect(index.candidates(doc('self'))).toEqual(['full', 'half']);
    expect(index.candidates(doc('probe', {}, half))).toEqual(['half', 'full', 'self']);
  });
});
