import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../../src/shared/annotations';
import { createBackup, restoreBackup, verifyBackup } from '../../../src/renderer/src/lib/backup';
import { createDatabase, type ClipbookDb } from '../../../src/renderer/src/lib/db';
import { LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import { makeDraft } from '../db/draft-factory';
import { uniqueDbName } from '../db/seed';

const TAGS = ['politics', 'politics/europe', 'energy', 'transport', 'un'];

async function seedLibrary(count: number): Promise<LibraryRepo> {
  const repo = new LibraryRepo(createDatabase(uniqueDbName()));
  {
    const drafts = [];
    for (let i = 0; i < count; i++) {
      drafts.push({
        path: `/x/${i}.txt`,
        ...makeDraft(`Article ${i}\nFirst paragraph of ${i}.\nSecond paragraph, «${i}».`, {
          tags: [TAGS[i % TAGS.length]!, ...(i % 7 === 0 ? ['long-read'] : [])],
          language: i % 3 === 0 ? 'ru' : 'en',
        }),
      });
    }
    await repo.storeDrafts(drafts);
  }
  const ids = (await repo.db.clippings.toCollection().primaryKeys()) as string[];
  for (const [n, id] of ids.slice(0, 200).entries()) {
    const highlight: Highlight = {
      id: `h-${n}`,
      clippingId: id,
      color: n % 2 ? 'pink' : 'yellow',
      note: `note ${n}`,
      tags: n % 3 ? [] : ['quote'],
      quote: { type: 'TextQuoteSelector', exact: 'First', prefix: '', suffix: ' paragraph' },
      position: { type: 'TextPositionSelector', start: 0, end: 5 },
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    await repo.saveHighlight(highlight);
    if (n % 4 === 0) await repo.saveNote(id, `Thoughts on ${n}`);
  }
  await repo.trash(ids.slice(300, 320));
  await repo.setTagColor('energy', '#16a34a');
  await repo.db.settings.put({ key: 'export', value: { choice: 'md' } });
  return repo;
}

async function dump(db: ClipbookDb) {
  const sortById = <T extends { id: string }>(rows: T[]) =>
    rows.sort((a, b) => a.id.localeCompare(b.id));
  return {
    clippings: sortById(await db.clippings.toArray()),
    originals: sortById(await db.originals.toArray()),
    summaries: sortById(await db.summaries.toArray()),
    highlights: sortById(await db.highlights.toArray()),
    notes: (await db.notes.toArray()).sort((a, b) => a.clippingId.localeCompare(b.clippingId)),
    tags: (await db.tags.toArray()).sort((a, b) => a.key.localeCompare(b.key)),
    settings: await db.settings.toArray(),
  };
}

describe('backup and restore', () => {
  it('a backup of 10,000 clippings restored into a fresh profile is identical, record for record', async () => {
    const repo = await seedLibrary(10_000);
    const bytes = await createBackup(repo.db);
    const verified = await verifyBackup(bytes);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.backup.counts).toEqual({
      clippings: 10_000,
      highlights: 200,
      notes: 50,
      originals: 10_000,
    });
    const fresh = createDatabase(uniqueDbName());
    await restoreBackup(fresh, verified.backup, 'replace');
    expect(await dump(fresh)).toEqual(await dump(repo.db));
  }, 120_000);

  it('refuses damaged, foreign and too-new files before touching the library', async () => {
    const repo = await seedLibrary(20);
    const before = await dump(repo.db);
    const good = await createBackup(repo.db);
    const truncated = good.slice(0, good.length - 20);
    expect(await verifyBackup(truncated)).toMatchObject({ ok: false });
    expect(await verifyBackup(new TextEncoder().encode('{"hello":1}'))).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a Clipbook backup'),
    });
    // Flip one character inside the records: the checksum catches it.
    const text = new TextDecoder().decode(await gunzip(good));
    const edited = text.replace('Article 1', 'Article 9');
    expect(await verifyBackup(await gzip(edited))).toMatchObject({
      ok: false,
      error: expect.stringContaining('checksum'),
    });
    const newer = text.replace(/"schemaVersion":\d+/, '"schemaVersion":999');
    expect(await verifyBackup(await gzip(newer))).toMatchObject({
      ok: false,
      error: expect.stringContaining('newer version'),
    });
    expect(await dump(repo.db)).toEqual(before);
  });

  it('merge keeps the library and adds only what it lacks', async () => {
    const repo = await seedLibrary(30);
    const bytes = await createBackup(repo.db);
    const verified = await verifyBackup(bytes);
    if (!verified.ok) throw new Error(verified.error);
    const other = new LibraryRepo(createDatabase(uniqueDbName()));
    await other.storeDrafts([
      { path: '/y', ...makeDraft('Only here\nBody.', { tags: ['energy'] }) },
    ]);
    // One clipping of the backup is already there (same content): it is not added twice.
    await other.storeDrafts([
      {
        path: '/z',
        ...makeDraft('Article 0\nFirst paragraph of 0.\nSecond paragraph, «0».', {
          tags: ['politics'],
          language: 'ru',
        }),
      },
    ]);
    const { added } = await restoreBackup(other.db, verified.backup, 'merge');
    expect(added).toBe(29);
    expect(await other.db.clippings.count()).toBe(31);
    expect(await other.db.summaries.count()).toBe(31);
    const energy = await other.db.tags.get('energy');
    expect(energy?.color).toBe('#16a34a');
    const live = (await other.db.clippings.toArray()).filter(
      (c) => !c.deletedAt && c.tags.includes('energy'),
    );
    expect(energy?.count).toBe(live.length);
  });
});

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
