/**
 * Story grouping benchmark: pairwise precision and recall on the seeded labelled corpus
 * (bench/story-corpus.ts), then the engine's cost: sketching and grouping 10,000 clippings
 * (what an import of 10,000 files adds) and regrouping a 100,000-clipping library (what the
 * background worker runs once), with CPU time beside wall time (the machine may be shared);
 * the story-grouped list at 100,000; then the real stories worker regrouping 100,000 stored
 * clippings in Chromium with the built renderer (`npm run build` first; BENCH_WORKER_CLIPPINGS
 * sets the size, 0 leaves it out). Ends with one JSON line.
 */
import { loadavg } from 'node:os';
import { groupStories, type StoryDoc } from '../src/shared/stories/group';
import { sketchOf } from '../src/shared/stories/sketch';
import type { ClippingSummary } from '../src/renderer/src/lib/db';
import { emptyFilters, filterRows, TagPostings } from '../src/renderer/src/lib/row-filter';
import { StoryRows } from '../src/renderer/src/lib/story-rows';
import { measureWorkerRegroup } from './stories-browser';
import { generateStoryCorpus, type LabelledClipping } from './story-corpus';

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

function toDocs(corpus: readonly LabelledClipping[]): StoryDoc[] {
  return corpus.map((c) => ({
    id: c.id,
    source: c.source,
    publishedAt: c.publishedAt,
    language: c.language,
    sketch: sketchOf(c),
  }));
}

function score(corpus: readonly LabelledClipping[]) {
  const docs = toDocs(corpus);
  const stories = groupStories(docs);
  const label = new Map(corpus.map((c) => [c.id, c]));
  let predicted = 0;
  let truePositive = 0;
  const wrong = new Map<string, number>();
  for (const s of stories) {
    predicted += pairs(s.members.length);
    const cells = new Map<string, number>();
    for (const m of s.members) {
      const l = label.get(m.id)?.label ?? '';
      cells.set(l, (cells.get(l) ?? 0) + 1);
    }
    for (const n of cells.values()) truePositive += pairs(n);
    if (cells.size > 1) {
      for (const m of s.members) {
        const kind = label.get(m.id)?.kind ?? '';
        if (
          !kind.includes('+') &&
          ['rival', 'update', 'update-copy', 'translation', 'briefing'].includes(kind)
        )
          wrong.set(kind, (wrong.get(kind) ?? 0) + 1);
      }
    }
  }
  const byLabel = new Map<string, number>();
  for (const c of corpus) byLabel.set(c.label, (byLabel.get(c.label) ?? 0) + 1);
  let actual = 0;
  for (const n of byLabel.values()) actual += pairs(n);
  // Originals: where the agency's own copy is in the corpus, it must be the original.
  let agencyStories = 0;
  let agencyRight = 0;
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const m of s.members) storyOf.set(m.id, s.original);
  for (const c of corpus) {
    if (c.kind !== 'agency') continue;
    agencyStories++;
    if (storyOf.get(c.id) === c.id) agencyRight++;
  }
  return {
    clippings: corpus.length,
    stories: byLabel.size,
    precision: truePositive / Math.max(1, predicted),
    recall: truePositive / Math.max(1, actual),
    agencyOriginal: agencyRight / Math.max(1, agencyStories),
    negativesMerged: Object.fromEntries(wrong),
  };
}

