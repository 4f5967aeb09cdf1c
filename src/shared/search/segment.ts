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
 * of FIELD_GAP between values so that neither a phrase nor a proximity spans two of them.
 *
 * Structure (stored with the positions), per document: where its fields begin and end, and
 * where its paragraphs and sentences begin, as positions (see DocStructure in structure.ts):
 * fields scope words (`title:`), and w/s and w/p compare sentences and paragraphs.
 *
 * Stems: each term has a mask of the stemming languages it was read in (its documents'
 * languages, see stem.ts), and the stems dictionary lists, per stem, the terms that have it
 * in some language and differ from it.
 *
 * Word pairs (stored and loaded with the positions): the segment's frequent words (in at least
 * a fifth of its documents) are "pair words", and for every two pair words that occur one
 * right after the other somewhere, the documents where they do: varint(doc delta) each. A
 * phrase of frequent words, whose words alone match most documents, then reads the few
 * documents of its pairs instead of checking positions everywhere; pair words that never
 * follow each other have no entry, so such a phrase is known absent at once.
 */
import { ByteWriter, IntList } from './bytes';
import { languagesIn, stemIn, stemLanguageOf, termLanguage } from './stem';
import { writeStructure } from './structure';
import { foldTag, foldText, hashTerm, scanTokens, type TokenSink } from './text';
import type { SearchDoc } from './types';

/**
 * 2: positions stored with word pairs. 3: document structure (fields, paragraphs, sentences)
 * with the positions, a gap of FIELD_GAP between fields, stems per language (Snowball), CJK
 * text split into words.
 */
export const SEGMENT_FORMAT_VERSION = 3;
/** Positions skipped between two values: more than the largest w/N, so none spans them. */
export const FIELD_GAP = 300;
const MAGIC = 0x58534243; // 'CBSX' little-endian
const POSITIONS_MAGIC = 0x50534243; // 'CBSP' little-endian

/** A word is a pair word when at least this share of the segment's documents have it... */
const PAIR_WORD_MIN_SHARE = 1 / 5;
/** ...among the most frequent this many (a bound on the pair dictionary's key space). */
const MAX_PAIR_WORDS = 1024;

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
  /** Null until loaded (see SearchStore), as are the word pairs and structure with them. */
  positions: Uint8Array | null;
  pairs: WordPairs | null;
  /** Byte offsets into `structure` per document, plus the end. */
  structStart: Uint32Array | null;
  structure: Uint8Array | null;
  /** Per term: a bit per stemming language (stem.ts) it was read in. */
  termLang: Uint32Array;
  /** Sorted stems that differ from their terms; stemTerms[stemStart[i]..] are their terms. */
  stems: string[];
  stemStart: Uint32Array;
  stemTerms: Uint32Array;
}

/** Documents where one frequent word directly follows another (see the file comment). */
export interface WordPairs {
  /** Per term: 1 for a pair word (every pair of two pair words that occurs is listed). */
  word: Uint8Array;
  /** Term ordinals of each pair, sorted by first, then second. */
  first: Uint32Array;
  second: Uint32Array;
  /** Byte offsets into `postings` per pair, plus the end. */
  start: Uint32Array;
  postings: Uint8Array;
}

/** The pair index of `a` followed by `b` (both pair words), or -1 when they never meet. */
export function findPair(pairs: WordPairs, a: number, b: number): number {
  let lo = 0;
  let hi = pairs.first.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const f = pairs.first[mid]!;
    if (f < a || (f === a && pairs.second[mid]! < b)) lo = mid + 1;
    else hi = mid;
  }
  return lo < pairs.first.length && pairs.first[lo] === a && pairs.second[lo] === b ? lo : -1;
}

/** The documents (local numbers, ascending) of pair `i`. */
export function pairDocuments(pairs: WordPairs, i: number): number[] {
  const out: number[] = [];
  const bytes = pairs.postings;
  let doc = 0;
  for (let p = pairs.start[i]!; p < pairs.start[i + 1]!;) {
    let b = bytes[p++]!;
    let v = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[p++]!;
      v |= (b & 0x7f) << shift;
    }
    doc += v;
    out.push(doc);
  }
  return out;
}

