/**
 * An immutable index segment: the documents of one import batch (or of a merge), with a
 * sorted term dictionary, postings and positions as varint byte streams, and per-document
 * metadata as typed arrays, so a segment costs a handful of objects however many postings
 * it holds. Segments are built once, serialised to ArrayBuffers for IndexedDB, and merged.
 *
 * Postings of a term, per document (ascending local doc number):
 *   varint(doc delta), varint(bodyTf << 2 | inTitle << 1 | inMeta), varint(positions bytes)
 * (the byte length of the document's positions lets phrases and merges jump over them).
 * Positions of a term (a separate stream, loaded lazily; only phrases need it), per document
 * in the same order: varint(count), count × varint(position delta). Positions run through
 * title, then meta (outlet, authors, tags), then body, note and highlight notes, with a gap
 * of one between values so that a phrase never spans two of them.
 */
import { ByteWriter, IntList } from './bytes';
import { stem } from './stem';
import { foldTag, foldText, forEachToken } from './text';
import type { SearchDoc } from './types';

export const SEGMENT_FORMAT_VERSION = 1;
const MAGIC = 0x58534243; // 'CBSX' little-endian

export const FLAG_HIGHLIGHTS = 1;
export const FLAG_NOTE = 2;
export const FLAG_TRASHED = 4;

export interface Segment {
  id: number;
  docCount: number;
  docIds: string[];
  /** Token counts per field group, for BM25 length normalisation. */
  titleLen: Uint16Array;
  metaLen: Uint16Array;
  bodyLen: Uint32Array;
  /** yyyymmdd, 0 when unknown. */
  published: Int32Array;
  flags: Uint8Array;
  /** Indexes into `strings` (folded metadata values). */
  lang: Uint32Array;
  source: Uint32Array;
  tagStart: Uint32Array;
  tagIds: Uint32Array;
  authorStart: Uint32Array;
  authorIds: Uint32Array;
  strings: string[];
  /** Sorted by UTF-16 code units (`<`). */
  terms: string[];
  df: Uint32Array;
  postStart: Uint32Array;
  postings: Uint8Array;
  posStart: Uint32Array;
  /** Null until loaded (see SearchStore). */
  positions: Uint8Array | null;
  /** Index into `stems`, or -1 when the term is its own stem. */
  termStem: Int32Array;
  /** Sorted stems that differ from their terms; stemTerms[stemStart[i]..] are their terms. */
  stems: string[];
  stemStart: Uint32Array;
  stemTerms: Uint32Array;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First index whose value is >= key. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findTerm(seg: Segment, term: string): number {
  const i = lowerBound(seg.terms, term);
  return seg.terms[i] === term ? i : -1;
}

/** Ordinals of the terms whose stem is `s` and differs from the term itself. */
export function termsWithStem(seg: Segment, s: string): Uint32Array {
  const i = lowerBound(seg.stems, s);
  if (seg.stems[i] !== s) return new Uint32Array(0);
  return seg.stemTerms.subarray(seg.stemStart[i]!, seg.stemStart[i + 1]!);
}

export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}

function buildStems(
  terms: readonly string[],
  stemOf: (i: number) => string,
): Pick<Segment, 'termStem' | 'stems' | 'stemStart' | 'stemTerms'> {
  const termStem = new Int32Array(terms.length).fill(-1);
  const differing: number[] = [];
  const stemStrings: string[] = new Array<string>(terms.length);
  for (let i = 0; i < terms.length; i++) {
    const s = stemOf(i);
    if (s !== terms[i]) {
      differing.push(i);
      stemStrings[i] = s;
    }
  }
  differing.sort((a, b) => compareStrings(stemStrings[a]!, stemStrings[b]!) || a - b);
  const stems: string[] = [];
  const starts: number[] = [];
  const stemTerms = new Uint32Array(differing.length);
  for (let k = 0; k < differing.length; k++) {
    const t = differing[k]!;
    const s = stemStrings[t]!;
    if (stems.length === 0 || stems[stems.length - 1] !== s) {
      stems.push(s);
      starts.push(k);
    }
    termStem[t] = stems.length - 1;
    stemTerms[k] = t;
  }
  starts.push(differing.length);
  return { termStem, stems, stemStart: Uint32Array.from(starts), stemTerms };
}

