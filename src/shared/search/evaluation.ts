/**
 * One query's evaluation over the segments of an index, set-at-a-time on per-segment byte
 * masks (one byte per document: at 100,000 documents a mask operation is a 100 KB loop)
 * while accumulating BM25F scores (bm25.ts) into Float32Arrays. A query word matches its
 * exact folded form and every indexed word with the same stem; the word being typed also
 * matches the words it begins (per segment the most frequent 16, 32 or 64 for prefixes of
 * 2, 3 or more letters).
 */
import { K1 as BM25_K1, weightedTf as bm25WeightedTf, type Norms } from './bm25';
import { IntList } from './bytes';
import type { CoverageFacts } from './coverage-filter';
import { filterMask } from './filter-mask';
import { isWordProximity, leavesOf, positionalMask, relax } from './positional';
import {
  addPhraseWordScores,
  forEachPhraseMatch,
  markPairDocuments,
  scanPostings,
} from './postings';
import type { Filter, QueryError, QueryNode } from './query-ast';
import { findTerm, lowerBound, type Segment } from './segment';
import { isOwnStem, termsWithStem } from './segment-stems';
import { languagesIn, stem, stemIn } from './stem';
import type { StoryLookup } from '../stories/filters';
import { expandWildcard } from './wildcard';
import { findPair } from './word-pairs';

// Module constants, read once: where modules are CommonJS (tsx, the CLI) an imported binding
// is a getter call, and these are used per posting (1-word queries took twice as long).
const K1 = BM25_K1;
const weightedTf = bm25WeightedTf;

const MAX_PREFIX_TERMS = 64;
const MIN_PREFIX_LENGTH = 2;
/**
 * A prefix reads at most this many postings per document of a segment (see expand): the word
 * being typed then costs about as much as two common words.
 */
const PREFIX_POSTINGS_PER_DOC = 2;

/**
 * One query's evaluation: masks per segment, scores accumulated for positive terms.
 *
 * `restrict` (per segment, or null for all documents) is the set the caller will intersect
 * with anyway: an AND evaluates its cheapest children first (filters, then the rarest words)
 * and hands the running intersection to the rest, so they skip scoring, phrase checks and
 * prefix work on documents that cannot match. A returned mask is exact inside `restrict` and
 * 0 outside it; scores are only accumulated inside it. Document frequencies (idf) are always
 * counted over all documents, so ranking does not depend on the evaluation order.
 */
export class Evaluation {
  readonly scores: (Float32Array | null)[];
  readonly highlight = new Set<string>();
  /** By the range they point at: each once. */
  readonly notices = new Map<string, QueryError>();
  private readonly tfs: (Float32Array | undefined)[] = [];

  constructor(
    private readonly segs: readonly Segment[],
    private readonly base: readonly Uint8Array[],
    private readonly docs: number,
    private readonly norms: (s: number) => Norms,
    private readonly stories: StoryLookup,
    private readonly coverage: ((id: string) => CoverageFacts | undefined) | undefined = undefined,
  ) {
    this.scores = segs.map(() => null);
  }

  evaluate(node: QueryNode, positive: boolean, restrict: Uint8Array[] | null): Uint8Array[] {
    switch (node.type) {
      case 'and': {
        const children = [...node.children].sort((a, b) => this.cost(a) - this.cost(b));
        let out = this.evaluate(children[0]!, positive, restrict);
        for (let k = 1; k < children.length; k++) {
          const m = this.evaluate(children[k]!, positive, out);
          // m is 0 outside out: it is the intersection.
          out = m;
        }
        return out;
      }
      case 'or': {
        const [first, ...rest] = node.children;
        const out = this.evaluate(first!, positive, restrict);
        for (const child of rest) {
          const m = this.evaluate(child, positive, restrict);
          out.forEach((o, s) => {
            const c = m[s]!;
            for (let d = 0; d < o.length; d++) o[d]! |= c[d]!;
          });
        }
        return out;
      }
      case 'not': {
        const m = this.evaluate(node.child, false, restrict);
        return m.map((c, s) => {
          const base = this.base[s]!;
          const r = restrict?.[s];
          if (r) for (let d = 0; d < c.length; d++) c[d] = base[d]! & r[d]! & (c[d]! ^ 1);
          else for (let d = 0; d < c.length; d++) c[d] = base[d]! & (c[d]! ^ 1);
          return c;
        });
      }
      case 'term':
        if (node.field) return this.positional(node, positive, restrict);
        return this.words(
          (seg) => this.expand(seg, node.term, node.exact, node.prefix),
          positive,
          restrict,
        );
      case 'wildcard':
        if (node.field) return this.positional(node, positive, restrict);
        return this.words((seg) => this.wildcard(seg, node), positive, restrict);
      case 'phrase':
        if (node.field) return this.positional(node, positive, restrict);
        return this.phrase(node.terms, positive, restrict);
      case 'near':
      case 'atleast':
        return this.positional(node, positive, restrict);
      case 'filter':
        return this.filter(node.filter, restrict);
    }
  }

