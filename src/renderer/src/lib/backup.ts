/**
 * Full backups of the library in one file, and restores that verify the file before the
 * database is touched. A backup holds every stored record, original files included; derived
 * data (summaries, tag counts) is rebuilt on restore, so a restored library is consistent
 * whatever happened to the file's derived parts.
 *
 * File: gzip(JSON) of { format, version, schemaVersion, createdAt, checksum, tables }, where
 * `checksum` is the SHA-256 of the JSON text of `tables`: a truncated or edited file is
 * refused before anything changes.
 */
import * as v from 'valibot';
import { ArticleNoteSchema, HighlightSchema } from '../../../shared/annotations';
import { ClippingDraftSchema } from '../../../shared/clipping';
import {
  CURRENT_SCHEMA_VERSION,
  summaryOf,
  type ClipbookDb,
  type OriginalFile,
  type TagRecord,
} from './db';

export const BACKUP_FORMAT = 'clipbook-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_EXTENSION = 'clipbook-backup';

const ClippingSchema = v.object({
  ...ClippingDraftSchema.entries,
  id: v.pipe(v.string(), v.minLength(1)),
  importedAt: v.string(),
  deletedAt: v.optional(v.string(), ''),
});

const BackupTablesSchema = v.object({
  clippings: v.array(ClippingSchema),
  originals: v.array(
    v.object({
      id: v.string(),
      sha256: v.string(),
      name: v.string(),
      size: v.number(),
      bytes: v.string(),
    }),
  ),
  highlights: v.array(HighlightSchema),
  notes: v.array(ArticleNoteSchema),
  tags: v.array(
    v.object({ key: v.string(), name: v.string(), color: v.string(), count: v.number() }),
  ),
  settings: v.array(v.object({ key: v.string(), value: v.unknown() })),
});
type BackupTables = v.InferOutput<typeof BackupTablesSchema>;

const BackupHeaderSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  schemaVersion: v.number(),
  createdAt: v.string(),
  checksum: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  tables: v.string(),
});

export interface VerifiedBackup {
  createdAt: string;
  tables: BackupTables;
  counts: { clippings: number; highlights: number; notes: number; originals: number };
}

export type RestoreMode = 'merge' | 'replace';

export async function createBackup(db: ClipbookDb, now = new Date()): Promise<Uint8Array> {
  const tables = await db.transaction(
    'r',
    [db.clippings, db.originals, db.highlights, db.notes, db.tags, db.settings],
    async () => ({
      clippings: await db.clippings.toArray(),
      originals: (await db.originals.toArray()).map((o) => ({ ...o, bytes: toBase64(o.bytes) })),
      highlights: await db.highlights.toArray(),
      notes: await db.notes.toArray(),
      tags: await db.tags.toArray(),
      settings: await db.settings.toArray(),
    }),
  );
  const tablesText = JSON.stringify(tables);
  const header = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    createdAt: now.toISOString(),
    checksum: await sha256(tablesText),
    tables: tablesText,
  };
  return gzip(new TextEncoder().encode(JSON.stringify(header)));
}

/** Checks everything about a backup file; nothing is written. */
export async function verifyBackup(
  bytes: Uint8Array,
): Promise<{ ok: true; backup: VerifiedBackup } | { ok: false; error: string }> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await gunzip(bytes));
  } catch {
    return {
      ok: false,
      error:
        'This is not a Clipbook backup (it is not a compressed backup file, or it is damaged).',
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The backup is damaged: its contents are not readable.' };
  }
  const header = v.safeParse(BackupHeaderSchema, raw);
  if (!header.success)
    return {
      ok: false,
      error: 'This file is not a Clipbook backup, or it was made by a newer Clipbook.',
    };
  if (header.output.schemaVersion > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      error: `This backup was made by a newer version of Clipbook (schema ${header.output.schemaVersion}). Update Clipbook to restore it.`,
    };
  }
  if ((await sha256(header.output.tables)) !== header.output.checksum) {
    return {
      ok: false,
      error: 'The backup is damaged: its checksum does not match. Nothing was changed.',
    };
  }
  let tablesRaw: unknown;
  try {
    tablesRaw = JSON.parse(header.output.tables);
  } catch {
    return { ok: false, error: 'The backup is damaged: its records are not readable.' };
  }
  const tables = v.safeParse(BackupTablesSchema, tablesRaw);
  if (!tables.success) {
    const issue = tables.issues[0];
    const where = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
    return {
      ok: false,
      error: `The backup has an invalid record${where ? ` at ${where}` : ''}: ${issue?.message ?? 'unknown problem'}.`,
    };
  }
  const t = tables.output;
  return {
    ok: true,
    backup: {
      createdAt: header.output.createdAt,
      tables: t,
      counts: {
        clippings: t.clippings.length,
        highlights: t.highlights.length,
        notes: t.notes.length,
        originals: t.originals.length,
      },
    },
  };
}

