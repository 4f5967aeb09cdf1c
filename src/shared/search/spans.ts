/**
 * Span algebra for positional operators (proximity, fields, atleast, phrases inside them),
 * one segment at a time: a SpanSet lists, per candidate document (ascending), the spans
 * [s, e] (word positions, inclusive) where an operand occurs, sorted by s then e. Words give
 * one-word spans; a phrase a span over its words; w/N a span over both operands. Everything
 * is in flat typed arrays: a set over 30,000 documents is four arrays, not 30,000 objects.
 */
import { IntList, VarintReader } from './bytes';
import type { Field, Proximity } from './query-ast';
import type { Segment } from './segment';
import { fieldRange, readStructure, unitList, unitOf, type DocStructure } from './structure';

export interface SpanSet {
  docs: Int32Array;
  /** Spans of docs[i] are s/e[offs[i] .. offs[i + 1]). */
  offs: Int32Array;
  s: Int32Array;
  e: Int32Array;
}

/** Builds a SpanSet document by document. */
class SpanWriter {
  private docs = new IntList(256);
  private offs = new IntList(256);
  private s = new IntList(1024);
  private e = new IntList(1024);
  private open = false;

  begin(doc: number): void {
    this.docs.push(doc);
    this.offs.push(this.s.length);
    this.open = true;
  }

  span(s: number, e: number): void {
    this.s.push(s);
    this.e.push(e);
  }

  /** Ends the document; drops it when it got no span. */
  end(): void {
    if (!this.open) return;
    this.open = false;
    if (this.offs.a[this.offs.length - 1] === this.s.length) {
      this.docs.length--;
      this.offs.length--;
    }
  }

  finish(): SpanSet {
    this.end();
    this.offs.push(this.s.length);
    return {
      docs: this.docs.a.slice(0, this.docs.length),
      offs: this.offs.a.slice(0, this.offs.length),
      s: this.s.a.slice(0, this.s.length),
      e: this.e.a.slice(0, this.e.length),
    };
  }
}

export const EMPTY_SPANS: SpanSet = {
  docs: new Int32Array(0),
  offs: new Int32Array(1),
  s: new Int32Array(0),
  e: new Int32Array(0),
};

/** Positions are below this; (doc, position) pairs sort as doc × 2^30 + position. */
const POSITION_RANGE = 2 ** 30;

/**
 * The positions of the terms `ords` in the documents of `candidates`, as one-word spans (s
 * and e are then the same array). One term's positions are decoded straight into the set;
 * several terms' are merged by sorting (document, position) keys.
 */
export function wordSpans(seg: Segment, ords: readonly number[], candidates: Uint8Array): SpanSet {
  const positions = seg.positions;
  if (!positions) throw new Error(`Positions of segment ${seg.id} are not loaded`);
  if (ords.length === 0) return EMPTY_SPANS;
  const single = ords.length === 1;
  const keys = new FloatList(single ? 0 : 4096);
  const docs = new IntList(single ? 1024 : 0);
  const offs = new IntList(single ? 1024 : 0);
  const spans = new IntList(single ? 8192 : 0);
  const r = new VarintReader(seg.postings);
  const q = new VarintReader(positions);
  for (const o of ords) {
    r.at = seg.postStart[o]!;
    const end = seg.postStart[o + 1]!;
    let x = seg.posStart[o]!;
    let doc = 0;
    while (r.at < end) {
      doc += r.read();
      r.skip();
      const bytes = r.read();
      const from = x;
      x += bytes;
      if (!candidates[doc]) continue;
      q.at = from;
      const count = q.read();
      let pos = 0;
      // One term: straight into the set. Several: (document, position) keys to sort.
      let at = 0;
      if (single) {
        docs.push(doc);
        offs.push(spans.length);
        at = spans.reserve(count);
      }
      const base = doc * POSITION_RANGE;
      for (let k = 0; k < count; k++) {
        pos += q.read();
        if (single) spans.a[at + k] = pos;
        else keys.push(base + pos);
      }
    }
  }
  if (single) {
    offs.push(spans.length);
    const s = spans.a.slice(0, spans.length);
    return {
      docs: docs.a.slice(0, docs.length),
      offs: offs.a.slice(0, offs.length),
      s,
      e: s,
    };
  }
  const sorted = keys.a.subarray(0, keys.length).sort();
  const w = new SpanWriter();
  let current = -1;
  for (let k = 0; k < sorted.length; k++) {
    const key = sorted[k]!;
    const doc = Math.floor(key / POSITION_RANGE);
    const pos = key - doc * POSITION_RANGE;
    if (doc !== current) {
      w.end();
      w.begin(doc);
      current = doc;
    }
    w.span(pos, pos);
  }
  return w.finish();
}

/** A growable Float64Array. */
class FloatList {
  a: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.a = new Float64Array(Math.max(capacity, 16));
  }

  push(v: number): void {
    if (this.length === this.a.length) {
      const next = new Float64Array(this.a.length * 2);
      next.set(this.a);
      this.a = next;
    }
    this.a[this.length++] = v;
  }
}

