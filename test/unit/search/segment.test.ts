import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src/shared/search/index';
import {
  SegmentFormatError,
  attachPositions,
  buildSegment,
  deserializeSegment,
  findTerm,
  serializePositions,
  serializeSegment,
  termsWithStem,
} from '../../../src/shared/search/segment';
import { doc } from './docs';

const sample = [
  doc('x1', {
    title: 'Ana Kovač wins',
    body: 'The elections were close. Elected at last!',
    source: 'Le Monde',
    authors: ['J. Doe', 'Ana Kovač'],
    tags: ['politics/europe', 'people'],
    publishedAt: '2024-05-06T10:00:00Z',
    language: 'fr',
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