/** Interns metadata strings and builds the per-document metadata arrays. */
class MetaBuilder {
  private ids = new Map<string, number>();
  readonly strings: string[] = [];
  readonly docIds: string[] = [];
  readonly titleLen = new IntList();
  readonly metaLen = new IntList();
  readonly bodyLen = new IntList();
  readonly published = new IntList();
  readonly flags = new IntList();
  readonly lang = new IntList();
  readonly source = new IntList();
  readonly tagStart = new IntList();
  readonly tagIds = new IntList();
  readonly authorStart = new IntList();
  readonly authorIds = new IntList();

  constructor() {
    this.tagStart.push(0);
    this.authorStart.push(0);
  }

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  addDoc(
    id: string,
    lengths: readonly [number, number, number],
    published: number,
    flags: number,
    lang: string,
    source: string,
    tags: readonly string[],
    authors: readonly string[],
  ): void {
    this.docIds.push(id);
    this.titleLen.push(Math.min(lengths[0], 0xffff));
    this.metaLen.push(Math.min(lengths[1], 0xffff));
    this.bodyLen.push(lengths[2]);
    this.published.push(published);
    this.flags.push(flags);
    this.lang.push(this.intern(lang));
    this.source.push(this.intern(source));
    for (const t of tags) this.tagIds.push(this.intern(t));
    this.tagStart.push(this.tagIds.length);
    for (const a of authors) this.authorIds.push(this.intern(a));
    this.authorStart.push(this.authorIds.length);
  }

  finish(): Pick<
    Segment,
    | 'docCount'
    | 'docIds'
    | 'titleLen'
    | 'metaLen'
    | 'bodyLen'
    | 'published'
    | 'flags'
    | 'lang'
    | 'source'
    | 'tagStart'
    | 'tagIds'
    | 'authorStart'
    | 'authorIds'
    | 'strings'
  > {
    const u32 = (l: IntList) => Uint32Array.from(l.a.subarray(0, l.length));
    return {
      docCount: this.docIds.length,
      docIds: this.docIds,
      titleLen: Uint16Array.from(this.titleLen.a.subarray(0, this.titleLen.length)),
      metaLen: Uint16Array.from(this.metaLen.a.subarray(0, this.metaLen.length)),
      bodyLen: u32(this.bodyLen),
      published: this.published.a.slice(0, this.published.length),
      flags: Uint8Array.from(this.flags.a.subarray(0, this.flags.length)),
      lang: u32(this.lang),
      source: u32(this.source),
      tagStart: u32(this.tagStart),
      tagIds: u32(this.tagIds),
      authorStart: u32(this.authorStart),
      authorIds: u32(this.authorIds),
      strings: this.strings,
    };
  }
}

