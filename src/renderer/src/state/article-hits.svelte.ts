/**
 * The hits in the open article: the words of the library search (while one is active) or of
 * a search inside this article (Ctrl/⌘+F, the same query language, run on a one-document
 * index of the article), their count and the current one.
 */
import type { Clipping } from '@shared/clipping';
import { SearchIndex } from '@shared/search/index';
import type { QueryError } from '@shared/search/query';
import { toSearchDoc } from '@shared/search/types';
import { articleHitRanges, hitCount, type ArticleHitRanges } from '../lib/article-hits';
import type { SearchState } from './search.svelte';

const FIND_DELAY_MS = 80;

export class ArticleHits {
  findOpen = $state(false);
  findText = $state('');
  findError = $state.raw<QueryError | null>(null);
  current = $state(0);
  #findTerms = $state.raw<ReadonlySet<string> | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** The text the current article-search terms were found for. */
  #searched: string | null = null;
  #index: { clipping: Clipping; index: SearchIndex } | null = null;

  readonly #search: SearchState;
  readonly #clipping: () => Clipping | null;

  constructor(search: SearchState, clipping: () => Clipping | null) {
    this.#search = search;
    this.#clipping = clipping;
  }

  /** Whose words are marked: the article search while it has text, else the library search. */
  readonly finding = $derived(this.findOpen && this.findText.trim() !== '');

  readonly terms = $derived.by((): ReadonlySet<string> | null => {
    if (this.finding) return this.#findTerms;
    if (this.findOpen) return null;
    return this.#search.results ? this.#search.terms : null;
  });

  readonly ranges = $derived.by((): ArticleHitRanges | null => {
    const clipping = this.#clipping();
    const terms = this.terms;
    return clipping && terms ? articleHitRanges(clipping, terms) : null;
  });

  readonly total = $derived(hitCount(this.ranges));

  next(): void {
    // Enter right after typing: the first hit of what was typed.
    if (this.#flushFind()) return;
    if (this.total > 0) this.current = (this.current + 1) % this.total;
  }

  previous(): void {
    if (this.#flushFind()) return;
    if (this.total > 0) this.current = (this.current - 1 + this.total) % this.total;
  }

  /**
   * Runs a pending article search now; true when that changed what is searched for. A
   * pending search of the text already searched (the field reported the same value again)
   * is dropped, so Enter moves on instead of starting over.
   */
  #flushFind(): boolean {
    if (!this.#timer) return false;
    clearTimeout(this.#timer);
    this.#timer = null;
    if (this.findText === this.#searched) return false;
    this.refreshFind();
    return true;
  }

  openFind(): void {
    this.findOpen = true;
  }

  closeFind(): void {
    this.findOpen = false;
    this.findText = '';
    this.findError = null;
    this.#findTerms = null;
    this.#searched = null;
  }

  setFind(text: string): void {
    this.findText = text;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.refreshFind();
    }, FIND_DELAY_MS);
  }

  /** Runs the article search now (also when the open clipping changes). */
  refreshFind(): void {
    const clipping = this.#clipping();
    const text = this.findText;
    this.#searched = text;
    if (!clipping || !text.trim()) {
      this.#findTerms = null;
      this.findError = null;
      return;
    }
    if (this.#index?.clipping !== clipping) {
      const index = new SearchIndex();
      index.add([toSearchDoc(clipping)]);
      this.#index = { clipping, index };
    }
    const result = this.#index.index.search(text, { limit: 1 });
    this.findError = result.error ?? null;
    // Words of a query the article does not satisfy are not hits.
    this.#findTerms = new Set(result.total > 0 ? result.highlight : []);
  }
}
