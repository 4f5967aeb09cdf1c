import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clippingText } from '@shared/annotations';
import {
  anchor,
  anchorAll,
  describeRange,
  findApproximateMatches,
  paragraphOffsets,
  segmentParagraphs,
} from '@shared/anchoring';
import type { AnchorResult, Selectors } from '@shared/anchoring';

const ARTICLE = [
  'The government said on Monday that talks with the union would resume next week.',
  'Negotiators failed to agree on pay and pensions, while ministers warned of strikes across hospitals, schools and railways during the coming winter months.',
  'Analysts expect inflation to ease slowly. "We are not out of the woods yet," one economist said.',
];

/** Selectors for the first occurrence of `quote` in `text`. */
function select(text: string, quote: string, from = 0): Selectors {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`fixture: ${quote} not in text`);
  return describeRange(text, start, start + quote.length);
}

/** The text the result points at, or null for an orphan. */
function quoted(text: string, result: AnchorResult): string | null {
  return result.status === 'orphan' ? null : text.slice(result.start, result.end);
}

describe('describeRange', () => {
  it('builds quote and position selectors with context', () => {
    const text = 'alpha beta gamma delta';
    expect(describeRange(text, 6, 10, 4)).toEqual({
      quote: { type: 'TextQuoteSelector', exact: 'beta', prefix: 'pha ', suffix: ' gam' },
      position: { type: 'TextPositionSelector', start: 6, end: 10 },
    });
  });

  it('trims surrounding whitespace and clips context at the text edges', () => {
    const text = 'one  two\n\nthree';
    const { quote, position } = describeRange(text, 3, 10);
    expect(quote).toMatchObject({ exact: 'two', prefix: 'one  ', suffix: '\n\nthree' });
    expect(position).toMatchObject({ start: 5, end: 8 });
  });

  it('tolerates reversed, out-of-range and fractional offsets', () => {
    expect(describeRange('abcdef', 4, 1).position).toMatchObject({ start: 1, end: 4 });
    expect(describeRange('abcdef', -5, 99).quote.exact).toBe('abcdef');
    expect(describeRange('abcdef', 1.7, 3.2).quote.exact).toBe('bc');
    expect(describeRange('', 0, 3).quote).toMatchObject({ exact: '', prefix: '', suffix: '' });
    expect(describeRange('a   b', 1, 4).quote.exact).toBe('');
  });

  it('does not split a surrogate pair at the context edges', () => {
    const text = '😀xyz😀';
    const { quote } = describeRange(text, 3, 4, 1);
    expect(quote.exact).toBe('y');
    expect(quote.prefix).toBe('x');
    const wide = describeRange(text, 3, 4, 2);
    expect(wide.quote.prefix).toBe('😀x');
    expect(wide.quote.suffix).toBe('z😀');
  });
});

