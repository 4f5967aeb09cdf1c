import { describe, expect, it } from 'vitest';
import { foldTag, foldText, terms, tokenize } from '@shared/search/text';

describe('tokenize and fold', () => {
  it('folds case and diacritics, keeping offsets into the original text', () => {
    const text = 'Ana Kovač, Zoë and CAFÉ';
    expect(tokenize(text)).toEqual([
      { term: 'ana', start: 0, end: 3 },
      { term: 'kovac', start: 4, end: 9 },
      { term: 'zoe', start: 11, end: 14 },
      { term: 'and', start: 15, end: 18 },
      { term: 'cafe', start: 19, end: 23 },
    ]);
    // Decomposed input (NFD) folds the same as composed input.
    expect(terms('Kovac\u030C')).toEqual(['kovac']);
    expect(terms('Ærøskøbing Straße Łódź İstanbul ﬁnal')).toEqual([
      'aeroskobing',
      'strasse',
      'lodz',
      'istanbul',
      'final',
    ]);
  });

  it('tokenises Cyrillic: ё → е, й kept, case folded', () => {
    expect(terms('Ёлка, ЙОД и «Москва»—столица!')).toEqual([
      'елка',
      'йод',
      'и',
      'москва',
      'столица',
    ]);
    expect(terms('Новый')).toEqual(['новый']);
  });

  it('normalises Arabic: tashkeel, tatweel, alef forms, ta marbuta, alef maqsura, digits', () => {
    expect(terms('الْعَرَبِيَّة')).toEqual(['العربيه']);
    expect(terms('أحمد إبراهيم آمال ٱلله')).toEqual(['احمد', 'ابراهيم', 'امال', 'الله']);
    expect(terms('عـــلى مدرسة')).toEqual(['علي', 'مدرسه']);
    expect(terms('عام ٢٠٢٤')).toEqual(['عام', '2024']);
    // Hamza seats fold to the bare letter (ئ → ي), as users often type them.
    const text = 'قال الرئيسُ';
    const [, second] = tokenize(text);
    expect(second).toEqual({ term: 'الرييس', start: 4, end: 11 });
  });

  it('splits on punctuation, joins apostrophes, drops possessive s', () => {
    expect(terms("COVID-19: don't panic, U.S. says; O'Brien's plan")).toEqual([
      'covid',
      '19',
      'dont',
      'panic',
      'u',
      's',
      'says',
      'obrien',
      'plan',
    ]);
    expect(tokenize('Kovač’s book')[0]).toEqual({ term: 'kovac', start: 0, end: 5 });
  });

  it('handles astral letters, lone marks and empty text', () => {
    expect(terms('𝐁𝐨𝐥𝐝 text')).toEqual(['bold', 'text']);
    expect(terms(' \u0301 ')).toEqual([]);
    expect(terms('')).toEqual([]);
  });

  it('folds metadata values', () => {
    expect(foldText('  The  Guardian ')).toBe('the guardian');
    expect(foldTag('Politics / Évian Accords')).toBe('politics/evian accords');
  });
});
