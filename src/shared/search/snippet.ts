/**
 * Snippets: the passage of a document that best shows why it matched, as plain text plus the
 * ranges of matched words (the UI marks them; no HTML is produced here). Computed only for
 * the page of hits shown, from the stored text, so the index need not keep any text.
 */
import { tokenize, type Token } from './text';

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
  const tokens = tokenize(text);
  const hits = tokens.filter((t) => matches.has(t.term));
  let from = 0;
  if (hits.length > 0) {
    let best = -1;
    let bestStart = 0;
    for (let i = 0; i < hits.length; i++) {
      const windowEnd = hits[i]!.start + maxLength * 0.8;
      const distinct = new Set<string>();
      let count = 0;
      for (let j = i; j < hits.length && hits[j]!.end <= windowEnd; j++) {
        distinct.add(hits[j]!.term);
        count++;
      }
      const score = distinct.size * 1000 + count;
      if (score > best) {
        best = score;
        bestStart = hits[i]!.start;
      }
    }
    // Some context before the first match, starting on a word.
    from = wordStartAtOrAfter(tokens, Math.max(0, bestStart - Math.floor(maxLength * 0.2)));
    if (from > bestStart) from = bestStart;
  }
  let to = Math.min(text.length, from + maxLength);
  if (to < text.length) {
    // End on a word end.
    const last = tokens.filter((t) => t.end <= to && t.start >= from).pop();
    if (last) to = last.end;
  }
  const prefix = from > 0 ? ELLIPSIS : '';
  const suffix = to < text.length ? ELLIPSIS : '';
  const body = text.slice(from, to).replace(/\s/g, ' ');
  const shift = prefix.length - from;
  return {
    text: prefix + body + suffix,
    ranges: hits
      .filter((t) => t.start >= from && t.end <= to)
      .map((t) => ({ start: t.start + shift, end: t.end + shift })),
    matched: hits.length > 0,
  };
}

function wordStartAtOrAfter(tokens: readonly Token[], at: number): number {
  for (const t of tokens) if (t.start >= at) return t.start;
  return at;
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
