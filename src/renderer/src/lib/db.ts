/**
 * The one IndexedDB database of Clipbook, through Dexie. The schema is append-only: each
 * change is a new entry in SCHEMA_VERSIONS (never edit a released one), and data moves in
 * that entry's upgrade. Tests open the database at any older version to seed it, then
 * upgrade it with the current code. Summaries and tag counts are derived from the clippings:
 * `summaryOf` and `rebuildDerived` below say how.
 *
 * Only the data layer (lib/*-repo.ts, backup, settings, stories-store and the workers) opens
 * or reads this database; ESLint refuses its values anywhere else (types are shared).
 */
import { Dexie, type EntityTable, type IndexableType, type Table, type Transaction } from 'dexie';
import type { ArticleNote, Highlight } from '@shared/annotations';
import { coverageOf, emptyCoverage, type Clipping, type Coverage } from '@shared/clipping';

export const DATABASE_NAME = 'clipbook';

/** The original bytes of an imported file, kept so any clipping can be re-parsed later. */
export interface OriginalFile {
  /** Same id as the clipping it belongs to. */
  id: string;
  sha256: string;
  name: string;
  size: number;
  bytes: Uint8Array;
}

/** What the library list needs of a clipping: small, so 100,000 of them load in a blink. */
export interface ClippingSummary {
  id: string;
  title: string;
  source: string;
  section: string;
  authors: string[];
  publishedAt: string;
  importedAt: string;
  language: string;
  direction: Clipping['direction'];
  tags: string[];
  /** '' while in the library; the ISO instant it was moved to the Trash otherwise. */
  deletedAt: string;
  highlightCount: number;
  hasNote: boolean;
  /** Coverage fields the list and the Highlights view filter by ('' / null when unset). */
  mediaType: Coverage['mediaType'];
  tone: Coverage['tone'];
  reach: number | null;
  page: string;
}

