import { describe, expect, it } from 'vitest';
import { detectAgency, isAgencySource } from '@shared/stories/agency';
import { isBoilerplate, sketchOf, storyTokens } from '@shared/stories/sketch';
import { containment } from '@shared/stories/group';

describe('detectAgency', () => {
  it.each([
    ['LONDON (Reuters) - Shares fell on Monday.', 'Reuters'],
    ['PARIS, March 3 (AFP) — The government said…', 'AFP'],
    ['WASHINGTON (AP) — Lawmakers voted on Tuesday.', 'Associated Press'],
    ['BERLIN, dpa - Die Regierung hat am Montag…', 'dpa'],
    ['Berlin (dpa) - Die Regierung hat am Montag…', 'dpa'],
  ])('dateline %s', (first, agency) => {
    expect(detectAgency([first, 'More text follows here in the body.'])).toBe(agency);
  });

  it.each([
    [['The minister spoke.', 'She left.', '— AFP'], 'AFP'],
    [['The minister spoke.', '(Reporting by Sarah Young; Editing by Mark Potter)'], 'Reuters'],
    [
      ['The minister spoke.', 'Copyright 2025 The Associated Press. All rights reserved.'],
      'Associated Press',
    ],
  ])('credit at the end %j', (paragraphs, agency) => {
    expect(detectAgency(paragraphs)).toBe(agency);
  });

  it('an agency only mentioned in the body is no credit', () => {
    expect(
      detectAgency(['Reuters reported on Monday that the talks had failed.', 'The ap was closed.']),
    ).toBe('');
    expect(detectAgency(['The council met.', 'It will meet again in the spring.'])).toBe('');
  });

  it('knows an agency outlet from a newspaper', () => {
    expect(isAgencySource('Reuters', 'Reuters')).toBe(true);
    expect(isAgencySource('AP News', 'Associated Press')).toBe(true);
    expect(isAgencySource('The Coastal Herald', 'Reuters')).toBe(false);
  });
});

describe('sketches', () => {
  it('ignore bylines, "Read more" lines and copyright furniture', () => {
    expect(isBoilerplate('By Herald Staff', 3)).toBe(true);
    expect(isBoilerplate('Read more: Hosepipe ban extended across three more counties', 8)).toBe(
      true,
    );
    expect(isBoilerplate('© 2025 The Coastal Herald. All rights reserved.', 7)).toBe(true);
    expect(
      isBoilerplate('By the end of the decade the companies must cut their leaks by a third.', 15),
    ).toBe(false);
    const body = Array.from(
      { length: 8 },
      (_, i) =>
        `Paragraph ${i} says the regulator ordered the companies in the region to repair pipe number ${i * 7} before the summer of ${2020 + i}.`,
    );
    const a = sketchOf({ paragraphs: body });
    const b = sketchOf({
      paragraphs: ['By Ann Other', ...body, 'Read more: elsewhere', '© 2025 Outlet'],
    });
    expect(Array.from(b.samples)).toEqual(Array.from(a.samples));
  });

  it('fold case, compatibility forms and punctuation; split unspaced scripts by character', () => {
    expect(storyTokens('“Don’t” STOP—now ﬁne')).toEqual(['don', 't', 'stop', 'now', 'fine']);
    expect(storyTokens('東京都の人口')).toEqual(['東', '京', '都', 'の', '人', '口']);
  });

  it('tokens are the runs of letters, digits and marks the Unicode classes define', () => {
    // The rule as one regular expression (what the character scan replaced, for speed).
    const unspaced =
      '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
    const rule = new RegExp(`[${unspaced}]|(?:(?![${unspaced}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
    const texts = [
      'café naïve e\u0301te\u0301 ǅemal İstanbul ß ﬀ Ｆｕｌｌ ＡＢＣ ½ ²',
      '𠀋𠀌 漢字かなカナ混じり文 ภาษาไทยไม่มีช่องว่าง ລາວ ខ្មែរ မြန်မာ',
      'हिन्दी भाषा ক্ষ ١٢٣ العربية עברית o’neil a_b a-b x\u0300y 𝒜𝒷𝒸 😀 text',
      'lone \ud800 high and \udc00 low surrogates, \u200d joiner, \u00ad soft hyphen',
    ];
    for (const text of texts) {
      const folded = text.normalize('NFKC').toLowerCase();
      expect(storyTokens(text)).toEqual(folded.match(rule) ?? []);
    }
  });

  it('containment is the share of the smaller sample set found in the other', () => {
    const a = Uint32Array.from([4, 8, 12, 16]);
    const b = Uint32Array.from([4, 8, 12, 16, 20, 24, 28, 32]);
    expect(containment(a, b)).toBe(1);
    expect(containment(a, Uint32Array.from([4, 8, 40, 44]))).toBe(0.5);
    expect(containment(Uint32Array.from([4]), b)).toBe(0);
  });
});
