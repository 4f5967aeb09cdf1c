/**
 * Share of voice on the Coverage view: the tags and searches the reader compares, and each
 * one's part of the coverage in scope. A search runs in the search worker (every match, not
 * a page of hits) and is counted only where it meets the scope, so changing the scope needs
 * no new search; the searches run again when the index changes.
 */
import {
  idsWithTag,
  shareOfVoice,
  type CoverageItem,
  type Figure,
  type VoiceShare,
} from '@shared/coverage/aggregate';
import { parseQuery, type QueryError } from '@shared/search/query';
import { untrack } from 'svelte';
import { errorMessage } from '../lib/errors';

/** One voice: a tag (with the tags under it) or a search in the search box's language. */
export type VoiceChoice =
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'search'; readonly query: string };

/** What the voices need of the search: every match of a query, and when matches may change. */
export interface VoiceSearch {
  /** Changes whenever the index or the stories change. */
  readonly revision: number;
  matches(
    query: string,
  ): Promise<{ ids: readonly string[]; error?: QueryError; notices?: readonly QueryError[] }>;
}

/** A compared voice: its figure once counted, else what it is waiting for. */
export interface VoiceRow {
  readonly choice: VoiceChoice;
  readonly key: string;
  readonly label: string;
  /** What the list's focus is called when the voice is clicked: "Search: warming". */
  readonly focusLabel: string;
  /** `counting` while its search runs; `failed` when it could not run (with `error`). */
  readonly status: 'counted' | 'counting' | 'failed';
  readonly error?: string;
  /** How the search ran, where the reader should know (a wildcard's cap), in its text. */
  readonly notice?: QueryError;
  /** The voice's figure among the counted voices; null until counted. */
  readonly figure: VoiceShare | null;
}

/** How many tags share of voice compares when the reader has chosen none. */
const DEFAULT_VOICES = 3;
export const MAX_VOICES = 8;

interface SearchResult {
  readonly revision: number;
  /** Null while the search runs. */
  readonly ids: ReadonlySet<string> | null;
  readonly error?: string;
  readonly notice?: QueryError;
}

export function voiceKey(choice: VoiceChoice): string {
  return choice.kind === 'tag' ? `tag:${choice.tag.toLowerCase()}` : `search:${choice.query}`;
}

function sameVoice(a: VoiceChoice, b: VoiceChoice): boolean {
  return voiceKey(a) === voiceKey(b);
}

export class CoverageVoices {
  /** The reader's voices; null until the reader chooses (then: the scope's top tags). */
  chosen = $state.raw<readonly VoiceChoice[] | null>(null);
  readonly #counted: () => readonly CoverageItem[];
  readonly #tagFigures: () => readonly Figure[];
  readonly #search: VoiceSearch | null;
  /** The revision each search is being counted at (not shown: no need to be reactive). */
  readonly #running = new Map<string, number>();
  /** Search results by query; replaced whole so that the rows follow. */
  #results = $state.raw<ReadonlyMap<string, SearchResult>>(new Map());

  constructor(source: {
    /** The clippings (or stories) the dashboard counts. */
    counted: () => readonly CoverageItem[];
    /** Their tags, most used first: the voices until the reader chooses. */
    tagFigures: () => readonly Figure[];
    search?: VoiceSearch;
  }) {
    this.#counted = source.counted;
    this.#tagFigures = source.tagFigures;
    this.#search = source.search ?? null;
  }

  /** Whether searches can be voices (there is a search to run them). */
  get searchable(): boolean {
    return this.#search !== null;
  }

  /** The voices compared: the reader's, else the scope's most used tags. */
  readonly choices: readonly VoiceChoice[] = $derived.by(
    () =>
      this.chosen ??
      this.#tagFigures()
        .filter((f) => f.key !== '')
        .slice(0, DEFAULT_VOICES)
        .map((f): VoiceChoice => ({ kind: 'tag', tag: f.label })),
  );

  /** The tags among the voices (for the tag picker). */
  readonly tags: readonly string[] = $derived(
    this.choices.flatMap((c) => (c.kind === 'tag' ? [c.tag] : [])),
  );

