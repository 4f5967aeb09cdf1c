/** Growable typed arrays, LEB128 varints written and read: the building blocks of the binary index. */

export class ByteWriter {
  buf: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }

  private grow(extra: number): void {
    let cap = this.buf.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  varint(value: number): void {
    if (this.length + 5 > this.buf.length) this.grow(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buf[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.length++] = v;
  }

  bytes(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.length + n > this.buf.length) this.grow(n);
    this.buf.set(src.subarray(from, to), this.length);
    this.length += n;
  }

  /** A right-sized copy. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export class IntList {
  a: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.a = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.a.length) {
      const next = new Int32Array(this.a.length * 2);
      next.set(this.a);
      this.a = next;
    }
    this.a[this.length++] = v;
  }

  /** Makes room for `n` more values and returns the index of the first. */
  reserve(n: number): number {
    if (this.length + n > this.a.length) {
      let cap = this.a.length * 2;
      while (cap < this.length + n) cap *= 2;
      const next = new Int32Array(cap);
      next.set(this.a.subarray(0, this.length));
      this.a = next;
    }
    const at = this.length;
    this.length += n;
    return at;
  }
}

/**
 * Reads the LEB128 varints that ByteWriter.varint writes, from `at` on. The one decoder of
 * the index's byte streams (postings, positions, word pairs, structure); small enough for
 * the engine to inline into the loops that call it.
 */
export class VarintReader {
  constructor(
    public bytes: Uint8Array,
    /** Where the next varint begins. */
    public at = 0,
  ) {}

  /** The varint at `at`; moves past it. */
  read(): number {
    const bytes = this.bytes;
    let p = this.at;
    let b = bytes[p++]!;
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[p++]!;
      v |= (b & 0x7f) << shift;
    }
    this.at = p;
    return v;
  }

  /** Moves past the varint at `at` without decoding it. */
  skip(): void {
    const bytes = this.bytes;
    let p = this.at;
    while (bytes[p++]! & 0x80);
    this.at = p;
  }
}
