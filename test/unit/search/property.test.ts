/**
 * The index against a brute-force matcher that scans every document's tokens: for random
 * small corpora built in several batches, with replacements, deletions and merges, and random
 * queries, both must agree on the set of matching ids.
 */
import { storyFilterMatches } from '../../../src/shared/stories/filters';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc } from '../../../src/shared/search/index';
import { dayNumber } from '../../../src/shared/search/segment';
import { parseQuery, type QueryNode } from '../../../src/shared/search/query';
import { stem } from '../../../src/shared/search/stem';
import { foldTag, foldText, terms } from '../../../src/shared/search/text';
import { doc } from './docs';

const WORDS = [
  'election',
  'elections',
  'elected',
  'vote',
  'votes',
  'voting',
  'rain',
  'rainy',
  'Kovač',
  'kovac',
  'Москва',
  'москве',
  'the',
  'of',
  'europe',
  'politics',
  'الحكومة',
  'حكومات',
];
const TAGS = ['politics', 'politics/europe', 'Politics/Asia', 'sport', 'sport/football'];
const SOURCES = ['The Guardian', 'BBC', 'Le Monde', 'Новая газета'];
const AUTHORS = ['Ana Kovač', 'John Smith', 'Li Wei'];
const DATES = ['', '2022-06-01', '2023-12-31', '2024-01-15', '2024-03-05'];

const words = (max: number) =>
  fc.array(fc.constantFrom(...WORDS), { maxLength: max }).map((w) => w.join(' '));

const docArb = (id: string) =>
  fc
    .record({
      title: words(3),
      body: words(12),
      note: words(3),
      highlightNotes: words(2),
      source: fc.constantFrom(...SOURCES),
      authors: fc.subarray(AUTHORS, { maxLength: 2 }),
      tags: fc.subarray(TAGS, { maxLength: 2 }),
      publishedAt: fc.constantFrom(...DATES),
      language: fc.constantFrom('en', 'en-GB', 'ru', ''),
      hasHighlights: fc.boolean(),
      hasNote: fc.boolean(),
      trashed: fc.boolean(),
    })
    .map((fields) => doc(id, fields));

const QUERY_PARTS = [
  ...WORDS,
  'elect',
  'vot',
  'ra',
  'kov',
  'моск',
  '"election of"',
  '"the election"',
  '"vote rain"',
  'tag:politics',
  'tag:sport/football',
  'source:guardian',
  'source:"le monde"',
  'author:kovac',
  'lang:en',
  'before:2024',
  'after:2024-01',
  'has:highlights',
  'has:note',
  'OR',
];

const queryArb = fc
  .tuple(
    fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...QUERY_PARTS)), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.boolean(),
  )
  .map(
    ([parts, space]) =>
      parts.map(([neg, p]) => (neg && p !== 'OR' ? `-${p}` : p)).join(' ') + (space ? ' ' : ''),
  );

/** Token lists per field value, as the index sees them (a phrase may not span two). */
function values(d: SearchDoc): string[][] {
  return [d.title, d.source, ...d.authors, ...d.tags, d.body, d.note, d.highlightNotes].map(terms);
}

function matches(node: QueryNode, d: SearchDoc): boolean {
  const vs = values(d);
  switch (node.type) {
    case 'and':
      return node.children.every((c) => matches(c, d));
    case 'or':
      return node.children.some((c) => matches(c, d));
    case 'not':
      return !matches(node.child, d);
    case 'term': {
      const s = stem(node.term);
      return vs.some((v) =>
        v.some(
          (t) =>
            t === node.term ||
            (!node.exact && stem(t) === s) ||
            (node.prefix && node.term.length >= 2 && t.startsWith(node.term)),
        ),
      );
    }
    case 'phrase':
      return vs.some((v) => v.some((_, i) => node.terms.every((t, j) => v[i + j] === t)));
    case 'filter': {
      const f = node.filter;
      const day = dayNumber(d.publishedAt);
      switch (f.kind) {
        case 'tag':
          return d.tags.map(foldTag).some((t) => t === f.value || t.startsWith(`${f.value}/`));
        case 'source':
          return ` ${foldText(d.source)}`.includes(` ${f.value}`);
        case 'author':
          return d.authors.some((a) => ` ${foldText(a)}`.includes(` ${f.value}`));
        case 'lang': {
          const l = d.language.toLowerCase();
          return l === f.value || l.startsWith(`${f.value}-`);
        }
        case 'before':
          return day !== 0 && day < f.day;
        case 'after':
          return day !== 0 && day >= f.day;
        case 'has':
          return f.value === 'highlights' ? d.hasHighlights : d.hasNote;
        default:
          // Story filters, with no stories: every clipping is alone.
          return storyFilterMatches(f, new Map(), d.id);
      }
    }
  }
}

const ops = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('add' as const),
      ids: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 6 }),
    }),
    fc.record({
      kind: fc.constant('remove' as const),
      ids: fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 3 }),
    }),
    fc.record({ kind: fc.constant('merge' as const), ids: fc.constant([]) }),
  ),
  { minLength: 1, maxLength: 10 },
);

describe('index agrees with a brute-force matcher', () => {
  it('on random corpora, updates, deletions, merges and queries', () => {
    let checked = 0;
    let nonEmpty = 0;
    fc.assert(
      fc.property(
        ops,
        fc.array(fc.integer({ min: 0, max: 2 ** 30 }), { minLength: 16, maxLength: 16 }),
        fc.array(queryArb, { minLength: 1, maxLength: 8 }),
        (operations, seeds, queries) => {
          const index = new SearchIndex();
          const truth = new Map<string, SearchDoc>();
          let version = 0;
          for (const op of operations) {
            if (op.kind === 'add') {
              const batch = op.ids.map((i) => {
                const [d] = fc.sample(docArb(`d${i}`), { seed: seeds[i]! + version++, numRuns: 1 });
                return d!;
              });
              index.add(batch);
              for (const d of batch) truth.set(d.id, d);
            } else if (op.kind === 'remove') {
              const ids = op.ids.map((i) => `d${i}`);
              index.remove(ids);
              for (const id of ids) truth.delete(id);
            } else if (index.segments.length > 1) {
              index.merge(index.segments.slice(0, 3));
            }
          }
          expect(index.size).toBe(truth.size);
          for (const q of queries) {
            const parsed = parseQuery(q);
            if (!parsed.ok) continue;
            const expected = new Set(
              [...truth.values()]
                .filter((d) => !d.trashed && parsed.query && matches(parsed.query, d))
                .map((d) => d.id),
            );
            const got = index.search(q, { limit: 100 });
            expect(new Set(got.hits.map((h) => h.id)), q).toEqual(expected);
            expect(got.total, q).toBe(expected.size);
            checked++;
            if (expected.size > 0) nonEmpty++;
          }
        },
      ),
      { numRuns: 300 },
    );
    // The generators must produce queries that match something, or agreement proves little.
    // About a quarter of the generated queries match something (runs seen: 24–30 %); an
    // eighth is the floor below which the generators would be testing mostly empty results.
    expect(nonEmpty).toBeGreaterThan(checked / 8);
  });
});
