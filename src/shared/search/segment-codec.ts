/**
 * A segment's binary form, for IndexedDB: the segment without its positions as one
 * ArrayBuffer, its positions, word pairs and structure as another (loaded lazily).
 */
import { SEGMENT_FORMAT_VERSION, type Segment, type WordPairs } from './segment';

const MAGIC = 0x58534243; // 'CBSX' little-endian
const POSITIONS_MAGIC = 0x50534243; // 'CBSP' little-endian

type ArrayKind = 'u8' | 'u16' | 'u32' | 'i32';
type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;
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
  ['termLang', 'u32'],
  ['stemStart', 'u32'],
  ['stemTerms', 'u32'],
  ['postings', 'u8'],
];
const PAIR_ARRAYS: readonly (readonly [keyof WordPairs, ArrayKind])[] = [
  ['word', 'u8'],
  ['first', 'u32'],
  ['second', 'u32'],
  ['start', 'u32'],
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

const bytesOf = (a: TypedArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * One ArrayBuffer: u32 magic, u8 version, 3 bytes padding, u32 header length, the JSON
 * header (given `sections`: where each chunk is), then the chunks, 8-aligned.
 */
function pack(magic: number, header: object, chunks: readonly Uint8Array[]): ArrayBuffer {
  const sections: [number, number][] = [];
  let offset = 0;
  for (const c of chunks) {
    sections.push([offset, c.byteLength]);
    offset = align8(offset + c.byteLength);
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify({ ...header, sections }));
  const base = align8(12 + headerBytes.byteLength);
  const out = new Uint8Array(base + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, true);
  view.setUint8(4, SEGMENT_FORMAT_VERSION);
  view.setUint32(8, headerBytes.byteLength, true);
  out.set(headerBytes, 12);
  chunks.forEach((c, i) => out.set(c, base + sections[i]![0]));
  return out.buffer;
}

/** The header of a packed buffer and a reader of its sections (views, no copy). */
function unpack<H extends { sections: [number, number][] }>(
  buffer: ArrayBuffer,
  magic: number,
  what: string,
): {
  header: H;
  section: (i: number) => Uint8Array;
  array: (i: number, kind: ArrayKind) => TypedArray;
} {
  const view = new DataView(buffer);
  if (buffer.byteLength < 12 || view.getUint32(0, true) !== magic) {
    throw new SegmentFormatError(`Not ${what}`);
  }
  const version = view.getUint8(4);
  if (version !== SEGMENT_FORMAT_VERSION) {
    throw new SegmentFormatError(`Search segment format ${version} is not supported`);
  }
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer, 12, headerLength)),
  ) as H;
  const base = align8(12 + headerLength);
  const section = (i: number): Uint8Array => {
    const s = header.sections[i];
    if (!s || base + s[0] + s[1] > buffer.byteLength) {
      throw new SegmentFormatError(`Truncated ${what}`);
    }
    return new Uint8Array(buffer, base + s[0], s[1]);
  };
  const array = (i: number, kind: ArrayKind): TypedArray => {
    const b = section(i);
    return kind === 'u8'
      ? b
      : kind === 'u16'
        ? new Uint16Array(buffer, b.byteOffset, b.byteLength / 2)
        : kind === 'u32'
          ? new Uint32Array(buffer, b.byteOffset, b.byteLength / 4)
          : new Int32Array(buffer, b.byteOffset, b.byteLength / 4);
  };
  return { header, section, array };
}

/** The segment without its positions and word pairs, as one ArrayBuffer. */
export function serializeSegment(seg: Segment): ArrayBuffer {
  const encoder = new TextEncoder();
  const chunks = ARRAYS.map(([name]) => bytesOf(seg[name] as TypedArray));
  // Terms hold only letters, numbers and marks, never '\n'.
  chunks.push(encoder.encode(seg.terms.join('\n')), encoder.encode(seg.stems.join('\n')));
  const header: Omit<Header, 'sections'> = {
    id: seg.id,
    docCount: seg.docCount,
    docIds: seg.docIds,
    strings: seg.strings,
    termCount: seg.terms.length,
    stemCount: seg.stems.length,
  };
  return pack(MAGIC, header, chunks);
}

export class SegmentFormatError extends Error {}

/** Views into `buffer` (no copy); positions and word pairs are attached separately. */
export function deserializeSegment(buffer: ArrayBuffer): Segment {
  const { header, section, array } = unpack<Header>(buffer, MAGIC, 'a search segment');
  const seg: Record<string, unknown> = {
    id: header.id,
    docCount: header.docCount,
    docIds: header.docIds,
    strings: header.strings,
    positions: null,
    pairs: null,
    structStart: null,
    structure: null,
  };
  ARRAYS.forEach(([name, kind], i) => {
    seg[name] = array(i, kind);
  });
  const decoder = new TextDecoder();
  const text = (i: number, count: number): string[] =>
    count === 0 ? [] : decoder.decode(section(i)).split('\n');
  seg['terms'] = text(ARRAYS.length, header.termCount);
  seg['stems'] = text(ARRAYS.length + 1, header.stemCount);
  return seg as unknown as Segment;
}

/** A segment's positions and word pairs, as one ArrayBuffer. */
export function serializePositions(seg: Segment): ArrayBuffer {
  if (!seg.positions || !seg.pairs || !seg.structure) {
    throw new Error(`Positions of segment ${seg.id} are not loaded`);
  }
  const pairs = seg.pairs;
  const chunks = [
    seg.positions,
    ...PAIR_ARRAYS.map(([name]) => bytesOf(pairs[name])),
    bytesOf(seg.structStart!),
    seg.structure!,
  ];
  return pack(POSITIONS_MAGIC, { id: seg.id }, chunks);
}

/** Attaches the positions and word pairs stored for `seg` (views into `buffer`, no copy). */
export function attachPositions(seg: Segment, buffer: ArrayBuffer): void {
  const { header, section, array } = unpack<{ id: number; sections: [number, number][] }>(
    buffer,
    POSITIONS_MAGIC,
    'search positions',
  );
  if (header.id !== seg.id) {
    throw new SegmentFormatError(`Positions of segment ${header.id} given to segment ${seg.id}`);
  }
  const pairs: Record<string, unknown> = {};
  PAIR_ARRAYS.forEach(([name, kind], i) => {
    pairs[name] = array(i + 1, kind);
  });
  if ((pairs['word'] as Uint8Array).length !== seg.terms.length) {
    throw new SegmentFormatError(`Word pairs of segment ${seg.id} do not match its terms`);
  }
  const structStart = array(PAIR_ARRAYS.length + 1, 'u32') as Uint32Array;
  if (structStart.length !== seg.docCount + 1) {
    throw new SegmentFormatError(`Structure of segment ${seg.id} does not match its documents`);
  }
  seg.structStart = structStart;
  seg.structure = section(PAIR_ARRAYS.length + 2);
  seg.positions = section(0);
  seg.pairs = pairs as unknown as WordPairs;
}
