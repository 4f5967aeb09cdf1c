/**
 * What the coverage figures key clippings by: outlets, tags and authors as integers (case-folded
 * spellings interned), tone and media type as small codes, reach and days as numbers, in typed
 * columns with one row per clipping. The rows are made once per clipping object (a library
 * summary, which the library replaces rather than changes when the clipping is edited), so a
 * set of clippings (a filter, a search, a selection) is only its row numbers: a filter change
 * looks its clippings up instead of folding and hashing their strings again, which was most of
 * the cost of every update at 100,000 clippings.
 */
import { MEDIA_TYPES, TONES } from '../clipping';
import type { CoverageItem } from './aggregate';
import { CalendarZone } from './calendar';

/** Day number of a clipping without a valid date. */
export const NO_DAY = -2_147_483_648;
/** A row's day in a zone not worked out yet. */
const DAY_UNKNOWN = 2_147_483_647;

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

/** The first of `texts` (trimmed) whose key has id `id`: a figure's label, found once. */
export function spellingOf(texts: string | readonly string[], id: number): string {
  if (typeof texts === 'string') return texts.trim();
  for (const t of texts) if (foldedId(t) === id) return t.trim();
  return '';
}

/**
 * Values compared as written (tone, media type) as codes: '' is 0, then the fixed values in
 * their order, then any other value in the order met.
 */
export class Codes {
  readonly values: string[] = [''];
  readonly #codeOf = new Map<string, number>([['', 0]]);
  constructor(fixed: readonly string[]) {
    for (const v of fixed) this.code(v);
  }
  code(value: string): number {
    let c = this.#codeOf.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.#codeOf.set(value, c);
      this.values.push(value);
    }
    return c;
  }
  /** The code of a value met before, or undefined. */
  codeOf(value: string): number | undefined {
    return this.#codeOf.get(value);
  }
}

function grown<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const more = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  more.set(a);
  return more;
}

/** Distinct non-empty keys per row, flattened: row r has ids[start[r]]…ids[start[r + 1]]. */
class KeyColumn {
  start = new Int32Array(1025);
  ids = new Int32Array(2048);
  #n = 0;
  /** Appends row `row`'s keys (rows come in order). */
  push(row: number, texts: readonly string[]): void {
    const from = this.#n;
    this.ids = grown(this.ids, from + texts.length);
    for (let t = 0; t < texts.length; t++) {
      const id = foldedId(texts[t]!);
      if (id === 0) continue;
      let repeat = false;
      for (let j = from; j < this.#n; j++) if (this.ids[j] === id) repeat = true;
      if (!repeat) this.ids[this.#n++] = id;
    }
    this.start = grown(this.start, row + 2);
    this.start[row + 1] = this.#n;
  }
}

/** The columns of every clipping object met so far, one row each. */
class KeyStore {
  readonly #rowOf = new WeakMap<CoverageItem, number>();
  size = 0;
  outlet = new Int32Array(1024);
  tone = new Int32Array(1024);
  media = new Int32Array(1024);
  /** NaN when not set. */
  reach = new Float64Array(1024);
  readonly tags = new KeyColumn();
  readonly authors = new KeyColumn();
  readonly toneCodes: Codes;
  readonly mediaCodes: Codes;
  /** Day per row in each zone, DAY_UNKNOWN until a set of clippings first asks. */
  readonly #days = new Map<CalendarZone, Int32Array>();
  /** Date string → day number per zone: most clippings share their date with others. */
  readonly #parsed = new Map<CalendarZone, Map<string, number>>();

  constructor(tones: readonly string[], media: readonly string[]) {
    this.toneCodes = new Codes(tones);
    this.mediaCodes = new Codes(media);
  }

  rowOf(item: CoverageItem): number {
    const held = this.#rowOf.get(item);
    if (held !== undefined) return held;
    const r = this.size++;
    if (r === this.outlet.length) {
      this.outlet = grown(this.outlet, r + 1);
      this.tone = grown(this.tone, r + 1);
      this.media = grown(this.media, r + 1);
      this.reach = grown(this.reach, r + 1);
    }
    this.outlet[r] = foldedId(item.source);
    this.tone[r] = this.toneCodes.code(item.tone);
    this.media[r] = this.mediaCodes.code(item.mediaType);
    this.reach[r] = item.reach ?? NaN;
    this.tags.push(r, item.tags);
    this.authors.push(r, item.authors);
    this.#rowOf.set(item, r);
    return r;
  }

  /** The day column of `zone`, long enough for `rows` rows, and its parsed date strings. */
  #dayColumn(zone: CalendarZone, rows = this.size): [Int32Array, Map<string, number>] {
    let column = this.#days.get(zone);
    if (!column || column.length < rows) {
      const more = new Int32Array(Math.max(rows, this.outlet.length, 1024)).fill(DAY_UNKNOWN);
      if (column) more.set(column);
      this.#days.set(zone, (column = more));
    }
    let parsed = this.#parsed.get(zone);
    if (!parsed) this.#parsed.set(zone, (parsed = new Map()));
    return [column, parsed];
  }

  /** Day numbers of `items` (rows `rows`) in `zone`, NO_DAY when undated. */
  daysOf(items: readonly CoverageItem[], rows: Int32Array, zone: CalendarZone): Int32Array {
    const [column, parsed] = this.#dayColumn(zone);
    const days = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      let day = column[r]!;
      if (day === DAY_UNKNOWN) column[r] = day = dayOf(items[i]!.publishedAt, zone, parsed);
      days[i] = day;
    }
    return days;
  }

