/**
 * Counting: counts, reach and clippings with reach per key code, and figures whose ids are
 * listed only when asked for. A dashboard shows hundreds of bars and cells and the reader
 * follows one of them; listing every bar's ids up front (an array push per clipping per
 * figure) cost more than the counting itself at 100,000 clippings.
 */
import type { Figure, TimeBin, TimeCell } from './aggregate';

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
}

/** Lists the ids figure `k` counts: one per set of figures, shared by them. */
export type Lister = (k: number) => string[];

/**
 * A figure whose `ids` are listed the first time they are read. `ids` is an own enumerable
 * getter, so a spread or a comparison sees it like any other property; one getter shared by
 * every figure (a getter per figure gave each its own hidden class, about 1 KB a figure).
 */
class LazyIds {
  static readonly #descriptor: PropertyDescriptor = {
    get(this: LazyIds): readonly string[] {
      return (this.#listed ??= this.#list(this.#k));
    },
    enumerable: true,
    configurable: true,
  };
  readonly #list: Lister;
  readonly #k: number;
  #listed: readonly string[] | undefined;
  constructor(list: Lister, k: number) {
    this.#list = list;
    this.#k = k;
    Object.defineProperty(this, 'ids', LazyIds.#descriptor);
  }
}

/** Figure `k` of `counts`: its ids are `list(k)`. */
export class LazyFigure extends LazyIds implements Figure {
  declare readonly ids: readonly string[];
  readonly count: number;
  readonly reach: number;
  readonly withReach: number;
  constructor(
    readonly key: string,
    readonly label: string,
    counts: Counts,
    k: number,
    list: Lister,
  ) {
    super(list, k);
    this.count = counts.count[k]!;
    this.reach = counts.reach[k]!;
    this.withReach = counts.withReach[k]!;
  }
}

/** A time bin: days `start` to `end` (exclusive), as `YYYY-MM-DD`. */
export class LazyBin extends LazyFigure implements TimeBin {
  readonly start: string;
  constructor(
    start: string,
    label: string,
    readonly end: string,
    counts: Counts,
    k: number,
    list: Lister,
  ) {
    super(start, label, counts, k, list);
    this.start = start;
  }
}

/** A time bin of one series. */
export class LazyCell extends LazyBin implements TimeCell {
  constructor(
    bin: { readonly start: string; readonly label: string; readonly end: string },
    readonly group: string,
    readonly groupLabel: string,
    counts: Counts,
    k: number,
    list: Lister,
  ) {
    super(bin.start, bin.label, bin.end, counts, k, list);
  }
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
