/**
 * The coverage fields as a form holds them (all text), and back. Edit details shows one
 * clipping's values; the bulk edit starts blank, where blank (or "Leave as is") changes
 * nothing on each clipping.
 */
import {
  MAX_REACH,
  MEDIA_TYPES,
  PROMINENCES,
  TONES,
  type Coverage,
  type MediaType,
  type Prominence,
  type Tone,
} from '@shared/clipping';

/** The select value that leaves a field as each clipping has it (bulk edit only). */
export const KEEP = 'keep';

export interface CoverageForm {
  mediaType: string;
  page: string;
  edition: string;
  reach: string;
  reachSource: string;
  tone: string;
  prominence: string;
  /** One entity per line or separated by ;. */
  entities: string;
}

export function formOf(c: Coverage): CoverageForm {
  return {
    mediaType: c.mediaType,
    page: c.page,
    edition: c.edition,
    reach: c.reach === null ? '' : String(c.reach),
    reachSource: c.reachSource,
    tone: c.tone,
    prominence: c.prominence,
    entities: c.entities.join('; '),
  };
}

export function bulkForm(): CoverageForm {
  return {
    mediaType: KEEP,
    page: '',
    edition: '',
    reach: '',
    reachSource: '',
    tone: KEEP,
    prominence: KEEP,
    entities: '',
  };
}

/**
 * A reach as people write it: "25000", "25,000", "25 000", "1.2k", "3m". Null for blank;
 * a message for anything else.
 */
export function parseReach(text: string): number | null | { error: string } {
  const t = text.trim().replace(/[\s,\u00a0\u202f']/g, '');
  if (t === '') return null;
  const m = /^(\d+(?:\.\d+)?)([km])?$/i.exec(t);
  if (!m) return { error: 'Reach must be a number of people, such as 25000 or 1.2m.' };
  const scale = m[2] ? (m[2].toLowerCase() === 'k' ? 1e3 : 1e6) : 1;
  const value = Math.round(Number(m[1]) * scale);
  if (!Number.isSafeInteger(value) || value > MAX_REACH)
    return { error: 'That reach is larger than any audience.' };
  return value;
}

function pick<T extends string>(value: string, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/**
 * The coverage patch a form stands for. Edit details (`bulk: false`) sets every field;
 * the bulk edit sets only what the user chose. Returns a message when a value is wrong.
 */
export function patchOf(
  form: CoverageForm,
  { bulk }: { bulk: boolean },
): { patch: Partial<Coverage> } | { error: string } {
  const patch: Partial<Coverage> = {};
  const reach = parseReach(form.reach);
  if (reach !== null && typeof reach === 'object') return reach;
  if (!bulk || form.mediaType !== KEEP)
    patch.mediaType = pick<MediaType>(form.mediaType, MEDIA_TYPES);
  if (!bulk || form.tone !== KEEP) patch.tone = pick<Tone>(form.tone, TONES);
  if (!bulk || form.prominence !== KEEP)
    patch.prominence = pick<Prominence>(form.prominence, PROMINENCES);
  const text = (key: 'page' | 'edition' | 'reachSource'): void => {
    const value = form[key].trim();
    if (!bulk || value) patch[key] = value;
  };
  text('page');
  text('edition');
  text('reachSource');
  if (!bulk || reach !== null) patch.reach = reach;
  const entities = form.entities
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (!bulk || entities.length > 0) patch.entities = entities;
  return { patch };
}
