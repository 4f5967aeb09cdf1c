/**
 * The library's story sketches in IndexedDB, packed: each batch of clippings (an import
 * batch, a page of the regrouping) in records of ≈ 60, all their numbers in one typed array. A
 * record per clipping cost an import of 10,000 files ≈ 0.7 CPU-s in the browser process
 * (IndexedDB's backend) and more in the worker's serialising: the cost is per record.
 *
 * A SketchShelf is where the stories worker keeps them: it reads every pack once (for the
 * candidate index), remembers which pack holds each clipping and keeps the latest packs
 * decoded, so that regrouping right after an import reads nothing back.
 */
import { CandidateIndex } from '@shared/stories/candidates';
import type { StoryDoc } from '@shared/stories/group';
import { pagesByKey, type ClipbookDb, type StorySketchPack } from './db';

const HEADER = 4;
/**
 * A pack's estimated stored size stays under this: Chromium stores a value over 64 KB as a
 * blob of its own beside the database (IDBValueWrapper's wrap threshold), which cost each
 * import batch's pack a blob write. ≈ 60 sketches a pack.
 */
const PACK_BYTES = 56 * 1024;
/** Per clipping besides its numbers and strings: array slots, string headers. */
const PER_DOC_BYTES = 24;
/** Packs read per request when the shelf is filled (≈ 4,000 sketches). */
const PAGE = 64;
/** Decoded sketches kept (≈ 1 KB each); older packs are read again when needed. */
const CACHED = 20_000;

let packs = 0;

/** One pack of `docs`; its id is unique (made from the time, a counter and the first clipping). */
export function packSketches(docs: readonly StoryDoc[]): StorySketchPack {
  let length = 0;
  for (const d of docs) {
    const s = d.sketch;
    length += HEADER + s.samples.length + s.paraEnds.length + s.paraHashes.length;
  }
  const data = new Uint32Array(length);
  const offsets = new Uint32Array(docs.length + 1);
  let at = 0;
  docs.forEach((d, k) => {
    const { samples, paraEnds, paraHashes, shingles } = d.sketch;
    offsets[k] = at;
    data[at++] = shingles;
    data[at++] = samples.length;
    data[at++] = paraEnds.length;
    data[at++] = paraHashes.length;
    data.set(samples, at);
    at += samples.length;
    data.set(paraEnds, at);
    at += paraEnds.length;
    data.set(paraHashes, at);
    at += paraHashes.length;
  });
  offsets[docs.length] = at;
  packs += 1;
  return {
    id: `${Date.now().toString(36)}-${packs.toString(36)}-${docs[0]?.id ?? ''}`,
    ids: docs.map((d) => d.id),
    sources: docs.map((d) => d.source),
    publishedAt: docs.map((d) => d.publishedAt),
    languages: docs.map((d) => d.language),
    agencies: docs.map((d) => d.sketch.agency),
    data,
    offsets,
  };
}