/** Documents' structures, decoded once per query and segment. */
export class Structures {
  private cache = new Map<number, DocStructure>();
  private buffer: Int32Array = new Int32Array(64);

  constructor(private readonly seg: Segment) {}

  private bytes(): { structure: Uint8Array; structStart: Uint32Array } {
    const { structure, structStart } = this.seg;
    if (!structure || !structStart) {
      throw new Error(`Positions of segment ${this.seg.id} are not loaded`);
    }
    return { structure, structStart };
  }

  /** Where a document's sentence or paragraph starts are, to read one by one (unitList). */
  unitList(
    doc: number,
    unit: 'sentence' | 'paragraph',
  ): { bytes: Uint8Array; count: number; at: number } {
    const { structure, structStart } = this.bytes();
    return { bytes: structure, ...unitList(structure, structStart[doc]!, unit) };
  }

  /** A document's sentence or paragraph starts (valid until the next call). */
  units(doc: number, unit: 'sentence' | 'paragraph'): { starts: Int32Array; count: number } {
    const { bytes, count, at } = this.unitList(doc, unit);
    if (this.buffer.length < count)
      this.buffer = new Int32Array(Math.max(count, this.buffer.length * 2));
    const r = new VarintReader(bytes, at);
    let prev = 0;
    for (let k = 0; k < count; k++) {
      prev += r.read();
      this.buffer[k] = prev;
    }
    return { starts: this.buffer, count };
  }

  of(doc: number): DocStructure {
    let s = this.cache.get(doc);
    if (!s) {
      const { structure, structStart } = this.seg;
      if (!structure || !structStart) {
        throw new Error(`Positions of segment ${this.seg.id} are not loaded`);
      }
      s = readStructure(structure, structStart[doc]!);
      this.cache.set(doc, s);
    }
    return s;
  }
}

/** The spans that lie inside `field`. */
export function inField(set: SpanSet, field: Field, structures: Structures): SpanSet {
  const w = new SpanWriter();
  for (let i = 0; i < set.docs.length; i++) {
    const doc = set.docs[i]!;
    const [from, to] = fieldRange(structures.of(doc), field);
    w.begin(doc);
    for (let k = set.offs[i]!; k < set.offs[i + 1]!; k++) {
      if (set.s[k]! >= from && set.e[k]! < to) w.span(set.s[k]!, set.e[k]!);
    }
    w.end();
  }
  return w.finish();
}

/** Where the words' sets (one per word, in order) occur one right after another. */
export function phraseSpans(words: readonly SpanSet[]): SpanSet {
  const w = new SpanWriter();
  const first = words[0]!;
  const at = new Int32Array(words.length);
  for (let i = 0; i < first.docs.length; i++) {
    const doc = first.docs[i]!;
    // The doc's index in each word's set (the sets are sorted by doc).
    let all = true;
    for (let j = 1; j < words.length; j++) {
      const idx = lowerBound(words[j]!.docs, doc);
      if (words[j]!.docs[idx] !== doc) {
        all = false;
        break;
      }
      at[j] = idx;
    }
    if (!all) continue;
    w.begin(doc);
    for (let k = first.offs[i]!; k < first.offs[i + 1]!; k++) {
      const p = first.s[k]!;
      let ok = true;
      for (let j = 1; j < words.length && ok; j++) {
        const set = words[j]!;
        ok = containsStart(set.s, set.offs[at[j]!]!, set.offs[at[j]! + 1]!, p + j);
      }
      if (ok) w.span(p, p + words.length - 1);
    }
    w.end();
  }
  return w.finish();
}

/** The spans of either set (documents of both merged; equal spans once). */
export function unionSpans(a: SpanSet, b: SpanSet): SpanSet {
  const w = new SpanWriter();
  let i = 0;
  let j = 0;
  while (i < a.docs.length || j < b.docs.length) {
    const da = i < a.docs.length ? a.docs[i]! : Infinity;
    const db = j < b.docs.length ? b.docs[j]! : Infinity;
    const doc = Math.min(da, db);
    w.begin(doc);
    let x = da === doc ? a.offs[i]! : 0;
    const xEnd = da === doc ? a.offs[i + 1]! : 0;
    let y = db === doc ? b.offs[j]! : 0;
    const yEnd = db === doc ? b.offs[j + 1]! : 0;
    let ls = -1;
    let le = -1;
    while (x < xEnd || y < yEnd) {
      let s: number;
      let e: number;
      if (
        y >= yEnd ||
        (x < xEnd && (a.s[x]! < b.s[y]! || (a.s[x] === b.s[y] && a.e[x]! <= b.e[y]!)))
      ) {
        s = a.s[x]!;
        e = a.e[x++]!;
      } else {
        s = b.s[y]!;
        e = b.e[y++]!;
      }
      if (s === ls && e === le) continue;
      w.span(s, e);
      ls = s;
      le = e;
    }
    w.end();
    if (da === doc) i++;
    if (db === doc) j++;
  }
  return w.finish();
}

