import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '@shared/search/index';
import { findTerm } from '@shared/search/segment';
import { buildSegment } from '@shared/search/segment-builder';
import {
  SegmentFormatError,
  attachPositions,
  deserializeSegment,
  serializePositions,
  serializeSegment,
} from '@shared/search/segment-codec';
import { termsWithStem } from '@shared/search/segment-stems';
import { hashTerm, terms } from '@shared/search/text';
import { doc } from './docs';

const sample = [
  doc('x1', {
    title: 'Ana Kovač wins',
    body: 'The elections were close. Elected at last!',
    source: 'Le Monde',
    authors: ['J. Doe', 'Ana Kovač'],
    tags: ['politics/europe', 'people'],
    publishedAt: '2024-05-06T10:00:00Z',
    language: 'en',
    hasNote: true,
    note: 'follow up',
  }),
  doc('x2', { title: 'Москва', body: 'Выборы в Москве. الانتخابات', trashed: true }),
];

describe('segment serialisation', () => {
  it('round-trips every array, string and the positions', () => {
    const seg = buildSegment(7, sample);
    const back = deserializeSegment(serializeSegment(seg));
    attachPositions(back, serializePositions(seg));
    for (const [key, value] of Object.entries(seg)) {
      const other = (back as unknown as Record<string, unknown>)[key];
      if (ArrayBuffer.isView(value)) {
        expect([...(other as Uint8Array)], key).toEqual([...(value as Uint8Array)]);
      } else {
        expect(other, key).toEqual(value);
      }
    }
    expect(findTerm(back, 'kovac')).toBeGreaterThanOrEqual(0);
    expect([...termsWithStem(back, 'elect')].map((o) => back.terms[o])).toEqual([
      'elected',
      'elections',
    ]);
  });

  it('a deserialised segment answers queries like the original', () => {
    const a = new SearchIndex();
    a.add(sample);
    const b = new SearchIndex();
    const seg = a.segments[0]!;
    const copy = deserializeSegment(serializeSegment(seg));
    attachPositions(copy, serializePositions(seg));
    b.attach(copy, undefined);
    for (const q of ['elect ', '"ana kovac"', 'tag:politics', 'москва ', 'has:note', 'kov']) {
      expect(b.search(q, { trashed: 'include' }), q).toEqual(a.search(q, { trashed: 'include' }));
    }
  });

  it('refuses other formats with a typed error', () => {
    const buffer = serializeSegment(buildSegment(1, sample));
    new DataView(buffer).setUint8(4, 99);
    expect(() => deserializeSegment(buffer)).toThrow(SegmentFormatError);
    expect(() => deserializeSegment(new ArrayBuffer(4))).toThrow(SegmentFormatError);
  });

  it('refuses positions of format 1 (bare bytes) or of another segment', () => {
    const seg = buildSegment(1, sample);
    const copy = deserializeSegment(serializeSegment(seg));
    expect(() => attachPositions(copy, seg.positions!.slice().buffer)).toThrow(SegmentFormatError);
    const other = buildSegment(2, sample);
    expect(() => attachPositions(copy, serializePositions(other))).toThrow(SegmentFormatError);
    expect(copy.positions).toBeNull();
    attachPositions(copy, serializePositions(seg));
    expect(copy.pairs!.word).toHaveLength(copy.terms.length);
  });

  it('handles an empty segment', () => {
    const seg = buildSegment(3, []);
    const back = deserializeSegment(serializeSegment(seg));
    expect(back.docCount).toBe(0);
    expect(back.terms).toEqual([]);
  });
});

/** Each term of a segment with the number of documents that have it, as the tokeniser sees them. */
function expectedDf(docs: { title: string; body: string }[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) {
    for (const term of new Set([...terms(d.title), ...terms(d.body)])) {
      df.set(term, (df.get(term) ?? 0) + 1);
    }
  }
  return df;
}

function actualDf(docs: { title: string; body: string }[]): Map<string, number> {
  const seg = buildSegment(
    1,
    docs.map((d, i) => doc(`d${i}`, d)),
  );
  return new Map(seg.terms.map((term, i) => [term, seg.df[i]!]));
}

// The builder finds known terms by a hash of the text (no string per token): it must see
// exactly the terms the tokeniser makes, in every script and case, however long.
describe('segment terms', () => {
  const piece = fc.oneof(
    fc.constantFrom(' ', '  ', '. ', "'", '’', "'s", 'Don', "don't", 'ÉTÉ', 'été', 'Kovač'),
    fc.constantFrom('Москва', 'москва', 'الحكومة', '日本', '𝐁old', '\u0301', 'ß'),
    fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
    fc.stringMatching(/^[a-zA-Z]{60,70}$/),
  );
  const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));

  it('has the same terms and document counts as the tokeniser', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ title: text, body: text }), { maxLength: 8 }), (docs) => {
        expect(actualDf(docs)).toEqual(expectedDf(docs));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps terms apart whose hashes are equal, and grows past 10,000 terms', () => {
    expect(hashTerm('yaczf')).toBe(hashTerm('glbpp'));
    const many = Array.from({ length: 12_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    const docs = [
      { title: 'yaczf', body: 'glbpp Glbpp GLBPP yaczf' },
      { title: 'glbpp', body: many },
      { title: '', body: `${many.toUpperCase()} yaczf` },
    ];
    const df = actualDf(docs);
    expect(df).toEqual(expectedDf(docs));
    expect(df.get('yaczf')).toBe(2);
    expect(df.get('glbpp')).toBe(2);
    expect(df.get('w2')).toBe(2);
  });
});