/** Builds one segment from documents; no per-posting objects, only growable typed arrays. */
export class SegmentBuilder {
  private termIds = new Map<string, number>();
  private termNames: string[] = [];
  private stamp = new Int32Array(4096);
  private slotOf = new Int32Array(4096);
  // One record per (term, doc): appended doc by doc, so in doc order within each term.
  private recTerm = new IntList(8192);
  private recDoc = new IntList(8192);
  private recCode = new IntList(8192);
  private recPos = new IntList(8192);
  private recCount = new IntList(8192);
  private positions = new IntList(65536);
  // Per-document scratch.
  private tokTerm = new IntList(1024);
  private tokPos = new IntList(1024);
  private slotTerm = new Int32Array(1024);
  private slotCount = new Int32Array(1024);
  private slotCode = new Int32Array(1024);
  private slotFill = new Int32Array(1024);
  private meta = new MetaBuilder();
  private position = 0;
  private readonly pushToken = (term: string): void => {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termNames.push(term);
      this.termIds.set(term, id);
      if (id >= this.stamp.length) {
        const stamp = new Int32Array(this.stamp.length * 2);
        stamp.set(this.stamp);
        this.stamp = stamp;
        const slotOf = new Int32Array(this.slotOf.length * 2);
        slotOf.set(this.slotOf);
        this.slotOf = slotOf;
      }
    }
    this.tokTerm.push(id);
    this.tokPos.push(this.position++);
  };

  get docCount(): number {
    return this.meta.docIds.length;
  }

  add(doc: SearchDoc): void {
    const d = this.meta.docIds.length;
    this.tokTerm.length = 0;
    this.tokPos.length = 0;
    this.position = 0;
    const field = (text: string) => {
      forEachToken(text, this.pushToken);
      this.position++;
    };
    field(doc.title);
    const titleCount = this.tokTerm.length;
    field(doc.source);
    for (const a of doc.authors) field(a);
    for (const t of doc.tags) field(t);
    const metaEnd = this.tokTerm.length;
    field(doc.body);
    field(doc.note);
    field(doc.highlightNotes);
    const n = this.tokTerm.length;

    if (this.slotTerm.length < n) {
      const cap = Math.max(n, this.slotTerm.length * 2);
      this.slotTerm = new Int32Array(cap);
      this.slotCount = new Int32Array(cap);
      this.slotCode = new Int32Array(cap);
      this.slotFill = new Int32Array(cap);
    }
    const tokTerm = this.tokTerm.a;
    const { stamp, slotOf, slotTerm, slotCount, slotCode, slotFill } = this;
    const mark = d + 1;
    let slots = 0;
    for (let i = 0; i < n; i++) {
      const t = tokTerm[i]!;
      if (stamp[t] !== mark) {
        stamp[t] = mark;
        slotOf[t] = slots;
        slotTerm[slots] = t;
        slotCount[slots] = 0;
        slotCode[slots] = 0;
        slots++;
      }
      const s = slotOf[t]!;
      slotCount[s]!++;
      if (i < titleCount) slotCode[s]! |= 2;
      else if (i < metaEnd) slotCode[s]! |= 1;
      else slotCode[s]! += 4;
    }
    for (let s = 0; s < slots; s++) {
      this.recTerm.push(slotTerm[s]!);
      this.recDoc.push(d);
      this.recCode.push(slotCode[s]!);
      this.recCount.push(slotCount[s]!);
      // slotFill holds the absolute start first, then advances while filling.
      const at = this.positions.reserve(slotCount[s]!);
      this.recPos.push(at);
      slotFill[s] = at;
    }
    const pos = this.positions.a;
    const tokPos = this.tokPos.a;
    for (let i = 0; i < n; i++) {
      const s = slotOf[tokTerm[i]!]!;
      pos[slotFill[s]!++] = tokPos[i]!;
    }

    let flags = 0;
    if (doc.hasHighlights) flags |= FLAG_HIGHLIGHTS;
    if (doc.hasNote) flags |= FLAG_NOTE;
    if (doc.trashed) flags |= FLAG_TRASHED;
    this.meta.addDoc(
      doc.id,
      [titleCount, metaEnd - titleCount, n - metaEnd],
      dayNumber(doc.publishedAt),
      flags,
      doc.language.trim().toLowerCase(),
      foldText(doc.source),
      doc.tags.map(foldTag).filter((t) => t.length > 0),
      doc.authors.map(foldText).filter((a) => a.length > 0),
    );
  }

  finish(id: number): Segment {
    const names = this.termNames;
    const termCount = names.length;
    const order = Array.from({ length: termCount }, (_, i) => i);
    order.sort((a, b) => compareStrings(names[a]!, names[b]!));
    const rank = new Int32Array(termCount);
    for (let r = 0; r < termCount; r++) rank[order[r]!] = r;
    const terms = order.map((i) => names[i]!);

    // Counting sort of the records by term rank keeps each term's records in doc order.
    const records = this.recTerm.length;
    const start = new Uint32Array(termCount + 1);
    for (let r = 0; r < records; r++) start[rank[this.recTerm.a[r]!]! + 1]!++;
    for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
    const cursor = start.slice(0, termCount);
    const sorted = new Int32Array(records);
    for (let r = 0; r < records; r++) sorted[cursor[rank[this.recTerm.a[r]!]!]!++] = r;

    const pw = new ByteWriter(records * 3 + 16);
    const xw = new ByteWriter(this.positions.length * 2 + 16);
    const postStart = new Uint32Array(termCount + 1);
    const posStart = new Uint32Array(termCount + 1);
    const df = new Uint32Array(termCount);
    const recDoc = this.recDoc.a;
    const recCode = this.recCode.a;
    const recPos = this.recPos.a;
    const recCount = this.recCount.a;
    const positions = this.positions.a;
    for (let t = 0; t < termCount; t++) {
      postStart[t] = pw.length;
      posStart[t] = xw.length;
      let prevDoc = 0;
      for (let k = start[t]!; k < start[t + 1]!; k++) {
        const r = sorted[k]!;
        const doc = recDoc[r]!;
        const before = xw.length;
        const count = recCount[r]!;
        xw.varint(count);
        let prev = 0;
        const from = recPos[r]!;
        for (let j = from; j < from + count; j++) {
          xw.varint(positions[j]! - prev);
          prev = positions[j]!;
        }
        pw.varint(doc - prevDoc);
        prevDoc = doc;
        pw.varint(recCode[r]!);
        pw.varint(xw.length - before);
      }
      df[t] = start[t + 1]! - start[t]!;
    }
    postStart[termCount] = pw.length;
    posStart[termCount] = xw.length;

    return {
      id,
      ...this.meta.finish(),
      terms,
      df,
      postStart,
      postings: pw.finish(),
      posStart,
      positions: xw.finish(),
      ...buildStems(terms, (i) => stem(terms[i]!)),
    };
  }
}

