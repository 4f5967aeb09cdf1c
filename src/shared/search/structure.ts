/**
 * A document's structure, as word positions (see segment.ts): where its title ends, where
 * its text (body), lead (first paragraph) and notes are, and where each paragraph and
 * sentence begins. Stored per document as varints:
 *   titleEnd, bodyStart − titleEnd, leadEnd − bodyStart, noteStart − leadEnd, end − noteStart,
 *   count, count × paragraph start delta, count, count × sentence start delta
 * (every paragraph start is a sentence start too; each field value starts a paragraph).
 */
import { VarintReader, type ByteWriter } from './bytes';
import type { Field } from './query-ast';

export interface DocStructure {
  titleEnd: number;
  bodyStart: number;
  leadEnd: number;
  noteStart: number;
  end: number;
  /** Ascending (equal values may repeat: an empty field). */
  paragraphs: ArrayLike<number>;
  sentences: ArrayLike<number>;
}

export function writeStructure(w: ByteWriter, s: DocStructure): void {
  w.varint(s.titleEnd);
  w.varint(s.bodyStart - s.titleEnd);
  w.varint(s.leadEnd - s.bodyStart);
  w.varint(s.noteStart - s.leadEnd);
  w.varint(s.end - s.noteStart);
  for (const list of [s.paragraphs, s.sentences]) {
    w.varint(list.length);
    let prev = 0;
    for (let i = 0; i < list.length; i++) {
      w.varint(list[i]! - prev);
      prev = list[i]!;
    }
  }
}

/** Decodes the structure at bytes[from, …). */
export function readStructure(bytes: Uint8Array, from: number): DocStructure {
  const r = new VarintReader(bytes, from);
  const titleEnd = r.read();
  const bodyStart = titleEnd + r.read();
  const leadEnd = bodyStart + r.read();
  const noteStart = leadEnd + r.read();
  const end = noteStart + r.read();
  const list = (): Int32Array => {
    const out = new Int32Array(r.read());
    let prev = 0;
    for (let i = 0; i < out.length; i++) {
      prev += r.read();
      out[i] = prev;
    }
    return out;
  };
  const paragraphs = list();
  const sentences = list();
  return { titleEnd, bodyStart, leadEnd, noteStart, end, paragraphs, sentences };
}

/**
 * Where the paragraph (or sentence) starts of the structure at bytes[from, …) are: their
 * count and the offset of the first delta, for reading them one by one (proximity by unit
 * usually decides in the first paragraph or two, and keeps nothing).
 */
export function unitList(
  bytes: Uint8Array,
  from: number,
  unit: 'sentence' | 'paragraph',
): { count: number; at: number } {
  const r = new VarintReader(bytes, from);
  for (let k = 0; k < 5; k++) r.skip();
  let count = r.read();
  if (unit === 'sentence') {
    for (let k = 0; k < count; k++) r.skip();
    count = r.read();
  }
  return { count, at: r.at };
}

/** The [start, end) positions of a field. */
export function fieldRange(s: DocStructure, field: Field): [number, number] {
  switch (field) {
    case 'title':
      return [0, s.titleEnd];
    case 'lead':
      return [s.bodyStart, s.leadEnd];
    case 'text':
      return [s.bodyStart, s.noteStart];
    case 'note':
      return [s.noteStart, s.end];
  }
}

/** How many of the ascending `starts` (the first `count`) are at or before `position`: its unit's number. */
export function unitOf(starts: ArrayLike<number>, position: number, count = starts.length): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
