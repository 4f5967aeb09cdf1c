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

/** The options a library that never chose any has. */
const DEFAULTS: CoverageSettings = {
  bin: 'auto',
  splitBy: 'outlet',
  counting: 'per-copy',
  display: 'charts',
  voices: null,
};

/**
 * Reads the stored options into the dashboard. `orDefaults`: with none stored, back to the
 * defaults (after a restore the stored options are the backup's, whatever the window had).
 */
export async function loadCoverageSettings(
  coverage: CoverageState,
  settings: Pick<SettingsStore, 'get'>,
  onError: (error: unknown) => void = () => undefined,
  orDefaults = false,
): Promise<void> {
  const stored = await settings.get('coverage').catch((error: unknown) => {
    onError(error);
    return undefined;
  });
  const value = stored ?? (orDefaults ? DEFAULTS : undefined);
  if (!value) return;
  coverage.bin = value.bin;
  coverage.splitBy = value.splitBy;
  coverage.counting = value.counting;
  coverage.display = value.display;
  coverage.voices.restore(value.voices);
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
  await loadCoverageSettings(coverage, settings, onError);
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
