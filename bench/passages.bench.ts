/**
 * The Highlights view at 100,000 highlights (over 20,000 clippings): building the rows from
 * the stored highlights and the summaries (opening the view), then each filter step a user
 * takes — a colour, a tag, an outlet, a tone, words typed one letter at a time, clearing.
 * Opening is two tasks: the rows (then the first screen shows) and, in the next task, the
 * folded text that word filters scan.
 * The list itself is virtualised (a screenful of rows whatever the count), so these steps are
 * the work that grows with the library. Run: npm run bench:passages — prints JSON lines.
 */
import { HIGHLIGHT_COLORS, type Highlight } from '../src/shared/annotations';
import { TONES } from '../src/shared/clipping';
import type { ClippingSummary } from '../src/renderer/src/lib/db';
import {
  emptyPassageFilter,
  filterPassages,
  passageRows,
  prepareWordSearch,
  type PassageFilter,
} from '../src/renderer/src/lib/passages';
import { random } from './random';

const HIGHLIGHTS = 100_000;
const CLIPPINGS = 20_000;
const RUNS = 7;
const BUDGET_MS = 50;

const rnd = random(20);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const WORDS =
  'harbour council budget tram strike minister port energy price vote rail water city union fees'.split(
    ' ',
  );
const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
const OUTLETS = Array.from({ length: 60 }, (_, i) => `Outlet ${i}`);
const TAGS = [
  'politics',
  'politics/council',
  'economy',
  'economy/prices',
  'transport',
  'claim',
  'quote',
];

const summaries = new Map<string, ClippingSummary>();
for (let i = 0; i < CLIPPINGS; i++) {
  const id = `c${i}`;
  const day = String(1 + (i % 28)).padStart(2, '0');
  summaries.set(id, {
    id,
    title: sentence(8),
    source: pick(OUTLETS),
    section: '',
    authors: [],
    publishedAt: `20${20 + (i % 6)}-${String(1 + (i % 12)).padStart(2, '0')}-${day}`,
    importedAt: '2025-01-01T00:00:00.000Z',
    language: 'en',
    direction: 'ltr',
    tags: [],
    deletedAt: i % 50 === 0 ? '2025-02-01T00:00:00.000Z' : '',
    highlightCount: 5,
    hasNote: false,
    mediaType: 'online',
    tone: rnd() < 0.6 ? pick(TONES) : '',
    reach: null,
    page: '',
  });
}
const highlights: Highlight[] = Array.from({ length: HIGHLIGHTS }, (_, i) => ({
  id: `h${i}`,
  clippingId: `c${i % CLIPPINGS}`,
  color: pick(HIGHLIGHT_COLORS),
  note: rnd() < 0.4 ? sentence(10) : '',
  tags: rnd() < 0.5 ? [pick(TAGS)] : [],
  quote: { type: 'TextQuoteSelector', exact: sentence(20), prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: i % 5000, end: (i % 5000) + 120 },
  createdAt: '',
  updatedAt: '',
}));

function time(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const open: number[] = [];
let rows = passageRows(highlights, (id) => summaries.get(id));
/** Folds `rows` as the view does (a slice per task): the longest slice and the total. */
async function foldTimes(list: typeof rows): Promise<{ slice: number; total: number }> {
  let slice = 0;
  let mark = performance.now();
  const t0 = mark;
  await prepareWordSearch(list, async () => {
    slice = Math.max(slice, performance.now() - mark);
    await new Promise((resolve) => setImmediate(resolve));
    mark = performance.now();
  });
  // The last slice includes joining the parts into one string.
  slice = Math.max(slice, performance.now() - mark);
  return { slice, total: performance.now() - t0 };
}

async function main(): Promise<void> {
  const foldSlice: number[] = [];
  const foldTotal: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    open.push(time(() => (rows = passageRows(highlights, (id) => summaries.get(id)))));
    // The view folds the text for word filters in the tasks after its first screen.
    const f = await foldTimes(rows);
    foldSlice.push(f.slice);
    foldTotal.push(f.total);
  }

  // Each step is the filter after one more user action, from the state before it.
  const steps: [string, Partial<PassageFilter>][] = [
    ['colour', { colors: ['green'] }],
    ['+ tag', { colors: ['green'], tag: 'politics' }],
    ['+ outlet', { colors: ['green'], tag: 'politics', source: 'Outlet 7' }],
    ['clear', {}],
    ['tone', { tone: 'negative' }],
    ['dates', { tone: 'negative', from: '2023-01-01', to: '2024-12-31' }],
    ['word "h"', { words: 'h' }],
    ['word "ha"', { words: 'ha' }],
    ['word "harbour"', { words: 'harbour' }],
    ['words "harbour str"', { words: 'harbour str' }],
    ['words + colour', { words: 'harbour strike', colors: ['blue'] }],
    ['clear all', {}],
  ];
  const results: { step: string; medianMs: number; maxMs: number; rows: number }[] = [];
  const runs = steps.map(() => [] as number[]);
  const counts = steps.map(() => 0);
  for (let r = 0; r < RUNS; r++) {
    const fresh = passageRows(highlights, (id) => summaries.get(id));
    await prepareWordSearch(fresh);
    steps.forEach(([, patch], k) => {
      const filter = { ...emptyPassageFilter(), ...patch };
      let out: unknown[] = [];
      runs[k]!.push(time(() => (out = filterPassages(fresh, filter))));
      counts[k] = out.length;
    });
  }
  steps.forEach(([step], k) =>
    results.push({
      step,
      medianMs: Number(median(runs[k]!).toFixed(2)),
      maxMs: Number(Math.max(...runs[k]!).toFixed(2)),
      rows: counts[k]!,
    }),
  );
  const worst = Math.max(...results.map((r) => r.maxMs));
  console.log(
    JSON.stringify({
      bench: 'highlights-view',
      highlights: HIGHLIGHTS,
      rows: rows.length,
      openMedianMs: Number(median(open).toFixed(1)),
      openMaxMs: Number(Math.max(...open).toFixed(1)),
      foldLongestSliceMedianMs: Number(median(foldSlice).toFixed(1)),
      foldLongestSliceMaxMs: Number(Math.max(...foldSlice).toFixed(1)),
      foldTotalMedianMs: Number(median(foldTotal).toFixed(1)),
      worstStepMs: worst,
      budgetMs: BUDGET_MS,
      withinBudget: worst <= BUDGET_MS,
    }),
  );
  for (const r of results) console.log(JSON.stringify(r));
}

void main();
