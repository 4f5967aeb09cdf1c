import { describe, expect, it } from 'vitest';
import { SearchIndex } from '@shared/search/index';
import { doc } from './docs';

const ids = (index: SearchIndex, q: string, opts = {}) =>
  index.search(q, opts).hits.map((h) => h.id);
const set = (index: SearchIndex, q: string, opts = {}) =>
  new Set(ids(index, q, { limit: 1000, ...opts }));

describe('ranking', () => {
  // Every document mentions "budget" once in a body of similar length unless noted, so the
  // differences in rank come from the field, the frequency, the length and the rarity.
  const filler = 'officials met on tuesday to discuss plans for the coming year in the capital';
  const corpus = [
    // In the title: title weight ×3 beats any single body mention.
    doc('title', { title: 'Budget talks stall', body: filler }),
    // Three mentions in a body of normal length: term frequency saturates, below the title.
    doc('thrice', { body: `budget ${filler} budget cuts and budget rows` }),
    // One mention in a normal body.
    doc('once', { body: `the budget ${filler}` }),
    // One mention drowned in a long body: length normalisation puts it last.
    doc('long', { body: `the budget ${filler} ${filler} ${filler} ${filler} ${filler} ${filler}` }),
    // Only in the tags (meta ×3): below the title, above a single body mention.
    doc('tagged', { tags: ['budget'], body: filler }),
    // Unrelated.
    doc('none', { title: 'Weather', body: filler }),
  ];
  const index = new SearchIndex();
  index.add(corpus);

  it('orders by field weight, term frequency and length', () => {
    const order = ids(index, 'budget ');
    expect(order).toHaveLength(5);
    expect(order[0]).toBe('title');
    const rank = (id: string) => order.indexOf(id);
    expect(rank('tagged')).toBeLessThan(rank('once'));
    expect(rank('thrice')).toBeLessThan(rank('once'));
    expect(rank('once')).toBeLessThan(rank('long'));
  });

  it('gives a rare word more weight than a common one', () => {
    const idx = new SearchIndex();
    idx.add([
      // "plans" is in every document, "sanctions" only here: matching the rare word once
      // outweighs matching the common word three times.
      doc('rare', { body: 'sanctions plans' }),
      doc('common', { body: 'plans plans plans' }),
      ...Array.from({ length: 20 }, (_, i) => doc(`f${i}`, { body: 'plans and more' })),
    ]);
    expect(ids(idx, 'sanctions OR plans ', { limit: 2 })).toEqual(['rare', 'common']);
  });

  it('ties break by publication date, newest first', () => {
    const idx = new SearchIndex();
    idx.add([
      doc('old', { body: 'flood', publishedAt: '2020-01-01' }),
      doc('new', { body: 'flood', publishedAt: '2024-01-01' }),
      doc('mid', { body: 'flood', publishedAt: '2022-01-01' }),
    ]);
    expect(ids(idx, 'flood ')).toEqual(['new', 'mid', 'old']);
  });

  it('pages with limit and offset and counts the total', () => {
    const all = ids(index, 'budget ');
    const r = index.search('budget ', { limit: 2, offset: 1 });
    expect(r.total).toBe(5);
    expect(r.hits.map((h) => h.id)).toEqual(all.slice(1, 3));
  });
});

