/** The library list with one row per story. */
import type { ClippingSummary, StoryMemberRecord } from './db';

type Members = ReadonlyMap<string, Pick<StoryMemberRecord, 'story'>>;

/**
 * Each row's story as a small number, remembered per row object: looking 100,000 ids up in
 * the members map on every filter took most of the collapse (≈ 25 ms of 38 ms at load 10,
 * where a lookup by the row object costs ≈ 2.5 ms). Kept up to date by `update` with the ids
 * the stories worker changed, so a new story after an import does not start it over.
 */
export class StoryRows {
  #members: Members;
  /** Story number × 2, plus 1 for the story's original; -1 for a clipping alone. */
  readonly #codes = new WeakMap<ClippingSummary, number>();
  /**
   * Ids whose story changed since their code was cached: a map from id to row object, to
   * forget them directly, cost more to fill than all the lookups it saved.
   */
  readonly #stale = new Set<string>();
  readonly #storyNumber = new Map<string, number>();

  constructor(members: Members) {
    this.#members = members;
  }

  /** New members, of which only `changed` ids differ from the last ones. */
  update(members: Members, changed: Iterable<string>): void {
    this.#members = members;
    for (const id of changed) this.#stale.add(id);
  }

  #code(row: ClippingSummary): number {
    const known = this.#codes.get(row);
    if (known !== undefined && (this.#stale.size === 0 || !this.#stale.delete(row.id)))
      return known;
    const m = this.#members.get(row.id);
    let code = -1;
    if (m) {
      let n = this.#storyNumber.get(m.story);
      if (n === undefined) this.#storyNumber.set(m.story, (n = this.#storyNumber.size));
      code = 2 * n + (m.story === row.id ? 1 : 0);
    }
    this.#codes.set(row, code);
    return code;
  }

  /**
   * One row per story: its original where the original is among `rows`, else the story's
   * first row there; clippings alone stay. Rows keep their order. Two linear passes over
   * arrays (bench:stories measures it at 100,000 rows).
   */
  collapse(rows: readonly ClippingSummary[]): ClippingSummary[] {
    if (this.#members.size === 0) return rows as ClippingSummary[];
    const codes = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) codes[i] = this.#code(rows[i] as ClippingSummary);
    // 1 where the story's original is among the rows, 2 once the story has its row.
    const state = new Uint8Array(this.#storyNumber.size);
    for (let i = 0; i < rows.length; i++) {
      const code = codes[i] as number;
      if (code >= 0 && (code & 1) === 1) state[code >> 1] = 1;
    }
    const out: ClippingSummary[] = [];
    for (let i = 0; i < rows.length; i++) {
      const code = codes[i] as number;
      if (code < 0 || (code & 1) === 1) out.push(rows[i] as ClippingSummary);
      else if (state[code >> 1] === 0) {
        state[code >> 1] = 2;
        out.push(rows[i] as ClippingSummary);
      }
    }
    return out;
  }
}

/** One row per story (see StoryRows.collapse), without a cache kept between calls. */
export function collapseStories(
  rows: readonly ClippingSummary[],
  members: Members,
): ClippingSummary[] {
  return new StoryRows(members).collapse(rows);
}
