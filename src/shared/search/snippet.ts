/**
 * Snippets: the passage of a document that best shows why it matched, as plain text plus the
 * ranges of matched words (the UI marks them; no HTML is produced here). Computed only for
 * the page of hits shown, from the stored text, so the index need not keep any text.
 */
import { forEachToken, tokenize } from './text';

export interface TextRange {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  ranges: TextRange[];
}

const ELLIPSIS = '…';

/** Ranges of the words of `text` whose folded form is in `matches`. */
export function matchRanges(text: string, matches: ReadonlySet<string>): TextRange[] {
  return tokenize(text)
    .filter((t) => matches.has(t.term))
    .map(({ start, end }) => ({ start, end }));
}

/**
 * The window of about `maxLength` characters with the most distinct matched words (then the
 * most matches), starting a little before the first of them; the start of the text when
 * nothing matches. Whitespace is flattened to spaces so offsets stay those of `text`.
 */
export function makeSnippet(
  text: string,
  matches: ReadonlySet<string>,
  maxLength = 200,
): Snippet & { matched: boolean } {
  // Word boundaries and the matched words, as numbers: no object per word (a page of hits
  // reads tens of thousands of words).
  const starts: number[] = [];
  const ends: number[] = [];
  const hitStart: number[] = [];
  const hitEnd: number[] = [];
  const hitTerm: number[] = [];
  const termIds = new Map<string, number>();
  forEachToken(text, (term, start, end) => {
    starts.push(start);
    ends.push(end);
    if (!matches.has(term)) return;
    let id = termIds.get(term);
    if (id === undefined) {
      id = termIds.size;
      termIds.set(term, id);
    }
    hitStart.push(start);
    hitEnd.push(end);
    hitTerm.push(id);
  });
  const hits = hitStart.length;
  let from = 0;
  if (hits > 0) {
    let best = -1;
    let bestStart = 0;
    const seen = new Int32Array(termIds.size);
    for (let i = 0; i < hits; i++) {
      const windowEnd = hitStart[i]! + maxLength * 0.8;
      let distinct = 0;
      let count = 0;
      for (let j = i; j < hits && hitEnd[j]! <= windowEnd; j++) {
        if (seen[hitTerm[j]!] !== i + 1) {
          seen[hitTerm[j]!] = i + 1;
          distinct++;
        }
        count++;
      }
      const score = distinct * 1000 + count;
      if (score > best) {
        best = score;
        bestStart = hitStart[i]!;
      }
    }
    // Some context before the first match, starting on a word.
    const at = Math.max(0, bestStart - Math.floor(maxLength * 0.2));
    const k = starts.findIndex((start) => start >= at);
    from = k < 0 ? at : starts[k]!;
    if (from > bestStart) from = bestStart;
  }
  let to = Math.min(text.length, from + maxLength);
  if (to < text.length) {
    // End on a word end.
    for (let k = starts.length - 1; k >= 0; k--) {
      if (ends[k]! <= to && starts[k]! >= from) {
        to = ends[k]!;
        break;
      }
    }
  }
  const prefix = from > 0 ? ELLIPSIS : '';
  const suffix = to < text.length ? ELLIPSIS : '';
  const body = text.slice(from, to).replace(/\s/g, ' ');
  const shift = prefix.length - from;
  const ranges: TextRange[] = [];
  for (let i = 0; i < hits; i++) {
    if (hitStart[i]! >= from && hitEnd[i]! <= to) {
      ranges.push({ start: hitStart[i]! + shift, end: hitEnd[i]! + shift });
    }
  }
  return { text: prefix + body + suffix, ranges, matched: hits > 0 };
}

export interface HitText {
  title: string;
  body: string;
  note: string;
  highlightNotes: string;
}

/** The snippet of a hit (body first, then note, then highlight notes) and its title ranges. */
export function hitSnippet(
  doc: HitText,
  highlight: readonly string[],
  maxLength = 200,
): { snippet: Snippet; titleRanges: TextRange[] } {
  const matches = new Set(highlight);
  let snippet = makeSnippet(doc.body, matches, maxLength);
  if (!snippet.matched) {
    for (const other of [doc.note, doc.highlightNotes]) {
      const s = makeSnippet(other, matches, maxLength);
      if (s.matched) {
        snippet = s;
        break;
      }
    }
  }
  return {
    snippet: { text: snippet.text, ranges: snippet.ranges },
    titleRanges: matchRanges(doc.title, matches),
  };
}
