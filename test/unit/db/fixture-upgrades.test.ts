/**
 * A committed library for every released schema version (test/fixtures/db/v*.json), loaded
 * into that version and opened with the current code: every record must come through, and
 * each upgrade's derived data (summaries, tag counts) must match the records.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCHEMA_VERSION,
  SCHEMA_VERSIONS,
  summaryOf,
} from '../../../src/renderer/src/lib/db';
import { emptyCoverage, type Clipping } from '@shared/clipping';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

type Row = Record<string, unknown>;
interface Fixture {
  version: number;
  stores: Record<string, Row[]>;
}

const DIR = resolve(__dirname, '../../fixtures/db');

/** JSON cannot hold bytes: `{ base64 }` stands for a Uint8Array, `{ uint32 }` for a Uint32Array. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['base64'] === 'string' && Object.keys(o).length === 1) {
      return new Uint8Array(Buffer.from(o['base64'], 'base64'));
    }
    if (typeof o['uint32'] === 'string' && Object.keys(o).length === 1) {
      const bytes = Buffer.from(o['uint32'], 'base64');
      return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

function load(version: number): Fixture {
  const raw = JSON.parse(readFileSync(join(DIR, `v${version}.json`), 'utf8')) as Fixture;
  expect(raw.version).toBe(version);
  return { version, stores: revive(raw.stores) as Record<string, Row[]> };
}

function byId(rows: Row[], key = 'id'): Row[] {
  return [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}

describe('every released schema version upgrades from a committed fixture', () => {
  it('there is a fixture for every version before the current one, and for the current one', () => {
    for (const { version } of SCHEMA_VERSIONS) expect(load(version).version).toBe(version);
  });

  for (const { version } of SCHEMA_VERSIONS) {
    it(`version ${version} → ${CURRENT_SCHEMA_VERSION}: every record intact`, async () => {
      const fixture = load(version);
      const name = uniqueDbName();
      await seedAtVersion(name, version, async (db) => {
        // Only the stores this version had: seeding must not rely on later tables.
        for (const [store, rows] of Object.entries(fixture.stores)) {
          await db.table(store).bulkAdd(rows);
        }
      });
      const db = await openCurrent(name);
      try {
        expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
        const clippings = fixture.stores['clippings'] ?? [];
        // Version 1 records had no deletedAt; the upgrade sets '' (in the library). Before
        // version 6 there was no coverage: the upgrade gives every clipping an empty one.
        const expected: Row[] = clippings.map((c) => ({
          deletedAt: '',
          coverage: emptyCoverage(),
          ...c,
        }));
        expect(byId((await db.clippings.toArray()) as unknown as Row[])).toEqual(byId(expected));
        // What version 6 added to summaries and tags, where the fixture predates it.
        const added: Record<string, Row> = {
          summaries: { mediaType: '', tone: '', reach: null, page: '' },
          tags: { description: '' },
        };
        for (const [store, rows] of Object.entries(fixture.stores)) {
          if (store === 'clippings') continue;
          // A table of derived data a later version dropped (version 8: story sketches by row).
          if (!db.tables.some((t) => t.name === store)) continue;
          const key = db.table(store).schema.primKey.keyPath as string;
          const want = rows.map((r) => ({ ...added[store], ...r }));
          expect(byId(await db.table(store).toArray(), key), store).toEqual(byId(want, key));
        }
        if (version < 2) {
          // Derived by the v2 upgrade: one summary per clipping and tag counts from a scan.
          expect(byId((await db.summaries.toArray()) as unknown as Row[])).toEqual(
            byId(
              expected.map((c) => summaryOf(c as unknown as Clipping, 0, false) as unknown as Row),
            ),
          );
          const counts: Record<string, number> = {};
          for (const c of expected) {
            for (const t of c['tags'] as string[])
              counts[t.toLowerCase()] = (counts[t.toLowerCase()] ?? 0) + 1;
          }
          const tags = await db.tags.toArray();
          expect(Object.fromEntries(tags.map((t) => [t.key, t.count]))).toEqual(counts);
        }
        // Every original still belongs to a clipping, byte for byte.
        const ids = new Set(clippings.map((c) => c['id']));
        for (const original of await db.originals.toArray())
          expect(ids.has(original.id)).toBe(true);
      } finally {
        db.close();
      }
    });
  }
});
