/**
 * A running index of the library's anchor shingles, so that a new clipping's possible copies
 * are found by looking up its own anchors instead of regrouping its whole date window (which
 * read and compared every clipping of the window once per import batch).
 */
import { AnchorTable } from './anchor-table';
import { ANCHOR_MOD, dayOf, isAnchor, languageKey, WINDOW_DAYS, type StoryDoc } from './group';

/** An anchor in more clippings than this is common phrasing, not a sign of a copy. */
const COMMON = 100;
/** A story has at most a few dozen copies; more candidates are near-misses of common text. */
const MAX_CANDIDATES = 64;
/** Anchors in common, as a share of the smaller text's, below which a pair is no copy. */
const LIKELY = 0.4;

/**
 * Clippings are numbered as they are added and looked up in arrays: with string ids in maps,
 * looking up candidates took ≈ 1.35 s for an import of 10,000 generated files (load 13).
 */
export class CandidateIndex {
  /** By anchor / ANCHOR_MOD: small integers, which hash faster than uint32 hashes. */
  readonly #anchors = new AnchorTable();
  /** One anchor's clippings during a lookup. */
  #list = new Int32Array(COMMON);
  readonly #number = new Map<string, number>();
  readonly #ids: string[] = [];
  readonly #days: (number | null)[] = [];
  readonly #languages: string[] = [];
  /** Distinct anchors of each clipping's text. */
  readonly #anchorCounts: number[] = [];
  /** Per clipping during one lookup: 0 not seen, -1 outside the window, else anchors shared. */
  #shared = new Int32Array(1024);

  get size(): number {
    return this.#ids.length;
  }

  has(id: string): boolean {
    return this.#number.has(id);
  }

  add(doc: StoryDoc): void {
    if (this.#number.has(doc.id)) return;
    const n = this.#ids.length;
    this.#number.set(doc.id, n);
    this.#ids.push(doc.id);
    this.#days.push(dayOf(doc.publishedAt));
    this.#languages.push(languageKey(doc.language));
    const anchors = anchorsOf(doc);
    this.#anchorCounts.push(anchors.length);
    for (const h of anchors) this.#anchors.add(h, n);
  }

  /**
   * Clippings of the same language and window that share anchors with `doc`: two or more
   * (one for a text with a single anchor) and a LIKELY share of them, the most shared
   * first, at most MAX_CANDIDATES.
   */
  candidates(doc: StoryDoc, windowDays = WINDOW_DAYS): string[] {
    const day = dayOf(doc.publishedAt);
    const language = languageKey(doc.language);
    const self = this.#number.get(doc.id) ?? -1;
    if (this.#shared.length < this.#ids.length)
      this.#shared = new Int32Array(Math.max(2 * this.#shared.length, this.#ids.length));
    const shared = this.#shared;
    /** Clippings seen, in the order first seen (the sort below keeps it among equals). */
    const seen: number[] = [];
    const anchors = anchorsOf(doc);
    const list = this.#list;
    for (const h of anchors) {
      const length = this.#anchors.list(h, COMMON, list);
      for (let k = 0; k < length; k++) {
        const n = list[k] as number;
        if (n === self) continue;
        const count = shared[n] as number;
        if (count > 0) {
          shared[n] = count + 1;
          continue;
        }
        if (count < 0) continue;
        seen.push(n);
        const d = this.#days[n] as number | null;
        const inWindow =
          this.#languages[n] === language &&
          (day === null ? d === null : d !== null && Math.abs(d - day) <= windowDays);
        shared[n] = inWindow ? 1 : -1;
      }
    }
    const least = Math.min(2, anchors.length);
    // The share of anchors in common estimates containment, coarsely: far below the
    // grouping threshold, the pair cannot be copies and need not be measured.
    const likely: [number, number][] = [];
    for (const n of seen) {
      const count = shared[n] as number;
      shared[n] = 0;
      if (
        count >= least &&
        count / Math.max(1, Math.min(anchors.length, this.#anchorCounts[n] as number)) >= LIKELY
      )
        likely.push([n, count]);
    }
    return likely
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_CANDIDATES)
      .map(([n]) => this.#ids[n] as string);
  }
}

/**
 * The distinct anchors of a clipping's sketch (each hash / ANCHOR_MOD), in text order. A text
 * has a few dozen: a scan of the list beats a Set, which with uint32 keys made adding and
 * looking up 10,000 clippings take ≈ 550 ms in the worker (wall, load 1.5).
 */
function anchorsOf(doc: StoryDoc): number[] {
  const samples = doc.sketch.samples;
  const out: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const h = samples[i] as number;
    if (!isAnchor(h)) continue;
    const key = h / ANCHOR_MOD;
    if (out.length > 64) return [...new Set(anchorKeys(samples))];
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

/** Every anchor of a long text, repeats included. */
function anchorKeys(samples: Uint32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const h = samples[i] as number;
    if (isAnchor(h)) out.push(h / ANCHOR_MOD);
  }
  return out;
}
