/** Builds a segment from documents (the format is described in segment.ts). */
import { ByteWriter, IntList } from './bytes';
import {
  dayNumber,
  compareStrings,
  FIELD_GAP,
  FLAG_HIGHLIGHTS,
  FLAG_NOTE,
  FLAG_TRASHED,
  type Segment,
} from './segment';
import { MetaBuilder } from './segment-meta';
import { buildStems } from './segment-stems';
import { stemLanguageOf, termLanguage } from './stem';
import { writeStructure } from './structure';
import { foldTag, foldText, hashTerm, scanTokens, type TokenSink } from './text';
import type { SearchDoc } from './types';
import { buildPairs } from './word-pairs';

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
    this.seqStart.push(this.seqTerm.length);
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
      pairs: buildPairs(
        this.seqTerm.a,
        this.seqStart.a.subarray(0, this.seqStart.length),
        this.seqTerm.length,
        rank,
        df,
      ),
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
}

export function buildSegment(id: number, docs: readonly SearchDoc[]): Segment {
  const builder = new SegmentBuilder();
  for (const doc of docs) builder.add(doc);
  return builder.finish(id);
}