/**
 * Restores a verified backup in one transaction. 'replace' makes the library exactly the
 * backup; 'merge' adds what the library does not have (by id, and by content for clippings)
 * and keeps everything already there.
 */
export async function restoreBackup(
  db: ClipbookDb,
  backup: VerifiedBackup,
  mode: RestoreMode,
): Promise<{ added: number }> {
  const t = backup.tables;
  let added = 0;
  await db.transaction(
    'rw',
    [db.clippings, db.originals, db.summaries, db.highlights, db.notes, db.tags, db.settings],
    async () => {
      if (mode === 'replace') {
        await Promise.all([
          db.clippings.clear(),
          db.originals.clear(),
          db.summaries.clear(),
          db.highlights.clear(),
          db.notes.clear(),
          db.tags.clear(),
          db.settings.clear(),
        ]);
      }
      const existingIds = new Set((await db.clippings.toCollection().primaryKeys()) as string[]);
      const existingHashes = new Set(
        mode === 'merge' ? (await db.clippings.toArray()).map((c) => c.original.sha256) : [],
      );
      const clippings = t.clippings.filter(
        (c) => !existingIds.has(c.id) && !existingHashes.has(c.original.sha256),
      );
      const ids = new Set(clippings.map((c) => c.id));
      added = clippings.length;
      await db.clippings.bulkAdd(clippings);
      await db.originals.bulkPut(
        t.originals
          .filter((o) => ids.has(o.id))
          .map((o): OriginalFile => ({ ...o, bytes: fromBase64(o.bytes) })),
      );
      await db.highlights.bulkPut(t.highlights.filter((h) => ids.has(h.clippingId)));
      await db.notes.bulkPut(t.notes.filter((n) => ids.has(n.clippingId)));
      if (mode === 'replace') await db.settings.bulkPut(t.settings);
      await rebuildDerived(db, t.tags);
    },
  );
  return { added };
}

/** Recomputes summaries and tag counts from the records (used after restores and imports). */
export async function rebuildDerived(
  db: ClipbookDb,
  tagColors: readonly TagRecord[] = [],
): Promise<void> {
  const [clippings, highlights, notes, oldTags] = await Promise.all([
    db.clippings.toArray(),
    db.highlights.toArray(),
    db.notes.toArray(),
    db.tags.toArray(),
  ]);
  const highlightCounts = new Map<string, number>();
  for (const h of highlights)
    highlightCounts.set(h.clippingId, (highlightCounts.get(h.clippingId) ?? 0) + 1);
  const withNotes = new Set(notes.filter((n) => n.text.trim()).map((n) => n.clippingId));
  await db.summaries.clear();
  await db.summaries.bulkPut(
    clippings.map((c) => summaryOf(c, highlightCounts.get(c.id) ?? 0, withNotes.has(c.id))),
  );
  const colors = new Map([...oldTags, ...tagColors].map((t) => [t.key, t.color]));
  const tags = new Map<string, TagRecord>();
  for (const c of clippings) {
    for (const name of c.tags) {
      const key = name.toLowerCase();
      const record = tags.get(key) ?? { key, name, color: colors.get(key) ?? '', count: 0 };
      if (!c.deletedAt) record.count += 1;
      tags.set(key, record);
    }
  }
  await db.tags.clear();
  await db.tags.bulkPut([...tags.values()]);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('gzip'));
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream('gzip'));
}

async function pipe(bytes: Uint8Array, transform: GenericTransformStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(transform as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