  /** A rough cost (postings to read) to order an AND's children, cheapest first. */
  private cost(node: QueryNode): number {
    const df = (term: string) => {
      let n = 0;
      for (const seg of this.segs) {
        const o = findTerm(seg, term);
        if (o >= 0) n += seg.df[o]!;
      }
      return n;
    };
    switch (node.type) {
      // A linear scan of small arrays, and usually selective.
      case 'filter':
        return -1;
      case 'term':
        // Prefixes expand to many words: last among the words.
        return node.prefix
          ? 2 * this.docs + 1
          : df(node.term) + (node.exact ? 0 : df(stem(node.term)));
      case 'wildcard':
        return 2 * this.docs + 1;
      // Positions cost more than postings: after the plain words of similar rarity.
      case 'near':
        return 2 * Math.min(this.cost(node.left), this.cost(node.right));
      case 'atleast':
        return 2 * this.cost(node.child);
      case 'phrase':
        // Position checks cost more than postings: after the plain words of similar rarity.
        return 2 * Math.min(...node.terms.map(df));
      // Complements match most documents: best evaluated on what is left.
      case 'not':
        return 4 * this.docs + 2;
      case 'and':
        return Math.min(...node.children.map((c) => this.cost(c)));
      case 'or':
        return node.children.reduce((n, c) => n + this.cost(c), 0);
    }
  }

  private idf(df: number): number {
    return Math.log(1 + (this.docs - df + 0.5) / (df + 0.5));
  }

  /** A zeroed per-segment buffer for term frequencies, reused by every term of the query. */
  private scratch(s: number): Float32Array {
    let tf = this.tfs[s];
    if (!tf) {
      tf = new Float32Array(this.segs[s]!.docCount);
      this.tfs[s] = tf;
    }
    return tf;
  }

  /**
   * Adds a term's BM25 to the scores of the documents it matched (`docs`, or when null every
   * document of `mask`) and zeroes their frequencies for the next term.
   */
  private addScores(
    s: number,
    mask: Uint8Array,
    docs: IntList | null,
    tf: Float32Array,
    idf: number,
  ): void {
    let scores = this.scores[s];
    if (!scores) {
      scores = new Float32Array(this.segs[s]!.docCount);
      this.scores[s] = scores;
    }
    if (docs) {
      for (let k = 0; k < docs.length; k++) {
        const d = docs.a[k]!;
        const t = tf[d]!;
        scores[d]! += (idf * t * (K1 + 1)) / (t + K1);
        tf[d] = 0;
      }
      return;
    }
    for (let d = 0; d < mask.length; d++) {
      if (!mask[d]) continue;
      const t = tf[d]!;
      scores[d]! += (idf * t * (K1 + 1)) / (t + K1);
      tf[d] = 0;
    }
  }

  /** The ordinals a query word stands for in one segment. */
  private expand(seg: Segment, term: string, exact: boolean, prefix: boolean): number[] {
    const ords = new Set<number>();
    const o = findTerm(seg, term);
    if (o >= 0) ords.add(o);
    if (!exact) {
      // The query's language is not known: its stem in each language of the segment.
      for (const lang of segmentLanguages(seg)) {
        const s = stemIn(lang, term);
        const os = findTerm(seg, s);
        if (os >= 0 && isOwnStem(seg, os)) ords.add(os);
        for (const t of termsWithStem(seg, s)) ords.add(t);
      }
    }
    if (prefix && term.length >= MIN_PREFIX_LENGTH) {
      // The most frequent completions: a bounded selection by df.
      const found: number[] = [];
      for (let t = lowerBound(seg.terms, term); t < seg.terms.length; t++) {
        if (!seg.terms[t]!.startsWith(term)) break;
        found.push(t);
      }
      // Short prefixes are passing states while typing: fewer completions keep them fast.
      const max = term.length === 2 ? 16 : term.length === 3 ? 32 : MAX_PREFIX_TERMS;
      found.sort((a, b) => seg.df[b]! - seg.df[a]!);
      // And a bound on the postings read: the words that would blow it (the most common
      // ones, which add least to a score) are left out, except the first.
      const budget = PREFIX_POSTINGS_PER_DOC * seg.docCount;
      let taken = 0;
      let postings = 0;
      for (const t of found) {
        if (taken === max) break;
        if (taken > 0 && postings + seg.df[t]! > budget) continue;
        ords.add(t);
        taken++;
        postings += seg.df[t]!;
      }
    }
    return [...ords];
  }

