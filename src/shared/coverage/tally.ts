/**
 * Counting: a tally per key (the ids it counts, its reach), and tallies by interned key id for
 * outlets, tags and authors.
 */
import type { CoverageItem, Figure } from './aggregate';
import { keyIdCount, keyOfKeyId, spellingOf } from './index-keys';

/** The key of the series that gathers every value past the top ones. */
export const OTHER_KEY = '\u0000other';

export class Tally {
  readonly ids: string[] = [];
  reach = 0;
  withReach = 0;
  constructor(
    readonly key: string,
    public label: string,
  ) {}
  add(item: CoverageItem): void {
    this.ids.push(item.id);
    if (item.reach !== null) {
      this.reach += item.reach;
      this.withReach++;
    }
  }
  figure(): Figure {
    const { key, label, reach, withReach, ids } = this;
    return { key, label, count: ids.length, reach, withReach, ids };
  }
}

export function byCountThenLabel(a: Figure, b: Figure): number {
  return b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/**
 * Tallies indexed by interned key id (outlets, tags, authors compare case-insensitively; the
 * first spelling met is the label), kept in the order first met.
 */
export class KeyedTallies {
  readonly #byId: (Tally | undefined)[] = new Array<Tally | undefined>(keyIdCount());
  readonly order: Tally[] = [];
  /** Counts `item` under key `id`; a new key's label is its spelling among `texts`. */
  add(id: number, item: CoverageItem, texts: string | readonly string[], unset: string): void {
    let t = this.#byId[id];
    if (!t) {
      const label = id === 0 ? unset : spellingOf(texts, id);
      this.#byId[id] = t = new Tally(keyOfKeyId(id), label);
      this.order.push(t);
    }
    t.add(item);
  }
}
