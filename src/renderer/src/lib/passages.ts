/**
 * The Highlights view's rows: every highlight in the library with what the view shows and
 * filters by of its clipping (title, outlet, date, tone). Filtering is one pass over plain
 * rows with everything that does not depend on the row worked out first; words are found in
 * one folded text of all rows, built on the first word filter.
 */
import { tagCovers, type Highlight, type HighlightColor } from '@shared/annotations';
import type { Tone } from '@shared/clipping';
import type { ClippingSummary } from './db';

export interface PassageRow {
  id: string;
  clippingId: string;
  quote: string;
  color: HighlightColor;
  note: string;
  tags: readonly string[];
  start: number;
  title: string;
  source: string;
  publishedAt: string;
  tone: Tone | '';
}

export interface PassageFilter {
  /** Empty: every colour. */
  colors: readonly HighlightColor[];
  /** The highlight's own tags (hierarchy-aware); '' for any. */
  tag: string;
  /** The clipping's outlet, compared case-insensitively; '' for any. */
  source: string;
  /** Inclusive YYYY-MM-DD bounds on the clipping's publication date, or ''. */
  from: string;
  to: string;
  /** The clipping's tone; '' for any, 'unset' for clippings without one. */
  tone: Tone | '' | 'unset';
  /** Every word must appear in the quote, note, tags or title. */
  words: string;
}

export function emptyPassageFilter(): PassageFilter {
  return { colors: [], tag: '', source: '', from: '', to: '', tone: '', words: '' };
}

export function isFiltering(f: PassageFilter): boolean {
  return (
    f.colors.length > 0 ||
    !!f.tag ||
    !!f.source ||
    !!f.from ||
    !!f.to ||
    !!f.tone ||
    !!f.words.trim()
  );
}

/**
 * Rows for the highlights of live clippings, newest clipping first and in text order within
 * one, from the highlights and the summaries the library already holds. Sorted by clipping
 * (a few highlights each) rather than as 100,000 rows, and the highlights placed by a
 * counting sort into one index array: no array per clipping. At 100,000 highlights over
 * 20,000 clippings this took opening from ~55 to ~35 ms (bench:passages, Node, idle).
 */
export function passageRows(
  highlights: readonly Highlight[],
  summary: (id: string) => ClippingSummary | undefined,
): PassageRow[] {
  // Each distinct clipping once, with how many highlights it has.
  const slotOf = new Map<string, number>();
  const ids: string[] = [];
  const counts: number[] = [];
  const slots = new Int32Array(highlights.length);
  for (let i = 0; i < highlights.length; i++) {
    const id = (highlights[i] as Highlight).clippingId;
    let slot = slotOf.get(id);
    if (slot === undefined) {
      slot = ids.length;
      slotOf.set(id, slot);
      ids.push(id);
      counts.push(0);
    }
    counts[slot] = (counts[slot] as number) + 1;
    slots[i] = slot;
  }
  const clippings: ClippingSummary[] = [];
  const slotOfClipping: number[] = [];
  for (let slot = 0; slot < ids.length; slot++) {
    const s = summary(ids[slot] as string);
    if (s && !s.deletedAt) {
      clippings.push(s);
      slotOfClipping.push(slot);
    }
  }
  const order = clippings.map((_, i) => i);
  order.sort((x, y) => {
    const a = clippings[x] as ClippingSummary;
    const b = clippings[y] as ClippingSummary;
    if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt ? 1 : -1;
    return a.id < b.id ? -1 : 1;
  });
  // Where each live clipping's highlights start in the output (-1: not shown).
  const startOf = new Int32Array(ids.length).fill(-1);
  let total = 0;
  for (const i of order) {
    const slot = slotOfClipping[i] as number;
    startOf[slot] = total;
    total += counts[slot] as number;
  }
  const placed = new Int32Array(total);
  const fill = Int32Array.from(startOf);
  for (let i = 0; i < highlights.length; i++) {
    const at = fill[slots[i] as number] as number;
    if (at < 0) continue;
    placed[at] = i;
    fill[slots[i] as number] = at + 1;
  }
  const rows: PassageRow[] = new Array<PassageRow>(total);
  let k = 0;
  for (const i of order) {
    const s = clippings[i] as ClippingSummary;
    const slot = slotOfClipping[i] as number;
    const from = startOf[slot] as number;
    const to = from + (counts[slot] as number);
    // Text order within the clipping: a few highlights, so an insertion sort.
    for (let x = from + 1; x < to; x++) {
      const v = placed[x] as number;
      const key = (highlights[v] as Highlight).position.start;
      let y = x - 1;
      while (y >= from && (highlights[placed[y] as number] as Highlight).position.start > key) {
        placed[y + 1] = placed[y] as number;
        y--;
      }
      placed[y + 1] = v;
    }
    const tone = s.tone ?? '';
    for (let x = from; x < to; x++) {
      const h = highlights[placed[x] as number] as Highlight;
      rows[k++] = {
        id: h.id,
        clippingId: h.clippingId,
        quote: h.quote.exact,
        color: h.color,
        note: h.note,
        tags: h.tags,
        start: h.position.start,
        title: s.title,
        source: s.source,
        publishedAt: s.publishedAt,
        tone,
      };
    }
  }
  return rows;
}

/**
 * The rows' searchable text (quote, note, tags, title) lower-cased in one string, with where
 * each row starts: a word is found by scanning that string (indexOf, jumping to the next row
 * at each hit) instead of testing 100,000 strings, and folding is one call.
 */
