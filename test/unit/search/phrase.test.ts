/**
 * Phrases and the word pairs behind them: the pairs a segment lists (built or merged) are
 * exactly the adjacent pair words of its documents, and phrase search agrees with a scan of
 * every document's tokens on corpora where some words are frequent (pair words) and some are
 * not, through batches, deletions and merges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc } from '@shared/search/index';
import { findTerm, type Segment } from '@shared/search/segment';
import { buildSegment } from '@shared/search/segment-builder';
import { mergeSegments } from '@shared/search/segment-merge';
import { findPair, pairDocuments } from '@shared/search/word-pairs';
import { terms } from '@shared/search/text';
import { doc } from './docs';

// Skewed: the first words end up in most documents (pair words), the last in few.
const VOCAB = ['the', 'of', 'and', 'vote', 'rain', 'city', 'kovac', 'moscow', 'budget', 'zeal'];
const WEIGHTS = [40, 25, 15, 8, 5, 3, 2, 1, 1, 1];

const wordArb = fc.constantFrom(...VOCAB.flatMap((w, i) => Array<string>(WEIGHTS[i]!).fill(w)));
const textArb = (max: number) => fc.array(wordArb, { maxLength: max }).map((ws) => ws.join(' '));

const docArb = (id: string) =>
  fc
    .record({
      title: textArb(4),
      body: textArb(30),
      note: textArb(4),
      tags: fc.subarray(['the city', 'vote', 'rain of'], { maxLength: 2 }),
      trashed: fc.boolean(),
    })
    .map((fields) => doc(id, fields));

/** Token lists per field value, as the index sees them (a phrase may not span two). */
function values(d: SearchDoc): string[][] {
  return [d.title, d.source, ...d.authors, ...d.tags, d.body, d.note, d.highlightNotes].map(terms);
}

function hasPhrase(d: SearchDoc, words: readonly string[]): boolean {
  return values(d).some((v) => v.some((_, i) => words.every((w, j) => v[i + j] === w)));
}

/** Every two pair words of `seg`: listed with exactly the documents where they are adjacent. */
function expectPairsExact(seg: Segment, docs: readonly SearchDoc[]): void {
  const pairs = seg.pairs!;
  expect(pairs.word).toHaveLength(seg.terms.length);
  const words = seg.terms.filter((_, t) => pairs.word[t]);
  for (const a of words) {
    for (const b of words) {
      const expected = docs.flatMap((d, k) => (hasPhrase(d, [a, b]) ? [k] : []));
      const i = findPair(pairs, findTerm(seg, a), findTerm(seg, b));
      const got = i < 0 ? [] : pairDocuments(pairs, i);
      expect(got, `${a} ${b}`).toEqual(expected);
      if (i >= 0) expect(got.length, `${a} ${b} listed without documents`).toBeGreaterThan(0);
    }
  }
}

