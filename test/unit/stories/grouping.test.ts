/**
 * The grouping rules on hand-made, real-looking copies of one wire story (test/fixtures/
 * stories): each edit kind joins the story, each hard negative stays out, and the user's
 * choices win over every later regrouping.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/main/import/index';
import { groupStories, type StoryDoc } from '@shared/stories/group';
import { sketchOf } from '@shared/stories/sketch';

const DIR = join(__dirname, '../../fixtures/stories');
const NAMES = [
  'wire-reuters',
  'copy-herald',
  'copy-trimmed',
  'copy-own-lead',
  'copy-near-exact',
  'rival-report',
  'update-reuters',
  'translation-de',
  'briefing-1',
  'briefing-2',
  'briefing-3',
] as const;
type Name = (typeof NAMES)[number];

const docs = new Map<Name, StoryDoc>();

beforeAll(async () => {
  for (const name of NAMES) {
    const r = await parseFile(join(DIR, `${name}.md`));
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    const d = r.draft;
    docs.set(name, {
      id: name,
      source: d.source,
      publishedAt: d.publishedAt,
      language: d.language,
      sketch: sketchOf(d),
    });
  }
});

function doc(name: Name, patch: Partial<StoryDoc> = {}): StoryDoc {
  return { ...(docs.get(name) as StoryDoc), ...patch };
}

/** The stories as sorted lists of member ids, sorted. */
function partition(list: StoryDoc[], choices?: Parameters<typeof groupStories>[1]): string[][] {
  return groupStories(list, choices)
    .map((s) => s.members.map((m) => m.id).sort())
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

function together(a: Name, b: Name): boolean {
  return groupStories([doc(a), doc(b)]).length === 1;
}

describe('copies of one text join its story', () => {
  it.each([
    ['copy-herald', 'a new headline, a byline block, "Read more" and newsletter/copyright lines'],
    ['copy-trimmed', 'a trimmed copy (the first half, contained in the whole)'],
    ['copy-own-lead', "the outlet's own lead instead of the wire's"],
    ['copy-near-exact', 'a copy-edited copy (words changed here and there)'],
  ] as const)('%s: %s', (name, _why) => {
    expect(together('wire-reuters', name)).toBe(true);
  });

  it('an exact copy under another outlet and headline', () => {
    const copy = doc('wire-reuters', { id: 'exact', source: 'Another Outlet' });
    expect(groupStories([doc('wire-reuters'), copy])).toHaveLength(1);
  });

  it('copies join each other without the wire in the library', () => {
    expect(together('copy-trimmed', 'copy-herald')).toBe(true);
  });
});

describe('different texts stay apart', () => {
  it.each([
    ['rival-report', "a rival's own report of the event: same names, same quote, own words"],
    ['update-reuters', 'an update of the story: new top, a few paragraphs kept'],
    ['translation-de', 'a translation (another language)'],
  ] as const)('%s: %s', (name, _why) => {
    expect(together('wire-reuters', name)).toBe(false);
    expect(together('copy-trimmed', name)).toBe(false);
  });

  it("an outlet's daily briefings on one template are each their own story", () => {
    expect(together('briefing-1', 'briefing-2')).toBe(false);
    expect(partition([doc('briefing-1'), doc('briefing-2'), doc('briefing-3')])).toHaveLength(3);
  });

  it('a copy published outside the date window is not compared', () => {
    const late = doc('copy-herald', { publishedAt: '2025-08-01' });
    expect(groupStories([doc('wire-reuters'), late])).toHaveLength(2);
  });

  it('an undated copy is compared with undated clippings only', () => {
    const a = doc('copy-herald', { publishedAt: '' });
    const b = doc('copy-trimmed', { publishedAt: '' });
    expect(partition([doc('wire-reuters'), a, b])).toEqual([
      ['copy-herald', 'copy-trimmed'],
      ['wire-reuters'],
    ]);
  });
});

describe('the whole set', () => {
  it('makes one story of the copies with the agency copy as original, the rest alone', () => {
    const all = NAMES.map((n) => doc(n));
    const stories = groupStories(all);
    const big = stories.find((s) => s.members.length > 1);
    expect(stories.filter((s) => s.members.length > 1)).toHaveLength(1);
    expect(big?.original).toBe('wire-reuters');
    expect(big?.agency).toBe('Reuters');
    expect(big?.members.map((m) => m.id).sort()).toEqual([
      'copy-herald',
      'copy-near-exact',
      'copy-own-lead',
      'copy-trimmed',
      'wire-reuters',
    ]);
    for (const m of big?.members ?? []) expect(m.similarity).toBeGreaterThanOrEqual(0.7);
  });

  it('without an agency copy the earliest published copy is the original', () => {
    const stories = groupStories([
      doc('copy-trimmed'),
      doc('copy-herald', { publishedAt: '2025-06-10T07:00:00Z' }),
      doc('copy-near-exact', { publishedAt: '2025-06-10T09:30:00Z' }),
    ]);
    expect(stories).toHaveLength(1);
    expect(stories[0]?.original).toBe('copy-herald');
    expect(stories[0]?.agency).toBe('Reuters');
  });

  it('is the same whatever order the clippings come in', () => {
    const all = NAMES.map((n) => doc(n));
    expect(partition([...all].reverse())).toEqual(partition(all));
  });
});

describe("the user's choices", () => {
  const copies = (): StoryDoc[] =>
    ['wire-reuters', 'copy-herald', 'copy-trimmed', 'copy-own-lead'].map((n) => doc(n as Name));

  it('a copy split out stays out when regrouped, also when more copies arrive', () => {
    const apart = ['wire-reuters', 'copy-herald', 'copy-own-lead'].map(
      (m) => ['copy-trimmed', m] as const,
    );
    expect(partition(copies(), { together: [], apart })).toEqual([
      ['copy-herald', 'copy-own-lead', 'wire-reuters'],
      ['copy-trimmed'],
    ]);
    // A new copy similar to both sides joins one side; the split copy still never joins the story.
    const more = [...copies(), doc('copy-near-exact')];
    const parts = partition(more, { together: [], apart });
    expect(parts.find((p) => p.includes('wire-reuters'))).not.toContain('copy-trimmed');
  });

  it('two stories merged by hand stay merged; a merge overrides the measurement', () => {
    const parts = partition([doc('wire-reuters'), doc('rival-report'), doc('briefing-1')], {
      together: [['wire-reuters', 'rival-report']],
      apart: [],
    });
    expect(parts).toEqual([['briefing-1'], ['rival-report', 'wire-reuters']]);
  });

  it('choices naming clippings that are not there are ignored', () => {
    expect(
      partition(copies(), { together: [['gone', 'wire-reuters']], apart: [['x', 'y']] }),
    ).toHaveLength(1);
  });
});
