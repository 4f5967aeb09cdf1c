import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { summariseCoverage, type CoverageItem } from '@shared/coverage/aggregate';
import {
  CoverageVoices,
  MAX_VOICES,
  type VoiceSearch,
} from '../../../src/renderer/src/state/coverage-voices.svelte';
import { LIBRARY } from './library';

/** A search whose answers the test hands out one at a time, as a worker would. */
class FakeSearch implements VoiceSearch {
  revision = $state(0);
  readonly asked: string[] = [];
  readonly #waiting: { query: string; answer: (ids: string[]) => void }[] = [];

  matches(query: string): Promise<{ ids: readonly string[] }> {
    this.asked.push(query);
    return new Promise((resolve) =>
      this.#waiting.push({ query, answer: (ids) => resolve({ ids }) }),
    );
  }

  /** Answers the oldest question still open with these ids. */
  async answer(ids: string[]): Promise<string> {
    const next = this.#waiting.shift();
    if (!next) throw new Error('No search is waiting');
    next.answer(ids);
    await Promise.resolve();
    await Promise.resolve();
    return next.query;
  }
}

function voicesOver(items: () => readonly CoverageItem[], search?: VoiceSearch) {
  return new CoverageVoices({
    counted: items,
    tagFigures: () => summariseCoverage(items(), { timeSeries: false }).byTag,
    ...(search ? { search } : {}),
  });
}

const counts = (v: CoverageVoices) =>
  v.rows.map((r) => [r.label, r.status, r.figure?.count ?? null, r.figure?.share ?? null]);

