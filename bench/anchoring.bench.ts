/**
 * Fuzzy re-anchoring on a 100 KB article: the worst case of `anchor`, since neither the stored
 * position nor a verbatim search succeeds and the whole text is scanned approximately.
 * Run: npx tsx bench/anchoring.bench.ts — prints one JSON line.
 */
import { anchor, describeRange } from '../src/shared/anchoring';
import { random } from './random';

const SYLLABLES = 'ta re mi on an de la si ko nu ber gal pro vin str es ment ion al ur'.split(' ');

/** Prose-like text: a few thousand pseudo-words, frequent ones much more frequent (roughly Zipf). */
function article(length: number, rnd: () => number): string {
  const vocabulary = Array.from({ length: 3_000 }, () => {
    const n = 1 + Math.floor(rnd() * 3);
    let word = '';
    for (let i = 0; i < n; i += 1) word += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]!;
    return word;
  });
  const paragraphs: string[] = [];
  let size = 0;
  while (size < length) {
    const words: string[] = [];
    const count = 40 + Math.floor(rnd() * 80);
    for (let i = 0; i < count; i += 1) {
      words.push(vocabulary[Math.floor(rnd() ** 3 * vocabulary.length)]!);
    }
    const p = `${words.join(' ')}.`;
    paragraphs.push(p);
    size += p.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, length);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

const round = (n: number): number => Math.round(n * 100) / 100;

function measure(text: string, quoteLength: number, iterations: number) {
  const from = Math.floor(text.length * 0.6);
  const selectors = describeRange(text, from, from + quoteLength);
  const { start, end } = selectors.position;
  // Edit inside the quote (no verbatim hit) and before it (the stored position is stale).
  const mid = Math.floor((start + end) / 2);
  const lead = 'Breaking: ';
  const edited = `${lead}${text.slice(0, mid)}XY${text.slice(mid + 1)}`;
  const times: number[] = [];
  let result = anchor(edited, selectors);
  for (let i = 0; i < iterations; i += 1) {
    const t0 = performance.now();
    result = anchor(edited, selectors);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    quoteLength: end - start,
    status: result.status,
    correct:
      result.status === 'fuzzy' &&
      result.start === start + lead.length &&
      result.end === end + lead.length + 1,
    medianMs: round(percentile(times, 0.5)),
    p95Ms: round(percentile(times, 0.95)),
  };
}

const text = article(100_000, random(42));
const iterations = 30;
// Warm up the JIT: the figures should reflect a long-running renderer, not a cold start.
measure(text, 60, 20);
console.log(
  JSON.stringify({
    bench: 'anchoring-fuzzy',
    textLength: text.length,
    iterations,
    cases: [20, 60, 300, 1_000, 5_000].map((n) => measure(text, n, iterations)),
  }),
);