  /** Every voice, in the reader's order, with its share among the voices counted so far. */
  readonly rows: readonly VoiceRow[] = $derived.by(() => {
    const counted = this.#counted();
    const results = this.#results;
    const groups = this.choices.map((choice): VoiceGroupState => {
      if (choice.kind === 'tag') return { choice, ids: idsWithTag(counted, choice.tag) };
      const result = results.get(choice.query);
      return { choice, ids: result?.ids ?? null, error: result?.error, notice: result?.notice };
    });
    const ready = groups.filter((g) => g.ids !== null && !g.error);
    const shares = shareOfVoice(
      counted,
      ready.map((g) => ({ key: voiceKey(g.choice), label: labelOf(g.choice), ids: g.ids! })),
    );
    const byKey = new Map(shares.map((s) => [s.key, s]));
    return groups.map((g): VoiceRow => {
      const key = voiceKey(g.choice);
      const label = labelOf(g.choice);
      return {
        choice: g.choice,
        key,
        label,
        focusLabel: `${g.choice.kind === 'tag' ? 'Tag' : 'Search'}: ${label}`,
        status: g.error ? 'failed' : g.ids ? 'counted' : 'counting',
        ...(g.error ? { error: g.error } : {}),
        ...(g.notice ? { notice: g.notice } : {}),
        figure: byKey.get(key) ?? null,
      };
    });
  });

  /** The counted voices' figures, for the chart and the table. */
  readonly figures: readonly VoiceShare[] = $derived(
    this.rows.flatMap((r) => (r.figure ? [r.figure] : [])),
  );

  /** Whether another voice can be added. */
  get full(): boolean {
    return this.choices.length >= MAX_VOICES;
  }

  addTag(tag: string): void {
    this.#add({ kind: 'tag', tag });
  }

  /**
   * Adds a search as a voice and starts counting it. A query the search box would refuse is
   * not added: its error comes back, with the part of the query it is about.
   */
  addSearch(text: string): QueryError | null {
    const query = text.trim();
    if (!query) return { message: 'Type a search to compare.', start: 0, end: 0 };
    // The same parse (and message) as the search box's; the worker runs it after.
    const parsed = parseQuery(query);
    if (!parsed.ok) return parsed.error;
    if (!parsed.query) return { message: 'This search matches nothing.', start: 0, end: 0 };
    if (this.choices.some((c) => sameVoice(c, { kind: 'search', query })))
      return { message: 'This search is compared already.', start: 0, end: 0 };
    if (this.full)
      return { message: `At most ${MAX_VOICES} voices can be compared.`, start: 0, end: 0 };
    this.#add({ kind: 'search', query });
    this.refresh();
    return null;
  }

  remove(choice: VoiceChoice): void {
    this.chosen = this.choices.filter((c) => !sameVoice(c, choice));
  }

  /** Puts back voices remembered from another session. */
  restore(choices: readonly VoiceChoice[] | null): void {
    this.chosen = choices === null ? null : dedupe(choices).slice(0, MAX_VOICES);
  }

  /**
   * Runs the searches that have no count yet, or whose count is older than the index. Reads
   * only the index's revision and the voices reactively, so an effect calling it runs again
   * when either changes, not when a result arrives.
   */
  refresh(): void {
    const search = this.#search;
    if (!search) return;
    const revision = search.revision;
    const queries = this.choices.flatMap((c) => (c.kind === 'search' ? [c.query] : []));
    untrack(() => {
      for (const query of queries) {
        const known = this.#results.get(query);
        if (known?.revision === revision || this.#running.get(query) === revision) continue;
        this.#running.set(query, revision);
        // The old count stays shown until the new one is in; a first count shows "counting".
        if (!known) this.#setResult(query, { revision, ids: null });
        void this.#count(search, query, revision);
      }
    });
  }

  async #count(search: VoiceSearch, query: string, revision: number): Promise<void> {
    let result: SearchResult;
    try {
      const response = await search.matches(query);
      const notice = response.notices?.[0];
      result = response.error
        ? { revision, ids: null, error: response.error.message }
        : { revision, ids: new Set(response.ids), ...(notice ? { notice } : {}) };
    } catch (error) {
      result = { revision, ids: null, error: errorMessage(error) };
    }
    if (this.#running.get(query) === revision) this.#running.delete(query);
    // A newer count of the same search, or one for a removed voice, wins over this one.
    const current = this.#results.get(query);
    if (current && current.revision > revision) return;
    if (!this.choices.some((c) => c.kind === 'search' && c.query === query)) return;
    this.#setResult(query, result);
  }

  #setResult(query: string, result: SearchResult): void {
    const next = new Map(this.#results);
    next.set(query, result);
    this.#results = next;
  }

  #add(choice: VoiceChoice): void {
    const current = this.choices;
    if (current.some((c) => sameVoice(c, choice))) return;
    this.chosen = [...current, choice].slice(0, MAX_VOICES);
  }
}

interface VoiceGroupState {
  readonly choice: VoiceChoice;
  readonly ids: ReadonlySet<string> | null;
  readonly error?: string | undefined;
  readonly notice?: QueryError | undefined;
}

function labelOf(choice: VoiceChoice): string {
  return choice.kind === 'tag' ? choice.tag : choice.query;
}

function dedupe(choices: readonly VoiceChoice[]): VoiceChoice[] {
  const seen = new Set<string>();
  return choices.filter((c) => {
    const key = voiceKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