  /** Makes the rows of items `from`…`to` and their days in `zone`. */
  prepare(items: readonly CoverageItem[], from: number, to: number, zone: CalendarZone): void {
    const [column, parsed] = this.#dayColumn(zone, this.size + (to - from));
    for (let i = from; i < to; i++) {
      const item = items[i]!;
      const r = this.rowOf(item);
      if (column[r] === DAY_UNKNOWN) column[r] = dayOf(item.publishedAt, zone, parsed);
    }
  }
}

function dayOf(at: string, zone: CalendarZone, parsed: Map<string, number>): number {
  let day = parsed.get(at);
  if (day === undefined) parsed.set(at, (day = zone.dayOf(at) ?? NO_DAY));
  return day;
}

/** A set of clippings as rows of the store, and what has been worked out about it. */
export interface CoverageIndex {
  readonly items: readonly CoverageItem[];
  /** Row in the store's columns of each item. */
  readonly rows: Int32Array;
  readonly store: KeyStore;
  /** Day numbers per item (NO_DAY when undated), per zone, made when first asked for. */
  days(zone: CalendarZone): Int32Array;
  /** Figures of this set already worked out, by what they are (the set never changes). */
  readonly memo: Map<string, unknown>;
  /** Whether `list` still looks like the list indexed (same length and ends, same store). */
  holds(list: readonly CoverageItem[]): boolean;
}

let store: KeyStore | null = null;
/** The largest set indexed with this store: rows past a few times it are mostly stale. */
let largest = 0;
const indexes = new WeakMap<readonly CoverageItem[], CoverageIndex>();

function currentStore(size: number): KeyStore {
  largest = Math.max(largest, size);
  // Edited and reloaded clippings leave rows no set uses; start afresh when they dominate.
  if (!store || store.size > 3 * largest + 50_000) {
    store = new KeyStore(TONES, MEDIA_TYPES);
    largest = size;
  }
  return store;
}

/**
 * The index of a list of clippings, kept while the list lives. The figures never change a
 * list they are given, nor the clippings in it (an edited clipping must be a new object, as
 * the library's summaries are); a caller that changes a list in place gets a new index if its
 * length or ends differ, so lists are best treated as immutable (the dashboard's are).
 */
export function indexOf(items: readonly CoverageItem[]): CoverageIndex {
  const held = indexes.get(items);
  const n = items.length;
  if (held?.holds(items)) return held;
  const keys = currentStore(n);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = keys.rowOf(items[i]!);
  const byZone = new Map<CalendarZone, Int32Array>();
  // The list itself, not a copy (100,000 references a filter change would leave as garbage).
  const [first, last] = [items[0], items[n - 1]];
  const index: CoverageIndex = {
    items,
    rows,
    store: keys,
    days(zone) {
      let days = byZone.get(zone);
      if (!days) byZone.set(zone, (days = keys.daysOf(items, rows, zone)));
      return days;
    },
    memo: new Map(),
    holds: (list) =>
      keys === store && list.length === n && list[0] === first && list[n - 1] === last,
  };
  indexes.set(items, index);
  return index;
}

/**
 * Makes the rows of `items` and their days in `zone` ahead of need (in idle time): call
 * `step(n)` with how many rows to do, until it returns true; rows already made cost a
 * lookup. `index`: then the list's index too, as the dashboard opening on it needs it.
 */
export function prepareIndex(
  items: readonly CoverageItem[],
  zone: CalendarZone,
  index: boolean,
): (n: number) => boolean {
  let done = indexes.get(items)?.holds(items) ? items.length : 0;
  return (n) => {
    const to = Math.min(items.length, done + n);
    currentStore(items.length).prepare(items, done, to, zone);
    done = to;
    if (done < items.length) return false;
    if (index) indexOf(items).days(zone);
    return true;
  };
}

const zones = new Map<string, CalendarZone>();
/** The user's zone name, asked again at most every second (asking costs ~1 ms, cold). */
let userZone = { name: '', at: -Infinity };

function userZoneName(): string {
  const now = Date.now();
  if (now - userZone.at > 1000 || now < userZone.at)
    userZone = { name: new Intl.DateTimeFormat().resolvedOptions().timeZone, at: now };
  return userZone.name;
}

/**
 * One CalendarZone per zone name, so its answers outlive a call. Undefined is the user's zone
 * as it is now (it can change while the app runs).
 */
export function zoneOf(timeZone?: string): CalendarZone {
  const name = timeZone ?? userZoneName();
  let zone = zones.get(name);
  if (!zone) zones.set(name, (zone = new CalendarZone(name)));
  return zone;
}