describe('share of voice between tags and searches', () => {
  it('compares the top tags until the reader chooses, with the tags under each', () => {
    const v = voicesOver(() => LIBRARY);
    // The most used tags: climate (4), politics (a2, a3), then politics/europe before sport
    // (one each, by name). A voice counts the tags under it: politics is a1 a2 a3.
    expect(v.choices).toEqual([
      { kind: 'tag', tag: 'climate' },
      { kind: 'tag', tag: 'politics' },
      { kind: 'tag', tag: 'politics/europe' },
    ]);
    expect(counts(v)).toEqual([
      ['climate', 'counted', 4, 4 / 8],
      ['politics', 'counted', 3, 3 / 8],
      ['politics/europe', 'counted', 1, 1 / 8],
    ]);
    expect(v.rows[0]!.focusLabel).toBe('Tag: climate');
  });

  it('adds a search, shows it counting, then counts only its hits in scope', async () => {
    const search = new FakeSearch();
    // The scope leaves out c2 and u1.
    const scope = LIBRARY.filter((i) => i.id !== 'c2' && i.id !== 'u1');
    const v = voicesOver(() => scope, search);
    v.addTag('sport');
    v.remove({ kind: 'tag', tag: 'sport' });
    v.remove({ kind: 'tag', tag: 'politics' });
    v.remove({ kind: 'tag', tag: 'politics/europe' });
    expect(v.addSearch('  "climate change" OR warming ')).toBeNull();
    expect(search.asked).toEqual(['"climate change" OR warming']);
    const row = () => v.rows.find((r) => r.choice.kind === 'search')!;
    expect(row().status).toBe('counting');
    expect(row().figure).toBeNull();
    // While it counts, the tags share among themselves.
    expect(v.figures.map((f) => [f.label, f.share])).toEqual([['climate', 1]]);

    // The worker matches across the library, the trash too; only the scope's hits count.
    await search.answer(['a1', 'c2', 'u1', 'gone']);
    expect(row().status).toBe('counted');
    expect(row().figure?.ids).toEqual(['a1']);
    expect(row().focusLabel).toBe('Search: "climate change" OR warming');
    expect(counts(v)).toEqual([
      ['climate', 'counted', 3, 3 / 4],
      ['"climate change" OR warming', 'counted', 1, 1 / 4],
    ]);
  });

  it('refuses a query the search box would refuse, with its message and place', () => {
    const search = new FakeSearch();
    const v = voicesOver(() => LIBRARY, search);
    const error = v.addSearch('climate AND (warming');
    expect(error?.message).toMatch(/\)|parenthes/i);
    expect(v.addSearch('   ')?.message).toBe('Type a search to compare.');
    expect(v.choices.every((c) => c.kind === 'tag')).toBe(true);
    expect(search.asked).toEqual([]);
  });

  it('says when a search could not run, and does not add the same voice twice', async () => {
    const failing: VoiceSearch = {
      revision: 0,
      matches: () => Promise.reject(new Error('Search is unavailable')),
    };
    const v = voicesOver(() => LIBRARY, failing);
    expect(v.addSearch('warming')).toBeNull();
    expect(v.addSearch(' warming')?.message).toBe('This search is compared already.');
    v.addTag('Climate');
    expect(v.choices.filter((c) => c.kind === 'search')).toHaveLength(1);
    expect(v.tags).toEqual(['climate', 'politics', 'politics/europe']);
    await new Promise((r) => setTimeout(r, 0));
    const row = v.rows.find((r) => r.choice.kind === 'search')!;
    expect(row.status).toBe('failed');
    expect(row.error).toBe('Search is unavailable');
    expect(v.figures.map((f) => f.label)).toEqual(['climate', 'politics', 'politics/europe']);
  });

  it('counts again when the index changes, keeping the old count until the new one is in', async () => {
    const search = new FakeSearch();
    const v = voicesOver(() => LIBRARY, search);
    v.addSearch('warming');
    await search.answer(['a1']);
    v.refresh();
    expect(search.asked).toEqual(['warming']);

    search.revision = 1;
    v.refresh();
    v.refresh();
    expect(search.asked).toEqual(['warming', 'warming']);
    const row = () => v.rows.find((r) => r.choice.kind === 'search')!;
    expect(row().status).toBe('counted');
    expect(row().figure?.count).toBe(1);
    await search.answer(['a1', 'b2']);
    expect(row().figure?.ids).toEqual(['a1', 'b2']);
  });

  it('passes on how the search ran, where the reader should know', async () => {
    const notice = { message: 'pol* stands for more than 2 words', start: 0, end: 4 };
    const capped: VoiceSearch = {
      revision: 0,
      matches: () => Promise.resolve({ ids: ['a1', 'a2'], notices: [notice] }),
    };
    const v = voicesOver(() => LIBRARY, capped);
    v.addSearch('pol*');
    await new Promise((r) => setTimeout(r, 0));
    const row = v.rows.find((r) => r.choice.kind === 'search')!;
    expect(row.notice).toEqual(notice);
    expect(row.figure?.count).toBe(2);
    expect(v.rows.filter((r) => r.notice)).toHaveLength(1);
  });

  it('drops the count of a voice removed while it was counting', async () => {
    const search = new FakeSearch();
    const v = voicesOver(() => LIBRARY, search);
    v.addSearch('warming');
    v.remove({ kind: 'search', query: 'warming' });
    await search.answer(['a1']);
    expect(v.rows.map((r) => r.label)).toEqual(['climate', 'politics', 'politics/europe']);
  });

  it('compares at most MAX_VOICES voices and says so', () => {
    const v = voicesOver(() => LIBRARY, new FakeSearch());
    for (let i = 0; v.choices.length < MAX_VOICES; i++) expect(v.addSearch(`word${i}`)).toBeNull();
    expect(v.full).toBe(true);
    expect(v.addSearch('one more')?.message).toBe(`At most ${MAX_VOICES} voices can be compared.`);
    v.addTag('other');
    expect(v.choices).toHaveLength(MAX_VOICES);
  });

  it('runs again from an effect when the index revision changes', async () => {
    const search = new FakeSearch();
    const v = voicesOver(() => LIBRARY, search);
    v.restore([{ kind: 'search', query: 'tram' }]);
    const stop = $effect.root(() => {
      $effect(() => v.refresh());
    });
    flushSync();
    expect(search.asked).toEqual(['tram']);
    await search.answer(['c1']);
    flushSync();
    // A count coming in does not start the search again; a change of the index does.
    expect(search.asked).toEqual(['tram']);
    search.revision = 1;
    flushSync();
    expect(search.asked).toEqual(['tram', 'tram']);
    stop();
  });
});