/** A tag with its maintained count of live clippings (never computed by scanning). */
export interface TagRecord {
  /** Lower-case name: tags compare case-insensitively. */
  key: string;
  /** The name as the user first wrote it. */
  name: string;
  /** A CSS colour, or '' for the default. */
  color: string;
  /** What the tag means (a codebook entry), '' when none. */
  description: string;
  count: number;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** A clipping that shares its story with others (a clipping alone has no row). */
export interface StoryMemberRecord {
  /** The clipping's id. */
  id: string;
  /** The story's id: its original's clipping id. */
  story: string;
  /** Estimated share of this copy's text found in the original (1 for the original). */
  similarity: number;
  /** Copies in the story, this one included. */
  size: number;
  /** The agency the story's text credits, or ''. */
  agency: string;
}

/** A choice the user made by hand, which every later regrouping keeps. */
export interface StoryChoiceRecord {
  /** `${kind}:${a}:${b}` with a < b: one record per pair. */
  id: string;
  kind: 'apart' | 'together';
  a: string;
  b: string;
}

/**
 * What grouping needs of a batch of clippings (their sketches, so regrouping never reads
 * article bodies), in one record: see lib/stories-sketches.ts.
 */
export interface StorySketchPack {
  id: string;
  ids: string[];
  sources: string[];
  publishedAt: string[];
  languages: string[];
  agencies: string[];
  /**
   * Clipping k's numbers from offsets[k] to offsets[k + 1]: its shingle count, its sample,
   * paragraph-end and paragraph-hash counts, then the samples, ends and hashes.
   */
  data: Uint32Array;
  offsets: Uint32Array;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      clippings: 'id, importedAt, publishedAt, title, source, language, *tags, original.sha256',
      originals: 'id, sha256',
    },
  },
  {
    // Trash, highlights, notes, maintained tag counts, and a summary row per clipping so the
    // list never loads article bodies.
    version: 2,
    stores: {
      clippings:
        'id, importedAt, publishedAt, title, source, language, *tags, original.sha256, deletedAt',
      summaries: 'id, deletedAt',
      highlights: 'id, clippingId, *tags',
      notes: 'clippingId',
      tags: 'key',
      settings: 'key',
    },
    upgrade: async (tx) => {
      const counts = new Map<string, TagRecord>();
      const summaries: ClippingSummary[] = [];
      await tx
        .table<Clipping & { deletedAt?: string }, string>('clippings')
        .toCollection()
        .modify((clipping) => {
          clipping.deletedAt ??= '';
          summaries.push(summaryOf(clipping as Clipping, 0, false));
          for (const name of clipping.tags) {
            const key = name.toLowerCase();
            const record = counts.get(key) ?? { key, name, color: '', description: '', count: 0 };
            record.count += 1;
            counts.set(key, record);
          }
        });
      await tx.table('summaries').bulkPut(summaries);
      await tx.table('tags').bulkPut([...counts.values()]);
    },
  },
  {
    // Full-text search. No data moves: the index is built from the clippings on first start.
    version: 3,
    // Immutable index segments, their positions, and bookkeeping (see search/search-store.ts).
    stores: { searchSegments: 'id', searchPositions: 'id', searchMeta: 'key' },
  },
  {
    // Only the indexes something queries by: the first screen (publishedAt), tag renames
    // (*tags) and the duplicate check (original.sha256). Every index is written with every
    // clipping; the five dropped ones cost imports time and disk for nothing. No data moves.
    version: 4,
    stores: {
      clippings: 'id, publishedAt, *tags, original.sha256',
      originals: 'id',
    },
  },
  {
    // Articles split out of news-database exports carry a `record` (database, export file,
    // position, document ID, page, edition, word count, copyright, load-date fallback); the
    // duplicate check looks them up by document ID. Older clippings have no record, so no
    // data moves and they are simply not in the new index.
    version: 5,
    stores: {
      clippings: 'id, publishedAt, *tags, original.sha256, record.documentId',
    },
  },
  {
    // Coverage fields. Every clipping gets its (empty) coverage, every summary the fields the
    // list filters by, every tag an empty description, so no reader meets a missing field.
    // No index: filters run over the summaries in memory.
    version: 6,
    stores: {},
    upgrade: async (tx) => {
      await tx
        .table<Clipping, string>('clippings')
        .toCollection()
        .modify((clipping) => {
          clipping.coverage ??= emptyCoverage();
        });
      await tx
        .table<ClippingSummary, string>('summaries')
        .toCollection()
        .modify((summary) => {
          summary.mediaType ??= '';
          summary.tone ??= '';
          summary.reach ??= null;
          summary.page ??= '';
        });
      await tx
        .table<TagRecord, string>('tags')
        .toCollection()
        .modify((tag) => {
          tag.description ??= '';
        });
    },
  },
  {
    // Stories: each clipping's sketch (by date, for the window around new clippings), the
    // members of stories of two or more, and the user's split/merge choices. No data moves:
    // the library is grouped once in the background (stories/stories-worker.ts).
    version: 7,
    stores: {
      storySketches: 'id, publishedAt',
      storyMembers: 'id, story',
      storyChoices: 'id, a, b',
    },
  },
  {
    // Story sketches packed, one record per batch of clippings instead of one per clipping
    // (lib/stories-sketches.ts): writing a record per clipping was most of what grouping added
    // to an import. Sketches are derived, so none move: the upgrade marks the library as not
    // grouped and the stories worker sketches and groups it once in the background; stories
    // and the user's choices stay as they are meanwhile.
    version: 8,
    stores: {
      storySketches: null,
      storySketchPacks: 'id',
    },
    upgrade: async (tx) => {
      await tx.table<SettingRecord, string>('settings').delete('storySketches');
    },
  },
];

export function summaryOf(
  clipping: Clipping,
  highlightCount: number,
  hasNote: boolean,
): ClippingSummary {
  const coverage = coverageOf(clipping);
  return {
    id: clipping.id,
    title: clipping.title,
    source: clipping.source,
    section: clipping.section,
    authors: clipping.authors,
    publishedAt: clipping.publishedAt,
    importedAt: clipping.importedAt,
    language: clipping.language,
    direction: clipping.direction,
    tags: clipping.tags,
    deletedAt: clipping.deletedAt ?? '',
    highlightCount,
    hasNote,
    mediaType: coverage.mediaType,
    tone: coverage.tone,
    reach: coverage.reach,
    page: coverage.page,
  };
}

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)?.version ?? 1;

