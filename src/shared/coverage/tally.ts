/**
 * Counting: counts, reach and clippings with reach per key code, and figures whose ids are
 * listed only when asked for. A dashboard shows hundreds of bars and cells and the reader
 * follows one of them; listing every bar's ids up front (an array push per clipping per
 * figure) cost more than the counting itself at 100,000 clippings.
 */
import type { Figure } from './aggregate';

/** The key of the series that gathers every value past the top ones. */
export const OTHER_KEY = '\u0000other';

/** Counts by a small integer key (an interned id, a code, a bin), keys kept in the order met. */
export class Counts {
  readonly count: Int32Array;
  readonly reach: Float64Array;
  readonly withReach: Int32Array;
  /** The keys met, in the order first met, and the index of the item each was first met at. */
  readonly order: number[] = [];
  readonly firstAt: number[] = [];
  constructor(size: number) {
    this.count = new Int32Array(size);
    this.reach = new Float64Array(size);
    this.withReach = new Int32Array(size);
  }
  /** Counts item `i` under `key`; `reach` is NaN when not set. */
  add(key: number, i: number, reach: number): void {
    if (this.count[key]!++ === 0) {
      this.order.push(key);
      this.firstAt.push(i);
    }
    if (reach === reach) {
      this.reach[key]! += reach;
      this.withReach[key]!++;
    }
  }
  /** The counted fields of `key`. */
  of(key: number): { count: number; reach: number; withReach: number } {
    return { count: this.count[key]!, reach: this.reach[key]!, withReach: this.withReach[key]! };
  }
}

/**
 * `fields` with an `ids` property listed by `list` the first time it is read (an enumerable
 * own property, so a spread or a comparison sees it like any other).
 */
export function lazyIds<T extends object>(
  fields: T,
  list: () => readonly string[],
): T & { readonly ids: readonly string[] } {
  let ids: readonly string[] | undefined;
  return Object.defineProperty(fields, 'ids', {
    get: () => (ids ??= list()),
    enumerable: true,
    configurable: true,
  }) as T & { readonly ids: readonly string[] };
}

/** The ids of the items at the indexes `test` accepts, in order. */
export function idsWhere(
  items: readonly { readonly id: string }[],
  test: (i: number) => boolean,
): string[] {
  const ids: string[] = [];
  for (let i = 0; i < items.length; i++) if (test(i)) ids.push(items[i]!.id);
  return ids;
}

export function byCountThenLabel(a: Figure, b: Figure): number {
  return b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}
