/** The library list with one row per story. */
import type { ClippingSummary, StoryMemberRecord } from './db';

/**
 * One row per story: its original where the original is among `rows`, else the story's
 * first row there; clippings alone stay. Rows keep their order. Two linear passes, so a
 * filter over 100,000 rows stays within the list's budget (bench:stories measures it).
 */
export function collapseStories(
  rows: readonly ClippingSummary[],
  members: ReadonlyMap<string, Pick<StoryMemberRecord, 'story'>>,
): ClippingSummary[] {
  if (members.size === 0) return rows as ClippingSummary[];
  // One lookup per row: the second pass reads what the first found.
  const found = new Array<Pick<StoryMemberRecord, 'story'> | undefined>(rows.length);
  const originalShown = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const id = (rows[i] as ClippingSummary).id;
    const m = members.get(id);
    found[i] = m;
    if (m && m.story === id) originalShown.add(id);
  }
  const seen = new Set<string>();
  const out: ClippingSummary[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as ClippingSummary;
    const m = found[i];
    if (!m || m.story === r.id) out.push(r);
    else if (!originalShown.has(m.story) && !seen.has(m.story)) {
      seen.add(m.story);
      out.push(r);
    }
  }
  return out;
}