/** `docs` in runs whose packs each stay under PACK_BYTES (a run has at least one). */
export function packRuns(docs: readonly StoryDoc[]): StoryDoc[][] {
  const runs: StoryDoc[][] = [];
  let run: StoryDoc[] = [];
  let bytes = 0;
  for (const d of docs) {
    const s = d.sketch;
    const size =
      PER_DOC_BYTES +
      4 * (HEADER + 1 + s.samples.length + s.paraEnds.length + s.paraHashes.length) +
      2 *
        (d.id.length +
          d.source.length +
          d.publishedAt.length +
          d.language.length +
          s.agency.length);
    if (run.length > 0 && bytes + size > PACK_BYTES) {
      runs.push(run);
      run = [];
      bytes = 0;
    }
    run.push(d);
    bytes += size;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The sketches of a pack, as views into its array (nothing is copied). */
export function unpackSketches(pack: StorySketchPack): StoryDoc[] {
  const { data, offsets } = pack;
  return pack.ids.map((id, k) => {
    let at = offsets[k] as number;
    const shingles = data[at] as number;
    const samples = data[at + 1] as number;
    const ends = data[at + 2] as number;
    const hashes = data[at + 3] as number;
    at += HEADER;
    return {
      id,
      source: pack.sources[k] ?? '',
      publishedAt: pack.publishedAt[k] ?? '',
      language: pack.languages[k] ?? '',
      sketch: {
        samples: data.subarray(at, at + samples),
        paraEnds: data.subarray(at + samples, at + samples + ends),
        paraHashes: data.subarray(at + samples + ends, at + samples + ends + hashes),
        shingles,
        agency: pack.agencies[k] ?? '',
      },
    };
  });
}

export class SketchShelf {
  readonly index: CandidateIndex;
  /** The pack holding each clipping's sketch. */
  readonly #where = new Map<string, string>();
  /** Decoded packs, the most recently used last. */
  readonly #decoded = new Map<string, Map<string, StoryDoc>>();
  #cached = 0;

  constructor(index = new CandidateIndex()) {
    this.index = index;
  }

  /** Every stored sketch: each pack read once, its sketches in the candidate index. */
  static async open(db: ClipbookDb, index = new CandidateIndex()): Promise<SketchShelf> {
    const shelf = new SketchShelf(index);
    for await (const page of pagesByKey(db.storySketchPacks, PAGE))
      for (const pack of page) shelf.#add(pack.id, unpackSketches(pack));
    return shelf;
  }

  has(id: string): boolean {
    return this.#where.has(id);
  }

  /**
   * Stores `docs` as packs of under 64 KB (in the caller's transaction, if any) and indexes
   * them.
   */
  async put(db: ClipbookDb, docs: readonly StoryDoc[]): Promise<void> {
    if (docs.length === 0) return;
    const runs = packRuns(docs);
    const packs = runs.map(packSketches);
    await db.storySketchPacks.bulkPut(packs);
    packs.forEach((pack, k) => this.#add(pack.id, runs[k] as StoryDoc[]));
  }

  /** The stored sketches of `ids` (those the shelf has), reading only packs not at hand. */
  async get(db: ClipbookDb, ids: readonly string[]): Promise<Map<string, StoryDoc>> {
    const out = new Map<string, StoryDoc>();
    const missing = new Set<string>();
    for (const id of ids) {
      const pack = this.#where.get(id);
      if (pack === undefined) continue;
      const docs = this.#decoded.get(pack);
      if (!docs) {
        missing.add(pack);
        continue;
      }
      const doc = docs.get(id);
      if (doc) out.set(id, doc);
      // Most recently used last.
      this.#decoded.delete(pack);
      this.#decoded.set(pack, docs);
    }
    if (missing.size > 0) {
      for (const pack of await db.storySketchPacks.bulkGet([...missing]))
        if (pack) this.#keep(pack.id, unpackSketches(pack));
      for (const id of ids) {
        const pack = this.#where.get(id);
        const doc =
          pack !== undefined && missing.has(pack) ? this.#decoded.get(pack)?.get(id) : null;
        if (doc) out.set(id, doc);
      }
    }
    return out;
  }

  #add(pack: string, docs: readonly StoryDoc[]): void {
    for (const d of docs) {
      this.#where.set(d.id, pack);
      this.index.add(d);
    }
    this.#keep(pack, docs);
  }

  #keep(pack: string, docs: readonly StoryDoc[]): void {
    const old = this.#decoded.get(pack);
    if (old) this.#cached -= old.size;
    this.#decoded.delete(pack);
    this.#decoded.set(pack, new Map(docs.map((d) => [d.id, d])));
    this.#cached += docs.length;
    for (const [key, kept] of this.#decoded) {
      if (this.#cached <= CACHED || key === pack) break;
      this.#decoded.delete(key);
      this.#cached -= kept.size;
    }
  }
}
