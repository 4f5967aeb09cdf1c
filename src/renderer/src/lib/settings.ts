/**
 * The library's settings, typed: each key has a schema, and a stored value that does not fit
 * it (written by another version, or damaged) reads as absent instead of being trusted.
 * Settings travel with backups, so a restore can bring any shape back.
 */
import * as v from 'valibot';
import { COLOR_NAME_MAX } from '@shared/annotations';
import { SPLIT_DIMENSIONS } from '@shared/coverage/aggregate';
import { BIN_UNITS } from '@shared/coverage/calendar';
import { EXPORT_FORMAT_LIST } from '@shared/export/formats';
import { ReportSettingsSchema } from '@shared/export/report-options';
import type { ClipbookDb } from './db';
import { THEMES } from './theme';

/** A field that falls back to its default when absent or not understood, alone. */
const withDefault = <const T extends readonly string[]>(options: T, fallback: T[number]) =>
  v.fallback(v.optional(v.picklist(options), fallback), fallback);

const CoverageVoiceSchema = v.variant('kind', [
  v.object({ kind: v.literal('tag'), tag: v.pipe(v.string(), v.trim(), v.minLength(1)) }),
  v.object({ kind: v.literal('search'), query: v.pipe(v.string(), v.trim(), v.minLength(1)) }),
]);

const SETTING_SCHEMAS = {
  theme: v.picklist(THEMES),
  /** The export dialog's last choices. */
  export: v.object({
    choice: v.picklist(EXPORT_FORMAT_LIST.flatMap((f) => ('label' in f ? [f.id] : []))),
    includeBody: v.optional(v.boolean(), true),
    onePerStory: v.optional(v.boolean(), false),
    title: v.optional(v.string(), ''),
    subtitle: v.optional(v.string(), ''),
    report: v.optional(ReportSettingsSchema),
  }),
  autoBackup: v.object({ enabled: v.boolean(), lastAt: v.string() }),
  /** The user's names for the highlight colours. */
  highlightColorNames: v.object({
    yellow: v.optional(v.pipe(v.string(), v.maxLength(COLOR_NAME_MAX))),
    green: v.optional(v.pipe(v.string(), v.maxLength(COLOR_NAME_MAX))),
    blue: v.optional(v.pipe(v.string(), v.maxLength(COLOR_NAME_MAX))),
    pink: v.optional(v.pipe(v.string(), v.maxLength(COLOR_NAME_MAX))),
    purple: v.optional(v.pipe(v.string(), v.maxLength(COLOR_NAME_MAX))),
  }),
  /** The library list shows one row per story. */
  storyRows: v.boolean(),
  /** The engine version whose sketches the library holds (absent: group it again). */
  storySketches: v.number(),
  /** The Coverage view's options and the voices it compares (null: the top tags). */
  coverage: v.object({
    bin: withDefault(['auto', ...BIN_UNITS], 'auto'),
    splitBy: withDefault(SPLIT_DIMENSIONS, 'outlet'),
    counting: withDefault(['per-copy', 'once'], 'per-copy'),
    display: withDefault(['charts', 'table'], 'charts'),
    voices: v.fallback(
      v.optional(
        v.nullable(
          v.pipe(
            v.array(v.unknown()),
            // A voice this version cannot read is dropped, not the others with it.
            v.transform((list) =>
              list.flatMap((item) => {
                const voice = v.safeParse(CoverageVoiceSchema, item);
                return voice.success ? [voice.output] : [];
              }),
            ),
          ),
        ),
        null,
      ),
      null,
    ),
  }),
  savedSearches: v.pipe(
    v.array(v.unknown()),
    v.transform((list) => list.filter((s): s is string => typeof s === 'string')),
  ),
} as const;

type Schemas = typeof SETTING_SCHEMAS;
export type SettingKey = keyof Schemas;
export type SettingValue<K extends SettingKey> = v.InferOutput<Schemas[K]>;

export class SettingsStore {
  readonly #db: Pick<ClipbookDb, 'settings'>;

  constructor(db: Pick<ClipbookDb, 'settings'>) {
    this.#db = db;
  }

  /** The stored value, or undefined when there is none or it does not fit its schema. */
  async get<K extends SettingKey>(key: K): Promise<SettingValue<K> | undefined> {
    const record = await this.#db.settings.get(key);
    if (record === undefined) return undefined;
    const parsed = v.safeParse(SETTING_SCHEMAS[key], record.value);
    return parsed.success ? (parsed.output as SettingValue<K>) : undefined;
  }

  async put<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
    await this.#db.settings.put({ key, value });
  }
}