/**
 * Lower-cases rows [from, to) into `parts`, recording where each starts; returns the offset
 * after them. Each row is lower-cased on its own, and the offsets taken after it: lower-casing
 * can change a string's length ("İ" becomes two characters).
 */
function foldRows(
  rows: readonly PassageRow[],
  from: number,
  to: number,
  parts: string[],
  starts: Int32Array,
  at: number,
): number {
  let offset = at;
  for (let i = from; i < to; i++) {
    const r = rows[i] as PassageRow;
    // A NUL between rows: no word runs from one row into the next.
    const part = `${r.quote}\n${r.note}\n${r.tags.join(' ')}\n${r.title}\u0000`.toLowerCase();
    parts[i] = part;
    starts[i] = offset;
    offset += part.length;
  }
  return offset;
}

class FoldedText {
  readonly text: string;
  /** starts[i] is where row i's text begins; starts[rows] is the end. */
  readonly starts: Int32Array;

  private constructor(text: string, starts: Int32Array) {
    this.text = text;
    this.starts = starts;
  }

  /** Every row at once (a word typed before the background folding finished). */
  static now(rows: readonly PassageRow[]): FoldedText {
    const parts = new Array<string>(rows.length);
    const starts = new Int32Array(rows.length + 1);
    starts[rows.length] = foldRows(rows, 0, rows.length, parts, starts, 0);
    return new FoldedText(parts.join(''), starts);
  }

  /** The rows `slice` at a time, awaiting `pause` (a task boundary) between slices. */
  static async inSlices(
    rows: readonly PassageRow[],
    slice: number,
    pause: () => Promise<void>,
  ): Promise<FoldedText> {
    const parts = new Array<string>(rows.length);
    const starts = new Int32Array(rows.length + 1);
    let at = 0;
    for (let from = 0; from < rows.length; from += slice) {
      if (from > 0) await pause();
      at = foldRows(rows, from, Math.min(rows.length, from + slice), parts, starts, at);
    }
    starts[rows.length] = at;
    return new FoldedText(parts.join(''), starts);
  }

  /** Marks (1) the rows whose text contains `word`, only among `mask`'s when given. */
  rowsWith(word: string, mask: Uint8Array | null): Uint8Array {
    const out = new Uint8Array(this.starts.length - 1);
    const { text, starts } = this;
    let from = 0;
    let row = 0;
    for (;;) {
      const hit = text.indexOf(word, from);
      if (hit < 0) break;
      // Rows are in text order: the hit's row is at or after the last one.
      while ((starts[row + 1] as number) <= hit) row++;
      if (!mask || mask[row]) out[row] = 1;
      from = starts[row + 1] as number;
    }
    return out;
  }
}

const foldedTexts = new WeakMap<readonly PassageRow[], FoldedText>();

function foldedText(rows: readonly PassageRow[]): FoldedText {
  let index = foldedTexts.get(rows);
  if (!index) foldedTexts.set(rows, (index = FoldedText.now(rows)));
  return index;
}

/** Rows folded per task while the view prepares word search (~10 ms a slice at 100,000 rows). */
const FOLD_SLICE = 5_000;

/**
 * Folds the rows' text for word filters ahead of time, a slice per task (the view starts it
 * just after opening), so neither the window nor the first letter typed waits for it.
 */
export async function prepareWordSearch(
  rows: readonly PassageRow[],
  pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): Promise<void> {
  if (foldedTexts.has(rows)) return;
  const folded = await FoldedText.inSlices(rows, FOLD_SLICE, pause);
  // A word typed meanwhile folded them at once: keep that one.
  if (!foldedTexts.has(rows)) foldedTexts.set(rows, folded);
}

/** Rows whose text has every word, as a mask. */
function wordMask(rows: readonly PassageRow[], words: readonly string[]): Uint8Array {
  const index = foldedText(rows);
  let mask: Uint8Array | null = null;
  // Longest first: usually the rarest.
  for (const word of [...words].sort((a, b) => b.length - a.length))
    mask = index.rowsWith(word, mask);
  return mask ?? new Uint8Array(rows.length);
}

/** The rows (already in view order) that pass `f`, in that order. */
export function filterPassages(rows: readonly PassageRow[], f: PassageFilter): PassageRow[] {
  const colors = f.colors.length > 0 ? new Set(f.colors) : null;
  const tag = f.tag;
  const source = f.source.toLowerCase();
  const { from, to, tone } = f;
  const words = f.words.toLowerCase().split(/\s+/).filter(Boolean);
  if (!colors && !tag && !source && !from && !to && !tone && words.length === 0) {
    return rows.slice();
  }
  const mask = words.length > 0 ? wordMask(rows, words) : null;
  const out: PassageRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (mask && !mask[i]) continue;
    const r = rows[i] as PassageRow;
    if (colors && !colors.has(r.color)) continue;
    if (source && r.source.toLowerCase() !== source) continue;
    if (from && (!r.publishedAt || r.publishedAt.slice(0, 10) < from)) continue;
    if (to && (!r.publishedAt || r.publishedAt.slice(0, 10) > to)) continue;
    if (tone && (tone === 'unset' ? r.tone !== '' : r.tone !== tone)) continue;
    if (tag && !r.tags.some((t) => tagCovers(tag, t))) continue;
    out.push(r);
  }
  return out;
}
