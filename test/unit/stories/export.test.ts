/** Stories in exports: CSV columns, lossless JSON (with the user's choices), the clip book. */
import { describe, expect, it } from 'vitest';
import { clipBookHtml } from '@shared/export/clip-book';
import { exportCsv } from '@shared/export/csv';
import { exportJson, parseClipbookExport } from '@shared/export/json';
import { alsoInLine, onePerStory } from '@shared/export/stories';
import type { ExportItem } from '@shared/export/types';
import { sampleItems } from '../export/sample-items';

const OPTIONS = { generatedAt: '2025-10-01T00:00:00.000Z', title: 'Water' };

function withStories(): ExportItem[] {
  const [a, b, c] = sampleItems();
  return [
    { ...a!, story: { id: a!.clipping.id, copies: 1, alsoIn: ['Valley Gazette'], choices: [] } },
    {
      ...b!,
      clipping: { ...b!.clipping, source: 'Valley Gazette' },
      story: { id: a!.clipping.id, copies: 1, alsoIn: [a!.clipping.source], choices: [] },
    },
    {
      ...c!,
      story: {
        id: c!.clipping.id,
        copies: 0,
        alsoIn: [],
        choices: [{ kind: 'apart', with: a!.clipping.id }],
      },
    },
  ];
}

describe('stories in exports', () => {
  it('CSV carries each clipping’s story id and its number of other copies', () => {
    const items = withStories();
    const [file] = exportCsv(items, OPTIONS);
    const lines = String(file?.data).split('\r\n');
    expect(lines[0]).toMatch(/,story_id,story_copies$/);
    const story = items[0]!.clipping.id;
    expect(lines.filter((l) => l.endsWith(`,${story},1`))).toHaveLength(2);
    expect(lines.some((l) => l.endsWith(`,${items[2]!.clipping.id},0`))).toBe(true);
  });

  it('lossless JSON keeps stories and the user’s choices, and reads them back', () => {
    const items = withStories();
    const [file] = exportJson(items, OPTIONS);
    const parsed = parseClipbookExport(String(file?.data));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.items.map((i) => i.story)).toEqual(items.map((i) => i.story));
    // An export from before stories still reads.
    const old = JSON.parse(String(file?.data)) as { items: { story?: unknown }[] };
    for (const i of old.items) delete i.story;
    const again = parseClipbookExport(JSON.stringify(old));
    expect(again.ok && again.items.every((i) => i.story === undefined)).toBe(true);
  });

  it('the clip book can list one entry per story, with “Also in”', () => {
    const items = withStories();
    expect(onePerStory(items).map((i) => i.clipping.id)).toEqual([
      items[0]!.clipping.id,
      items[2]!.clipping.id,
    ]);
    expect(alsoInLine(items[0]!)).toBe('Also in: Valley Gazette');
    expect(
      alsoInLine({
        ...items[0]!,
        story: { ...items[0]!.story!, alsoIn: Array.from({ length: 10 }, (_, i) => `O${i}`) },
      }),
    ).toBe('Also in: O0, O1, O2, O3, O4, O5, O6, O7 and 2 more');
    const html = clipBookHtml(items, { ...OPTIONS, onePerStory: true });
    expect(html).toContain('2 clippings');
    expect(html).toContain('<p class="also-in">Also in: Valley Gazette</p>');
    expect(clipBookHtml(items, OPTIONS)).not.toContain('Also in');
  });
});
