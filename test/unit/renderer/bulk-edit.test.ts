import { describe, expect, it } from 'vitest';
import type { LibraryChange, LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import { emptyCoverage } from '@shared/clipping';
import { makeDraft } from '../db/draft-factory';
import { dbOf, openTestLibrary } from '../db/library-factory';

async function seeded(): Promise<{ r: LibraryRepo; ids: string[] }> {
  const r = openTestLibrary();
  const result = await r.storeDrafts(
    [
      ['One', ['energy', 'Politics']],
      ['Two', ['energy']],
      ['Three', []],
      ['Four', ['energy']],
    ].map(([title, tags], i) => ({
      path: `/x/${i}.txt`,
      ...makeDraft(`${String(title)}\nBody ${i}.`, {
        tags: tags as string[],
        ...(i === 2 ? { coverage: { ...emptyCoverage(), mediaType: 'print', page: '7' } } : {}),
      }),
    })),
  );
  return { r, ids: result.stored.map((s) => s.id) };
}

async function counts(r: LibraryRepo): Promise<Record<string, number>> {
  const tags = await r.listTags();
  return Object.fromEntries(tags.filter((t) => t.count > 0).map((t) => [t.name, t.count]));
}

describe('bulk edit of a selection', () => {
  it('sets tone and reach, adds and removes tags on every selected clipping, and leaves the rest', async () => {
    const { r, ids } = await seeded();
    const [a, b, c, d] = ids as [string, string, string, string];
    const changes: LibraryChange[] = [];
    r.onChange((change) => changes.push(change));
    const snapshot = await r.bulkEdit([a, b, c], {
      coverage: { tone: 'negative', reach: 25_000, reachSource: ' Audit 2025 ' },
      addTags: ['Harbour'],
      removeTags: ['ENERGY'],
    });
    expect(snapshot?.clippings.map((s) => s.id).sort()).toEqual([a, b, c].sort());
    for (const id of [a, b, c]) {
      const clipping = await r.getClipping(id);
      expect(clipping?.coverage).toMatchObject({
        tone: 'negative',
        reach: 25_000,
        reachSource: 'Audit 2025',
      });
      expect(clipping?.tags).toContain('Harbour');
      expect(clipping?.tags).not.toContain('energy');
      expect(await dbOf(r).summaries.get(id)).toMatchObject({ tone: 'negative', reach: 25_000 });
    }
    // Fields not named keep their values.
    expect((await r.getClipping(c))?.coverage).toMatchObject({ mediaType: 'print', page: '7' });
    expect((await r.getClipping(d))?.coverage).toEqual(emptyCoverage());
    expect((await r.getClipping(d))?.tags).toEqual(['energy']);
    expect(await counts(r)).toEqual({ energy: 1, Politics: 1, Harbour: 3 });
    expect(
      changes
        .at(-1)
        ?.upserted.map((s) => s.id)
        .sort(),
    ).toEqual([a, b, c].sort());

    await r.restoreBulk(snapshot!);
    expect((await r.getClipping(a))?.tags).toEqual(['energy', 'Politics']);
    expect((await r.getClipping(a))?.coverage).toEqual(emptyCoverage());
    expect((await r.getClipping(c))?.coverage).toMatchObject({ mediaType: 'print', page: '7' });
    expect((await dbOf(r).summaries.get(b))?.tone).toBe('');
    expect(await counts(r)).toEqual({ energy: 3, Politics: 1 });
  });

  it('reports nothing to undo when no clipping changes', async () => {
    const { r, ids } = await seeded();
    expect(await r.bulkEdit([ids[2]!], { removeTags: ['energy'] })).toBeNull();
    expect(await r.bulkEdit([ids[2]!], { coverage: { page: '7' } })).toBeNull();
  });

  it('refuses a bad value whole, changing no clipping', async () => {
    const { r, ids } = await seeded();
    await expect(r.bulkEdit(ids, { coverage: { reach: -5 } })).rejects.toThrow(/whole number/);
    await expect(r.bulkEdit(ids, { coverage: { reach: 1.5 } })).rejects.toThrow(/whole number/);
    await expect(r.bulkEdit(ids, { coverage: { tone: 'angry' as 'negative' } })).rejects.toThrow(
      /tone/,
    );
    for (const id of ids) expect((await dbOf(r).summaries.get(id))?.tone).toBe('');
  });

  it('edits coverage in Edit details and gives back the fields as they were', async () => {
    const { r, ids } = await seeded();
    const c = ids[2]!;
    const previous = await r.updateMetadata(c, {
      section: 'Business',
      coverage: { edition: 'Late', entities: ['Ann Minister', ' ann minister ', 'Port Authority'] },
    });
    expect((await r.getClipping(c))?.coverage).toMatchObject({
      mediaType: 'print',
      page: '7',
      edition: 'Late',
      entities: ['Ann Minister', 'Port Authority'],
    });
    expect(previous).toEqual({ section: '', coverage: { edition: '', entities: [] } });
    await r.updateMetadata(c, previous!);
    expect((await r.getClipping(c))?.coverage).toEqual({
      ...emptyCoverage(),
      mediaType: 'print',
      page: '7',
    });
  });

  it('keeps a tag description, gives back the old one, and refuses an unknown tag', async () => {
    const { r } = await seeded();
    expect(await r.setTagDescription('Energy', '  Prices, grids and supply ')).toBe('');
    expect((await r.listTags()).find((t) => t.key === 'energy')?.description).toBe(
      'Prices, grids and supply',
    );
    await expect(r.setTagDescription('nope', 'x')).rejects.toThrow(/no tag/);
  });
});
