import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src/renderer/src/lib/db';
import { makeDraft } from './draft-factory';
import { openCurrent, seedAtVersion, uniqueDbName } from './seed';

describe('schema version 1', () => {
  it('is declared, and versions only ever grow', () => {
    expect(SCHEMA_VERSIONS[0]?.version).toBe(1);
    const versions = SCHEMA_VERSIONS.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(CURRENT_SCHEMA_VERSION).toBe(versions.at(-1));
  });

  it('a version 1 library opens with the current code with every record intact', async () => {
    const name = uniqueDbName();
    const { draft, bytes } = makeDraft('Old title\nFirst paragraph.\nSecond.');
    const clipping = { ...draft, id: 'c-1', importedAt: '2025-01-03T10:00:00.000Z', deletedAt: '' };
    await seedAtVersion(name, 1, async (db) => {
      await db.clippings.add(clipping);
      await db.originals.add({
        id: 'c-1',
        sha256: draft.original.sha256,
        name: 'a.txt',
        size: bytes.length,
        bytes,
      });
    });
    const db = await openCurrent(name);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.clippings.get('c-1')).toMatchObject(clipping);
    const original = await db.originals.get('c-1');
    expect(Array.from(original?.bytes ?? [])).toEqual(Array.from(bytes));
    db.close();
  });
});
