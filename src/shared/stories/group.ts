/**
 * Groups clippings into stories: copies of one text (exact, edited, trimmed, retitled, with
 * their own lead, byline or boilerplate) become one story; different texts about the same
 * event do not. Never compares all pairs: candidates are the clippings of the same language
 * within WINDOW_DAYS that share sampled shingles (found by sorting the samples once), and
 * only those pairs are measured. The user's own choices (keep apart, keep together) win over
 * every measurement.
 */
import { isAgencySource } from './agency';
import { SAMPLE_MOD, type StorySketch } from './sketch';

export interface StoryDoc {
  id: string;
  source: string;
  /** ISO 8601 as stored; '' when unknown. */
  publishedAt: string;
  language: string;
  sketch: StorySketch;
}

/** Pairs of clipping ids the user decided on. */
export interface StoryChoices {
  together: readonly (readonly [string, string])[];
  apart: readonly (readonly [string, string])[];
}

export interface StoryMember {
  id: string;
  /** Estimated share of this copy's text found in the original (1 for the original). */
  similarity: number;
}

export interface Story {
  /** The original's id. */
  id: string;
  original: string;
  /** The agency the copies credit, or ''. */
  agency: string;
  /** Original first, then by date. */
  members: StoryMember[];
}

export interface GroupOptions {
  windowDays?: number;
  /** Minimum containment of the shorter text in the longer for two clippings to be copies. */
  threshold?: number;
  onProgress?: (done: number, total: number) => void;
}

export const WINDOW_DAYS = 7;
export const THRESHOLD = 0.7;
/** Candidate anchors: one sample in ANCHOR_MOD / SAMPLE_MOD. */
export const ANCHOR_MOD = 32;
/**
 * Whether a sampled hash is an anchor (ANCHOR_MOD is a power of two). The low bits of the
 * hash as an int32, tested in an indexed loop: `h % ANCHOR_MOD` over `for…of` took 4× as long
 * on uint32 values above 2^31 (stored as doubles).
 */
export function isAnchor(h: number): boolean {
  return (h & (ANCHOR_MOD - 1)) === 0;
}
/** An anchor shared by more clippings than this (in one window) is paired along a chain. */
const COMMON_ANCHOR = 64;
const CHAIN_REACH = 8;
/** A paragraph an outlet printed in this many of its clippings is its template. */
const TEMPLATE_REPEATS = 3;
/** Fewer compared samples than this and a measured containment means little. */
const MIN_SAMPLES = 3;

const DAY_MS = 86_400_000;