  /** A wildcard's terms in one segment; a notice when it stands for more than are searched. */
  private wildcard(seg: Segment, node: QueryNode & { type: 'wildcard' }): number[] {
    const { ords, capped } = expandWildcard(seg, node.pattern);
    if (capped) {
      this.notices.set(`${node.start}:${node.end}`, {
        message:
          `${node.pattern} stands for more than ${ords.length} words: the ${ords.length} ` +
          'most frequent are searched. Give more letters to search them all.',
        start: node.start,
        end: node.end,
      });
    }
    return ords;
  }

  /**
   * Proximity, fields and atleast: candidates from postings alone (without scores), then
   * their positions checked; the words of the operands score the documents that hold.
   */
  private positional(
    node: QueryNode,
    positive: boolean,
    restrict: Uint8Array[] | null,
  ): Uint8Array[] {
    // A proximity of words finds the documents with both operands itself.
    const candidates = isWordProximity(node)
      ? this.segs.map((_, s) => restrict?.[s] ?? this.base[s]!)
      : this.evaluate(relax(node), false, restrict);
    const leafOrds = (seg: Segment) => (leaf: QueryNode & { type: 'term' | 'wildcard' }) =>
      leaf.type === 'term'
        ? this.expand(seg, leaf.term, leaf.exact, leaf.prefix)
        : this.wildcard(seg, leaf);
    const masks = this.segs.map((seg, s) =>
      positionalMask(node, seg, candidates[s]!, leafOrds(seg)),
    );
    if (!positive) return masks;
    for (const leaf of leavesOf(node)) {
      const ordsOf = (seg: Segment): number[] => {
        if (leaf.type === 'term' || leaf.type === 'wildcard') return leafOrds(seg)(leaf);
        if (leaf.type !== 'phrase') return [];
        return leaf.terms.map((t) => findTerm(seg, t)).filter((o) => o >= 0);
      };
      const perSeg = this.segs.map(ordsOf);
      let df = 0;
      perSeg.forEach((ords, s) => {
        for (const o of ords) df += this.segs[s]!.df[o]!;
      });
      const idf = this.idf(Math.min(df, this.docs));
      perSeg.forEach((ords, s) => {
        const seg = this.segs[s]!;
        const mask = masks[s]!;
        let scores = this.scores[s];
        if (!scores) {
          scores = new Float32Array(seg.docCount);
          this.scores[s] = scores;
        }
        for (const o of ords) {
          this.highlight.add(seg.terms[o]!);
          addPhraseWordScores(seg, o, mask, scores, this.norms(s), idf);
        }
      });
    }
    return masks;
  }

  /** Documents with any of the terms `ordsOf` gives per segment (a word's forms, a wildcard's words). */
  private words(
    ordsOf: (seg: Segment) => number[],
    positive: boolean,
    restrict: Uint8Array[] | null,
  ): Uint8Array[] {
    const masks: Uint8Array[] = [];
    const touched: (IntList | null)[] = [];
    let df = 0;
    for (let s = 0; s < this.segs.length; s++) {
      const seg = this.segs[s]!;
      const r = restrict?.[s] ?? null;
      const mask = new Uint8Array(seg.docCount);
      const ords = ordsOf(seg);
      // Documents are counted for idf over the whole segment, restricted or not; several
      // completions may share a document, so those need a mark of their own.
      const countAll = r !== null && positive;
      const seen = countAll && ords.length > 1 ? new Uint8Array(seg.docCount) : null;
      let postings = 0;
      for (const o of ords) postings += seg.df[o]!;
      // Scoring visits the matched documents: from a list, or by mask when they are most of
      // the segment (a frequent word, unrestricted).
      const byMask = r === null && postings * 2 >= seg.docCount;
      const docs = positive && !byMask ? new IntList(Math.min(postings, 1024)) : null;
      const tf = positive ? this.scratch(s) : null;
      const norms = positive ? this.norms(s) : null;
      for (const o of ords) {
        if (positive) this.highlight.add(seg.terms[o]!);
        df += scanPostings(seg, o, this.base[s]!, r, mask, docs, tf, norms, seen, countAll);
      }
      masks.push(mask);
      touched.push(docs);
    }
    if (positive) {
      const idf = this.idf(df);
      for (let s = 0; s < this.segs.length; s++) {
        this.addScores(s, masks[s]!, touched[s]!, this.scratch(s), idf);
      }
    }
    return masks;
  }