export type ClipbookDb = Dexie & {
  clippings: EntityTable<Clipping, 'id'>;
  originals: EntityTable<OriginalFile, 'id'>;
  summaries: EntityTable<ClippingSummary, 'id'>;
  highlights: EntityTable<Highlight, 'id'>;
  notes: EntityTable<ArticleNote, 'clippingId'>;
  tags: EntityTable<TagRecord, 'key'>;
  settings: EntityTable<SettingRecord, 'key'>;
  storySketchPacks: EntityTable<StorySketchPack, 'id'>;
  storyMembers: EntityTable<StoryMemberRecord, 'id'>;
  storyChoices: EntityTable<StoryChoiceRecord, 'id'>;
};

/** Opens (lazily) the database, declaring versions up to `upTo` (tests seed old versions). */
export function createDatabase(
  name: string = DATABASE_NAME,
  upTo: number = CURRENT_SCHEMA_VERSION,
): ClipbookDb {
  const db = new Dexie(name) as ClipbookDb;
  for (const schema of SCHEMA_VERSIONS) {
    if (schema.version > upTo) break;
    const version = db.version(schema.version).stores(schema.stores);
    if (schema.upgrade) version.upgrade(schema.upgrade);
  }
  return db;
}

let instance: ClipbookDb | null = null;

export function getDatabase(): ClipbookDb {
  instance ??= createDatabase();
  return instance;
}

/**
 * A table's rows a page at a time in primary-key order, each page its own request: memory
 * stays bounded whatever the library's size, and other requests are answered between pages.
 */
export async function* pagesByKey<T, TKey extends IndexableType, TInsert>(
  table: Table<T, TKey, TInsert>,
  size: number,
): AsyncGenerator<T[]> {
  const keyPath = table.schema.primKey.keyPath as string;
  let last: TKey | undefined;
  for (;;) {
    const rows =
      last === undefined
        ? await table.orderBy(':id').limit(size).toArray()
        : await table.where(':id').above(last).limit(size).toArray();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    last = (rows[rows.length - 1] as Record<string, TKey>)[keyPath];
  }
}

/** Clippings read per page while rebuilding: a whole library's bodies at once is hundreds of MB. */
const REBUILD_PAGE = 200;

/**
 * Recomputes summaries and tag counts from the records (after restores and JSON imports);
 * runs inside the caller's transaction. Tag colours and descriptions are the user's and
 * survive, from the tags table or from `tagColors` (a backup's).
 */
export async function rebuildDerived(
  db: ClipbookDb,
  tagColors: readonly TagRecord[] = [],
): Promise<void> {
  const [highlightOwners, notes, oldTags] = await Promise.all([
    db.highlights.orderBy('clippingId').keys() as Promise<string[]>,
    db.notes.toArray(),
    db.tags.toArray(),
  ]);
  const highlightCounts = new Map<string, number>();
  for (const id of highlightOwners) highlightCounts.set(id, (highlightCounts.get(id) ?? 0) + 1);
  const withNotes = new Set(notes.filter((n) => n.text.trim()).map((n) => n.clippingId));
  const kept = new Map(
    [...oldTags, ...tagColors].map((t) => [
      t.key,
      { color: t.color, description: t.description ?? '' },
    ]),
  );
  const tags = new Map<string, TagRecord>();
  await db.summaries.clear();
  for await (const clippings of pagesByKey(db.clippings, REBUILD_PAGE)) {
    await db.summaries.bulkPut(
      clippings.map((c) => summaryOf(c, highlightCounts.get(c.id) ?? 0, withNotes.has(c.id))),
    );
    for (const c of clippings) {
      for (const name of c.tags) {
        const key = name.toLowerCase();
        const record = tags.get(key) ?? {
          key,
          name,
          color: kept.get(key)?.color ?? '',
          description: kept.get(key)?.description ?? '',
          count: 0,
        };
        if (!c.deletedAt) record.count += 1;
        tags.set(key, record);
      }
    }
  }
  await db.tags.clear();
  await db.tags.bulkPut([...tags.values()]);
}
