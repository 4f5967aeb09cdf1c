/**
 * The backup file's format: its constants, one schema per table record, the header and the
 * closing counts, and the base64 the originals travel in. Writing is in backup.ts, reading
 * and checking in backup-verify.ts.
 *
 * File (version 2): gzip of JSON lines — a header line { format, version, schemaVersion,
 * createdAt }, one `["<table>", record]` line per record, and a last line { end, counts }.
 * Version 1 files (one JSON object with a SHA-256 `checksum` of its `tables` text) still restore.
 */
import * as v from 'valibot';
import { ArticleNoteSchema, HighlightSchema } from '@shared/annotations';
import { ClippingDraftSchema } from '@shared/clipping';

export const BACKUP_FORMAT = 'clipbook-backup';
export const BACKUP_VERSION = 2;
export const BACKUP_EXTENSION = 'clipbook-backup';

const ClippingSchema = v.object({
  ...ClippingDraftSchema.entries,
  id: v.pipe(v.string(), v.minLength(1)),
  importedAt: v.string(),
  deletedAt: v.optional(v.string(), ''),
});

/** One schema per table, for a record; the order is the order tables are written in. */
export const RecordSchemas = {
  clippings: ClippingSchema,
  originals: v.object({
    id: v.string(),
    sha256: v.string(),
    name: v.string(),
    size: v.number(),
    bytes: v.string(),
  }),
  highlights: HighlightSchema,
  notes: ArticleNoteSchema,
  tags: v.object({
    key: v.string(),
    name: v.string(),
    color: v.string(),
    // Backups written before tags had descriptions.
    description: v.optional(v.string(), ''),
    count: v.number(),
  }),
  settings: v.object({ key: v.string(), value: v.unknown() }),
  // Stories and the user's split/merge choices; backups written before stories lack them.
  storyMembers: v.object({
    id: v.string(),
    story: v.string(),
    similarity: v.number(),
    size: v.number(),
    agency: v.string(),
  }),
  storyChoices: v.object({
    id: v.string(),
    kind: v.picklist(['apart', 'together']),
    a: v.string(),
    b: v.string(),
  }),
};
export type TableName = keyof typeof RecordSchemas;
export const TABLE_NAMES = Object.keys(RecordSchemas) as TableName[];

export const BackupTablesSchema = v.object({
  clippings: v.array(RecordSchemas.clippings),
  originals: v.array(RecordSchemas.originals),
  highlights: v.array(RecordSchemas.highlights),
  notes: v.array(RecordSchemas.notes),
  tags: v.array(RecordSchemas.tags),
  settings: v.array(RecordSchemas.settings),
  storyMembers: v.optional(v.array(RecordSchemas.storyMembers), []),
  storyChoices: v.optional(v.array(RecordSchemas.storyChoices), []),
});
export type BackupTables = v.InferOutput<typeof BackupTablesSchema>;

export const HeaderV1Schema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(1),
  schemaVersion: v.number(),
  createdAt: v.string(),
  checksum: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  tables: v.string(),
});

export const HeaderSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  schemaVersion: v.number(),
  createdAt: v.string(),
});

const CountsSchema = v.object({
  clippings: v.number(),
  originals: v.number(),
  highlights: v.number(),
  notes: v.number(),
  tags: v.number(),
  settings: v.number(),
  storyMembers: v.optional(v.number(), 0),
  storyChoices: v.optional(v.number(), 0),
});
export const TrailerSchema = v.object({ end: v.literal(true), counts: CountsSchema });

export interface VerifiedBackup {
  createdAt: string;
  tables: BackupTables;
  counts: { clippings: number; highlights: number; notes: number; originals: number };
}

export type RestoreMode = 'merge' | 'replace';

/**
 * Chromium's own base64 (Uint8Array.prototype.toBase64, Uint8Array.fromBase64) where it has
 * it: measured in Chromium 156 at 650–1,800 MB/s against 18–23 MB/s for the JavaScript
 * below (2 MiB of random bytes, load average 14), which remains for runtimes without it.
 */
const nativeToBase64 = (Uint8Array.prototype as { toBase64?: (this: Uint8Array) => string })
  .toBase64;
const nativeFromBase64 = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

export function toBase64(bytes: Uint8Array): string {
  if (nativeToBase64) return nativeToBase64.call(bytes);
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
