/**
 * What the coverage figures key clippings by, worked out once per set of clippings: outlets,
 * tags and authors as integers (case-folded spellings interned) and days as numbers, in typed
 * arrays. The dashboard asks for several figures of the same set (the figures, the volume, the
 * split, share of voice); folding and hashing strings for each was most of the cost and most
 * of the garbage, and counting by integer is several times cheaper than by string.
 */
import type { CoverageItem } from './aggregate';
import { CalendarZone } from './calendar';

/** Day number of a clipping without a valid date. */
export const NO_DAY = -2_147_483_648;

/** Interned case-folded keys; id 0 is '' (not set). */
const idOfKey = new Map<string, number>([['', 0]]);
const keyOfId: string[] = [''];
/** Raw spelling → id: each distinct spelling is trimmed and lower-cased once. */
const idOfSpelling = new Map<string, number>();

/** The id of a case-folded key ('' → 0), or undefined when none has been met. */
export function idOfFoldedKey(key: string): number | undefined {
  return idOfKey.get(key);
}

/** How many key ids there are so far (for arrays indexed by id). */
export function keyIdCount(): number {
  return keyOfId.length;
}

/** The case-folded key of an id. */
export function keyOfKeyId(id: number): string {
  return keyOfId[id] ?? '';
}

/** The id of a spelling's case-folded key: outlets, tags and authors compare case-insensitively. */
export function foldedId(text: string): number {
  let id = idOfSpelling.get(text);
  if (id !== undefined) return id;
  const key = text.trim().toLowerCase();
  id = idOfKey.get(key);
  if (id === undefined) {
    id = keyOfId.length;
    idOfKey.set(key, id);
    keyOfId.push(key);
  }
  idOfSpelling.set(text, id);
  return id;
}

/** A list of distinct non-empty keys per clipping, flattened: clipping i has start[i]…start[i+1]. */
export interface KeyLists {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

/** The first of `texts` (trimmed) whose key has id `id`: a figure's label, found once. */
export function spellingOf(texts: string | readonly string[], id: number): string {
  if (typeof texts === 'string') return texts.trim();
  for (const t of texts) if (foldedId(t) === id) return t.trim();
  return '';
}

export interface CoverageIndex {
  readonly items: readonly CoverageItem[];
  readonly outlet: Int32Array;
  readonly tags: KeyLists;
  readonly authors: KeyLists;
  /** Day numbers (NO_DAY when undated), per zone, made when first asked for. */
  days(zone: CalendarZone): Int32Array;
}

function keyLists(items: readonly CoverageItem[], of: 'tags' | 'authors'): KeyLists {
  const start = new Int32Array(items.length + 1);
  let ids = new Int32Array(items.length * 2 + 16);
  let n = 0;
  for (let i = 0; i < items.length; i++) {
    const texts = items[i]![of];
    const from = n;
    for (let t = 0; t < texts.length; t++) {
      const text = texts[t]!;
      const id = foldedId(text);
      if (id === 0) continue;
      let repeat = false;
      for (let j = from; j < n; j++) if (ids[j] === id) repeat = true;
      if (repeat) continue;
      if (n === ids.length) {
        const more = new Int32Array(ids.length * 2);
        more.set(ids);
        ids = more;
      }
      ids[n++] = id;
    }
    start[i + 1] = n;
  }
  return { start, ids: ids.subarray(0, n) };
}

function buildIndex(items: readonly CoverageItem[]): CoverageIndex {
  const outlet = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) outlet[i] = foldedId(items[i]!.source);
  const byZone = new Map<CalendarZone, Int32Array>();
  return {
    items,
    outlet,
    tags: keyLists(items, 'tags'),
    authors: keyLists(items, 'authors'),
    days(zone) {
      let days = byZone.get(zone);
      if (days) return days;
      days = new Int32Array(items.length);
      // Most clippings share their date string with others: parse each once.
      const parsed = new Map<string, number>();
      for (let i = 0; i < items.length; i++) {
        const at = items[i]!.publishedAt;
        let day = parsed.get(at);
        if (day === undefined) parsed.set(at, (day = zone.dayOf(at) ?? NO_DAY));
        days[i] = day;
      }
      byZone.set(zone, days);
      return days;
    },
  };
}

const indexes = new WeakMap<readonly CoverageItem[], CoverageIndex>();

/**
 * The index of a list of clippings, kept while the list lives. The figures never change a
 * list they are given; a caller that changes one in place gets a new index if its length or
 * ends differ, so lists are best treated as immutable (the dashboard's are).
 */
export function indexOf(items: readonly CoverageItem[]): CoverageIndex {
  const held = indexes.get(items);
  const n = items.length;
  if (
    held &&
    held.items.length === n &&
    held.items[0] === items[0] &&
    held.items[n - 1] === items[n - 1]
  )
    return held;
  const index = buildIndex([...items]);
  indexes.set(items, index);
  return index;
}

const zones = new Map<string, CalendarZone>();

/**
 * One CalendarZone per zone name, so its answers outlive a call. Undefined is the user's zone
 * as it is now (it can change while the app runs).
 */
export function zoneOf(timeZone?: string): CalendarZone {
  const name = timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
  let zone = zones.get(name);
  if (!zone) zones.set(name, (zone = new CalendarZone(name)));
  return zone;
}