/** The fewest documents a pair word is in, for a segment of `docCount` documents. */
function pairWordMinDf(docCount: number): number {
  return Math.max(1, Math.ceil(docCount * PAIR_WORD_MIN_SHARE));
}

/**
 * Flags as pair words the terms that `eligible` allows and that are in enough documents, the
 * most frequent MAX_PAIR_WORDS of them when there are more.
 */
function choosePairWords(
  df: ArrayLike<number>,
  docCount: number,
  eligible: (t: number) => boolean,
): Uint8Array {
  const word = new Uint8Array(df.length);
  const min = pairWordMinDf(docCount);
  const chosen: number[] = [];
  for (let t = 0; t < df.length; t++) if (df[t]! >= min && eligible(t)) chosen.push(t);
  if (chosen.length > MAX_PAIR_WORDS) {
    chosen.sort((a, b) => df[b]! - df[a]! || a - b);
    chosen.length = MAX_PAIR_WORDS;
  }
  for (const t of chosen) word[t] = 1;
  return word;
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

/** The stems dictionary: every (stem, term) where the term has that stem in a language of its mask. */
function buildStems(
  terms: readonly string[],
  termLang: Uint32Array,
): Pick<Segment, 'termLang' | 'stems' | 'stemStart' | 'stemTerms'> {
  const entryTerm: number[] = [];
  const entryStem: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    const mask = termLang[i]!;
    if (mask === 0) continue;
    const term = terms[i]!;
    let last = '';
    for (const lang of languagesIn(mask)) {
      const s = stemIn(lang, term);
      // Languages usually agree: one entry per distinct stem.
      if (s === term || s === last) continue;
      if (mask & (mask - 1) && entryTerm.length > 0) {
        let dup = false;
        for (let k = entryTerm.length - 1; k >= 0 && entryTerm[k] === i; k--) {
          if (entryStem[k] === s) dup = true;
        }
        if (dup) continue;
      }
      entryTerm.push(i);
      entryStem.push(s);
      last = s;
    }
  }
  const order = Array.from({ length: entryTerm.length }, (_, k) => k);
  order.sort(
    (a, b) => compareStrings(entryStem[a]!, entryStem[b]!) || entryTerm[a]! - entryTerm[b]!,
  );
  const stems: string[] = [];
  const starts: number[] = [];
  const stemTerms = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    const s = entryStem[e]!;
    if (stems.length === 0 || stems[stems.length - 1] !== s) {
      stems.push(s);
      starts.push(k);
    }
    stemTerms[k] = entryTerm[e]!;
  }
  starts.push(order.length);
  return { termLang, stems, stemStart: Uint32Array.from(starts), stemTerms };
}

/** Whether term `o` is its own stem in one of its languages (so a query stem may be it). */
export function isOwnStem(seg: Segment, o: number): boolean {
  const term = seg.terms[o]!;
  for (const lang of languagesIn(seg.termLang[o]!)) if (stemIn(lang, term) === term) return true;
  return false;
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

/** A copy of `a` twice as long, zero-filled beyond it. */
function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}