describe('matching', () => {
  const index = new SearchIndex();
  index.add([
    doc('a', {
      title: 'Elections in Europe',
      body: 'The election results were announced. Voters elected a new parliament.',
      source: 'The Guardian',
      authors: ['Ana Kovač'],
      tags: ['Politics/Europe'],
      publishedAt: '2024-03-05',
      language: 'en-GB',
      hasHighlights: true,
    }),
    doc('b', {
      title: 'Cup final',
      body: 'The match ended in a draw; results of the election of a captain follow.',
      source: 'BBC Sport',
      authors: ['John Smith'],
      tags: ['sport'],
      publishedAt: '2023-12-31',
      note: 'ask about the replay',
      hasNote: true,
    }),
    doc('c', {
      title: 'Выборы в Москве',
      body: 'Итоги выборов объявлены в Москве.',
      source: 'Новая газета',
      tags: ['politics'],
      publishedAt: '2024-01-15',
      language: 'ru',
      highlightNotes: 'check the turnout figures',
    }),
    doc('d', {
      title: 'الانتخابات في مصر',
      body: 'أعلنت الحكومة نتائج الانتخابات.',
      source: 'الأهرام',
      language: 'ar',
      publishedAt: '2022-06-01',
    }),
  ]);

  it('matches stems, diacritics and case', () => {
    expect(set(index, 'ELECTIONS ')).toEqual(new Set(['a', 'b']));
    expect(set(index, 'kovac ')).toEqual(new Set(['a']));
    expect(set(index, 'Kovač ')).toEqual(new Set(['a']));
    expect(set(index, 'москва ')).toEqual(new Set(['c']));
    expect(set(index, 'выборы ')).toEqual(new Set(['c']));
    expect(set(index, 'حكومة ')).toEqual(new Set(['d']));
    expect(set(index, 'انتخابات ')).toEqual(new Set(['d']));
  });

  it('quoted words are exact (no stemming)', () => {
    expect(set(index, '"elections"')).toEqual(new Set(['a']));
  });

  it('matches phrases by position, not across fields', () => {
    expect(set(index, '"election results"')).toEqual(new Set(['a']));
    expect(set(index, '"results of the election"')).toEqual(new Set(['b']));
    expect(set(index, '"results election"')).toEqual(new Set());
    // "Europe" ends the title, "the" starts the body: no phrase across the boundary.
    expect(set(index, '"europe the"')).toEqual(new Set());
    expect(set(index, '"итоги выборов"')).toEqual(new Set(['c']));
  });

  it('matches the word being typed as a prefix', () => {
    expect(set(index, 'elec')).toEqual(new Set(['a', 'b']));
    expect(set(index, 'parl')).toEqual(new Set(['a']));
    expect(set(index, 'parl ')).toEqual(new Set());
    expect(set(index, 'моск')).toEqual(new Set(['c']));
    // One letter is too short to expand.
    expect(set(index, 'p')).toEqual(new Set());
  });

  it('searches notes, highlight notes, outlet, authors and tags', () => {
    expect(set(index, 'replay ')).toEqual(new Set(['b']));
    expect(set(index, 'turnout ')).toEqual(new Set(['c']));
    expect(set(index, 'guardian ')).toEqual(new Set(['a']));
    expect(set(index, 'smith ')).toEqual(new Set(['b']));
    expect(set(index, 'sport ')).toEqual(new Set(['b']));
  });

  it('filters by tag with hierarchy', () => {
    expect(set(index, 'tag:politics')).toEqual(new Set(['a', 'c']));
    expect(set(index, 'tag:politics/europe')).toEqual(new Set(['a']));
    expect(set(index, 'tag:POLITICS/Europe')).toEqual(new Set(['a']));
    expect(set(index, 'tag:polit')).toEqual(new Set());
    expect(set(index, 'tag:europe')).toEqual(new Set());
  });

  it('filters by source, author and language', () => {
    expect(set(index, 'source:guardian')).toEqual(new Set(['a']));
    expect(set(index, 'source:"bbc sport"')).toEqual(new Set(['b']));
    expect(set(index, 'source:ardian')).toEqual(new Set());
    expect(set(index, 'source:новая')).toEqual(new Set(['c']));
    expect(set(index, 'author:kovac')).toEqual(new Set(['a']));
    expect(set(index, 'author:"john smith"')).toEqual(new Set(['b']));
    expect(set(index, 'lang:en')).toEqual(new Set(['a', 'b']));
    expect(set(index, 'lang:en-gb')).toEqual(new Set(['a']));
    expect(set(index, 'lang:ru')).toEqual(new Set(['c']));
  });

  it('filters by date: before is exclusive, after is inclusive of the period', () => {
    expect(set(index, 'before:2024')).toEqual(new Set(['b', 'd']));
    expect(set(index, 'after:2024')).toEqual(new Set(['a', 'c']));
    expect(set(index, 'after:2024-01 before:2024-02')).toEqual(new Set(['c']));
    expect(set(index, 'after:2024-03-05')).toEqual(new Set(['a']));
    expect(set(index, 'before:2024-03-05')).toEqual(new Set(['b', 'c', 'd']));
  });

  it('filters by has:', () => {
    expect(set(index, 'has:highlights')).toEqual(new Set(['a']));
    expect(set(index, 'has:note')).toEqual(new Set(['b']));
    expect(set(index, '-has:note')).toEqual(new Set(['a', 'c', 'd']));
  });

  it('combines words, exclusions, OR and filters', () => {
    expect(set(index, 'election -match')).toEqual(new Set(['a']));
    expect(set(index, 'election -"of the election"')).toEqual(new Set(['a']));
    expect(set(index, 'captain OR parliament')).toEqual(new Set(['a', 'b']));
    expect(set(index, 'election tag:sport')).toEqual(new Set(['b']));
    expect(set(index, 'tag:sport OR lang:ar')).toEqual(new Set(['b', 'd']));
    expect(set(index, 'election OR выборы after:2024')).toEqual(new Set(['a', 'c']));
    expect(set(index, '-tag:politics')).toEqual(new Set(['b', 'd']));
  });

  it('returns errors instead of throwing, and nothing for an empty query', () => {
    const r = index.search('election before:2024-13');
    expect(r.error?.message).toMatch(/not a date/);
    expect(r.hits).toEqual([]);
    expect(index.search('   ').total).toBe(0);
  });

  it('reports the matched terms for highlighting (not excluded ones)', () => {
    const r = index.search('election -captain');
    expect(new Set(r.highlight)).toEqual(new Set(['election', 'elections', 'elected']));
  });
});

