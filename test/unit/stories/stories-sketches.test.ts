/**
 * The stored sketches: packs small enough to stay inside IndexedDB's own records (Chromium
 * wraps a value over 64 KB in a blob of its own), read back as they were written.
 */
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { StoryDoc } from '@shared/stories/group';
import { createDatabase } from '../../../src/renderer/src/lib/db';
import {
  packRuns,
  packSketches,
  SketchShelf,
} from '../../../src/renderer/src/lib/stories-sketches';
import { uniqueDbName } from '../db/seed';

const WRAP_BYTES = 64 * 1024;

function doc(k: number, samples: number): StoryDoc {
  const numbers = (n: number, seed: number): Uint32Array =>
    Uint32Array.from({ length: n }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) ^ seed) >>> 0);
  return {
    id: `${k.toString(16).padStart(8, '0')}-4b1e-4c2a-9d3f-0a1b2c3d4e5f`,
    source: k % 3 === 0 ? 'Agence France-Presse' : 'The Morning Herald',
    publishedAt: '2024-05-02T09:30:00.000Z',
    language: k % 2 === 0 ? 'en' : 'fr',
    sketch: {
      samples: numbers(samples, k),
      paraEnds: numbers(12, k + 1),
      paraHashes: numbers(12, k + 2),
      shingles: samples * 4,
      agency: k % 3 === 0 ? 'AFP' : '',
    },
  };
}

describe('sketch packs', () => {
  it('split a batch into packs that each stay under the wrap threshold, in order', () => {
    const docs = Array.from({ length: 500 }, (_, k) => doc(k, 150 + (k % 7) * 40));
    const runs = packRuns(docs);
    expect(runs.length).toBeGreaterThan(5);
    expect(runs.flat()).toEqual(docs);
    for (const run of runs) {
      expect(run.length).toBeGreaterThan(0);
      expect(serialize(packSketches(run)).byteLength).toBeLessThan(WRAP_BYTES);
    }
  });

  it('keep one batch as one pack when it is small, and a sketch too big for one alone', () => {
    expect(packRuns([doc(1, 100), doc(2, 100)])).toHaveLength(1);
    const huge = doc(3, 20_000);
    const runs = packRuns([doc(1, 100), huge, doc(2, 100)]);
    expect(runs.map((r) => r.map((d) => d.id))).toEqual([
      [doc(1, 1).id],
      [huge.id],
      [doc(2, 1).id],
    ]);
  });

  it('are read back by a new shelf as they were written', async () => {
    const db = createDatabase(uniqueDbName());
    const docs = Array.from({ length: 300 }, (_, k) => doc(k, 200));
    const shelf = new SketchShelf();
    await shelf.put(db, docs);
    expect(await db.storySketchPacks.count()).toBe(packRuns(docs).length);
    const reopened = await SketchShelf.open(db);
    expect(reopened.index.size).toBe(300);
    const back = await reopened.get(
      db,
      docs.map((d) => d.id),
    );
    for (const d of docs) expect(back.get(d.id)).toEqual(d);
    db.close();
  });
});