export function buildSegment(id: number, docs: readonly SearchDoc[]): Segment {
  const builder = new SegmentBuilder();
  for (const doc of docs) builder.add(doc);
  return builder.finish(id);
}

// ---- Serialisation -----------------------------------------------------------------------

type ArrayKind = 'u8' | 'u16' | 'u32' | 'i32';
const ARRAYS: readonly (readonly [keyof Segment, ArrayKind])[] = [
  ['titleLen', 'u16'],
  ['metaLen', 'u16'],
  ['bodyLen', 'u32'],
  ['published', 'i32'],
  ['flags', 'u8'],
  ['lang', 'u32'],
  ['source', 'u32'],
  ['tagStart', 'u32'],
  ['tagIds', 'u32'],
  ['authorStart', 'u32'],
  ['authorIds', 'u32'],
  ['df', 'u32'],
  ['postStart', 'u32'],
  ['posStart', 'u32'],
  ['termStem', 'i32'],
  ['stemStart', 'u32'],
  ['stemTerms', 'u32'],
  ['postings', 'u8'],
];

interface Header {
  id: number;
  docCount: number;
  docIds: string[];
  strings: string[];
  termCount: number;
  stemCount: number;
  /** [byteOffset, byteLength] per array, then terms and stems as '\n'-joined UTF-8. */
  sections: [number, number][];
}

const align8 = (n: number) => (n + 7) & ~7;

/**
 * The segment without its positions, as one ArrayBuffer:
 * u32 magic, u8 version, 3 bytes padding, u32 header length, JSON header, 8-aligned arrays.
 */
