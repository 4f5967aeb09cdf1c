import { describe, expect, it } from 'vitest';
import type { Highlight } from '@shared/annotations';
import type { LibraryChange, LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import { makeDraft } from '../db/draft-factory';
import { dbOf, openTestLibrary } from '../db/library-factory';

function repo(): LibraryRepo {
  return openTestLibrary();
}

/** The maintained counts, as a plain object, for comparison with a count done by hand. */
async function tagCounts(r: LibraryRepo): Promise<Record<string, number>> {
  const tags = await r.listTags();
  return Object.fromEntries(tags.filter((t) => t.count > 0).map((t) => [t.name, t.count]));
}

/** Counts computed by scanning every live clipping: what the maintained counts must equal. */
async function scannedCounts(r: LibraryRepo): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const c of await dbOf(r).clippings.toArray()) {
    if (c.deletedAt) continue;
    for (const t of c.tags) counts[t] = (counts[t] ?? 0) + 1;
  }
  return counts;
}

async function seed(r: LibraryRepo, specs: Array<[string, string[]]>): Promise<string[]> {
  const result = await r.storeDrafts(
    specs.map(([title, tags], i) => ({
      path: `/x/${i}.txt`,
      ...makeDraft(`${title}\nBody ${i}.`, { tags }),
    })),
  );
  return result.stored.map((s) => s.id);
}

describe('storing drafts', () => {
  it('stores each clipping with its original bytes and summary, and skips duplicates by content', async () => {
    const r = repo();
    const changes: LibraryChange[] = [];
    r.onChange((c) => changes.push(c));
    const a = makeDraft('A title\nBody A.');
    const b = makeDraft('B title\nBody B.', { publishedAt: '2025-03-01' });
    const first = await r.storeDrafts([
      { path: '/x/a.txt', ...a },
      { path: '/x/b.txt', ...b },
      { path: '/x/a-copy.txt', ...a },
    ]);
    expect(first.stored.map((s) => s.path)).toEqual(['/x/a.txt', '/x/b.txt']);
    expect(first.duplicates).toEqual([
      {
        path: '/x/a-copy.txt',
        existingId: first.stored[0]?.id,
        existingTitle: 'A title',
        index: 2,
      },
    ]);
    const again = await r.storeDrafts([{ path: '/y/b.txt', ...b }]);
    expect(again.stored).toEqual([]);
    expect(again.duplicates[0]?.existingTitle).toBe('B title');
    expect(await dbOf(r).clippings.count()).toBe(2);
    expect(await dbOf(r).originals.count()).toBe(2);
    expect(await dbOf(r).summaries.count()).toBe(2);
    const stored = await dbOf(r).originals.get(first.stored[0]?.id ?? '');
    expect(new TextDecoder().decode(stored?.bytes)).toBe('A title\nBody A.');
    expect(changes[0]?.upserted.map((s) => s.title)).toEqual(['A title', 'B title']);
  });

  it('merges imported tags with existing ones case-insensitively and counts them', async () => {
    const r = repo();
    await seed(r, [['One', ['Energy', 'prices']]]);
    await seed(r, [['Two', ['energy', ' Politics / Europe ']]]);
    const two = (await dbOf(r).clippings.toArray()).find((c) => c.title === 'Two');
    expect(two?.tags).toEqual(['Energy', 'Politics/Europe']);
    expect(await tagCounts(r)).toEqual({ Energy: 2, prices: 1, 'Politics/Europe': 1 });
  });

  it('stores nothing of a batch that fails part-way', async () => {
    const r = repo();
    const db = dbOf(r);
    await db.originals.add({
      id: 'taken',
      sha256: 'x',
      name: 'x',
      size: 0,
      bytes: new Uint8Array(),
    });
    const realAdd = db.originals.bulkAdd.bind(db.originals);
    db.originals.bulkAdd = (async () => {
      await realAdd([{ id: 'taken', sha256: 'y', name: 'y', size: 0, bytes: new Uint8Array() }]);
    }) as unknown as typeof db.originals.bulkAdd;
    await expect(
      r.storeDrafts([
        { path: '/a', ...makeDraft('Good\nText.', { tags: ['t'] }) },
        { path: '/b', ...makeDraft('Bad\nText.') },
      ]),
    ).rejects.toThrow();
    expect(await db.clippings.count()).toBe(0);
    expect(await db.summaries.count()).toBe(0);
    expect(await db.tags.count()).toBe(0);
    expect(await db.originals.count()).toBe(1);
  });
});