/** The documents with at least `count` spans. */
export function atLeast(set: SpanSet, count: number): SpanSet {
  const w = new SpanWriter();
  for (let i = 0; i < set.docs.length; i++) {
    if (set.offs[i + 1]! - set.offs[i]! < count) continue;
    w.begin(set.docs[i]!);
    for (let k = set.offs[i]!; k < set.offs[i + 1]!; k++) w.span(set.s[k]!, set.e[k]!);
    w.end();
  }
  return w.finish();
}

/**
 * Where a span of `a` and a span of `b` (not overlapping) are close enough: within N words
 * (the gap between them, counted as position difference, at most N), in order for pre/N, or
 * in one sentence or paragraph. Each match is the span over both.
 */
export function nearSpans(
  a: SpanSet,
  b: SpanSet,
  proximity: Proximity,
  structures: Structures,
  /** Only which documents match matters (not nested in another operator): one span each. */
  exists = false,
): SpanSet {
  const w = new SpanWriter();
  let j = 0;
  for (let i = 0; i < a.docs.length; i++) {
    const doc = a.docs[i]!;
    while (j < b.docs.length && b.docs[j]! < doc) j++;
    if (j >= b.docs.length) break;
    if (b.docs[j] !== doc) continue;
    const xFrom = a.offs[i]!;
    const xTo = a.offs[i + 1]!;
    const yFrom = b.offs[j]!;
    const yTo = b.offs[j + 1]!;
    w.begin(doc);
    if (proximity.unit === 'words') {
      const n = proximity.distance;
      let maxLength = 0;
      for (let y = yFrom; y < yTo; y++) maxLength = Math.max(maxLength, b.e[y]! - b.s[y]!);
      let low = yFrom;
      for (let x = xFrom; x < xTo; x++) {
        const xs = a.s[x]!;
        const xe = a.e[x]!;
        // b's spans that can end at xs - n or later start at xs - n - maxLength or later.
        while (low < yTo && b.s[low]! < xs - n - maxLength) low++;
        let found = false;
        for (let y = low; y < yTo; y++) {
          const ys = b.s[y]!;
          if (ys > xe + n) break;
          const ye = b.e[y]!;
          let ok: boolean;
          if (xe < ys) ok = ys - xe <= n;
          else if (ye < xs) ok = !proximity.ordered && xs - ye <= n;
          else ok = false;
          if (ok) {
            w.span(Math.min(xs, ys), Math.max(xe, ye));
            if (exists) {
              found = true;
              break;
            }
          }
        }
        if (found) break;
      }
    } else {
      const { starts, count } = structures.units(doc, proximity.unit);
      // Spans are sorted by start, so their units ascend: walk both lists unit by unit, and
      // pair every two spans (not overlapping) that lie wholly in the same one.
      let x = xFrom;
      let y = yFrom;
      let done = false;
      while (x < xTo && y < yTo && !done) {
        const ux = unitOf(starts, a.s[x]!, count);
        const uy = unitOf(starts, b.s[y]!, count);
        if (ux < uy) {
          x++;
          continue;
        }
        if (uy < ux) {
          y++;
          continue;
        }
        let x1 = x;
        while (x1 < xTo && unitOf(starts, a.s[x1]!, count) === ux) x1++;
        let y1 = y;
        while (y1 < yTo && unitOf(starts, b.s[y1]!, count) === ux) y1++;
        for (let i = x; i < x1 && !done; i++) {
          const xs = a.s[i]!;
          const xe = a.e[i]!;
          if (xe !== xs && unitOf(starts, xe, count) !== ux) continue;
          for (let j = y; j < y1; j++) {
            const ys = b.s[j]!;
            const ye = b.e[j]!;
            if (!(xe < ys || ye < xs)) continue;
            if (ye !== ys && unitOf(starts, ye, count) !== ux) continue;
            w.span(Math.min(xs, ys), Math.max(xe, ye));
            if (exists) {
              done = true;
              break;
            }
          }
        }
        x = x1;
        y = y1;
      }
    }
    w.end();
  }
  return exists ? w.finish() : sortSpans(w.finish());
}

/** Sorts each document's spans by start, then end, and drops repeats. */
function sortSpans(set: SpanSet): SpanSet {
  const w = new SpanWriter();
  for (let i = 0; i < set.docs.length; i++) {
    const from = set.offs[i]!;
    const to = set.offs[i + 1]!;
    const order = Array.from({ length: to - from }, (_, k) => from + k);
    order.sort((p, q) => set.s[p]! - set.s[q]! || set.e[p]! - set.e[q]!);
    w.begin(set.docs[i]!);
    let ls = -1;
    let le = -1;
    for (const k of order) {
      if (set.s[k] === ls && set.e[k] === le) continue;
      ls = set.s[k]!;
      le = set.e[k]!;
      w.span(ls, le);
    }
    w.end();
  }
  return w.finish();
}

function lowerBound(a: Int32Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether s[from, to) (ascending) holds v. */
function containsStart(s: Int32Array, from: number, to: number, v: number): boolean {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo < to && s[lo] === v;
}
