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
  const originalShown = new Set<string>();
  for (const r of rows) {
    const m = members.get(r.id);
    if (m && m.story === r.id) originalShown.add(r.id);
  }
  const seen = new Set<string>();
  const out: ClippingSummary[] = [];
  for (const r of rows) {
    const m = members.get(r.id);
    if (!m) out.push(r);
    else if (m.story === r.id || (!originalShown.has(m.story) && !seen.has(m.story))) {
      seen.add(m.story);
      out.push(r);
    }
  }
  return out;
}
