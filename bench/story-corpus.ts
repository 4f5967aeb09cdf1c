/**
 * A seeded, labelled corpus for story grouping: wire stories republished by many outlets
 * with the edits outlets make (retitled, trimmed, near-exact, their own lead, byline block,
 * added boilerplate), and the hard negatives that must stay apart: another outlet's own
 * report of the same event (same names, same quote), an update of a story, a translation,
 * and an outlet's daily briefings built on one template. Each clipping carries the label of
 * the story it belongs to; pairs with the same label are the true pairs.
 */
import { makeRandom } from './generate-articles';

export interface LabelledClipping {
  id: string;
  label: string;
  kind: string;
  title: string;
  source: string;
  publishedAt: string;
  language: string;
  paragraphs: string[];
}

type Rand = () => number;

const SYLLABLES =
  'ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu da de di do du ga ge go pa pe po tra tre ster mon vel dor'.split(
    ' ',
  );
const FUNCTION_WORDS =
  'the of and to in a that is was for on with as by at from it his her their said would will has have had be been were are not but which who after before more than also over about into could its they this an new one two last year week minister government police officials people city country state company told percent'.split(
    ' ',
  );
const STOCK_PHRASES = [
  'said in a statement on',
  'according to people familiar with the matter',
  'did not immediately respond to a request for comment',
  'the prime minister said on',
  'it was not immediately clear',
  'told reporters on',
  'in a statement released late on',
  'officials said the investigation was continuing',
  'the ministry said in a statement',
  'declined to comment on the report',
  'the company said in a filing',
  'a spokesperson for the department said',
];
const OUTLETS = Array.from(
  { length: 120 },
  (_, i) =>
    `Outlet ${i + 1} ${['Herald', 'Times', 'Post', 'Courier', 'Gazette', 'Daily', 'News', 'Tribune'][i % 8]}`,
);
const AGENCIES = [
  { source: 'Reuters', mark: '(Reuters)' },
  { source: 'AFP', mark: '(AFP)' },
  { source: 'Associated Press', mark: '(AP)' },
  { source: 'dpa', mark: '(dpa)' },
];
const CITIES = [
  'LONDON',
  'PARIS',
  'BERLIN',
  'NAIROBI',
  'TOKYO',
  'LIMA',
  'OSLO',
  'CAIRO',
  'DELHI',
  'OTTAWA',
];