describe('updates, deletions and trash', () => {
  it('replaces a re-added document and forgets a removed one', () => {
    const index = new SearchIndex();
    index.add([doc('a', { body: 'apple' }), doc('b', { body: 'banana' })]);
    index.add([doc('a', { body: 'cherry' })]);
    expect(set(index, 'apple ')).toEqual(new Set());
    expect(set(index, 'cherry ')).toEqual(new Set(['a']));
    index.remove(['b', 'missing']);
    expect(set(index, 'banana ')).toEqual(new Set());
    expect(index.size).toBe(1);
    expect(index.has('b')).toBe(false);
  });

  it('keeps the last version when a batch repeats an id', () => {
    const index = new SearchIndex();
    index.add([doc('a', { body: 'one' }), doc('a', { body: 'two' })]);
    expect(index.size).toBe(1);
    expect(set(index, 'two ')).toEqual(new Set(['a']));
  });

  it('excludes trashed documents unless asked', () => {
    const index = new SearchIndex();
    index.add([doc('kept', { body: 'memo' }), doc('binned', { body: 'memo', trashed: true })]);
    expect(set(index, 'memo ')).toEqual(new Set(['kept']));
    expect(set(index, 'memo ', { trashed: 'include' })).toEqual(new Set(['kept', 'binned']));
    expect(set(index, 'memo ', { trashed: 'only' })).toEqual(new Set(['binned']));
  });

  it('merges segments in tiers and drops deleted documents', () => {
    const index = new SearchIndex();
    for (let b = 0; b < 8; b++) {
      index.add(
        Array.from({ length: 3 }, (_, i) => doc(`${b}-${i}`, { body: `batch${b} common` })),
      );
    }
    index.remove(['0-0', '7-2']);
    index.takeChanges();
    expect(index.segments.length).toBe(8);
    expect(index.mergeStep()).toBe(true);
    expect(index.segments.length).toBe(1);
    expect(index.segments[0]!.docCount).toBe(22);
    expect(index.search('common ').total).toBe(22);
    expect(set(index, 'batch0 ')).toEqual(new Set(['0-1', '0-2']));
    const changes = index.takeChanges();
    expect(changes.added.map((s) => s.id)).toEqual([index.segments[0]!.id]);
    expect(changes.removed).toHaveLength(8);
    expect(index.mergeStep()).toBe(false);
  });

  it('never merges past the size cap (one stored value each) and leaves full segments alone', () => {
    const index = new SearchIndex();
    const batch = (b: number) =>
      Array.from({ length: 4 }, (_, i) =>
        doc(`${b}-${i}`, { body: `batch${b} ${'common words in a body '.repeat(20)}` }),
      );
    for (let b = 0; b < 8; b++) index.add(batch(b));
    expect(index.missingPositions()).toEqual([]);
    const sizes = index.segments.map((s) => s.postings.byteLength + s.positions!.byteLength);
    // Room for three of the eight batch segments: the three smallest merge, the rest wait.
    index.maxSegmentBytes = sizes.reduce((a, b) => Math.max(a, b)) * 3 + 1;
    expect(index.mergeStep()).toBe(true);
    expect(index.segments.map((s) => s.docCount).sort((a, b) => a - b)).toEqual([
      4, 4, 4, 4, 4, 12,
    ]);
    for (const seg of index.segments) {
      expect(seg.postings.byteLength + seg.positions!.byteLength).toBeLessThanOrEqual(
        index.maxSegmentBytes,
      );
    }
    // Fewer than eight mergeable segments remain at the level (the merged one is full).
    expect(index.mergeStep()).toBe(false);
    expect(index.search('common ').total).toBe(32);
    for (let b = 8; b < 11; b++) index.add(batch(b));
    expect(index.mergeStep()).toBe(true);
    expect(index.segments.every((s) => s.docCount <= 12)).toBe(true);
    expect(index.search('common ').total).toBe(44);
  });

  it('rewrites a segment that is mostly deleted', () => {
    const index = new SearchIndex();
    index.add([doc('a', { body: 'x' }), doc('b', { body: 'x' }), doc('c', { body: 'y' })]);
    index.remove(['a', 'b']);
    expect(index.mergeStep()).toBe(true);
    expect(index.segments[0]!.docCount).toBe(1);
    expect(set(index, 'y ')).toEqual(new Set(['c']));
  });
});