describe('anchor', () => {
  const text = clippingText(ARTICLE);

  it('re-anchors exactly when the text is unchanged', () => {
    const selectors = select(text, 'pay and pensions');
    expect(anchor(text, selectors)).toEqual({
      status: 'exact',
      start: selectors.position.start,
      end: selectors.position.end,
    });
  });

  it('follows the quote when text was inserted before it', () => {
    const selectors = select(text, 'pay and pensions');
    const edited = clippingText(['UPDATED: this story has been corrected.', ...ARTICLE]);
    const result = anchor(edited, selectors);
    expect(result).toEqual({
      status: 'moved',
      start: edited.indexOf('pay and pensions'),
      end: edited.indexOf('pay and pensions') + 'pay and pensions'.length,
    });
  });

  it('follows the quote when text before it was deleted', () => {
    const selectors = select(text, 'one economist said');
    const edited = clippingText(ARTICLE.slice(1));
    expect(quoted(edited, anchor(edited, selectors))).toBe('one economist said');
    expect(anchor(edited, selectors).status).toBe('moved');
  });

  describe('repeated quotes', () => {
    const repeated = clippingText([
      'In March the minister said nothing about the budget.',
      'In April the minister said the budget was balanced.',
      'In May the minister said it was not.',
    ]);

    it('chooses the occurrence whose context matches', () => {
      const second = repeated.indexOf('the minister said', repeated.indexOf('April'));
      const selectors = describeRange(repeated, second, second + 'the minister said'.length);
      const edited = `Correction appended at the top.\n\n${repeated}`;
      const result = anchor(edited, selectors);
      expect(result.status).toBe('moved');
      expect(result).toMatchObject({ start: second + 33, end: second + 33 + 17 });
    });

    it('prefers context over nearness to the old position', () => {
      const third = repeated.lastIndexOf('the minister said');
      const selectors = describeRange(repeated, third, third + 17);
      // Drop the first paragraph: the old offset now lands near the second occurrence.
      const edited = repeated.slice(repeated.indexOf('In April'));
      const result = anchor(edited, selectors);
      expect(result).toMatchObject({ status: 'moved', start: edited.lastIndexOf('the minister') });
    });

    it('breaks a tie in context by nearness to the old position', () => {
      const same = 'Yes. Yes. Yes. Yes. Yes. Yes. Yes. Yes. Yes. Yes. Yes. Yes.';
      const selectors = describeRange(same, 25, 29, 3);
      // Every interior "Yes." has the same context; the old start (25) is now 1 from 26, 4 from 21.
      const result = anchor(`x${same}`, selectors);
      expect(result).toEqual({ status: 'moved', start: 26, end: 30 });
    });

    it('prefers the edited original to a verbatim copy in unrelated context', () => {
      const source = clippingText([
        'Residents of the valley said the new dam would flood their farms within a decade.',
        'Elsewhere: flood their farms.',
      ]);
      const selectors = select(source, 'dam would flood their farms');
      const edited = source.replace('dam would flood', 'dam could flood');
      const result = anchor(edited, selectors);
      expect(result.status).toBe('fuzzy');
      expect(quoted(edited, result)).toBe('dam could flood their farms');
    });
  });

  describe('fuzzy', () => {
    it('finds the quote after a typo was fixed', () => {
      const source = 'Officials confirmed the goverment would publish its report on Friday.';
      const selectors = select(source, 'the goverment would publish its report');
      const edited = `Update. ${source.replace('goverment', 'government')}`;
      const result = anchor(edited, selectors);
      expect(result.status).toBe('fuzzy');
      expect(quoted(edited, result)).toBe('the government would publish its report');
    });

    it('finds the quote after a word was inserted', () => {
      const selectors = select(text, 'talks with the union would resume next week');
      const edited = text.replace('the union would', 'the rail union would');
      const result = anchor(edited, selectors);
      expect(result.status).toBe('fuzzy');
      expect(quoted(edited, result)).toBe('talks with the rail union would resume next week');
    });

    it('finds the quote after punctuation changed', () => {
      const quote = '"We are not out of the woods yet," one economist said.';
      const selectors = select(text, quote);
      const edited = `Summary first.\n\n${text.replace(quote, '“We are not out of the woods yet”, one economist said.')}`;
      const result = anchor(edited, selectors);
      expect(result.status).toBe('fuzzy');
      expect(quoted(edited, result)).toBe('“We are not out of the woods yet”, one economist said.');
    });

    it('keeps a deleted word from dragging whitespace into the match', () => {
      const source = 'The committee will meet again next Tuesday to vote on the proposal.';
      const selectors = select(source, 'will meet again next Tuesday to vote');
      const edited = source.replace('again ', '');
      expect(quoted(edited, anchor(edited, selectors))).toBe('will meet next Tuesday to vote');
    });

    it('orphans a highlight whose quote was removed', () => {
      const selectors = select(text, 'strikes across hospitals, schools and railways');
      const edited = text.replace(' across hospitals, schools and railways', '');
      expect(anchor(edited, selectors)).toEqual({ status: 'orphan' });
    });

    it('orphans a highlight whose quote was rewritten beyond recognition', () => {
      const selectors = select(text, 'Analysts expect inflation to ease slowly.');
      const edited = text.replace(
        'Analysts expect inflation to ease slowly.',
        'Prices may keep rising, economists fear.',
      );
      expect(anchor(edited, selectors).status).toBe('orphan');
    });

    it('does not fuzzy-match very short quotes', () => {
      const selectors = select('a cat sat', 'cat');
      expect(anchor('a car sat', selectors)).toEqual({ status: 'orphan' });
    });
  });

  describe('long quotes', () => {
    it('handles a quote longer than 32 characters', () => {
      const quote = ARTICLE[1]!.slice(0, 70);
      const selectors = select(text, quote);
      expect(quote.length).toBeGreaterThan(32);
      const edited = `Intro.\n\n${text.replace('failed to agree', 'did not agree')}`;
      const result = anchor(edited, selectors);
      expect(result.status).toBe('fuzzy');
      expect(quoted(edited, result)).toBe(quote.replace('failed to agree', 'did not agree'));
    });

    it('handles a quote longer than 200 characters spanning paragraphs', () => {
      const start = text.indexOf('Negotiators');
      const end = text.indexOf('out of the woods') + 16;
      const selectors = describeRange(text, start, end);
      expect(selectors.quote.exact.length).toBeGreaterThan(200);
      const moved = `A new first paragraph.\n\n${text}`;
      expect(anchor(moved, selectors)).toMatchObject({ status: 'moved', start: start + 24 });

      const edited = moved
        .replace('pay and pensions', 'wages and pensions')
        .replace('winter months', 'winter')
        .replace('"We', '“We');
      const result = anchor(edited, selectors);
      expect(result.status).toBe('fuzzy');
      expect(quoted(edited, result)).toBe(
        edited.slice(edited.indexOf('Negotiators'), edited.indexOf('out of the woods') + 16),
      );
    });

    it('handles a quote of several kilobytes', () => {
      const paragraphs = Array.from(
        { length: 60 },
        (_, i) => `Paragraph ${i} reports item ${i * 7} of the inquiry in some detail.`,
      );
      const source = clippingText(paragraphs);
      const start = source.indexOf('Paragraph 10 ');
      const end = source.indexOf('Paragraph 50 ');
      const selectors = describeRange(source, start, end);
      const edited = clippingText(
        ['Preface.', ...paragraphs].map((p) => p.replace('item 210 ', 'item 211 ')),
      );
      const result = anchor(edited, selectors);
      expect(result.status).toBe('fuzzy');
      expect(quoted(edited, result)).toBe(
        edited.slice(edited.indexOf('Paragraph 10 '), edited.indexOf('Paragraph 50 ')).trim(),
      );
    });
  });

  describe('non-Latin scripts', () => {
    it('re-anchors Cyrillic text, moved and fuzzy', () => {
      const source = clippingText([
        'Правительство заявило в понедельник, что переговоры с профсоюзом возобновятся.',
        'Аналитики ожидают, что инфляция будет медленно снижаться.',
      ]);
      const selectors = select(source, 'инфляция будет медленно снижаться');
      const moved = `Обновлено.\n\n${source}`;
      expect(anchor(moved, selectors)).toMatchObject({
        status: 'moved',
        start: moved.indexOf('инфляция'),
      });
      const edited = moved.replace('медленно', 'очень медленно');
      const result = anchor(edited, selectors);
      expect(result.status).toBe('fuzzy');
      expect(quoted(edited, result)).toBe('инфляция будет очень медленно снижаться');
    });

    it('re-anchors Arabic text, moved and fuzzy', () => {
      const source = clippingText([
        'قالت الحكومة يوم الاثنين إن المحادثات مع النقابة ستستأنف الأسبوع المقبل.',
        'ويتوقع المحللون أن يتراجع التضخم ببطء خلال الأشهر المقبلة.',
      ]);
      const selectors = select(source, 'ويتوقع المحللون أن يتراجع التضخم ببطء');
      const moved = `عاجل.\n\n${source}`;
      expect(anchor(moved, selectors)).toMatchObject({
        status: 'moved',
        start: moved.indexOf('ويتوقع'),
      });
      const edited = moved.replace('التضخم', 'معدل التضخم');
      const result = anchor(edited, selectors);
      expect(result.status).toBe('fuzzy');
      expect(quoted(edited, result)).toBe('ويتوقع المحللون أن يتراجع معدل التضخم ببطء');
    });
  });

  it('never throws on degenerate input', () => {
    const good = select(text, 'pay and pensions');
    const cases: Array<[string, unknown]> = [
      ['', good],
      [text, { ...good, quote: { ...good.quote, exact: '' } }],
      [text, { ...good, position: { type: 'TextPositionSelector', start: -4, end: 1e9 } }],
      [text, { ...good, position: { type: 'TextPositionSelector', start: NaN, end: Infinity } }],
      [text, { ...good, position: { type: 'TextPositionSelector', start: 30, end: 10 } }],
      [text, {}],
      [text, null],
      [text, { quote: { exact: 42 }, position: 'x' }],
      [undefined as unknown as string, good],
    ];
    for (const [t, selectors] of cases) {
      expect(() => anchor(t, selectors as Selectors)).not.toThrow();
    }
    expect(anchor('', good)).toEqual({ status: 'orphan' });
    expect(anchor(text, cases[1]![1] as Selectors)).toEqual({ status: 'orphan' });
    expect(anchor(text, cases[2]![1] as Selectors).status).toBe('moved');
  });

  it('anchorAll anchors each highlight in order', () => {
    const a = { id: 'a', ...select(text, 'pay and pensions') };
    const b = { id: 'b', ...select(text, 'Analysts expect') };
    const c = { id: 'c', ...select(text, 'ministers warned') };
    const edited = text.replace('ministers warned', 'officials said');
    const results = anchorAll(edited, [a, b, c]);
    expect(results.map((r) => [r.id, r.result.status])).toEqual([
      ['a', 'exact'],
      ['b', 'moved'],
      ['c', 'orphan'],
    ]);
  });
});

