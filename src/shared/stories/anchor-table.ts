/**
 * Posting lists of anchors (small non-negative integers) to clipping numbers, in typed
 * arrays: an open-addressing table of keys to the newest entry, and each entry linked to the
 * one before it. A Map of arrays made one array per anchor, almost all of them of a single
 * clipping: ≈ 31 MB of heap for 20,000 generated files (≈ 24 anchors each), where these
 * arrays take ≈ 12 MB.
 */
const EMPTY = 0;

export class AnchorTable {
  /** key + 1 per slot (EMPTY for none). */
  #keys = new Int32Array(1 << 12);
  /** The newest entry of each slot's key. */
  #heads = new Int32Array(1 << 12);
  #used = 0;
  /** 32 - log2 of the table's size: the hash's top bits pick the slot. */
  #shift = 20;
  /** Entry e: its clipping and the entry added before it for the same key (-1 at the end). */
  #numbers: Int32Array = new Int32Array(1 << 12);
  #next: Int32Array = new Int32Array(1 << 12);
  #entries = 0;

  /** Adds clipping `n` to the list of `key`; numbers must be added in ascending order. */
  add(key: number, n: number): void {
    if (4 * (this.#used + 1) > 3 * this.#keys.length) this.#rehash(2 * this.#keys.length);
    const slot = this.#slot(key);
    if (this.#keys[slot] === EMPTY) {
      this.#keys[slot] = key + 1;
      this.#heads[slot] = -1;
      this.#used++;
    }
    if (this.#entries === this.#numbers.length) {
      this.#numbers = grow(this.#numbers);
      this.#next = grow(this.#next);
    }
    const e = this.#entries++;
    this.#numbers[e] = n;
    this.#next[e] = this.#heads[slot] as number;
    this.#heads[slot] = e;
  }

  /**
   * Writes the clippings of `key` into `out` in the order they were added and returns how
   * many; -1 when there are more than `most` (then `out` holds nothing useful).
   */
  list(key: number, most: number, out: Int32Array): number {
    const slot = this.#slot(key);
    if (this.#keys[slot] === EMPTY) return 0;
    let count = 0;
    for (let e = this.#heads[slot] as number; e >= 0; e = this.#next[e] as number) {
      if (count === most) return -1;
      out[count++] = this.#numbers[e] as number;
    }
    // Newest first in the chain: reversed, the order they came.
    out.subarray(0, count).reverse();
    return count;
  }

  #slot(key: number): number {
    const mask = this.#keys.length - 1;
    let slot = Math.imul(key + 1, 0x9e3779b1) >>> this.#shift;
    for (;;) {
      const k = this.#keys[slot] as number;
      if (k === EMPTY || k === key + 1) return slot;
      slot = (slot + 1) & mask;
    }
  }

  #rehash(size: number): void {
    const keys = this.#keys;
    const heads = this.#heads;
    this.#keys = new Int32Array(size);
    this.#heads = new Int32Array(size);
    this.#shift -= 1;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as number;
      if (k === EMPTY) continue;
      const slot = this.#slot(k - 1);
      this.#keys[slot] = k;
      this.#heads[slot] = heads[i] as number;
    }
  }
}

function grow(a: Int32Array): Int32Array {
  const out = new Int32Array(2 * a.length);
  out.set(a);
  return out;
}