/** Builds one segment from documents; no per-posting objects, only growable typed arrays. */
export class SegmentBuilder {
  private termNames: string[] = [];
  /**
   * Term ids by hash (open addressing, linear probing; id + 1, 0 when empty), with each term's
   * hash: most tokens are found here straight from the text, without making a string.
   */
  private table = new Int32Array(1 << 14);
  private termHash = new Int32Array(4096);
  private stamp = new Int32Array(4096);
  private slotOf = new Int32Array(4096);
  // One record per (term, doc): appended doc by doc, so in doc order within each term.
  private recTerm = new IntList(8192);
  private recDoc = new IntList(8192);
  private recCode = new IntList(8192);
  private recPos = new IntList(8192);
  private recCount = new IntList(8192);
  private positions = new IntList(65536);
  // Every document's words in order (builder term ids), -1 where two are not adjacent (between
  // fields); seqStart[d] is where document d begins. For the word pairs.
  private seqTerm = new IntList(65536);
  private seqStart = new IntList(1024);
  // Per-document scratch.
  private tokTerm = new IntList(1024);
  private tokPos = new IntList(1024);
  private slotTerm = new Int32Array(1024);
  private slotCount = new Int32Array(1024);
  private slotCode = new Int32Array(1024);
  private slotFill = new Int32Array(1024);
  private meta = new MetaBuilder();
  private position = 0;
  /** Per builder term id: its stemming languages (see Segment.termLang). */
  private termLangs = new Int32Array(4096);
  /** Per document: its structure (see structure.ts), and where each begins. */
  private struct = new ByteWriter(65536);
  private structStarts = new IntList(1024);
  private paraStarts = new IntList(64);
  private sentStarts = new IntList(256);
  /** Whether the field being read has paragraphs and sentences (the body and notes). */
  private prose = false;
  /** Where the field's previous token ended (-1: none yet). */
  private prevEnd = -1;
  /** The first paragraph break in the body, as a position (-1: none yet). */
  private leadEnd = -1;
  private inBody = false;
  /** Receives the tokens of the field being read (see `scanTokens`). */
  private readonly sink: TokenSink = {
    ascii: (start, end, upper, hash) => {
      if (this.prose) this.boundary(start, end);
      const text = this.text;
      const names = this.termNames;
      const table = this.table;
      const mask = table.length - 1;
      const length = end - start;
      let slot = hash & mask;
      for (let entry = table[slot]!; entry !== 0; entry = table[(slot = (slot + 1) & mask)]!) {
        if (this.termHash[entry - 1] !== hash) continue;
        const name = names[entry - 1]!;
        if (name.length !== length) continue;
        let k = 0;
        while (k < length) {
          const c = text.charCodeAt(start + k);
          if ((c >= 65 && c <= 90 ? c + 32 : c) !== name.charCodeAt(k)) break;
          k++;
        }
        if (k === length) {
          this.pushId(entry - 1);
          return;
        }
      }
      const slice = text.slice(start, end);
      this.pushId(this.newTerm(upper ? slice.toLowerCase() : slice, hash, slot));
    },
    term: (term, start, end) => {
      if (this.prose) this.boundary(start, end);
      const hash = hashTerm(term);
      const table = this.table;
      const mask = table.length - 1;
      let slot = hash & mask;
      for (let entry = table[slot]!; entry !== 0; entry = table[(slot = (slot + 1) & mask)]!) {
        if (this.termHash[entry - 1] === hash && this.termNames[entry - 1] === term) {
          this.pushId(entry - 1);
          return;
        }
      }
      this.pushId(this.newTerm(term, hash, slot));
    },
  };
  /** The field being read. */
  private text = '';

