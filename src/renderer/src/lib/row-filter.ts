import type { MediaType, Tone } from '@shared/clipping';
import type { ClippingSummary } from './db';

export interface Filters {
  view: 'library' | 'trash';
  tags: string[];
  tagMode: 'all' | 'any';
  source: string;
  language: string;
  /** Inclusive date bounds, YYYY-MM-DD or ''. */
  from: string;
  to: string;
  hasHighlights: boolean;
  hasNote: boolean;
  /** The clipping's tone and media type; '' for any. */
  tone: Tone | '';
  mediaType: MediaType | '';
}

export function emptyFilters(view: Filters['view'] = 'library'): Filters {
  return {
    view,
    tags: [],
    tagMode: 'all',
    source: '',
    language: '',
    from: '',
    to: '',
    hasHighlights: false,
    hasNote: false,
    tone: '',
    mediaType: '',
  };
}

/** Lower-cased tags of a row, without allocating when they already are (the usual case). */
function lowerTags(tags: readonly string[]): readonly string[] {
  for (const t of tags) if (t !== t.toLowerCase()) return tags.map((x) => x.toLowerCase());
  return tags;
}

/**
 * The filters as one predicate, with everything that does not depend on the row worked out
 * once: reading a $state proxy per row costs more than the test itself. Same rules as
 * tagCovers: `politics` covers `politics/europe`. `withTags: false` leaves the tag filter out,
 * for rows already chosen by tag through TagPostings.
 */
export function compileFilters(
  f: Filters,
  { withTags = true }: { withTags?: boolean } = {},
): (s: ClippingSummary) => boolean {
  const trash = f.view === 'trash';
  const wanted = withTags
    ? f.tags.map((tag) => {
        const key = tag.toLowerCase();
        return { key, prefix: `${key}/` };
      })
    : [];
  const all = f.tagMode === 'all';
  const source = f.source.toLowerCase();
  const { language, from, to, hasHighlights, hasNote, tone, mediaType } = f;
  const languagePrefix = `${language}-`;
  const covered = (tags: readonly string[], want: { key: string; prefix: string }): boolean => {
    for (const t of tags) if (t === want.key || t.startsWith(want.prefix)) return true;
    return false;
  };
  return (s) => {
    if (trash !== (s.deletedAt !== '')) return false;
    if (wanted.length > 0) {
      const tags = lowerTags(s.tags);
      if (all) {
        for (const want of wanted) if (!covered(tags, want)) return false;
      } else if (!wanted.some((want) => covered(tags, want))) return false;
    }
    if (source && s.source.toLowerCase() !== source) return false;
    if (language && s.language !== language && !s.language.startsWith(languagePrefix)) return false;
    if (from && (!s.publishedAt || s.publishedAt.slice(0, 10) < from)) return false;
    if (to && (!s.publishedAt || s.publishedAt.slice(0, 10) > to)) return false;
    if (hasHighlights && s.highlightCount === 0) return false;
    if (hasNote && !s.hasNote) return false;
    if (tone && s.tone !== tone) return false;
    if (mediaType && s.mediaType !== mediaType) return false;
    return true;
  };
}

/** Ascending, distinct values of several ascending lists (of row positions: small integers). */
function union(lists: readonly Int32Array[]): Int32Array {
  if (lists.length === 1) return lists[0] as Int32Array;
  // Mark, then read the marks in order: linear, where sorting the concatenation was
  // n log n (several milliseconds for a tag with many children at 100,000 rows).
  let max = -1;
  let size = 0;
  for (const list of lists) {
    size += list.length;
    if (list.length > 0) max = Math.max(max, list[list.length - 1] as number);
  }
  const marks = new Uint8Array(max + 1);
  for (const list of lists) for (let i = 0; i < list.length; i++) marks[list[i] as number] = 1;
  const out = new Int32Array(Math.min(size, max + 1));
  let k = 0;
  for (let i = 0; i <= max; i++) if (marks[i] === 1) out[k++] = i;
  return out.subarray(0, k);
}

/** Values in both ascending lists. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[k++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, k);
}

/**
 * Indexes rows for TagPostings a slice at a time, so a big library can be indexed in idle
 * time without a long task. Keys are the tags as written: looking up a string that is
 * already lower-case costs as much again as the lookup (measured in Chromium, where every
 * row's tag is its own string), and the few distinct spellings are folded at the end.
 */
export class TagPostingsBuilder {
  readonly #rows: readonly ClippingSummary[];
  readonly #lists = new Map<string, number[]>();
  readonly #trashed: Uint8Array;
  #next = 0;

  constructor(rows: readonly ClippingSummary[]) {
    this.#rows = rows;
    this.#trashed = new Uint8Array(rows.length);
  }

  get rows(): readonly ClippingSummary[] {
    return this.#rows;
  }