export function dayOf(publishedAt: string): number | null {
  if (!publishedAt) return null;
  const t = Date.parse(`${publishedAt.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(t) ? Math.floor(t / DAY_MS) : null;
}

export function languageKey(language: string): string {
  return language.toLowerCase().split('-')[0] ?? '';
}

/** Size of the intersection of two ascending, distinct arrays. */
function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Containment of the smaller sample set in the other, or 0 when too small to tell. */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const small = Math.min(a.length, b.length);
  if (small < MIN_SAMPLES && !(small > 0 && a.length === b.length)) return 0;
  if (small === 0) return 0;
  return intersectionSize(a, b) / small;
}

interface Prepared {
  doc: StoryDoc;
  day: number;
  /** Distinct compared samples, ascending, template paragraphs left out. */
  set: Uint32Array;
  index: number;
}

function sortedSet(values: Uint32Array): Uint32Array {
  const out = values.slice().sort();
  let k = 0;
  for (let i = 0; i < out.length; i++)
    if (i === 0 || out[i] !== out[k - 1]) out[k++] = out[i] as number;
  return k === out.length ? out : out.subarray(0, k);
}

/**
 * Per outlet (lower-cased), the paragraph hashes it repeats in TEMPLATE_REPEATS clippings or
 * more. Counted by sorting (outlet, hash) keys packed in a float: a map of maps cost more
 * than all the comparisons at 100,000 clippings.
 */
function templateParagraphs(
  docs: readonly StoryDoc[],
  sources: readonly string[],
): Map<string, Set<number>> {
  const outlet = new Map<string, number>();
  const names: string[] = [];
  let total = 0;
  for (const d of docs) total += d.sketch.paraHashes.length;
  const keys = new Float64Array(total);
  let k = 0;
  docs.forEach((d, i) => {
    const source = sources[i] as string;
    let o = outlet.get(source);
    if (o === undefined) {
      o = names.length;
      outlet.set(source, o);
      names.push(source);
    }
    const hashes = d.sketch.paraHashes;
    // Once per clipping: a paragraph it repeats itself is not a template.
    const seen = hashes.length > 32 ? new Set<number>() : null;
    for (let p = 0; p < hashes.length; p++) {
      const h = hashes[p] as number;
      if (seen) {
        if (seen.has(h)) continue;
        seen.add(h);
      } else if (hashes.subarray(0, p).includes(h)) continue;
      keys[k++] = o * 4294967296 + h;
    }
  });
  const sorted = keys.subarray(0, k).sort();
  const out = new Map<string, Set<number>>();
  for (let i = 0; i < sorted.length;) {
    const key = sorted[i] as number;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === key) j++;
    if (j - i >= TEMPLATE_REPEATS) {
      const o = Math.floor(key / 4294967296);
      const name = names[o] as string;
      let set = out.get(name);
      if (!set) out.set(name, (set = new Set()));
      set.add(key - o * 4294967296);
    }
    i = j;
  }
  return out;
}

function comparedSamples(doc: StoryDoc, template: Set<number> | undefined): Uint32Array {
  const { samples, paraEnds, paraHashes } = doc.sketch;
  if (!template) return sortedSet(samples);
  const kept: number[] = [];
  let start = 0;
  for (let p = 0; p < paraEnds.length; p++) {
    const end = paraEnds[p] as number;
    if (!template.has(paraHashes[p] as number))
      for (let i = start; i < end; i++) kept.push(samples[i] as number);
    start = end;
  }
  return sortedSet(Uint32Array.from(kept));
}

/** Date then id: the order the window scan and the choice of original rely on. */
function byDate(a: Prepared, b: Prepared): number {
  return (
    a.day - b.day ||
    (a.doc.publishedAt < b.doc.publishedAt ? -1 : a.doc.publishedAt > b.doc.publishedAt ? 1 : 0) ||
    (a.doc.id < b.doc.id ? -1 : 1)
  );
}

/**
 * Calls `visit(a, b, shared)` for each pair of positions in `prepared` (a < b, in date
 * order) that share `shared` anchors within the window. Anchors are sorted once as (hash,
 * position) packed in a float; each position then counts the later positions of its anchors'
 * runs in a dense array: no map keyed by pair, no sort of pairs.
 */
function eachCandidatePair(
  prepared: readonly Prepared[],
  windowDays: number,
  visit: (a: number, b: number, shared: number) => void,
): void {
  const n = prepared.length;
  let total = 0;
  for (const p of prepared) {
    const set = p.set;
    for (let i = 0; i < set.length; i++) if (isAnchor(set[i] as number)) total++;
  }
  const keys = new Float64Array(total);
  let k = 0;
  for (const p of prepared) {
    const set = p.set;
    for (let i = 0; i < set.length; i++) {
      const h = set[i] as number;
      if (isAnchor(h)) keys[k++] = (h / ANCHOR_MOD) * n + p.index;
    }
  }
  keys.sort();
  /** The position at each key, and where its pairing stops in the anchor's run. */
  const owner = new Int32Array(total);
  const last = new Int32Array(total);
  const perPosition = new Int32Array(n + 1);
  for (let i = 0; i < total;) {
    const hash = Math.floor((keys[i] as number) / n);
    let j = i + 1;
    while (j < total && Math.floor((keys[j] as number) / n) === hash) j++;
    // A shingle in very many clippings is common phrasing or one huge story: each of them
    // is then paired with its next few only, which still chains a huge story together.
    const reach = j - i > COMMON_ANCHOR ? CHAIN_REACH : j - i;
    for (let x = i; x < j; x++) {
      const position = (keys[x] as number) - hash * n;
      owner[x] = position;
      last[x] = Math.min(j, x + 1 + reach);
      perPosition[position + 1] = (perPosition[position + 1] as number) + 1;
    }
    i = j;
  }
  for (let p = 0; p < n; p++)
    perPosition[p + 1] = (perPosition[p + 1] as number) + (perPosition[p] as number);
  const fill = perPosition.slice(0, n);
  const keysOf = new Int32Array(total);
  for (let x = 0; x < total; x++) {
    const position = owner[x] as number;
    const at = fill[position] as number;
    keysOf[at] = x;
    fill[position] = at + 1;
  }
  const day = Int32Array.from(prepared, (p) => p.day);
  const counts = new Int32Array(n);
  const touched = new Int32Array(n);
  for (let a = 0; a < n; a++) {
    let t = 0;
    const dayA = day[a] as number;
    for (let e = perPosition[a] as number; e < (perPosition[a + 1] as number); e++) {
      const x = keysOf[e] as number;
      for (let y = x + 1; y < (last[x] as number); y++) {
        const b = owner[y] as number;
        // Positions are in date order, so the first one out of the window ends the run.
        if ((day[b] as number) - dayA > windowDays) break;
        const seen = counts[b] as number;
        if (seen === 0) touched[t++] = b;
        counts[b] = seen + 1;
      }
    }
    for (let i = 0; i < t; i++) {
      const b = touched[i] as number;
      visit(a, b, counts[b] as number);
      counts[b] = 0;
    }
  }
}

/** Union-find over positions that keeps each component's members for the apart checks. */
class Components {
  readonly parent: Int32Array;
  readonly members: number[][];

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.members = [];
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.members.push([i]);
    }
  }

  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[x] !== r) {
      const next = this.parent[x] as number;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }

  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if ((this.members[ra] as number[]).length < (this.members[rb] as number[]).length)
      [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    for (const m of this.members[rb] as number[]) (this.members[ra] as number[]).push(m);
    this.members[rb] = [];
    return ra;
  }
}

/** Groups `docs` into stories; every doc is in exactly one story (most are alone). */
export function groupStories(
  docs: readonly StoryDoc[],
  choices: StoryChoices = { together: [], apart: [] },
  options: GroupOptions = {},
): Story[] {
  const windowDays = options.windowDays ?? WINDOW_DAYS;
  const threshold = options.threshold ?? THRESHOLD;
  const sources = docs.map((d) => d.source.toLowerCase());
  const templates = templateParagraphs(docs, sources);
  // Undated clippings are compared with each other only, as if all of one day.
  const buckets = new Map<string, Prepared[]>();
  for (const [i, doc] of docs.entries()) {
    const day = dayOf(doc.publishedAt);
    const key = `${languageKey(doc.language)}\u0000${day === null ? 'undated' : ''}`;
    let list = buckets.get(key);
    if (!list) buckets.set(key, (list = []));
    list.push({
      doc,
      day: day ?? 0,
      set: comparedSamples(doc, templates.get(sources[i] as string)),
      index: 0,
    });
  }
  const all: Prepared[] = [];
  const edges: { a: Prepared; b: Prepared; similarity: number }[] = [];
  let done = 0;
  for (const list of buckets.values()) {
    list.sort(byDate);
    list.forEach((p, i) => (p.index = i));
    eachCandidatePair(list, windowDays, (x, y, shared) => {
      const a = list[x] as Prepared;
      const b = list[y] as Prepared;
      // One shared anchor is enough only for short texts, which have few anchors.
      if (shared < 2 && Math.min(a.set.length, b.set.length) > 2 * (ANCHOR_MOD / SAMPLE_MOD))
        return;
      const similarity = containment(a.set, b.set);
      if (similarity >= threshold) edges.push({ a, b, similarity });
    });
    for (const p of list) all.push(p);
    done += list.length;
    options.onProgress?.(done, docs.length);
  }
  all.sort(byDate);
  all.forEach((p, i) => (p.index = i));
  const position = new Map<string, number>();
  for (const p of all) position.set(p.doc.id, p.index);

  const apart = new Map<number, Set<number>>();
  for (const [x, y] of choices.apart) {
    const a = position.get(x);
    const b = position.get(y);
    if (a === undefined || b === undefined || a === b) continue;
    (apart.get(a) ?? apart.set(a, new Set()).get(a))?.add(b);
    (apart.get(b) ?? apart.set(b, new Set()).get(b))?.add(a);
  }
  const components = new Components(all.length);
  const conflicts = (ra: number, rb: number): boolean => {
    const [small, other] =
      (components.members[ra] as number[]).length < (components.members[rb] as number[]).length
        ? [ra, rb]
        : [rb, ra];
    for (const m of components.members[small] as number[]) {
      const set = apart.get(m);
      if (set) for (const x of set) if (components.find(x) === other) return true;
    }
    return false;
  };
  // Groups the user merged by hand join on the measurement alone: their texts differ.
  const manual = new Uint8Array(all.length);
  for (const [x, y] of choices.together) {
    const a = position.get(x);
    const b = position.get(y);
    if (a !== undefined && b !== undefined) manual[components.union(a, b)] = 1;
  }
  // Strongest evidence first; a join must also hold between the two groups' longest texts,
  // so a trimmed copy that two different versions both contain does not chain them together.
  edges.sort(
    (x, y) => y.similarity - x.similarity || x.a.index - y.a.index || x.b.index - y.b.index,
  );
  const longest = new Int32Array(all.length);
  for (let i = 0; i < all.length; i++) longest[i] = i;
  for (const { a, b } of edges) {
    const ra = components.find(a.index);
    const rb = components.find(b.index);
    if (ra === rb || conflicts(ra, rb)) continue;
    const la = all[longest[ra] as number] as Prepared;
    const lb = all[longest[rb] as number] as Prepared;
    const byHand = manual[ra] === 1 || manual[rb] === 1;
    if (
      !byHand &&
      (Math.abs(la.day - lb.day) > windowDays || containment(la.set, lb.set) < threshold)
    )
      continue;
    const r = components.union(ra, rb);
    longest[r] = la.set.length >= lb.set.length ? la.index : lb.index;
    if (byHand) manual[r] = 1;
  }

  const stories: Story[] = [];
  for (let r = 0; r < all.length; r++) {
    const members = components.members[r] as number[];
    if (members.length === 0) continue;
    members.sort((x, y) => x - y);
    stories.push(storyOf(members.map((m) => all[m] as Prepared)));
  }
  return stories;
}

/** The original (an agency's own copy when the text credits one, else the earliest) first. */
function storyOf(members: Prepared[]): Story {
  const only = members.length === 1 ? (members[0] as Prepared) : null;
  if (only)
    return {
      id: only.doc.id,
      original: only.doc.id,
      agency: only.doc.sketch.agency,
      members: [{ id: only.doc.id, similarity: 1 }],
    };
  const votes = new Map<string, number>();
  for (const m of members)
    if (m.doc.sketch.agency)
      votes.set(m.doc.sketch.agency, (votes.get(m.doc.sketch.agency) ?? 0) + 1);
  let agency = '';
  for (const [name, n] of votes) if (n > (votes.get(agency) ?? 0)) agency = name;
  const original =
    members.find((m) => isAgencySource(m.doc.source, agency)) ?? (members[0] as Prepared);
  const rest = members.filter((m) => m !== original);
  return {
    id: original.doc.id,
    original: original.doc.id,
    agency,
    members: [
      { id: original.doc.id, similarity: 1 },
      ...rest.map((m) => ({ id: m.doc.id, similarity: round(containment(m.set, original.set)) })),
    ],
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
