/** The page of best hits of an evaluated query, and how many documents matched. */
import type { Segment } from './segment';

export interface SearchHit {
  id: string;
  score: number;
}

/**
 * The hits `offset .. offset + limit` by score (descending), newest first among equal
 * scores, then in index order; `masks` and `scores` are per segment.
 */
export function topHits(
  segs: readonly Segment[],
  masks: readonly Uint8Array[],
  scores: readonly (Float32Array | null)[],
  offset: number,
  limit: number,
): { hits: SearchHit[]; total: number } {
  const want = offset + limit;
  // The best `want` (score desc, newest first, then stable), kept sorted by insertion.
  const topSeg: number[] = [];
  const topDoc: number[] = [];
  const topScore: number[] = [];
  const topDate: number[] = [];
  let worstScore = -Infinity;
  let worstDate = 0;
  let total = 0;
  for (let s = 0; s < segs.length; s++) {
    const seg = segs[s]!;
    const mask = masks[s]!;
    const docScores = scores[s];
    const published = seg.published;
    // The count read once: a property read per document costs more than the loop itself.
    const n = seg.docCount;
    for (let d = 0; d < n; d++) {
      if (!mask[d]) continue;
      total++;
      if (want === 0) continue;
      const score = docScores ? docScores[d]! : 0;
      const date = published[d]!;
      let at = topScore.length;
      if (at === want && (score < worstScore || (score === worstScore && date <= worstDate))) {
        continue;
      }
      while (
        at > 0 &&
        (score > topScore[at - 1]! || (score === topScore[at - 1]! && date > topDate[at - 1]!))
      ) {
        at--;
      }
      topSeg.splice(at, 0, s);
      topDoc.splice(at, 0, d);
      topScore.splice(at, 0, score);
      topDate.splice(at, 0, date);
      if (topScore.length > want) {
        topSeg.pop();
        topDoc.pop();
        topScore.pop();
        topDate.pop();
      }
      if (topScore.length === want) {
        worstScore = topScore[want - 1]!;
        worstDate = topDate[want - 1]!;
      }
    }
  }
  const hits: SearchHit[] = [];
  for (let k = offset; k < topScore.length; k++) {
    hits.push({ id: segs[topSeg[k]!]!.docIds[topDoc[k]!]!, score: topScore[k]! });
  }
  return { hits, total };
}
