/**
 * The index against a brute-force matcher that scans every document's tokens: for random
 * small corpora built in several batches, with replacements, deletions and merges, and random
 * queries (flat ones, and nested trees of proximity, fields, wildcards and atleast), both
 * must agree on the set of matching ids. The matcher works on token lists per field value,
 * with sentences and paragraphs cut from the text as documented, not on positions.
 */
import { storyFilterMatches } from '@shared/stories/filters';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc } from '@shared/search/index';
import { dayNumber } from '@shared/search/segment';
import { parseQuery, type Field, type QueryNode } from '@shared/search/query';
import { isCoverageFilter, matchesCoverage } from '@shared/search/coverage-filter';
import { stem } from '@shared/search/stem';
import { foldTag, foldText, terms, tokenize } from '@shared/search/text';
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
/** Running text: words with sentence ends and paragraph breaks between some of them. */
const prose = (max: number) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...WORDS),
        fc.constantFrom(' ', ' ', ' ', ', ', '. ', '! ', '\n\n', '.\n\n'),
      ),
      {
        maxLength: max,
      },
    )
    .map((ws) => ws.map(([w, sep]) => w + sep).join(''));

const docArb = (id: string) =>
  fc
    .record({
      title: words(3),
      body: prose(14),
      note: prose(3),
      highlightNotes: prose(2),
      source: fc.constantFrom(...SOURCES),
      authors: fc.subarray(AUTHORS, { maxLength: 2 }),
      tags: fc.subarray(TAGS, { maxLength: 2 }),
      publishedAt: fc.constantFrom(...DATES),
      language: fc.constantFrom('en', 'en-GB', 'ru', ''),
      hasHighlights: fc.boolean(),
      hasNote: fc.boolean(),
      trashed: fc.boolean(),
      coverage: fc.record({
        tone: fc.constantFrom('', 'negative', 'positive' as const),
        mediaType: fc.constantFrom('', 'print', 'online' as const),
        reach: fc.constantFrom(null, 0, 1000, 5000, 250_000),
        page: fc.constantFrom('', '1', '1-2', '11', 'A1', '4'),
      }),
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
  'tone:negative',
  'type:print',
  'reach>1000',
  'reach<=5k',
  'page:1',
  'page<5',
  'has:tone',
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

const LEAVES = [
  ...WORDS,
  'elect',
  'vot*',
  'el?ction*',
  '*ection',
  'ra?n',
  '"the election"',
  '"vote rain"',
  '"of europe"',
];
const FIELD_SCOPES = ['', '', '', 'title:', 'lead:', 'text:', 'note:'];
const PROXIMITIES = ['w/1', 'w/2', 'w/4', 'pre/1', 'pre/3', 'near/2', 'w/s', 'w/p'];

/** Trees of the new operators, fully parenthesised where precedence would otherwise decide. */
const { tree } = fc.letrec<{ positional: string; tree: string }>((go) => ({
  positional: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...FIELD_SCOPES), fc.constantFrom(...LEAVES)).map(([f, l]) => f + l),
    fc.tuple(go('positional'), go('positional')).map(([a, b]) => `(${a} OR ${b})`),
    fc
      .tuple(go('positional'), fc.constantFrom(...PROXIMITIES), go('positional'))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
  ),
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    go('positional'),
    fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(...LEAVES))
      .map(([n, l]) => `atleast${n}(${l})`),
    fc.constantFrom('tag:politics', 'lang:en', 'has:note', 'source:bbc'),
    go('tree').map((t) => `-${t}`),
    fc.tuple(go('tree'), go('tree')).map(([a, b]) => `(${a} ${b})`),
    fc.tuple(go('tree'), go('tree')).map(([a, b]) => `(${a} OR ${b})`),
    fc.tuple(go('tree'), go('tree')).map(([a, b]) => `(${a} NOT ${b})`),
  ),
}));

/** A token as the matcher sees it: its value, index there, sentence and paragraph. */
interface Tok {
  term: string;
  value: number;
  i: number;
  sentence: number;
  paragraph: number;
  field: Field | 'meta';
}

/** The documented boundaries: a line break ends a paragraph; . ! ? … and a space a sentence. */
function tokensOf(d: SearchDoc): Tok[] {
  const vals: [string, Field | 'meta', boolean][] = [
    [d.title, 'title', false],
    [d.source, 'meta', false],
    ...d.authors.map((a): [string, 'meta', boolean] => [a, 'meta', false]),
    ...d.tags.map((t): [string, 'meta', boolean] => [t, 'meta', false]),
    [d.body, 'text', true],
    [d.note, 'note', true],
    [d.highlightNotes, 'note', true],
  ];
  const out: Tok[] = [];
  let sentence = 0;
  let paragraph = 0;
  vals.forEach(([text, field, isProse], value) => {
    sentence++;
    paragraph++;
    let prevEnd = -1;
    let firstParagraph = true;
    tokenize(text).forEach((t, i) => {
      if (isProse && prevEnd >= 0) {
        const gap = text.slice(prevEnd, t.start);
        if (/[\n\r]/.test(gap)) {
          paragraph++;
          sentence++;
          firstParagraph = false;
        } else if (/[.!?…][^]*\s/.test(gap)) sentence++;
      }
      prevEnd = t.end;
      const f: Field | 'meta' = field === 'text' && firstParagraph ? 'lead' : field;
      out.push({ term: t.term, value, i, sentence, paragraph, field: f });
    });
  });
  return out;
}

