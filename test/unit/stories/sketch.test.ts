import { describe, expect, it } from 'vitest';
import { sketchOf } from '@shared/stories/sketch';

const PLAIN = [
  'The harbour authority will dredge the fifth berth before the autumn storms, officials said on Monday.',
  'Ships waiting off the coast were told to expect delays of up to three days while the work goes on.',
];

describe('sketchOf', () => {
  it('folds compatibility forms and case, so a fullwidth or ligatured copy sketches alike', () => {
    const fancy = PLAIN.map((p) =>
      p
        .replace('The harbour', 'ＴＨＥ ｈａｒｂｏｕｒ')
        .replace('fifth', 'ﬁfth')
        .replace('officials', 'OFFICIALS'),
    );
    const a = sketchOf({ paragraphs: PLAIN });
    const b = sketchOf({ paragraphs: fancy });
    expect([...b.samples]).toEqual([...a.samples]);
    expect([...b.paraHashes]).toEqual([...a.paraHashes]);
    expect(a.samples.length).toBeGreaterThan(0);
  });
});
