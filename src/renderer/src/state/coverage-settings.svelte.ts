/**
 * The Coverage view's options (bins, split, story counting, charts or table) and its voices,
 * kept across sessions in the library's settings. A stored value this version cannot read
 * falls back to the defaults, field by field (see the `coverage` schema in lib/settings.ts).
 */
import type { SettingValue, SettingsStore } from '../lib/settings';
import type { CoverageState } from './coverage.svelte';

export type CoverageSettings = SettingValue<'coverage'>;

/** The options as stored. */
export function coverageSettingsOf(coverage: CoverageState): CoverageSettings {
  return {
    bin: coverage.bin,
    splitBy: coverage.splitBy,
    counting: coverage.counting,
    display: coverage.display,
    voices: coverage.voices.chosen === null ? null : coverage.voices.chosen.map((c) => ({ ...c })),
  };
}

/**
 * Puts the stored options back, then stores every change of them. Resolves (to the function
 * that stops storing) once the stored options are in place.
 */
export async function rememberCoverage(
  coverage: CoverageState,
  settings: Pick<SettingsStore, 'get' | 'put'>,
  onError: (error: unknown) => void = () => undefined,
): Promise<() => void> {
  const stored = await settings.get('coverage').catch((error: unknown) => {
    onError(error);
    return undefined;
  });
  if (stored) {
    coverage.bin = stored.bin;
    coverage.splitBy = stored.splitBy;
    coverage.counting = stored.counting;
    coverage.display = stored.display;
    coverage.voices.restore(stored.voices);
  }
  let last = JSON.stringify(coverageSettingsOf(coverage));
  return $effect.root(() => {
    $effect(() => {
      const now = coverageSettingsOf(coverage);
      const text = JSON.stringify(now);
      // The first run (and a change back and forth within a tick) has nothing new to store.
      if (text === last) return;
      last = text;
      settings.put('coverage', now).catch(onError);
    });
  });
}