function pick<T>(rand: Rand, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function int(rand: Rand, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** A Zipf-ish vocabulary of invented words, so texts share common words but rarely phrases. */
function makeVocabulary(rand: Rand, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    let w = '';
    const n = int(rand, 1, 4);
    for (let i = 0; i < n; i++) w += pick(rand, SYLLABLES);
    words.add(w);
  }
  return [...words];
}

class Writer {
  constructor(
    readonly rand: Rand,
    readonly vocabulary: readonly string[],
  ) {}

  word(): string {
    const r = this.rand();
    if (r < 0.45) return pick(this.rand, FUNCTION_WORDS);
    // Rank ~ 1/u: a few content words are very common, most are rare.
    const rank = Math.floor(Math.pow(this.vocabulary.length, this.rand()) - 1);
    return this.vocabulary[Math.min(rank, this.vocabulary.length - 1)] as string;
  }

  sentence(names: readonly string[]): string {
    const n = int(this.rand, 10, 26);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.rand();
      if (r < 0.06 && names.length > 0) words.push(pick(this.rand, names));
      else if (r < 0.09) words.push(pick(this.rand, STOCK_PHRASES));
      else if (r < 0.11) words.push(String(int(this.rand, 2, 990)));
      else words.push(this.word());
    }
    const text = words.join(' ');
    return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}.`;
  }

  paragraph(names: readonly string[], quote?: string): string {
    const parts: string[] = [];
    const n = int(this.rand, 1, 3);
    for (let i = 0; i < n; i++) parts.push(this.sentence(names));
    if (quote && this.rand() < 0.5) parts.push(`"${quote}," ${pick(this.rand, names)} said.`);
    return parts.join(' ');
  }

  text(names: readonly string[], quote: string, count: number): string[] {
    return Array.from({ length: count }, (_, i) =>
      this.paragraph(names, i === 2 ? quote : undefined),
    );
  }
}

function isoDay(base: number, plus: number): string {
  return new Date((base + plus) * 86_400_000).toISOString().slice(0, 10);
}

/** Light copy-editing: a few words changed, spellings, a dropped sentence end. */
function nearExact(rand: Rand, w: Writer, paragraphs: string[]): string[] {
  return paragraphs.map((p) =>
    p
      .split(' ')
      .map((word) => (rand() < 0.02 ? w.word() : word.replace(/ise\b/, 'ize')))
      .join(' ')
      .replace(/"/g, rand() < 0.5 ? '“' : '"'),
  );
}

export interface CorpusOptions {
  seed: number;
  /** Wire stories (each with its copies and negatives). */
  events: number;
  maxCopies?: number;
}

export function generateStoryCorpus(options: CorpusOptions): LabelledClipping[] {
  const rand = makeRandom(options.seed);
  const w = new Writer(rand, makeVocabulary(rand, 6000));
  const de = new Writer(rand, makeVocabulary(makeRandom(options.seed + 1), 6000));
  const maxCopies = options.maxCopies ?? 40;
  const out: LabelledClipping[] = [];
  let serial = 0;
  const add = (c: Omit<LabelledClipping, 'id'>): void => {
    serial += 1;
    out.push({ id: `doc-${String(serial).padStart(6, '0')}`, ...c });
  };
  const base = 19_700; // 2023-12-08
  for (let e = 0; e < options.events; e++) {
    const day = base + int(rand, 0, 365);
    const names = [
      `${pick(rand, ['Maria', 'Amir', 'Tom', 'Jonas', 'Anna', 'Lars', 'Keiko'])} ${w.word()}`,
      w.word(),
      `${w.word()} Ministry`,
    ];
    const quote = w.sentence(names).slice(0, -1);
    const agency = rand() < 0.6 ? pick(rand, AGENCIES) : null;
    const city = pick(rand, CITIES);
    const body = w.text(names, quote, int(rand, 6, 16));
    if (agency) body[0] = `${city} ${agency.mark} - ${body[0]}`;
    const title = w.sentence(names).slice(0, 60);
    const label = `story-${e}`;
    // Copies: mostly a few, sometimes dozens.
    const copies = Math.min(maxCopies, 1 + Math.floor(Math.pow(rand(), 2.2) * maxCopies));
    const outlets = [...OUTLETS].sort(() => rand() - 0.5);
    const agencyCopy = agency && rand() < 0.7;
    if (agencyCopy && agency)
      add({
        label,
        kind: 'agency',
        title,
        source: agency.source,
        publishedAt: isoDay(day, 0),
        language: 'en',
        paragraphs: body,
      });
    for (let c = agencyCopy ? 1 : 0; c < copies; c++) {
      const source = outlets[c % outlets.length] as string;
      let paragraphs = [...body];
      let t = title;
      const kinds: string[] = [];
      const edits = int(rand, 1, 2);
      for (let k = 0; k < edits; k++) {
        const kind = pick(rand, ['exact', 'near', 'trim', 'retitle', 'lead', 'byline', 'boiler']);
        kinds.push(kind);
        if (kind === 'near') paragraphs = nearExact(rand, w, paragraphs);
        else if (kind === 'trim')
          paragraphs = paragraphs.slice(
            0,
            Math.max(3, Math.ceil(paragraphs.length * (0.4 + rand() * 0.4))),
          );
        else if (kind === 'retitle') t = w.sentence(names).slice(0, 70);
        else if (kind === 'lead')
          paragraphs = [w.paragraph(names), ...paragraphs.slice(paragraphs.length > 6 ? 1 : 0)];
        else if (kind === 'byline')
          paragraphs = [
            `By ${pick(rand, ['Ann', 'Bo', 'Cy'])} ${w.word()}, ${source}`,
            ...paragraphs,
          ];
        else if (kind === 'boiler')
          paragraphs = [
            ...paragraphs.slice(0, 2),
            `Read more: ${w.sentence(names)}`,
            ...paragraphs.slice(2),
            `Sign up for the ${source} newsletter to get the top stories every morning.`,
            `© 2024 ${source}. All rights reserved.`,
          ];
      }
      add({
        label,
        kind: kinds.join('+'),
        title: t,
        source,
        publishedAt: isoDay(day, int(rand, 0, 3)),
        language: 'en',
        paragraphs,
      });
    }
    // Hard negatives, each its own story.
    const r = rand();
    if (r < 0.35) {
      // A rival's own report: same names, same quote, own words.
      add({
        label: `${label}-rival`,
        kind: 'rival',
        title,
        source: pick(rand, OUTLETS),
        publishedAt: isoDay(day, int(rand, 0, 1)),
        language: 'en',
        paragraphs: w.text(names, quote, int(rand, 5, 12)),
      });
    } else if (r < 0.6) {
      // An update rewrites the top, keeps at most half of the earlier text (copy-edited)
      // and adds new paragraphs; a copy of it is its own story's copy.
      const rest = body.slice(1).sort(() => rand() - 0.5);
      const kept = nearExact(
        rand,
        w,
        rest.slice(0, Math.floor(rest.length * (0.3 + rand() * 0.2))),
      );
      const update = [
        w.paragraph(names),
        w.paragraph(names),
        ...kept,
        w.paragraph(names),
        w.paragraph(names),
        w.paragraph(names),
      ];
      if (agency) update[0] = `${city} ${agency.mark} - ${update[0]}`;
      const u = `${label}-update`;
      add({
        label: u,
        kind: 'update',
        title: `UPDATE 1-${title}`,
        source: agency?.source ?? pick(rand, OUTLETS),
        publishedAt: isoDay(day, 1),
        language: 'en',
        paragraphs: update,
      });
      add({
        label: u,
        kind: 'update-copy',
        title: `${title} (updated)`,
        source: pick(rand, OUTLETS),
        publishedAt: isoDay(day, 1),
        language: 'en',
        paragraphs: update.slice(0, Math.max(3, update.length - 2)),
      });
    } else if (r < 0.75) {
      // A translation, in another language, keeping the names.
      add({
        label: `${label}-de`,
        kind: 'translation',
        title,
        source: 'Nordsee Kurier',
        publishedAt: isoDay(day, 1),
        language: 'de',
        paragraphs: de.text(names, quote, body.length),
      });
    }
  }
  // An outlet's daily briefings: one template, different items, consecutive days.
  const series = Math.max(1, Math.floor(options.events / 40));
  for (let s = 0; s < series; s++) {
    const source = `Briefing Desk ${s + 1}`;
    const start = base + int(rand, 0, 300);
    const template = [
      `Good morning. This is the ${source} briefing, with the stories you need to know about before the day begins.`,
      `Here is what our correspondents are following today across the region and the wider world.`,
      `That is all for today. If you were forwarded this briefing, sign up to receive it every weekday morning.`,
      `Send your tips and comments to the ${source} team. We read every message and reply to as many as we can.`,
    ];
    for (let d = 0; d < 12; d++) {
      const names = [w.word(), w.word()];
      const items = w.text(names, w.sentence(names), int(rand, 3, 5));
      add({
        label: `${source}-${d}`,
        kind: 'briefing',
        title: `Morning briefing ${isoDay(start, d)}`,
        source,
        publishedAt: isoDay(start, d),
        language: 'en',
        paragraphs: [
          template[0] as string,
          template[1] as string,
          ...items,
          template[2] as string,
          template[3] as string,
        ],
      });
    }
  }
  return out;
}
