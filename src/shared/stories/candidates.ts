/**
 * A running index of the library's anchor shingles, so that a new clipping's possible copies
 * are found by looking up its own anchors instead of regrouping its whole date window (which
 * read and compared every clipping of the window once per import batch).
 */
import { ANCHOR_MOD, dayOf, languageKey, WINDOW_DAYS, type StoryDoc } from './group';

/** An anchor in more clippings than this is common phrasing, not a sign of a copy. */
const COMMON = 100;
/** A story has at most a few dozen copies; more candidates are near-misses of common text. */
const MAX_CANDIDATES = 64;
/** Anchors in common, as a share of the smaller text's, below which a pair is no copy. */
const LIKELY = 0.4;

interface Entry {
  day: number | null;
  language: string;
  /** Distinct anchors of the clipping's text. */
  anchors: number;
}

export class CandidateIndex {
  readonly #anchors = new Map<number, string[]>();
  readonly #docs = new Map<string, Entry>();

  get size(): number {
    return this.#docs.size;
  }

  has(id: string): boolean {
    return this.#docs.has(id);
  }

  add(doc: StoryDoc): void {
    if (this.#docs.has(doc.id)) return;
    const entry = { day: dayOf(doc.publishedAt), language: languageKey(doc.language), anchors: 0 };
    this.#docs.set(doc.id, entry);
    for (const h of new Set(doc.sketch.samples)) {
      if (h % ANCHOR_MOD !== 0) continue;
      entry.anchors++;
      const list = this.#anchors.get(h);
      if (list) list.push(doc.id);
      else this.#anchors.set(h, [doc.id]);
    }
  }

  /**
   * Clippings of the same language and window that share anchors with `doc`: two or more
   * (one for a text with a single anchor) and a LIKELY share of them, the most shared
   * first, at most MAX_CANDIDATES.
   */
  candidates(doc: StoryDoc, windowDays = WINDOW_DAYS): string[] {
    const day = dayOf(doc.publishedAt);
    const language = languageKey(doc.language);
    const shared = new Map<string, number>();
    let anchors = 0;
    for (const h of new Set(doc.sketch.samples)) {
      if (h % ANCHOR_MOD !== 0) continue;
      anchors++;
      const list = this.#anchors.get(h);
      if (!list || list.length > COMMON) continue;
      for (const id of list) {
        if (id === doc.id) continue;
        const n = shared.get(id);
        if (n !== undefined) {
          shared.set(id, n + 1);
          continue;
        }
        const e = this.#docs.get(id);
        if (!e || e.language !== language) continue;
        if (day === null ? e.day !== null : e.day === null || Math.abs(e.day - day) > windowDays)
          continue;
        shared.set(id, 1);
      }
    }
    const least = Math.min(2, anchors);
    // The share of anchors in common estimates containment, coarsely: far below the
    // grouping threshold, the pair cannot be copies and need not be measured.
    const likely = ([id, n]: [string, number]): boolean =>
      n >= least && n / Math.max(1, Math.min(anchors, this.#docs.get(id)?.anchors ?? 1)) >= LIKELY;
    return [...shared]
      .filter(likely)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_CANDIDATES)
      .map(([id]) => id);
  }
}
