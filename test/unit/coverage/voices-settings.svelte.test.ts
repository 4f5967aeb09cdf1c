import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src/renderer/src/lib/settings';
import { CoverageState } from '../../../src/renderer/src/state/coverage.svelte';
import {
  coverageSettingsOf,
  loadCoverageSettings,
  rememberCoverage,
} from '../../../src/renderer/src/state/coverage-settings.svelte';
import type { VoiceSearch } from '../../../src/renderer/src/state/coverage-voices.svelte';
import { openCurrent, uniqueDbName } from '../db/seed';
import { makeSummary } from '../renderer/summary-factory';

const rows = [
  makeSummary('a', { tags: ['climate'] }),
  makeSummary('b', { tags: ['climate', 'energy'] }),
  makeSummary('c', { tags: ['sport'] }),
];
const search: VoiceSearch = { revision: 0, matches: () => Promise.resolve({ ids: ['a', 'c'] }) };
const dashboard = () =>
  new CoverageState(() => ({ rows, label: 'Whole library', stories: new Map() }), search);

/** Until the settings hold a value (the put is asynchronous). */
async function stored(settings: SettingsStore) {
  for (let i = 0; i < 50; i++) {
    const value = await settings.get('coverage');
    if (value) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('Nothing was stored');
}

describe('the Coverage view remembers its options and voices', () => {
  it('round-trips bins, split, story counting, display and voices across sessions', async () => {
    const db = await openCurrent(uniqueDbName());
    const settings = new SettingsStore(db);
    const first = dashboard();
    const stop = await rememberCoverage(first, settings);
    flushSync();
    // Nothing chosen yet: nothing written.
    expect(await settings.get('coverage')).toBeUndefined();

    first.bin = 'week';
    first.splitBy = 'tone';
    first.counting = 'once';
    first.display = 'table';
    first.voices.addTag('sport');
    expect(first.voices.addSearch('"wind farm" OR solar')).toBeNull();
    first.voices.remove({ kind: 'tag', tag: 'energy' });
    flushSync();
    const saved = await stored(settings);
    expect(saved).toEqual(coverageSettingsOf(first));
    expect(saved.voices).toEqual([
      { kind: 'tag', tag: 'climate' },
      { kind: 'tag', tag: 'sport' },
      { kind: 'search', query: '"wind farm" OR solar' },
    ]);
    stop();

    const next = dashboard();
    const stopNext = await rememberCoverage(next, settings);
    expect([next.bin, next.splitBy, next.counting, next.display]).toEqual([
      'week',
      'tone',
      'once',
      'table',
    ]);
    expect(next.voices.choices).toEqual(saved.voices);
    next.voices.refresh();
    await new Promise((r) => setTimeout(r, 0));
    expect(next.voices.rows.map((r) => [r.label, r.figure?.count])).toEqual([
      ['climate', 2],
      ['sport', 1],
      ['"wind farm" OR solar', 2],
    ]);
    stopNext();
    db.close();
  });

  it('falls back to the defaults for what a stored value gets wrong, field by field', async () => {
    const db = await openCurrent(uniqueDbName());
    const settings = new SettingsStore(db);
    await db.settings.put({
      key: 'coverage',
      value: {
        bin: 'year',
        splitBy: 'tone',
        counting: 7,
        voices: [{ kind: 'search', query: ' ' }, { kind: 'tag', tag: 'sport' }, 3, { kind: 'x' }],
      },
    });
    const state = dashboard();
    (await rememberCoverage(state, settings))();
    expect([state.bin, state.splitBy, state.counting, state.display]).toEqual([
      'auto',
      'tone',
      'per-copy',
      'charts',
    ]);
    expect(state.voices.choices).toEqual([{ kind: 'tag', tag: 'sport' }]);

    // Not an object at all: every default, and the top tags as the voices.
    await db.settings.put({ key: 'coverage', value: 'charts please' });
    const fresh = dashboard();
    (await rememberCoverage(fresh, settings))();
    expect(coverageSettingsOf(fresh)).toEqual({
      bin: 'auto',
      splitBy: 'outlet',
      counting: 'per-copy',
      display: 'charts',
      voices: null,
    });
    expect(fresh.voices.tags).toEqual(['climate', 'energy', 'sport']);
    db.close();
  });

  it('says when the options cannot be read, and works with the defaults', async () => {
    const errors: unknown[] = [];
    const broken = {
      get: () => Promise.reject(new Error('disk gone')),
      put: () => Promise.reject(new Error('disk gone')),
    } as unknown as SettingsStore;
    const state = dashboard();
    const stop = await rememberCoverage(state, broken, (e) => errors.push(e));
    state.bin = 'month';
    flushSync();
    await new Promise((r) => setTimeout(r, 0));
    expect(state.bin).toBe('month');
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk gone', 'disk gone']);
    stop();
  });

  it('reads the options again after a restore, back to the defaults when it brought none', async () => {
    const db = await openCurrent(uniqueDbName());
    const settings = new SettingsStore(db);
    const state = dashboard();
    const stop = await rememberCoverage(state, settings);
    state.splitBy = 'tag';
    state.voices.addTag('sport');
    flushSync();
    await stored(settings);

    // The restored settings hold other options: they replace the window's.
    await settings.put('coverage', {
      bin: 'month',
      splitBy: 'tone',
      counting: 'once',
      display: 'table',
      voices: [{ kind: 'search', query: 'solar' }],
    });
    await loadCoverageSettings(state, settings, undefined, true);
    expect(coverageSettingsOf(state)).toEqual({
      bin: 'month',
      splitBy: 'tone',
      counting: 'once',
      display: 'table',
      voices: [{ kind: 'search', query: 'solar' }],
    });

    // A backup without Coverage options: the defaults, not what the window had.
    await db.settings.delete('coverage');
    await loadCoverageSettings(state, settings, undefined, true);
    expect(coverageSettingsOf(state)).toEqual({
      bin: 'auto',
      splitBy: 'outlet',
      counting: 'per-copy',
      display: 'charts',
      voices: null,
    });
    stop();
    db.close();
  });
});