  private phrase(
    terms: readonly string[],
    positive: boolean,
    restrict: Uint8Array[] | null,
  ): Uint8Array[] {
    if (positive) for (const t of terms) this.highlight.add(t);
    // Word idfs from dictionary dfs (deleted documents included: close enough for ranking).
    const dfs = terms.map((t) =>
      this.segs.reduce((n, seg) => {
        const o = findTerm(seg, t);
        return o >= 0 ? n + seg.df[o]! : n;
      }, 0),
    );
    const idfs = dfs.map((df) => this.idf(df));
    return this.segs.map((seg, s) => {
      const mask = new Uint8Array(seg.docCount);
      const ords = terms.map((t) => findTerm(seg, t));
      if (ords.some((o) => o < 0)) return mask;
      const { positions, pairs } = seg;
      if (!positions || !pairs) throw new Error(`Positions of segment ${seg.id} are not loaded`);
      // Two adjacent pair words: the pair's documents are the only candidates (and when the
      // pair is not listed, the phrase is nowhere in this segment).
      const pairList: number[] = [];
      for (let j = 0; j + 1 < ords.length; j++) {
        if (!pairs.word[ords[j]!] || !pairs.word[ords[j + 1]!]) continue;
        const i = findPair(pairs, ords[j]!, ords[j + 1]!);
        if (i < 0) return mask;
        pairList.push(i);
      }
      // A two-word pair is the phrase itself: no positions to check.
      const check = ords.length > 2 || pairList.length === 0;
      const base = this.base[s]!;
      const r = restrict?.[s] ?? null;
      let scores = this.scores[s] ?? null;
      const norms = this.norms(s);
      if (!check) {
        // The pair's documents are the matches; then each word's postings, read once in
        // a tight loop, score them (in word order per document, as below).
        markPairDocuments(pairs, pairList[0]!, base, r, mask);
        if (positive) {
          if (!scores) {
            scores = new Float32Array(seg.docCount);
            this.scores[s] = scores;
          }
          for (let j = 0; j < ords.length; j++) {
            addPhraseWordScores(seg, ords[j]!, mask, scores, norms, idfs[j]!);
          }
        }
        return mask;
      }
      const { title, meta, body } = norms;
      forEachPhraseMatch(seg, ords, pairList, check, base, r, (doc, codes) => {
        mask[doc] = 1;
        if (!positive) return;
        if (!scores) {
          scores = new Float32Array(seg.docCount);
          this.scores[s] = scores;
        }
        for (let j = 0; j < ords.length; j++) {
          const w = weightedTf(codes[j]!, title[doc]!, meta[doc]!, body[doc]!);
          scores[doc]! += (idfs[j]! * w * (K1 + 1)) / (w + K1);
        }
      });
      return mask;
    });
  }

  private filter(filter: Filter, restrict: Uint8Array[] | null): Uint8Array[] {
    return this.segs.map((seg, s) =>
      filterMask(filter, seg, restrict?.[s] ?? this.base[s]!, this.coverage, this.stories),
    );
  }
}

const languagesBySegment = new WeakMap<Segment, number[]>();

/** The stemming languages of a segment's terms. */
function segmentLanguages(seg: Segment): number[] {
  let langs = languagesBySegment.get(seg);
  if (!langs) {
    let mask = 0;
    for (let t = 0; t < seg.termLang.length; t++) mask |= seg.termLang[t]!;
    langs = languagesIn(mask);
    languagesBySegment.set(seg, langs);
  }
  return langs;
}
