import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Highlight } from '@shared/annotations';
import { createBackup, restoreBackup, verifyBackup } from '../../../src/renderer/src/lib/backup';
import {
  CURRENT_SCHEMA_VERSION,
  createDatabase,
  type ClipbookDb,
} from '../../../src/renderer/src/lib/db';
import type { LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import { makeDraft } from '../db/draft-factory';
import { uniqueDbName } from '../db/seed';
import { dbOf, openTestLibrary } from '../db/library-factory';

const TAGS = ['politics', 'politics/europe', 'energy', 'transport', 'un'];

async function seedLibrary(count: number): Promise<LibraryRepo> {
  const repo = openTestLibrary();
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
  const ids = (await dbOf(repo).clippings.toCollection().primaryKeys()) as string[];
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
  await dbOf(repo).settings.put({ key: 'export', value: { choice: 'md' } });
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
    const bytes = await createBackup(dbOf(repo));
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
    expect(await dump(fresh)).toEqual(await dump(dbOf(repo)));
  }, 120_000);

  it('writes the library a page of records at a time, as JSON lines closed by their counts', async () => {
    const repo = await seedLibrary(450);
    const seen: number[] = [];
    const bytes = await createBackup(
      dbOf(repo),
      new Date('2026-01-02T03:04:05Z'),
      (done, total) => {
        seen.push(done);
        expect(total).toBe(450 + 450 + 200 + 50 + 6 + 1);
      },
    );
    // Pages, not one read: progress arrives several times and only grows.
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1157);
    const lines = new TextDecoder()
      .decode(await gunzip(bytes))
      .trimEnd()
      .split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({
      format: 'clipbook-backup',
      version: 2,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      end: true,
      counts: {
        clippings: 450,
        originals: 450,
        highlights: 200,
        notes: 50,
        tags: 6,
        settings: 1,
        storyMembers: 0,
        storyChoices: 0,
      },
    });
    expect(lines).toHaveLength(1 + 1157 + 1);
    expect(JSON.parse(lines[1]!)[0]).toBe('clippings');
  });

  it('refuses damaged, cut-off, edited, foreign and too-new files before touching the library', async () => {
    const repo = await seedLibrary(20);
    const before = await dump(dbOf(repo));
    const good = await createBackup(dbOf(repo));
    const text = new TextDecoder().decode(await gunzip(good));
    const lines = text.trimEnd().split('\n');
    const refusals: [Uint8Array, string | RegExp][] = [
      // Cut off while copying: the gzip stream ends early.
      [good.slice(0, good.length - 20), 'damaged or incomplete'],
      [good.slice(0, Math.floor(good.length / 2)), 'damaged or incomplete'],
      // One byte damaged inside the compressed records: inflate or gzip's CRC-32 fails, or,
      // where the byte was a literal, the record it changed fails its schema first.
      [
        flipByte(good, Math.floor(good.length / 2)),
        /damaged|invalid record|unknown kind of record/,
      ],
      [new TextEncoder().encode('{"hello":1}'), 'not a Clipbook backup'],
      [await gzip('{"hello":1}\n'), 'not a Clipbook backup'],
      [await gzip('not json at all\n'), 'not a Clipbook backup'],
      // A record dropped (and the file compressed again): the closing counts disagree.
      [await gzip([...lines.slice(0, 3), ...lines.slice(4)].join('\n')), 'damaged or incomplete'],
      // Everything but the closing line: a backup that never finished.
      [await gzip(lines.slice(0, -1).join('\n')), 'damaged or incomplete'],
      [await gzip([...lines, lines[1]].join('\n')), 'goes on after its end'],
      [
        await gzip(
          lines.map((l, k) => (k === 2 ? l.replace('"title":', '"title":7,"x":') : l)).join('\n'),
        ),
        'invalid record at clippings (line 3).title',
      ],
      [
        await gzip([lines[0], '["passwords",{}]', ...lines.slice(1)].join('\n')),
        'unknown kind of record on line 2',
      ],
      [await gzip(text.replace(/"schemaVersion":\d+/, '"schemaVersion":999')), 'newer version'],
      [await gzip(text.replace('"version":2', '"version":3')), 'newer version'],
    ];
    for (const [bytes, message] of refusals) {
      const result = await verifyBackup(bytes);
      expect(result, String(message)).toMatchObject({
        ok: false,
        error:
          typeof message === 'string'
            ? expect.stringContaining(message)
            : expect.stringMatching(message),
      });
    }
    expect(await dump(dbOf(repo))).toEqual(before);
  });

  it('still restores version 1 backups (one JSON object with a SHA-256 of its tables)', async () => {
    const repo = await seedLibrary(40);
    const records = {
      clippings: await dbOf(repo).clippings.toArray(),
      originals: (await dbOf(repo).originals.toArray()).map((o) => ({
        ...o,
        bytes: Buffer.from(o.bytes).toString('base64'),
      })),
      highlights: await dbOf(repo).highlights.toArray(),
      notes: await dbOf(repo).notes.toArray(),
      tags: await dbOf(repo).tags.toArray(),
      settings: await dbOf(repo).settings.toArray(),
    };
    const v1 = (tables: string, checksum: string) =>
      gzip(
        JSON.stringify({
          format: 'clipbook-backup',
          version: 1,
          schemaVersion: 3,
          createdAt: '2026-01-01T00:00:00.000Z',
          checksum,
          tables,
        }),
      );
    const tables = JSON.stringify(records);
    const checksum = createHash('sha256').update(tables).digest('hex');
    const verified = await verifyBackup(await v1(tables, checksum));
    if (!verified.ok) throw new Error(verified.error);
    expect(verified.backup.counts).toEqual({
      clippings: 40,
      highlights: 40,
      notes: 10,
      originals: 40,
    });
    const fresh = createDatabase(uniqueDbName());
    await restoreBackup(fresh, verified.backup, 'replace');
    expect(await dump(fresh)).toEqual(await dump(dbOf(repo)));
    // Its checksum still guards it.
    expect(
      await verifyBackup(await v1(tables.replace('Article 1', 'Article 9'), checksum)),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('checksum'),
    });
  });

  it('merge keeps the library and adds only what it lacks', async () => {
    const repo = await seedLibrary(30);
    const bytes = await createBackup(dbOf(repo));
    const verified = await verifyBackup(bytes);
    if (!verified.ok) throw new Error(verified.error);
    const other = openTestLibrary();
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
    const { added } = await restoreBackup(dbOf(other), verified.backup, 'merge');
    expect(added).toBe(29);
    expect(await dbOf(other).clippings.count()).toBe(31);
    expect(await dbOf(other).summaries.count()).toBe(31);
    const energy = await dbOf(other).tags.get('energy');
    expect(energy?.color).toBe('#16a34a');
    const live = (await dbOf(other).clippings.toArray()).filter(
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

function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = copy[at]! ^ 0xff;
  return copy;
}