function time<T>(run: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

function corpusOf(size: number, seed: number): LabelledClipping[] {
  // ~14 clippings per event on average, with its negatives.
  const out = generateStoryCorpus({ seed, events: Math.ceil(size / 14) });
  return out.slice(0, size);
}

const load = loadavg()[0]?.toFixed(2);
const quality = score(generateStoryCorpus({ seed: 19, events: 1500 }));
console.log(`labelled corpus: ${quality.clippings} clippings in ${quality.stories} stories`);
console.log(
  `  pairwise precision ${quality.precision.toFixed(4)} (target ≥ 0.99), recall ${quality.recall.toFixed(4)} (target ≥ 0.95)`,
);
console.log(
  `  agency's own copy chosen as original: ${(quality.agencyOriginal * 100).toFixed(1)}%`,
);
console.log(
  `  hard negatives merged into another story: ${JSON.stringify(quality.negativesMerged)}`,
);

const tenK = corpusOf(10_000, 7);
const sketch10 = time(() => toDocs(tenK));
const group10 = time(() => groupStories(sketch10.value));
console.log(
  `10,000 clippings: sketch ${sketch10.ms.toFixed(0)} ms (CPU ${sketch10.cpuMs.toFixed(0)} ms), group ${group10.ms.toFixed(0)} ms (CPU ${group10.cpuMs.toFixed(0)} ms)`,
);

const hundredK = corpusOf(100_000, 11);
const sketch100 = time(() => toDocs(hundredK));
const group100 = time(() => groupStories(sketch100.value));
const regroupMs = sketch100.ms + group100.ms;
const regroupCpuMs = sketch100.cpuMs + group100.cpuMs;
console.log(
  `100,000 clippings, engine alone: sketch ${sketch100.ms.toFixed(0)} ms, group ${group100.ms.toFixed(0)} ms, regroup ${(regroupMs / 1000).toFixed(1)} s, CPU ${(regroupCpuMs / 1000).toFixed(1)} s`,
);
// The story-grouped list of 100,000: a tag filter, then one row per story (what the window
// does on each filter change), median of 21 runs, after the first (the list opening, which
// learns each row's story).
const members = new Map<string, { story: string }>();
for (const story of group100.value)
  if (story.members.length > 1)
    for (const m of story.members) members.set(m.id, { story: story.id });
const summaries: ClippingSummary[] = hundredK.map((c, i) => ({
  id: c.id,
  title: c.title,
  source: c.source,
  section: '',
  authors: [],
  publishedAt: c.publishedAt,
  importedAt: '2025-01-01T00:00:00.000Z',
  language: c.language,
  direction: 'ltr',
  tags: i % 3 === 0 ? ['water'] : i % 3 === 1 ? ['energy', 'water/leaks'] : [],
  deletedAt: '',
  highlightCount: 0,
  hasNote: false,
  mediaType: '',
  tone: '',
  reach: null,
  page: '',
}));
const postings = TagPostings.of(summaries);
const storyRows = new StoryRows(members);
const openStart = performance.now();
storyRows.collapse(filterRows(summaries, emptyFilters(), () => postings));
const listOpen = performance.now() - openStart;
/** Median wall and CPU ms of filter + collapse (CPU: what load does not inflate). */
const listMs = (tags: string[]): { ms: number; cpuMs: number } => {
  const runs: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < 21; k++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    storyRows.collapse(filterRows(summaries, { ...emptyFilters(), tags }, () => postings));
    runs.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[10] as number;
  return { ms: median(runs), cpuMs: median(cpus) };
};
const listAll = listMs([]);
const listTag = listMs(['water']);
console.log(
  `story-grouped list of 100,000 (${members.size} in stories): opened in ${listOpen.toFixed(1)} ms, then all ${listAll.ms.toFixed(1)} ms (CPU ${listAll.cpuMs.toFixed(1)} ms), tag filter ${listTag.ms.toFixed(1)} ms (CPU ${listTag.cpuMs.toFixed(1)} ms) (target ≤ 50 ms a filter)`,
);
/** The worker in the browser, then the summary (tsx runs this file as CommonJS: no top-level await). */
async function finish(): Promise<void> {
  const workerCount = Number(process.env['BENCH_WORKER_CLIPPINGS'] ?? 100_000);
  const worker = workerCount > 0 ? await measureWorkerRegroup(workerCount) : null;
  if (worker) {
    console.log(
      `stories worker in Chromium, ${worker.clippings} stored clippings never grouped (seeded in ${worker.seedSeconds.toFixed(1)} s): regrouped in ${worker.workerSeconds.toFixed(1)} s (target ≤ 30 s), stories shown after ${worker.shownSeconds.toFixed(1)} s; worker thread CPU ${worker.workerCpuSeconds.toFixed(1)} s, browser process (IndexedDB) CPU ${worker.browserCpuSeconds.toFixed(1)} s; ${worker.progressMessages} progress messages`,
    );
    console.log(
      `  the window meanwhile: longest frame gap ${worker.maxFrameGapMs.toFixed(0)} ms, ${worker.longTasks} long tasks (longest ${worker.longestTaskMs.toFixed(0)} ms)`,
    );
  }
  const loadEnd = loadavg()[0]?.toFixed(2);
  console.log(`load average ${load} at start, ${loadEnd} at end`);
  console.log(
    JSON.stringify({
      bench: 'stories',
      precision: Number(quality.precision.toFixed(4)),
      recall: Number(quality.recall.toFixed(4)),
      clippings: quality.clippings,
      agencyOriginal: Number(quality.agencyOriginal.toFixed(4)),
      sketch10kMs: Math.round(sketch10.ms),
      group10kMs: Math.round(group10.ms),
      engine10kCpuMs: Math.round(sketch10.cpuMs + group10.cpuMs),
      sketch100kMs: Math.round(sketch100.ms),
      group100kMs: Math.round(group100.ms),
      regroup100kMs: Math.round(regroupMs),
      regroup100kCpuMs: Math.round(regroupCpuMs),
      worker: worker && {
        clippings: worker.clippings,
        regroupSeconds: Number(worker.workerSeconds.toFixed(1)),
        shownSeconds: Number(worker.shownSeconds.toFixed(1)),
        workerCpuSeconds: Number(worker.workerCpuSeconds.toFixed(1)),
        browserCpuSeconds: Number(worker.browserCpuSeconds.toFixed(1)),
        maxFrameGapMs: Math.round(worker.maxFrameGapMs),
        longTasks: worker.longTasks,
        longestTaskMs: Math.round(worker.longestTaskMs),
      },
      storyListOpen100kMs: Number(listOpen.toFixed(1)),
      storyList100kMs: Number(listAll.ms.toFixed(1)),
      storyList100kCpuMs: Number(listAll.cpuMs.toFixed(1)),
      storyListTag100kMs: Number(listTag.ms.toFixed(1)),
      storyListTag100kCpuMs: Number(listTag.cpuMs.toFixed(1)),
      loadAverage: [Number(load), Number(loadEnd)],
    }),
  );
}

void finish();
