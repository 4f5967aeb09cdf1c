/** Which segments of an index to merge next: tiered, like an LSM tree, under a size cap. */
import type { Segment } from './segment';

const MERGE_FACTOR = 8;
/**
 * The most a merge may produce, in bytes of postings and positions: each segment is stored
 * as one IndexedDB value, and Chromium refuses a value over 128 MiB (tiered merging alone
 * would reach that near 250,000 news articles). Segments of half this are left alone.
 */
export const MAX_SEGMENT_BYTES = 64 * 1024 * 1024;

/** What a segment costs to store, for the cap above (positions count once loaded). */
function segmentBytes(seg: Segment): number {
  return seg.postings.byteLength + (seg.positions?.byteLength ?? 0);
}

/**
 * Tiered merging: segments are levelled by live size (factor 8 from 2,048 docs); when a
 * level holds 8, they merge into one of the next level — as many of the smallest as fit
 * under `maxSegmentBytes`, and at least two. A segment of half the cap or more is finished:
 * it merges no more. A segment more than half deleted is rewritten alone.
 */
export function planMerge(
  segs: readonly Segment[],
  liveCount: (seg: Segment) => number,
  maxSegmentBytes: number,
): Segment[] | null {
  const levels = new Map<number, Segment[]>();
  for (const seg of segs) {
    const live = liveCount(seg);
    if (live * 2 < seg.docCount) return [seg];
    if (segmentBytes(seg) * 2 >= maxSegmentBytes) continue;
    const level = live < 2048 ? 0 : Math.floor(Math.log(live / 256) / Math.log(MERGE_FACTOR));
    const group = levels.get(level) ?? [];
    group.push(seg);
    levels.set(level, group);
  }
  for (const level of [...levels.keys()].sort((a, b) => a - b)) {
    const group = levels.get(level)!;
    if (group.length < MERGE_FACTOR) continue;
    const chosen = new Set<Segment>();
    let bytes = 0;
    for (const seg of [...group].sort((a, b) => segmentBytes(a) - segmentBytes(b))) {
      if (chosen.size === MERGE_FACTOR || bytes + segmentBytes(seg) > maxSegmentBytes) break;
      chosen.add(seg);
      bytes += segmentBytes(seg);
    }
    // In index order, as before the cap: the merged segment keeps documents oldest first.
    if (chosen.size >= 2) return group.filter((seg) => chosen.has(seg));
  }
  return null;
}