describe('merging in steps', () => {
  it('answers queries between steps and keeps changes made while merging', () => {
    const index = new SearchIndex();
    for (let b = 0; b < 8; b++) {
      index.add(
        Array.from({ length: 300 }, (_, i) =>
          doc(`${b}-${i}`, { body: `batch${b} common word${i % 7} filler${i}` }),
        ),
      );
    }
    index.remove(['0-0']);
    // Small steps, so that a small corpus takes several.
    const task = index.startMerge(512);
    expect(task).not.toBeNull();
    // A deadline in the past: one small step per call.
    let steps = 0;
    let changed = false;
    while (!task!.step(0)) {
      steps++;
      expect(index.search('common ').total).toBe(changed ? 2397 : 2399);
      if (steps === 2) {
        // Deleted and replaced while the merge runs.
        index.remove(['1-1']);
        index.add([doc('2-2', { body: 'replaced' })]);
        changed = true;
      }
    }
    expect(steps).toBeGreaterThan(2);
    expect(index.segments.length).toBe(2);
    expect(index.size).toBe(2398);
    expect(index.search('common ').total).toBe(2397);
    expect(set(index, 'replaced ')).toEqual(new Set(['2-2']));
    expect(index.has('1-1')).toBe(false);
    expect(set(index, 'batch1 ').has('1-1')).toBe(false);
    expect(set(index, '"batch2 common"').has('2-2')).toBe(false);
    const changes = index.takeChanges();
    const merged = changes.added.find((s) => s.docCount > 1)!;
    // The replaced and the deleted documents are tombstoned in the merged segment.
    expect(changes.dead.find((d) => d.id === merged.id)?.dead.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe('prefix expansion', () => {
  it('bounds the postings a prefix reads, keeping the most frequent word and rarer ones', () => {
    const index = new SearchIndex();
    // "pa": pan, par, pat, paw are in every document; pax in one.
    index.add(
      Array.from({ length: 10 }, (_, i) =>
        doc(`d${i}`, { body: `pan par pat paw ${i === 3 ? 'pax' : ''}` }),
      ),
    );
    const r = index.search('pa');
    expect(r.total).toBe(10);
    // 2 postings per document: two of the common words; the rare one would exceed that.
    expect(r.highlight).toEqual(['pan', 'par']);
    expect(index.search('pax').total).toBe(1);
    const small = new SearchIndex();
    small.add([doc('a', { body: 'pan par pat paw pax' })]);
    expect(small.search('pa').highlight).toHaveLength(2);
    // Rarer completions fill what the common ones leave.
    const mixed = new SearchIndex();
    mixed.add(
      Array.from({ length: 10 }, (_, i) =>
        doc(`d${i}`, { body: `pan ${i < 5 ? 'par' : ''} ${i === 3 ? 'pax' : ''}` }),
      ),
    );
    expect(mixed.search('pa').highlight.sort()).toEqual(['pan', 'par', 'pax']);
  });
});

describe('query evaluation order', () => {
  it('scores the same whichever child of an AND is evaluated first', () => {
    const index = new SearchIndex();
    index.add(
      Array.from({ length: 50 }, (_, i) =>
        doc(`d${i}`, {
          title: i % 5 === 0 ? 'rare budget' : 'news',
          body: `budget ${'the '.repeat(i % 4)} vote ${i % 3 === 0 ? 'rare' : ''}`,
          tags: i % 2 ? ['politics'] : [],
        }),
      ),
    );
    const a = index.search('rare budget ', { limit: 50 });
    const b = index.search('budget rare ', { limit: 50 });
    expect(a.hits).toEqual(b.hits);
    // The filter restricts: the same scores as without it, on the documents it keeps.
    const filtered = index.search('budget tag:politics', { limit: 50 });
    const all = new Map(index.search('budget ', { limit: 50 }).hits.map((h) => [h.id, h.score]));
    for (const h of filtered.hits) expect(h.score).toBeCloseTo(all.get(h.id)!, 5);
    expect(filtered.total).toBe(25);
    // A phrase restricted by a word, and a prefix restricted by a word.
    expect(index.search('"budget the" vote ').total).toBe(index.search('"budget the"').total);
    expect(index.search('vote bud').total).toBe(50);
  });
});