export function serializeSegment(seg: Segment): ArrayBuffer {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = ARRAYS.map(([name]) => {
    const a = seg[name] as Uint8Array | Uint16Array | Uint32Array | Int32Array;
    return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  });
  // Terms hold only letters, numbers and marks, never '\n'.
  chunks.push(encoder.encode(seg.terms.join('\n')), encoder.encode(seg.stems.join('\n')));
  const sections: [number, number][] = [];
  let offset = 0;
  for (const c of chunks) {
    sections.push([offset, c.byteLength]);
    offset = align8(offset + c.byteLength);
  }
  const header: Header = {
    id: seg.id,
    docCount: seg.docCount,
    docIds: seg.docIds,
    strings: seg.strings,
    termCount: seg.terms.length,
    stemCount: seg.stems.length,
    sections,
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const base = align8(12 + headerBytes.byteLength);
  const out = new Uint8Array(base + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint8(4, SEGMENT_FORMAT_VERSION);
  view.setUint32(8, headerBytes.byteLength, true);
  out.set(headerBytes, 12);
  chunks.forEach((c, i) => out.set(c, base + sections[i]![0]));
  return out.buffer;
}

export class SegmentFormatError extends Error {}

/** Views into `buffer` (no copy); positions are attached separately. */
export function deserializeSegment(buffer: ArrayBuffer): Segment {
  const view = new DataView(buffer);
  if (buffer.byteLength < 12 || view.getUint32(0, true) !== MAGIC) {
    throw new SegmentFormatError('Not a search segment');
  }
  const version = view.getUint8(4);
  if (version !== SEGMENT_FORMAT_VERSION) {
    throw new SegmentFormatError(`Search segment format ${version} is not supported`);
  }
  const headerLength = view.getUint32(8, true);
  const decoder = new TextDecoder();
  const header = JSON.parse(decoder.decode(new Uint8Array(buffer, 12, headerLength))) as Header;
  const base = align8(12 + headerLength);
  const section = (i: number): [number, number] => {
    const s = header.sections[i];
    if (!s) throw new SegmentFormatError('Truncated search segment');
    return [base + s[0], s[1]];
  };
  const seg: Record<string, unknown> = {
    id: header.id,
    docCount: header.docCount,
    docIds: header.docIds,
    strings: header.strings,
    positions: null,
  };
  ARRAYS.forEach(([name, kind], i) => {
    const [at, length] = section(i);
    seg[name] =
      kind === 'u8'
        ? new Uint8Array(buffer, at, length)
        : kind === 'u16'
          ? new Uint16Array(buffer, at, length / 2)
          : kind === 'u32'
            ? new Uint32Array(buffer, at, length / 4)
            : new Int32Array(buffer, at, length / 4);
  });
  const text = (i: number, count: number): string[] => {
    if (count === 0) return [];
    const [at, length] = section(i);
    return decoder.decode(new Uint8Array(buffer, at, length)).split('\n');
  };
  seg['terms'] = text(ARRAYS.length, header.termCount);
  seg['stems'] = text(ARRAYS.length + 1, header.stemCount);
  return seg as unknown as Segment;
}

export function serializePositions(seg: Segment): ArrayBuffer {
  if (!seg.positions) throw new Error(`Positions of segment ${seg.id} are not loaded`);
  return seg.positions.slice().buffer;
}

// ---- Merging -----------------------------------------------------------------------------

export interface MergeInput {
  seg: Segment;
  /** 1 = deleted; deleted documents are dropped. */
  dead: Uint8Array | undefined;
}

/** Merges segments (in order) into one, dropping deleted documents. Needs positions. */
export function mergeSegments(id: number, inputs: readonly MergeInput[]): Segment {
  const steps = mergeSegmentsInSteps(id, inputs);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Roughly how much work (documents, or postings bytes) a merge does between yields. */
const MERGE_STEP_WORK = 1 << 16;

/**
 * mergeSegments in small steps: yields every ~64 KB of postings (or 64K documents of metadata)
 * so the caller can answer queries in between; the inputs must not change meanwhile
 * (segments are immutable; tombstones are read once, at the start).
 */
export function* mergeSegmentsInSteps(
  id: number,
  inputs: readonly MergeInput[],
  stepWork = MERGE_STEP_WORK,
): Generator<void, Segment> {
  const meta = new MetaBuilder();
  const docMaps: Int32Array[] = [];
  let work = 0;
  for (const { seg, dead } of inputs) {
    const map = new Int32Array(seg.docCount).fill(-1);
    docMaps.push(map);
    for (let d = 0; d < seg.docCount; d++) {
      if (++work >= stepWork) {
        work = 0;
        yield;
      }
      if (dead?.[d]) continue;
      map[d] = meta.docIds.length;
      const strings = (start: Uint32Array, ids: Uint32Array) => {
        const out: string[] = [];
        for (let k = start[d]!; k < start[d + 1]!; k++) out.push(seg.strings[ids[k]!]!);
        return out;
      };
      meta.addDoc(
        seg.docIds[d]!,
        [seg.titleLen[d]!, seg.metaLen[d]!, seg.bodyLen[d]!],
        seg.published[d]!,
        seg.flags[d]!,
        seg.strings[seg.lang[d]!]!,
        seg.strings[seg.source[d]!]!,
        strings(seg.tagStart, seg.tagIds),
        strings(seg.authorStart, seg.authorIds),
      );
    }
  }

  const k = inputs.length;
  const heads = new Int32Array(k);
  const terms: string[] = [];
  const stemsOf: string[] = [];
  const df: number[] = [];
  const postStarts: number[] = [];
  const posStarts: number[] = [];
  const totalPostings = inputs.reduce((n, { seg }) => n + seg.postings.length, 0);
  const totalPositions = inputs.reduce((n, { seg }) => n + (seg.positions?.length ?? 0), 0);
  const pw = new ByteWriter(totalPostings + 16);
  const xw = new ByteWriter(totalPositions + 16);
  for (const { seg } of inputs) {
    if (!seg.positions) throw new Error(`Positions of segment ${seg.id} are not loaded`);
  }
  for (;;) {
    if (work >= stepWork) {
      work = 0;
      yield;
    }
    // The smallest head term (k is small: a linear scan beats a heap).
    let term: string | undefined;
    for (let j = 0; j < k; j++) {
      const t = inputs[j]!.seg.terms[heads[j]!];
      if (t !== undefined && (term === undefined || t < term)) term = t;
    }
    if (term === undefined) break;
    const postAt = pw.length;
    const posAt = xw.length;
    let count = 0;
    let prev = 0;
    let stemOfTerm: string | undefined;
    for (let j = 0; j < k; j++) {
      const { seg } = inputs[j]!;
      const o = heads[j]!;
      if (seg.terms[o] !== term) continue;
      heads[j] = o + 1;
      if (stemOfTerm === undefined) {
        const s = seg.termStem[o]!;
        stemOfTerm = s < 0 ? term : seg.stems[s]!;
      }
      const map = docMaps[j]!;
      const postings = seg.postings;
      const positions = seg.positions!;
      let p = seg.postStart[o]!;
      const end = seg.postStart[o + 1]!;
      let x = seg.posStart[o]!;
      work += end - p;
      let doc = 0;
      while (p < end) {
        let b = postings[p++]!;
        let v = b & 0x7f;
        for (let shift = 7; b & 0x80; shift += 7) {
          b = postings[p++]!;
          v |= (b & 0x7f) << shift;
        }
        doc += v;
        b = postings[p++]!;
        let code = b & 0x7f;
        for (let shift = 7; b & 0x80; shift += 7) {
          b = postings[p++]!;
          code |= (b & 0x7f) << shift;
        }
        b = postings[p++]!;
        let bytes = b & 0x7f;
        for (let shift = 7; b & 0x80; shift += 7) {
          b = postings[p++]!;
          bytes |= (b & 0x7f) << shift;
        }
        const from = x;
        x += bytes;
        const nd = map[doc]!;
        if (nd < 0) continue;
        pw.varint(nd - prev);
        prev = nd;
        pw.varint(code);
        pw.varint(bytes);
        // Positions are per document, independent of doc numbers: copied as they are.
        xw.bytes(positions, from, x);
        count++;
      }
    }
    if (count === 0) continue;
    terms.push(term);
    stemsOf.push(stemOfTerm ?? stem(term));
    df.push(count);
    postStarts.push(postAt);
    posStarts.push(posAt);
  }
  yield;
  postStarts.push(pw.length);
  posStarts.push(xw.length);
  return {
    id,
    ...meta.finish(),
    terms,
    df: Uint32Array.from(df),
    postStart: Uint32Array.from(postStarts),
    postings: pw.finish(),
    posStart: Uint32Array.from(posStarts),
    positions: xw.finish(),
    ...buildStems(terms, (i) => stemsOf[i]!),
  };
}