function inScope(t: Tok, field: Field | null): boolean {
  if (field === null) return true;
  if (field === 'text') return t.field === 'text' || t.field === 'lead';
  return t.field === field;
}

interface RefSpan {
  first: Tok;
  last: Tok;
}

function wordMatches(node: QueryNode & { type: 'term' | 'wildcard' }, t: string): boolean {
  if (node.type === 'wildcard') {
    const re = new RegExp(
      `^${[...node.pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('')}$`,
      'u',
    );
    return re.test(t);
  }
  return (
    t === node.term ||
    (!node.exact && stem(t) === stem(node.term)) ||
    (node.prefix && node.term.length >= 2 && t.startsWith(node.term))
  );
}

/** Every span where a positional node occurs. */
function spans(node: QueryNode, toks: Tok[]): RefSpan[] {
  switch (node.type) {
    case 'term':
    case 'wildcard':
      return toks
        .filter((t) => inScope(t, node.field) && wordMatches(node, t.term))
        .map((t) => ({ first: t, last: t }));
    case 'phrase': {
      const out: RefSpan[] = [];
      toks.forEach((t, k) => {
        const run = toks.slice(k, k + node.terms.length);
        if (
          run.length === node.terms.length &&
          run.every((r, j) => r.value === t.value && r.term === node.terms[j]) &&
          run.every((r) => inScope(r, node.field))
        ) {
          out.push({ first: t, last: run[run.length - 1]! });
        }
      });
      return out;
    }
    case 'or': {
      const seen = new Set<string>();
      const out: RefSpan[] = [];
      for (const c of node.children) {
        for (const sp of spans(c, toks)) {
          const key = `${sp.first.value}:${sp.first.i}:${sp.last.i}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(sp);
        }
      }
      return out;
    }
    case 'near': {
      const p = node.proximity;
      const out: RefSpan[] = [];
      const seen = new Set<string>();
      for (const x of spans(node.left, toks)) {
        for (const y of spans(node.right, toks)) {
          if (x.first.value !== y.first.value) continue;
          const before = x.last.i < y.first.i;
          const after = y.last.i < x.first.i;
          if (!before && !after) continue;
          let ok: boolean;
          if (p.unit === 'words') {
            ok = before
              ? y.first.i - x.last.i <= p.distance
              : !p.ordered && x.first.i - y.last.i <= p.distance;
          } else {
            const unit = (t: Tok) => (p.unit === 'sentence' ? t.sentence : t.paragraph);
            const u = unit(x.first);
            ok = [x.last, y.first, y.last].every((t) => unit(t) === u);
          }
          if (!ok) continue;
          const first = x.first.i <= y.first.i ? x.first : y.first;
          const last = x.last.i >= y.last.i ? x.last : y.last;
          const key = `${first.value}:${first.i}:${last.i}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ first, last });
        }
      }
      return out;
    }
    default:
      throw new Error(`no spans for ${node.type}`);
  }
}

/** Token lists per field value, as the index sees them (a phrase may not span two). */
function values(d: SearchDoc): string[][] {
  return [d.title, d.source, ...d.authors, ...d.tags, d.body, d.note, d.highlightNotes].map(terms);
}

function matches(node: QueryNode, d: SearchDoc): boolean {
  const vs = values(d);
  switch (node.type) {
    case 'wildcard':
    case 'near':
      return spans(node, tokensOf(d)).length > 0;
    case 'atleast':
      return spans(node.child, tokensOf(d)).length >= node.count;
    case 'and':
      return node.children.every((c) => matches(c, d));
    case 'or':
      return node.children.some((c) => matches(c, d));
    case 'not':
      return !matches(node.child, d);
    case 'term': {
      if (node.field) return spans(node, tokensOf(d)).length > 0;
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
      if (node.field) return spans(node, tokensOf(d)).length > 0;
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
          if (isCoverageFilter(f)) return matchesCoverage(f, d.coverage);
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
    let proximity = 0;
    let proximityNonEmpty = 0;
    fc.assert(
      fc.property(
        ops,
        fc.array(fc.integer({ min: 0, max: 2 ** 30 }), { minLength: 16, maxLength: 16 }),
        fc.array(
          fc.oneof(
            queryArb,
            tree,
            tree.map((t) => `${t} `),
          ),
          { minLength: 1, maxLength: 8 },
        ),
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
            const got = index.search(q, {
              limit: 100,
              coverage: (id) => truth.get(id)?.coverage,
            });
            expect(new Set(got.hits.map((h) => h.id)), q).toEqual(expected);
            expect(got.total, q).toBe(expected.size);
            // Unranked matching (share of voice) evaluates without scores: the same set.
            const unranked = index.matches(parsed.query, {
              coverage: (id) => truth.get(id)?.coverage,
            });
            expect(new Set(unranked.ids), q).toEqual(expected);
            checked++;
            if (expected.size > 0) nonEmpty++;
            if (/w\/|pre\/|near\//.test(q)) {
              proximity++;
              if (expected.size > 0) proximityNonEmpty++;
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    // The generators must produce queries that match something, or agreement proves little.
    // About a quarter of the generated queries match something (runs seen: 24–30 %); an
    // eighth is the floor below which the generators would be testing mostly empty results.
    expect(nonEmpty).toBeGreaterThan(checked / 8);
    // Likewise for the proximity queries (runs seen: about a third match something).
    expect(proximityNonEmpty).toBeGreaterThan(proximity / 8);
  });
});