describe('word pairs', () => {
  it('lists the frequent words of a segment and every place two of them meet', () => {
    const batches = fc.sample(fc.array(docArb('x'), { minLength: 1, maxLength: 40 }), {
      seed: 7,
      numRuns: 30,
    });
    for (const generated of batches) {
      const batch = generated.map((d, i) => ({ ...d, id: `d${i}` }));
      const seg = buildSegment(1, batch);
      expectPairsExact(seg, batch);
      // A pair word is in at least a fifth of the documents; "the" always qualifies here.
      const min = Math.ceil(batch.length / 5);
      seg.terms.forEach((_, t) => {
        if (seg.pairs!.word[t]) expect(seg.df[t]).toBeGreaterThanOrEqual(min);
      });
    }
  });

  it('keeps them exact through merges that drop deleted documents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(docArb('x'), { minLength: 1, maxLength: 12 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }),
        (batches, deleted) => {
          let next = 0;
          const inputs = batches.map((batch, b) => {
            const docs = batch.map((d) => ({ ...d, id: `d${next++}` }));
            const dead = Uint8Array.from(docs, (_, k) => (deleted[(b * 12 + k) % 48] ? 1 : 0));
            return { seg: buildSegment(b + 1, docs), dead, docs };
          });
          const merged = mergeSegments(9, inputs);
          const kept = inputs.flatMap(({ docs, dead }) => docs.filter((_, k) => !dead[k]));
          expect(merged.docIds).toEqual(kept.map((d) => d.id));
          expectPairsExact(merged, kept);
          // Pair words of the merged segment were pair words wherever they were found.
          merged.terms.forEach((term, t) => {
            if (!merged.pairs!.word[t]) return;
            for (const { seg } of inputs) {
              const o = findTerm(seg, term);
              if (o >= 0) expect(seg.pairs!.word[o], term).toBe(1);
            }
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});

const phraseArb = fc
  .array(fc.constantFrom(...VOCAB), { minLength: 2, maxLength: 4 })
  .map((ws) => ws.join(' '));

describe('phrase search', () => {
  it('agrees with a scan of every document, frequent words or not', () => {
    let nonEmpty = 0;
    let checked = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(docArb('x'), { minLength: 1, maxLength: 25 }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 10 }),
        fc.boolean(),
        fc.array(fc.tuple(phraseArb, fc.constantFrom('', 'vote ', '-city ', 'OR rain ')), {
          minLength: 1,
          maxLength: 6,
        }),
        (batches, removals, merge, queries) => {
          const index = new SearchIndex();
          const truth = new Map<string, SearchDoc>();
          let next = 0;
          for (const batch of batches) {
            const docs = batch.map((d) => ({ ...d, id: `d${next++}` }));
            index.add(docs);
            for (const d of docs) truth.set(d.id, d);
          }
          const removed = removals.map((i) => `d${i}`);
          index.remove(removed);
          for (const id of removed) truth.delete(id);
          if (merge && index.segments.length > 1) index.merge(index.segments.slice(0, 3));
          // Segments mostly deleted are rewritten.
          while (index.mergeStep());
          for (const [phrase, extra] of queries) {
            const words = phrase.split(' ');
            const q = `"${phrase}" ${extra}`;
            const matches = (d: SearchDoc): boolean => {
              const p = hasPhrase(d, words);
              const w = (word: string) => values(d).some((v) => v.includes(word));
              if (extra === 'vote ') return p && w('vote');
              if (extra === '-city ') return p && !w('city');
              if (extra === 'OR rain ') return p || w('rain');
              return p;
            };
            const expected = [...truth.values()]
              .filter((d) => !d.trashed && matches(d))
              .map((d) => d.id)
              .sort();
            const got = index.search(q, { limit: 200 });
            expect(got.hits.map((h) => h.id).sort(), q).toEqual(expected);
            expect(got.total, q).toBe(expected.length);
            checked++;
            if (expected.length > 0) nonEmpty++;
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(nonEmpty).toBeGreaterThan(checked / 8);
  });

  it('finds the same documents whether its words are pair words or not', () => {
    // "the of": two pair words in a (every document has both), not in b (most lack them).
    const shared = [
      doc('p1', { title: 'the of', body: 'the of the rain' }),
      doc('p2', { body: 'of the of the city' }),
    ];
    const a = new SearchIndex();
    a.add([
      ...shared,
      ...Array.from({ length: 8 }, (_, i) => doc(`f${i}`, { body: 'of rain the' })),
    ]);
    const b = new SearchIndex();
    b.add([
      ...shared,
      ...Array.from({ length: 13 }, (_, i) => doc(`f${i}`, { body: 'rain zeal' })),
    ]);
    const segA = a.segments[0]!;
    const segB = b.segments[0]!;
    expect(segA.pairs!.word[findTerm(segA, 'of')]).toBe(1);
    expect(segB.pairs!.word[findTerm(segB, 'of')]).toBe(0);
    expect(a.search('"the of"').hits.map((h) => h.id)).toEqual(['p1', 'p2']);
    expect(b.search('"the of"').hits.map((h) => h.id)).toEqual(['p1', 'p2']);
    // Two pair words that never meet: nothing, without reading positions.
    expect(a.search('"rain of"').total).toBe(0);
  });
});