describe('maintained tag counts', () => {
  it('follow tagging, trash, restore and empty trash exactly', async () => {
    const r = repo();
    const [a, b, c] = await seed(r, [
      ['A', ['politics']],
      ['B', ['politics/europe', 'energy']],
      ['C', []],
    ]);
    await r.changeTags([a!, c!], ['energy'], []);
    expect(await tagCounts(r)).toEqual(await scannedCounts(r));
    expect(await tagCounts(r)).toEqual({ politics: 1, 'politics/europe': 1, energy: 3 });
    await r.trash([b!]);
    expect(await tagCounts(r)).toEqual({ politics: 1, energy: 2 });
    await r.restore([b!]);
    expect(await tagCounts(r)).toEqual({ politics: 1, 'politics/europe': 1, energy: 3 });
    await r.changeTags([a!], [], ['ENERGY']);
    expect(await tagCounts(r)).toEqual(await scannedCounts(r));
    await r.trash([c!]);
    expect(await r.emptyTrash()).toBe(1);
    expect(await dbOf(r).clippings.count()).toBe(2);
    expect(await dbOf(r).originals.count()).toBe(2);
    expect(await tagCounts(r)).toEqual(await scannedCounts(r));
  });

  it('rename moves sub-tags, merge combines, and undo restores exactly', async () => {
    const r = repo();
    const [a, b, c] = await seed(r, [
      ['A', ['politics', 'politics/europe']],
      ['B', ['politics/europe']],
      ['C', ['world']],
    ]);
    await r.setTagColor('politics', '#dc2626');
    const before = await dbOf(r).clippings.toArray();
    const snapshot = await r.renameTag('politics', 'world');
    const byId = new Map((await dbOf(r).clippings.toArray()).map((x) => [x.id, x.tags]));
    expect(byId.get(a!)).toEqual(['world', 'world/europe']);
    expect(byId.get(b!)).toEqual(['world/europe']);
    expect(byId.get(c!)).toEqual(['world']);
    expect(await tagCounts(r)).toEqual({ world: 2, 'world/europe': 2 });
    expect(await tagCounts(r)).toEqual(await scannedCounts(r));
    await r.restoreTags(snapshot);
    expect(await dbOf(r).clippings.toArray()).toEqual(before);
    expect(await tagCounts(r)).toEqual({ politics: 1, 'politics/europe': 2, world: 1 });
    expect((await dbOf(r).tags.get('politics'))?.color).toBe('#dc2626');
  });

  it('delete removes a tag from clippings and highlights; undo puts it back', async () => {
    const r = repo();
    const [a] = await seed(r, [['A', ['keep', 'drop']]]);
    const highlight: Highlight = {
      id: 'h1',
      clippingId: a!,
      color: 'yellow',
      note: '',
      tags: ['drop'],
      quote: { type: 'TextQuoteSelector', exact: 'Body', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 3, end: 7 },
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    };
    await r.saveHighlight(highlight);
    const snapshot = await r.deleteTag('DROP');
    expect((await r.getClipping(a!))?.tags).toEqual(['keep']);
    expect((await dbOf(r).highlights.get('h1'))?.tags).toEqual([]);
    expect(await tagCounts(r)).toEqual({ keep: 1 });
    await r.restoreTags(snapshot);
    expect((await r.getClipping(a!))?.tags).toEqual(['keep', 'drop']);
    expect((await dbOf(r).highlights.get('h1'))?.tags).toEqual(['drop']);
    expect(await tagCounts(r)).toEqual({ keep: 1, drop: 1 });
  });
});

describe('highlights, notes and metadata', () => {
  it('keep the summary flags in step', async () => {
    const r = repo();
    const [a] = await seed(r, [['A', []]]);
    const h = {
      id: 'h',
      clippingId: a!,
      color: 'green' as const,
      note: 'n',
      tags: [],
      quote: { type: 'TextQuoteSelector' as const, exact: 'A', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector' as const, start: 0, end: 1 },
      createdAt: 'x',
      updatedAt: 'x',
    };
    await r.saveHighlight(h);
    expect((await dbOf(r).summaries.get(a!))?.highlightCount).toBe(1);
    await r.saveNote(a!, 'A thought');
    expect((await dbOf(r).summaries.get(a!))?.hasNote).toBe(true);
    expect(await r.noteOf(a!)).toBe('A thought');
    await r.saveNote(a!, '  ');
    expect((await dbOf(r).summaries.get(a!))?.hasNote).toBe(false);
    expect(await r.deleteHighlight('h')).toEqual(h);
    expect((await dbOf(r).summaries.get(a!))?.highlightCount).toBe(0);
  });

  it('edits metadata, validates it, and returns what undo needs', async () => {
    const r = repo();
    const [a] = await seed(r, [['Old', []]]);
    const previous = await r.updateMetadata(a!, {
      title: ' New ',
      authors: ['Ann Lee', ' '],
      publishedAt: '2024-07-18',
    });
    expect(previous).toEqual({ title: 'Old', authors: [], publishedAt: '2025-01-02' });
    expect((await dbOf(r).summaries.get(a!))?.title).toBe('New');
    await expect(r.updateMetadata(a!, { url: 'javascript:alert(1)' })).rejects.toThrow(/http/);
    await expect(r.updateMetadata(a!, { title: '' })).rejects.toThrow(/title/);
    await expect(r.updateMetadata(a!, { publishedAt: 'yesterday' })).rejects.toThrow(/date/);
  });
});

describe('reading the library', () => {
  it('loadSummaries reads every summary unchanged, across chunks, sharing repeated strings', async () => {
    const r = repo();
    await seed(r, [
      ['One', ['politics', 'politics/europe']],
      ['Two', ['politics']],
      ['Three', []],
      ['Four', ['Economy']],
      ['Five', ['politics', 'economy']],
    ]);
    const stored = (await dbOf(r).summaries.toArray()).sort((a, b) => a.id.localeCompare(b.id));
    // Chunks of two: the pool spans chunks, and every field comes out as it was stored.
    const loaded = (await r.loadSummaries(2)).sort((a, b) => a.id.localeCompare(b.id));
    expect(loaded).toEqual(stored);
  });
});
