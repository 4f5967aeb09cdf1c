/**
 * Persistence of the search index in IndexedDB (through Dexie tables passed in, so tests can
 * use any database). Segments are immutable, so a segment is written once: its core (terms,
 * postings, metadata) in `searchSegments`, its positions and word pairs in `searchPositions`
 * (read after search is ready: only phrases and merges need them). Tombstones are small
 * per-segment byte arrays in `searchMeta` under `dead:<segment id>`, rewritten on deletion.
 */
import type { Dexie, Table } from 'dexie';
import { SearchIndex, type IndexChanges } from '@shared/search/index';
import { SEGMENT_FORMAT_VERSION } from '@shared/search/segment';
import {
  attachPositions,
  deserializeSegment,
  serializePositions,
  serializeSegment,
} from '@shared/search/segment-codec';

/** The Dexie store definitions these tables need (append them in a SCHEMA_VERSIONS entry). */
export const SEARCH_STORES = {
  searchSegments: 'id',
  searchPositions: 'id',
  searchMeta: 'key',
} as const;

export interface SegmentRow {
  id: number;
  docCount: number;
  core: ArrayBuffer;
}

export interface PositionsRow {
  id: number;
  data: ArrayBuffer;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface SearchTables {
  segments: Table<SegmentRow, number>;
  positions: Table<PositionsRow, number>;
  meta: Table<MetaRow, string>;
  /** Runs `fn` in one read-write transaction over the three tables. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

export function searchTables(db: Dexie): SearchTables {
  const segments = db.table<SegmentRow, number>('searchSegments');
  const positions = db.table<PositionsRow, number>('searchPositions');
  const meta = db.table<MetaRow, string>('searchMeta');
  return {
    segments,
    positions,
    meta,
    transaction: (fn) => db.transaction('rw', [segments, positions, meta], fn),
  };
}

const FORMAT_KEY = 'format';
const deadKey = (id: number) => `dead:${id}`;

export interface LoadResult {
  index: SearchIndex;
  /** True when stored data was unusable (other format, corrupt) and was dropped: re-index. */
  reset: boolean;
}

export class SearchStore {
  constructor(private readonly tables: SearchTables) {}

  /** Reads every segment's core and tombstones into a new index (positions come later). */
  async load(): Promise<LoadResult> {
    const { segments, meta } = this.tables;
    const format = await meta.get(FORMAT_KEY);
    const rows = await segments.toArray();
    if (rows.length > 0 && format?.value !== SEGMENT_FORMAT_VERSION) {
      await this.clear();
      return { index: new SearchIndex(), reset: true };
    }
    try {
      const index = new SearchIndex();
      const deads = await meta.bulkGet(rows.map((r) => deadKey(r.id)));
      rows.forEach((row, k) => {
        const dead = deads[k]?.value;
        index.attach(deserializeSegment(row.core), dead instanceof Uint8Array ? dead : undefined);
      });
      return { index, reset: false };
    } catch {
      // A damaged index is rebuilt from the clippings rather than failing search for good.
      await this.clear();
      return { index: new SearchIndex(), reset: true };
    }
  }

  /** Attaches the positions (and word pairs) of segments that lack them. */
  async loadPositions(index: SearchIndex): Promise<void> {
    const missing = index.missingPositions();
    if (missing.length === 0) return;
    const rows = await this.tables.positions.bulkGet(missing.map((s) => s.id));
    missing.forEach((seg, k) => {
      const row = rows[k];
      if (!row) throw new Error(`Search positions of segment ${seg.id} are missing`);
      attachPositions(seg, row.data);
    });
  }

  /** Writes one batch of changes atomically. */
  async save(changes: IndexChanges): Promise<void> {
    const { segments, positions, meta } = this.tables;
    if (changes.added.length + changes.removed.length + changes.dead.length === 0) return;
    const added = changes.added.map((seg) => ({
      core: { id: seg.id, docCount: seg.docCount, core: serializeSegment(seg) },
      positions: { id: seg.id, data: serializePositions(seg) },
    }));
    await this.tables.transaction(async () => {
      await meta.put({ key: FORMAT_KEY, value: SEGMENT_FORMAT_VERSION });
      if (added.length > 0) {
        await segments.bulkPut(added.map((a) => a.core));
        await positions.bulkPut(added.map((a) => a.positions));
      }
      if (changes.removed.length > 0) {
        await segments.bulkDelete(changes.removed);
        await positions.bulkDelete(changes.removed);
        await meta.bulkDelete(changes.removed.map(deadKey));
      }
      if (changes.dead.length > 0) {
        await meta.bulkPut(changes.dead.map((d) => ({ key: deadKey(d.id), value: d.dead })));
      }
    });
  }

  async clear(): Promise<void> {
    await this.tables.transaction(async () => {
      await this.tables.segments.clear();
      await this.tables.positions.clear();
      await this.tables.meta.clear();
    });
  }
}