describe('findApproximateMatches', () => {
  it('reports match ends with their edit distance', () => {
    expect(findApproximateMatches('xxabcxxabdxx', 'abc', 1)).toEqual([
      { end: 4, errors: 1 },
      { end: 5, errors: 0 },
      { end: 6, errors: 1 },
      { end: 9, errors: 1 },
      { end: 10, errors: 1 },
    ]);
    expect(findApproximateMatches('abc', '', 3)).toEqual([]);
  });
});

describe('segmentParagraphs', () => {
  const paragraphs = ['Hello brave world', '', 'Second paragraph here'];
  const text = clippingText(paragraphs);

  it('computes paragraph offsets in clippingText coordinates', () => {
    expect(paragraphOffsets(paragraphs)).toEqual([0, 19, 21]);
    expect(paragraphOffsets([])).toEqual([]);
    expect(text.slice(21, 27)).toBe('Second');
  });

  it('returns one plain run per paragraph without highlights', () => {
    expect(segmentParagraphs(paragraphs, [])).toEqual([
      [{ text: 'Hello brave world', ids: [] }],
      [],
      [{ text: 'Second paragraph here', ids: [] }],
    ]);
  });

  it('splits overlapping highlights into runs carrying every covering id', () => {
    const runs = segmentParagraphs(paragraphs, [
      { id: 'a', start: 0, end: 11 },
      { id: 'b', start: 6, end: 17 },
      { id: 'c', start: 6, end: 11 },
    ]);
    expect(runs[0]).toEqual([
      { text: 'Hello ', ids: ['a'] },
      { text: 'brave', ids: ['a', 'b', 'c'] },
      { text: ' world', ids: ['b'] },
    ]);
  });

  it('splits a range spanning paragraph breaks across the paragraphs', () => {
    const start = text.indexOf('world');
    const end = text.indexOf(' paragraph');
    const runs = segmentParagraphs(paragraphs, [{ id: 'x', start, end }]);
    expect(runs).toEqual([
      [
        { text: 'Hello brave ', ids: [] },
        { text: 'world', ids: ['x'] },
      ],
      [],
      [
        { text: 'Second', ids: ['x'] },
        { text: ' paragraph here', ids: [] },
      ],
    ]);
  });

  it('ignores empty, inverted and out-of-range ranges and merges split pieces of one id', () => {
    const runs = segmentParagraphs(paragraphs, [
      { id: 'e', start: 3, end: 3 },
      { id: 'i', start: 9, end: 4 },
      { id: 'o', start: 500, end: 600 },
      { id: 'n', start: NaN, end: 4 },
      { id: 'm', start: 0, end: 3 },
      { id: 'm', start: 3, end: 5 },
    ]);
    expect(runs[0]).toEqual([
      { text: 'Hello', ids: ['m'] },
      { text: ' brave world', ids: [] },
    ]);
  });

  it('renders anchored highlights (end to end)', () => {
    const highlights = [
      { id: 'h1', ...describeRange(text, 6, 17) },
      { id: 'h2', ...describeRange(text, 12, 27) },
    ];
    const ranges = anchorAll(text, highlights).flatMap(({ id, result }) =>
      result.status === 'orphan' ? [] : [{ id, start: result.start, end: result.end }],
    );
    expect(segmentParagraphs(paragraphs, ranges)).toEqual([
      [
        { text: 'Hello ', ids: [] },
        { text: 'brave ', ids: ['h1'] },
        { text: 'world', ids: ['h1', 'h2'] },
      ],
      [],
      [
        { text: 'Second', ids: ['h2'] },
        { text: ' paragraph here', ids: [] },
      ],
    ]);
  });
});

