/** The shared text helpers, including the shortcuts that let them skip work. */
import { describe, expect, it } from 'vitest';
import { cleanText, nfc, textKey } from '../../../src/main/import/article';

describe('nfc', () => {
  it('every string of characters below U+0300 is NFC already (what the shortcut relies on)', () => {
    // Checking each character and each pair covers decomposition, composition and reordering.
    const bad: string[] = [];
    for (let a = 0; a < 0x300; a++) {
      const one = String.fromCharCode(a);
      if (one.normalize('NFC') !== one) bad.push(a.toString(16));
      for (let b = 0; b < 0x300; b++) {
        const two = one + String.fromCharCode(b);
        if (two.normalize('NFC') !== two) bad.push(`${a.toString(16)}+${b.toString(16)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('normalises decomposed text', () => {
    expect(nfc('cafe\u0301')).toBe('café');
    expect(nfc('A\u030A')).toBe('Å');
    expect(nfc('\u212B')).toBe('Å');
    expect(nfc('plain text')).toBe('plain text');
  });
});

describe('cleanText', () => {
  it('collapses spaces and drops invisible characters in ASCII and other text', () => {
    expect(cleanText('  two  spaces ')).toBe('two spaces');
    expect(cleanText('tab\there')).toBe('tab here');
    expect(cleanText('line\nbreak')).toBe('line break');
    expect(cleanText('no\u00a0break')).toBe('no break');
    expect(cleanText('soft\u00adhyphen')).toBe('softhyphen');
    expect(cleanText('zero\u200bwidth')).toBe('zerowidth');
    expect(cleanText('Städte  und Länder')).toBe('Städte und Länder');
    expect(cleanText('Город\u3000и\u00a0мир')).toBe('Город и мир');
    expect(cleanText('already clean')).toBe('already clean');
  });
});

describe('textKey', () => {
  it('ignores case, punctuation, spacing and normalisation form', () => {
    expect(textKey('Hello, World!')).toBe('helloworld');
    expect(textKey('Café – 2024')).toBe(textKey('CAFE\u0301 2024'));
    expect(textKey('Привет, мир')).toBe('приветмир');
  });
});