  /** Indexes up to `count` more rows; true once every row is indexed. */
  step(count: number): boolean {
    const rows = this.#rows;
    const end = Math.min(rows.length, this.#next + count);
    for (let i = this.#next; i < end; i++) {
      const row = rows[i] as ClippingSummary;
      if (row.deletedAt !== '') this.#trashed[i] = 1;
      for (const tag of row.tags) {
        let list = this.#lists.get(tag);
        if (!list) this.#lists.set(tag, (list = []));
        if (list[list.length - 1] !== i) list.push(i);
      }
    }
    this.#next = end;
    return end === rows.length;
  }

  finish(): TagPostings {
    this.step(Infinity);
    const spellings = new Map<string, Int32Array[]>();
    for (const [tag, list] of this.#lists) {
      const key = tag.toLowerCase();
      const lists = spellings.get(key);
      if (lists) lists.push(Int32Array.from(list));
      else spellings.set(key, [Int32Array.from(list)]);
    }
    // 'Politics' and 'politics' on one row are one tag: the union keeps the row once.
    const byTag = new Map<string, Int32Array>();
    for (const [key, lists] of spellings) byTag.set(key, union(lists));
    return new TagPostings(byTag, this.#trashed);
  }
}

/**
 * Which rows of one sorted row array carry which tag, as ascending positions: filtering
 * 100,000 rows by a tag then touches only the rows that have it, in list order, instead of
 * testing every row's tags (which took longer than a frame).
 */
export class TagPostings {
  readonly #byTag: ReadonlyMap<string, Int32Array>;
  /**
   * 1 where the row at that position is in the Trash: the view test then reads this array,
   * not each row object (scattered in memory: a cache miss per row at 100,000 rows).
   */
  readonly trashed: Uint8Array;

  /** Built by TagPostingsBuilder; `TagPostings.of` indexes rows in one go. */
  constructor(byTag: ReadonlyMap<string, Int32Array>, trashed: Uint8Array) {
    this.#byTag = byTag;
    this.trashed = trashed;
  }

  static of(rows: readonly ClippingSummary[]): TagPostings {
    return new TagPostingsBuilder(rows).finish();
  }

  /** Positions of rows with `tag` or a tag under it (`politics` covers `politics/europe`). */
  covering(tag: string): Int32Array {
    const key = tag.toLowerCase();
    const prefix = `${key}/`;
    const lists: Int32Array[] = [];
    for (const [name, list] of this.#byTag)
      if (name === key || name.startsWith(prefix)) lists.push(list);
    return lists.length === 0 ? new Int32Array(0) : union(lists);
  }

  /** Positions of rows with all (or any) of `tags`, each hierarchy-aware. */
  select(tags: readonly string[], mode: Filters['tagMode']): Int32Array {
    const lists = tags.map((tag) => this.covering(tag));
    if (lists.length === 0) return new Int32Array(0);
    if (mode === 'any') return union(lists);
    // Smallest first: every intersection is then at most that long.
    lists.sort((a, b) => a.length - b.length);
    let out = lists[0] as Int32Array;
    for (let i = 1; i < lists.length && out.length > 0; i++)
      out = intersect(out, lists[i] as Int32Array);
    return out;
  }
}

/**
 * The rows of `rows` (already in list order) that pass `f`, in that order. With a tag filter
 * the postings choose the candidates; `postings` is only asked for then, so callers can
 * build it lazily.
 */
export function filterRows(
  rows: readonly ClippingSummary[],
  f: Filters,
  postings: () => TagPostings,
): ClippingSummary[] {
  const trash = f.view === 'trash';
  // Only the view (the usual case): a plain loop, with no predicate call per row.
  const onlyView =
    !f.source &&
    !f.language &&
    !f.from &&
    !f.to &&
    !f.hasHighlights &&
    !f.hasNote &&
    !f.tone &&
    !f.mediaType;
  const out: ClippingSummary[] = [];
  if (f.tags.length === 0) {
    if (!onlyView) return rows.filter(compileFilters(f));
    for (let i = 0; i < rows.length; i++) {
      const s = rows[i] as ClippingSummary;
      if ((s.deletedAt !== '') === trash) out.push(s);
    }
    return out;
  }
  const index = postings();
  const positions = index.select(f.tags, f.tagMode);
  if (onlyView) {
    const flags = index.trashed;
    const want = trash ? 1 : 0;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] as number;
      if (flags[p] === want) out.push(rows[p] as ClippingSummary);
    }
    return out;
  }
  const rest = compileFilters(f, { withTags: false });
  for (let i = 0; i < positions.length; i++) {
    const s = rows[positions[i] as number] as ClippingSummary;
    if (rest(s)) out.push(s);
  }
  return out;
}

/**
 * `rows` (sorted by `compare`) with each `olds[k]` replaced by `news[k]` where it stands, or
 * null when that could change the order: a replacement that compares equal to the row it
 * replaces sorts exactly where it was (ties keep their order), so an edit that leaves the
 * sort key alone (a tag, a note, a highlight) needs no new sort of 100,000 rows.
 */
export function replaceInOrder(
  rows: readonly ClippingSummary[],
  olds: readonly (ClippingSummary | undefined)[],
  news: readonly ClippingSummary[],
  compare: (a: ClippingSummary, b: ClippingSummary) => number,
): ClippingSummary[] | null {
  const out = rows.slice();
  for (let k = 0; k < news.length; k++) {
    const old = olds[k];
    const row = news[k] as ClippingSummary;
    if (!old || old.id !== row.id || compare(old, row) !== 0) return null;
    const at = out.indexOf(old);
    if (at < 0) return null;
    out[at] = row;
  }
  return out;
}

/** Whether TagPostings built for the old rows still hold for the new ones (same tags, same view). */
export function sameTagsAndView(
  olds: readonly (ClippingSummary | undefined)[],
  news: readonly ClippingSummary[],
): boolean {
  return news.every((row, k) => {
    const old = olds[k];
    return (
      !!old &&
      old.deletedAt === row.deletedAt &&
      old.tags.length === row.tags.length &&
      old.tags.every((t, i) => t === row.tags[i])
    );
  });
}
