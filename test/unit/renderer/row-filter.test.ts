import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tagCovers } from '@shared/annotations';
import type { ClippingSummary } from '../../../src/renderer/src/lib/db';
import { makeSummary } from './summary-factory';
import {
  compileFilters,
  emptyFilters,
  filterRows,
  replaceInOrder,
  sameTagsAndView,
  TagPostings,
  TagPostingsBuilder,
  type Filters,
} from '../../../src/renderer/src/lib/row-filter';

const row = (id: string, tags: string[], extra: Partial<ClippingSummary> = {}) =>
  makeSummary(id, { title: id, tags, ...extra });

/** The rule written out plainly, as the reference the fast paths must agree with. */
function reference(rows: ClippingSummary[], f: Filters): ClippingSummary[] {
  return rows.filter((s) => {
    if ((f.view === 'trash') !== (s.deletedAt !== '')) return false;
    const has = (tag: string): boolean => s.tags.some((t) => tagCovers(tag, t));
    if (f.tags.length && !(f.tagMode === 'all' ? f.tags.every(has) : f.tags.some(has)))
      return false;
    if (f.source && s.source.toLowerCase() !== f.source.toLowerCase()) return false;
    if (f.hasHighlights && s.highlightCount === 0) return false;
    if (f.tone && s.tone !== f.tone) return false;
    if (f.mediaType && s.mediaType !== f.mediaType) return false;
    return true;
  });
}

describe('tag filtering through postings', () => {
  const rows = [
    row('a', ['politics']),
    row('b', ['Politics/Europe', 'economy']),
    row('c', ['politics/europe', 'politics']),
    row('d', ['economy/budget'], { deletedAt: '2025-04-01T00:00:00.000Z' }),
    row('e', ['politicsx']),
    row('f', []),
  ];
  const ids = (f: Partial<Filters>): string[] =>
    filterRows(rows, { ...emptyFilters(), ...f }, () => TagPostings.of(rows)).map((s) => s.id);

  it('covers children, not look-alike names, in list order and once per row', () => {
    expect(ids({ tags: ['politics'] })).toEqual(['a', 'b', 'c']);
    expect(ids({ tags: ['POLITICS/europe'] })).toEqual(['b', 'c']);
  });

  it('combines tags with all-of and any-of', () => {
    expect(ids({ tags: ['politics', 'economy'] })).toEqual(['b']);
    expect(ids({ tags: ['politicsx', 'economy'], tagMode: 'any' })).toEqual(['b', 'e']);
    expect(ids({ tags: ['nothing'] })).toEqual([]);
  });

  it('keeps the other filters and the view', () => {
    expect(ids({ tags: ['economy'] })).toEqual(['b']);
    expect(ids({ tags: ['economy'], view: 'trash' })).toEqual(['d']);
  });

  it('agrees with the plain rule on arbitrary libraries and filters', () => {
    const names = ['a', 'A', 'a/b', 'a/B/c', 'ab', 'b', 'b/a', 'c'];
    const summary = fc.record({
      tags: fc.array(fc.constantFrom(...names), { maxLength: 4 }),
      trashed: fc.boolean(),
      source: fc.constantFrom('Wire', 'wire', 'Post'),
      highlightCount: fc.constantFrom(0, 2),
      tone: fc.constantFrom<ClippingSummary['tone']>('', 'negative', 'positive'),
      mediaType: fc.constantFrom<ClippingSummary['mediaType']>('', 'print'),
    });
    const filters = fc.record({
      view: fc.constantFrom<Filters['view']>('library', 'trash'),
      tags: fc.array(fc.constantFrom(...names, 'z'), { maxLength: 3 }),
      tagMode: fc.constantFrom<Filters['tagMode']>('all', 'any'),
      source: fc.constantFrom('', 'WIRE'),
      hasHighlights: fc.boolean(),
      tone: fc.constantFrom<Filters['tone']>('', 'negative'),
      mediaType: fc.constantFrom<Filters['mediaType']>('', 'print'),
    });
    fc.assert(
      fc.property(fc.array(summary, { maxLength: 40 }), filters, (specs, partial) => {
        const library = specs.map((spec, i) =>
          row(String(i), spec.tags, {
            deletedAt: spec.trashed ? '2025-05-01T00:00:00.000Z' : '',
            source: spec.source,
            highlightCount: spec.highlightCount,
            tone: spec.tone,
            mediaType: spec.mediaType,
          }),
        );
        const f = { ...emptyFilters(), ...partial };
        const postings = TagPostings.of(library);
        const expected = reference(library, f);
        expect(filterRows(library, f, () => postings)).toEqual(expected);
        // Indexed a few rows at a time (as in idle time), the postings are the same.
        const builder = new TagPostingsBuilder(library);
        while (!builder.step(3));
        expect(filterRows(library, f, () => builder.finish())).toEqual(expected);
        expect(library.filter(compileFilters(f))).toEqual(expected);
      }),
    );
  });
});

describe('edits that keep the sort order', () => {
  const byDate = (a: ClippingSummary, b: ClippingSummary): number =>
    a.publishedAt === b.publishedAt ? 0 : a.publishedAt < b.publishedAt ? 1 : -1;

  it('agrees with sorting again whenever it answers, and declines when the key moved', () => {
    const dates = ['2025-01-01', '2025-02-01', '2025-03-01'];
    const spec = fc.record({
      date: fc.constantFrom(...dates),
      tags: fc.constantFrom<string[]>([], ['a'], ['b']),
    });
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 30 }),
        fc.array(
          fc.record({
            at: fc.nat(),
            date: fc.constantFrom(...dates),
            tags: fc.constantFrom<string[]>([], ['a']),
          }),
          {
            maxLength: 4,
          },
        ),
        (specs, edits) => {
          const all = new Map(
            specs.map((x, i) => [`r${i}`, row(`r${i}`, x.tags, { publishedAt: x.date })]),
          );
          const sorted = [...all.values()].sort(byDate);
          const olds: ClippingSummary[] = [];
          const news: ClippingSummary[] = [];
          for (const edit of edits) {
            const old = all.get(`r${edit.at % specs.length}`)!;
            if (news.some((n) => n.id === old.id)) continue;
            const next = { ...old, publishedAt: edit.date, tags: edit.tags };
            olds.push(old);
            news.push(next);
            all.set(old.id, next);
          }
          const fresh = [...all.values()].sort(byDate);
          const kept = replaceInOrder(sorted, olds, news, byDate);
          const moved = news.some((n, k) => n.publishedAt !== olds[k]!.publishedAt);
          expect(kept === null).toBe(moved);
          if (kept) expect(kept).toEqual(fresh);
        },
      ),
    );
  });

  it('keeps tag postings only when no tag and no trash state changed', () => {
    const old = row('a', ['x', 'y']);
    expect(sameTagsAndView([old], [{ ...old, hasNote: true }])).toBe(true);
    expect(sameTagsAndView([old], [{ ...old, tags: ['x'] }])).toBe(false);
    expect(sameTagsAndView([old], [{ ...old, tags: ['y', 'x'] }])).toBe(false);
    expect(sameTagsAndView([old], [{ ...old, deletedAt: '2025-01-01T00:00:00.000Z' }])).toBe(false);
    expect(sameTagsAndView([undefined], [old])).toBe(false);
  });
});