  /**
   * Notes a paragraph (a line break) or sentence (. ! ? … followed by a space, or a CJK full
   * stop) between the previous token and this one, which starts at the current position.
   * Abbreviations ("U.S. officials") end a sentence too: the cost is a w/s that misses.
   */
  private boundary(start: number, end: number): void {
    const prev = this.prevEnd;
    this.prevEnd = end;
    if (prev < 0) return;
    const text = this.text;
    let paragraph = false;
    let sentence = false;
    let stop = false;
    for (let k = prev; k < start; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || c === 13 || c === 0x2029) paragraph = true;
      else if (c === 46 || c === 33 || c === 63 || c === 0x2026) stop = true;
      else if (c === 0x3002 || c === 0xff01 || c === 0xff1f) sentence = true;
      else if (stop && (c === 32 || c === 9 || c === 0xa0)) sentence = true;
    }
    if (paragraph) {
      this.paraStarts.push(this.position);
      if (this.inBody && this.leadEnd < 0) this.leadEnd = this.position;
    }
    if (paragraph || sentence) this.sentStarts.push(this.position);
  }

  private pushId(id: number): void {
    this.tokTerm.push(id);
    this.tokPos.push(this.position++);
  }

  /** Adds a term not yet seen at `slot` (the empty slot its probe ended on); returns its id. */
  private newTerm(term: string, hash: number, slot: number): number {
    const id = this.termNames.length;
    this.termNames.push(term);
    if (id >= this.stamp.length) {
      this.stamp = grow(this.stamp);
      this.slotOf = grow(this.slotOf);
      this.termHash = grow(this.termHash);
    }
    this.termHash[id] = hash;
    if (id >= this.termLangs.length) this.termLangs = grow(this.termLangs);
    this.table[slot] = id + 1;
    // Keep the table at most half full, so that probes stay short.
    if (2 * (id + 1) > this.table.length) {
      const table = new Int32Array(this.table.length * 2);
      const mask = table.length - 1;
      for (let t = 0; t <= id; t++) {
        let at = this.termHash[t]! & mask;
        while (table[at] !== 0) at = (at + 1) & mask;
        table[at] = t + 1;
      }
      this.table = table;
    }
    return id;
  }

  get docCount(): number {
    return this.meta.docIds.length;
  }

  add(doc: SearchDoc): void {
    const d = this.meta.docIds.length;
    this.tokTerm.length = 0;
    this.tokPos.length = 0;
    this.paraStarts.length = 0;
    this.sentStarts.length = 0;
    this.position = 0;
    // Each value is a paragraph (and sentence) of its own; the body and notes have more.
    const field = (text: string, prose: boolean) => {
      this.paraStarts.push(this.position);
      this.sentStarts.push(this.position);
      this.text = text;
      this.prose = prose;
      this.prevEnd = -1;
      scanTokens(text, this.sink);
      const end = this.position;
      this.position += FIELD_GAP;
      return end;
    };
    const titleEnd = field(doc.title, false);
    const titleCount = this.tokTerm.length;
    field(doc.source, false);
    for (const a of doc.authors) field(a, false);
    for (const t of doc.tags) field(t, false);
    const metaEnd = this.tokTerm.length;
    const bodyStart = this.position;
    this.inBody = true;
    this.leadEnd = -1;
    const bodyEnd = field(doc.body, true);
    this.inBody = false;
    const leadEnd = this.leadEnd < 0 ? bodyEnd : this.leadEnd;
    const noteStart = this.position;
    field(doc.note, true);
    const end = field(doc.highlightNotes, true);
    const n = this.tokTerm.length;
    this.recordSequence(n);
    this.structStarts.push(this.struct.length);
    writeStructure(this.struct, {
      titleEnd,
      bodyStart,
      leadEnd,
      noteStart,
      end,
      paragraphs: this.paraStarts.a.subarray(0, this.paraStarts.length),
      sentences: this.sentStarts.a.subarray(0, this.sentStarts.length),
    });

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
    const docLanguage = stemLanguageOf(doc.language);
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
        const lang = termLanguage(docLanguage, this.termNames[t]!);
        if (lang >= 0) this.termLangs[t]! |= 1 << lang;
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

  private recordSequence(n: number): void {
    const tokTerm = this.tokTerm.a;
    const tokPos = this.tokPos.a;
    this.seqStart.push(this.seqTerm.length);
    // Room for the words and a gap between any two of them.
    const at = this.seqTerm.reserve(2 * n);
    const seq = this.seqTerm.a;
    let k = at;
    for (let i = 0; i < n; i++) {
      if (i > 0 && tokPos[i]! !== tokPos[i - 1]! + 1) seq[k++] = -1;
      seq[k++] = tokTerm[i]!;
    }
    this.seqTerm.length = k;
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
      pairs: this.buildPairs(rank, df),
      structStart: Uint32Array.from([
        ...this.structStarts.a.subarray(0, this.structStarts.length),
        this.struct.length,
      ]),
      structure: this.struct.finish(),
      ...buildStems(
        terms,
        Uint32Array.from(order, (i) => this.termLangs[i]! >>> 0),
      ),
    };
  }

  /** The word pairs, from the recorded sequences; `rank` maps builder ids to ordinals. */
  private buildPairs(rank: Int32Array, df: Uint32Array): WordPairs {
    const docCount = this.meta.docIds.length;
    const word = choosePairWords(df, docCount, () => true);
    // Pair words numbered in ordinal order, so that keys (first × count + second) sort as
    // the dictionary does.
    const local = new Int32Array(df.length).fill(-1);
    const ordinalOf: number[] = [];
    for (let t = 0; t < df.length; t++) {
      if (word[t]) {
        local[t] = ordinalOf.length;
        ordinalOf.push(t);
      }
    }
    const count = ordinalOf.length;
    const keys = count * count;
    // Pair-word number by builder id, -1 for other words (and for gaps, at index 0 of it).
    const localOf = new Int32Array(rank.length + 1);
    for (let t = 0; t < rank.length; t++) localOf[t + 1] = local[rank[t]!]!;
    localOf[0] = -1;
    const stamp = new Int32Array(keys);
    const start = new Uint32Array(keys + 1);
    const seq = this.seqTerm.a;
    this.seqStart.push(this.seqTerm.length);
    const seqStart = this.seqStart.a;
    // At most one record per adjacent two words.
    const recKey = new Int32Array(this.seqTerm.length);
    const recDoc = new Int32Array(this.seqTerm.length);
    let records = 0;
    for (let d = 0; d < docCount; d++) {
      let prev = -1;
      for (let i = seqStart[d]!; i < seqStart[d + 1]!; i++) {
        const cur = localOf[seq[i]! + 1]!;
        if (prev >= 0 && cur >= 0) {
          const key = prev * count + cur;
          if (stamp[key] !== d + 1) {
            stamp[key] = d + 1;
            start[key + 1]!++;
            recKey[records] = key;
            recDoc[records++] = d;
          }
        }
        prev = cur;
      }
    }
    // Counting sort by key; records are in document order and stay so within a key.
    for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
    const sorted = new Int32Array(records);
    const cursor = start.slice(0, keys);
    for (let r = 0; r < records; r++) sorted[cursor[recKey[r]!]!++] = recDoc[r]!;
    const first: number[] = [];
    const second: number[] = [];
    const offsets: number[] = [];
    const w = new ByteWriter(records * 2 + 16);
    for (let k = 0; k < keys; k++) {
      if (start[k + 1] === start[k]) continue;
      first.push(ordinalOf[Math.floor(k / count)]!);
      second.push(ordinalOf[k % count]!);
      offsets.push(w.length);
      let prevDoc = 0;
      for (let r = start[k]!; r < start[k + 1]!; r++) {
        w.varint(sorted[r]! - prevDoc);
        prevDoc = sorted[r]!;
      }
    }
    offsets.push(w.length);
    return {
      word,
      first: Uint32Array.from(first),
      second: Uint32Array.from(second),
      start: Uint32Array.from(offsets),
      postings: w.finish(),
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
  const struct = new ByteWriter(
    inputs.reduce((n, { seg }) => n + (seg.structure?.length ?? 0), 0) + 16,
  );
  const structStarts: number[] = [];
  let work = 0;
  for (const { seg } of inputs) {
    if (!seg.positions || !seg.pairs || !seg.structure || !seg.structStart) {
      throw new Error(`Positions of segment ${seg.id} are not loaded`);
    }
  }
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
      structStarts.push(struct.length);
      struct.bytes(seg.structure!, seg.structStart![d]!, seg.structStart![d + 1]!);
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
  const langsOf: number[] = [];
  const df: number[] = [];
  const postStarts: number[] = [];
  const posStarts: number[] = [];
  const totalPostings = inputs.reduce((n, { seg }) => n + seg.postings.length, 0);
  const totalPositions = inputs.reduce((n, { seg }) => n + (seg.positions?.length ?? 0), 0);
  const pw = new ByteWriter(totalPostings + 16);
  const xw = new ByteWriter(totalPositions + 16);
  // Per input: the merged ordinal of each of its terms (-1: dropped, no live document left).
  const ordinals = inputs.map(({ seg }) => new Int32Array(seg.terms.length).fill(-1));
  // Per merged term: whether every input that has it lists its pairs (a pair word there).
  const pairable: number[] = [];
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
    let langs = 0;
    let everywherePairWord = 1;
    for (let j = 0; j < k; j++) {
      const { seg } = inputs[j]!;
      const o = heads[j]!;
      if (seg.terms[o] !== term) continue;
      heads[j] = o + 1;
      ordinals[j]![o] = terms.length;
      everywherePairWord &= seg.pairs!.word[o]!;
      langs |= seg.termLang[o]!;
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
    if (count === 0) {
      // Every document of the term was deleted: it is dropped.
      for (let j = 0; j < k; j++) {
        const o = heads[j]! - 1;
        if (o >= 0 && ordinals[j]![o] === terms.length) ordinals[j]![o] = -1;
      }
      continue;
    }
    pairable.push(everywherePairWord);
    terms.push(term);
    langsOf.push(langs >>> 0);
    df.push(count);
    postStarts.push(postAt);
    posStarts.push(posAt);
  }
  yield;
  postStarts.push(pw.length);
  posStarts.push(xw.length);
  const pairs = yield* mergePairs(
    inputs,
    docMaps,
    ordinals,
    pairable,
    df,
    meta.docIds.length,
    stepWork,
  );
  return {
    id,
    ...meta.finish(),
    terms,
    df: Uint32Array.from(df),
    postStart: Uint32Array.from(postStarts),
    postings: pw.finish(),
    posStart: Uint32Array.from(posStarts),
    positions: xw.finish(),
    pairs,
    structStart: Uint32Array.from([...structStarts, struct.length]),
    structure: struct.finish(),
    ...buildStems(terms, Uint32Array.from(langsOf)),
  };
}

/**
 * The merged segment's word pairs: its pair words are frequent words that were pair words in
 * every input that has them (so their pairs are complete), and each pair's documents are the
 * inputs' in order, renumbered, deleted ones dropped.
 */
function* mergePairs(
  inputs: readonly MergeInput[],
  docMaps: readonly Int32Array[],
  ordinals: readonly Int32Array[],
  pairable: readonly number[],
  df: readonly number[],
  docCount: number,
  stepWork: number,
): Generator<void, WordPairs> {
  const word = choosePairWords(df, docCount, (t) => pairable[t] === 1);
  const k = inputs.length;
  const heads = new Int32Array(k);
  const first: number[] = [];
  const second: number[] = [];
  const offsets: number[] = [];
  const w = new ByteWriter(inputs.reduce((n, { seg }) => n + seg.pairs!.postings.length, 0) + 16);
  // Input j's current pair, as merged ordinals (-1 once done), and its index there.
  const curA = new Int32Array(k);
  const curB = new Int32Array(k);
  /** Moves input j to its next pair that the merged segment lists. */
  const seek = (j: number, from: number): void => {
    const pairs = inputs[j]!.seg.pairs!;
    const map = ordinals[j]!;
    for (let i = from; i < pairs.first.length; i++) {
      const a = map[pairs.first[i]!]!;
      const b = map[pairs.second[i]!]!;
      if (a >= 0 && b >= 0 && word[a] && word[b]) {
        heads[j] = i;
        curA[j] = a;
        curB[j] = b;
        return;
      }
    }
    curA[j] = -1;
  };
  for (let j = 0; j < k; j++) seek(j, 0);
  let work = 0;
  for (;;) {
    if (work >= stepWork) {
      work = 0;
      yield;
    }
    // The smallest current pair (ordinals keep their order through a merge).
    let a = -1;
    let b = -1;
    for (let j = 0; j < k; j++) {
      const ca = curA[j]!;
      if (ca >= 0 && (a < 0 || ca < a || (ca === a && curB[j]! < b))) {
        a = ca;
        b = curB[j]!;
      }
    }
    if (a < 0) break;
    const at = w.length;
    let prev = 0;
    for (let j = 0; j < k; j++) {
      if (curA[j] !== a || curB[j] !== b) continue;
      const pairs = inputs[j]!.seg.pairs!;
      const i = heads[j]!;
      const map = docMaps[j]!;
      const postings = pairs.postings;
      let p = pairs.start[i]!;
      const end = pairs.start[i + 1]!;
      work += end - p;
      let doc = 0;
      while (p < end) {
        let c = postings[p++]!;
        let v = c & 0x7f;
        for (let shift = 7; c & 0x80; shift += 7) {
          c = postings[p++]!;
          v |= (c & 0x7f) << shift;
        }
        doc += v;
        const nd = map[doc]!;
        if (nd < 0) continue;
        w.varint(nd - prev);
        prev = nd;
      }
      seek(j, i + 1);
    }
    // Every document of the pair may have been deleted.
    if (w.length === at) continue;
    first.push(a);
    second.push(b);
    offsets.push(at);
  }
  offsets.push(w.length);
  return {
    word,
    first: Uint32Array.from(first),
    second: Uint32Array.from(second),
    start: Uint32Array.from(offsets),
    postings: w.finish(),
  };
}