describe('properties', () => {
  /** Short words from a small alphabet, so that quotes repeat and context matters. */
  const prose = fc
    .array(
      fc.oneof(
        fc.constantFrom('the', 'a', 'cat', 'sat', 'мир', 'سلام', '😀', ',', '.'),
        fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'ж'), minLength: 1, maxLength: 6 }),
      ),
      { maxLength: 80 },
    )
    .chain((words) =>
      fc
        .array(fc.constantFrom(' ', ' ', ' ', '\n\n', '\t'), {
          minLength: words.length,
          maxLength: words.length,
        })
        .map((gaps) => words.map((w, i) => w + gaps[i]!).join('')),
    );
  const textAndRange = fc
    .oneof(prose, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }))
    .chain((text) =>
      fc
        .tuple(fc.nat(text.length), fc.nat(text.length))
        .map(([a, b]) => ({ text, start: Math.min(a, b), end: Math.max(a, b) })),
    );

  it('(a) anchor(describeRange(...)) returns the described range', () => {
    fc.assert(
      fc.property(textAndRange, fc.nat(40), ({ text, start, end }, context) => {
        const selectors = describeRange(text, start, end, context);
        const { exact } = selectors.quote;
        const { start: s, end: e } = selectors.position;
        expect(text.slice(s, e)).toBe(exact);
        expect(s).toBeGreaterThanOrEqual(start);
        expect(e).toBeLessThanOrEqual(end);
        expect(exact).toBe(exact.trim());
        const result = anchor(text, selectors);
        if (exact === '') expect(result).toEqual({ status: 'orphan' });
        else expect(result).toEqual({ status: 'exact', start: s, end: e });
      }),
      { numRuns: 500 },
    );
  });

  it('(a′) after an insertion before the quote, anchor finds the same text', () => {
    fc.assert(
      fc.property(textAndRange, fc.string({ minLength: 1, maxLength: 30 }), (r, inserted) => {
        const selectors = describeRange(r.text, r.start, r.end);
        const { exact } = selectors.quote;
        fc.pre(exact !== '');
        const at = selectors.position.start;
        const edited = r.text.slice(0, at) + inserted + r.text.slice(at);
        const result = anchor(edited, selectors);
        expect(result.status).not.toBe('orphan');
        expect(quoted(edited, result)).toBe(exact);
        // A quote that occurs once, with a position gone stale, can only be that occurrence.
        if (edited.indexOf(exact) === edited.lastIndexOf(exact)) {
          expect(result).toMatchObject({ start: at + inserted.length });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('(b) anchor never throws', () => {
    const selector = fc.record({
      quote: fc.record({
        type: fc.constant('TextQuoteSelector' as const),
        exact: fc.string({ maxLength: 60 }),
        prefix: fc.string({ maxLength: 40 }),
        suffix: fc.string({ maxLength: 40 }),
      }),
      position: fc.record({
        type: fc.constant('TextPositionSelector' as const),
        start: fc.oneof(fc.integer(), fc.double()),
        end: fc.oneof(fc.integer(), fc.double()),
      }),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), prose), selector, (text, selectors) => {
        const result = anchor(text, selectors);
        if (result.status !== 'orphan') {
          expect(result.start).toBeGreaterThanOrEqual(0);
          expect(result.end).toBeLessThanOrEqual(text.length);
          expect(result.start).toBeLessThan(result.end);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('(c) segmentParagraphs runs concatenate back to each paragraph, with correct ids', () => {
    const paragraphs = fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 });
    fc.assert(
      fc.property(
        paragraphs,
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.nat(200), fc.nat(60)), {
          maxLength: 6,
        }),
        (paras, raw) => {
          const ranges = raw.map(([id, start, length]) => ({ id, start, end: start + length }));
          const runs = segmentParagraphs(paras, ranges);
          const offsets = paragraphOffsets(paras);
          expect(runs).toHaveLength(paras.length);
          runs.forEach((paragraphRuns, i) => {
            expect(paragraphRuns.map((r) => r.text).join('')).toBe(paras[i]);
            let at = offsets[i]!;
            for (const run of paragraphRuns) {
              expect(run.text).not.toBe('');
              // Every character of a run is covered by exactly the run's ids.
              for (let c = at; c < at + run.text.length; c += 1) {
                const covering = [
                  ...new Set(ranges.filter((r) => r.start <= c && c < r.end).map((r) => r.id)),
                ];
                expect([...run.ids].sort()).toEqual(covering.sort());
              }
              at += run.text.length;
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('findApproximateMatches agrees with the textbook dynamic programme', () => {
    /** Sellers' algorithm: D[0][j] = 0, so a match may start anywhere. */
    function naive(text: string, pattern: string, k: number) {
      const m = pattern.length;
      let column = Array.from({ length: m + 1 }, (_, i) => i);
      const out: Array<{ end: number; errors: number }> = [];
      for (let j = 0; j < text.length; j += 1) {
        const next = [0];
        for (let i = 1; i <= m; i += 1) {
          const diagonal = column[i - 1]! + (pattern[i - 1] === text[j] ? 0 : 1);
          next.push(Math.min(diagonal, column[i]! + 1, next[i - 1]! + 1));
        }
        column = next;
        if (m > 0 && column[m]! <= Math.min(k, m)) out.push({ end: j + 1, errors: column[m]! });
      }
      return out;
    }
    const abc = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: min, maxLength: max });
    fc.assert(
      fc.property(abc(0, 300), abc(1, 130), fc.nat(80), (text, pattern, k) => {
        expect(findApproximateMatches(text, pattern, k)).toEqual(naive(text, pattern, k));
      }),
      { numRuns: 400 },
    );
  });
});
