/**
 * Reading a backup file back: every line is decompressed, parsed and validated as it streams,
 * and the closing counts are checked, before anything is written. gzip's CRC-32 catches a
 * damaged file, the closing counts a truncated or shortened one.
 */
import * as v from 'valibot';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupTablesSchema,
  HeaderSchema,
  HeaderV1Schema,
  RecordSchemas,
  TABLE_NAMES,
  TrailerSchema,
  type BackupTables,
  type TableName,
  type VerifiedBackup,
} from './backup-format';
import { CURRENT_SCHEMA_VERSION } from './db';

export type Verified = { ok: true; backup: VerifiedBackup } | { ok: false; error: string };

const NOT_A_BACKUP =
  'This is not a Clipbook backup (it is not a compressed backup file, or it is damaged).';
const DAMAGED = 'The backup is damaged: its contents are not readable.';

/** Checks everything about a backup file, whole or as it is read; nothing is written. */
export async function verifyBackup(
  bytes: Uint8Array | ReadableStream<Uint8Array>,
): Promise<Verified> {
  const lines = backupLines(bytes);
  const tables: BackupTables = {
    clippings: [],
    originals: [],
    highlights: [],
    notes: [],
    tags: [],
    settings: [],
    storyMembers: [],
    storyChoices: [],
  };
  let header: v.InferOutput<typeof HeaderSchema> | null = null;
  let trailer: v.InferOutput<typeof TrailerSchema> | null = null;
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (trailer) return { ok: false, error: 'The backup is damaged: it goes on after its end.' };
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        return { ok: false, error: lineNumber === 1 ? NOT_A_BACKUP : DAMAGED };
      }
      if (!header) {
        const old = v.safeParse(HeaderV1Schema, raw);
        if (old.success) return await verifyV1(old.output);
        const parsed = v.safeParse(HeaderSchema, raw);
        if (!parsed.success) return { ok: false, error: headerError(raw) };
        if (parsed.output.schemaVersion > CURRENT_SCHEMA_VERSION) return tooNew(parsed.output);
        header = parsed.output;
        continue;
      }
      if (!Array.isArray(raw)) {
        const end = v.safeParse(TrailerSchema, raw);
        if (!end.success) return { ok: false, error: DAMAGED };
        trailer = end.output;
        continue;
      }
      const [name, record] = raw as [unknown, unknown];
      if (typeof name !== 'string' || !(name in RecordSchemas))
        return {
          ok: false,
          error: `The backup has an unknown kind of record on line ${lineNumber}.`,
        };
      const table = name as TableName;
      const parsed = v.safeParse(RecordSchemas[table], record);
      if (!parsed.success) return invalidRecord(parsed.issues, `${table} (line ${lineNumber})`);
      (tables[table] as unknown[]).push(parsed.output);
    }
  } catch {
    // The gzip stream failed: a bad CRC-32, a cut-off end, or not gzip at all.
    return { ok: false, error: lineNumber === 0 ? NOT_A_BACKUP : damagedOrCut() };
  }
  if (!header) return { ok: false, error: NOT_A_BACKUP };
  if (!trailer) return { ok: false, error: damagedOrCut() };
  for (const name of TABLE_NAMES) {
    if ((trailer.counts[name] ?? 0) !== tables[name].length)
      return { ok: false, error: damagedOrCut() };
  }
  return verified(header.createdAt, tables);
}

function damagedOrCut(): string {
  return 'The backup is damaged or incomplete (the file may have been cut off while copying). Nothing was changed.';
}

function headerError(raw: unknown): string {
  const version = (raw as { format?: unknown; version?: unknown } | null)?.version;
  const format = (raw as { format?: unknown } | null)?.format;
  return format === BACKUP_FORMAT && typeof version === 'number' && version > BACKUP_VERSION
    ? 'This backup was made by a newer version of Clipbook. Update Clipbook to restore it.'
    : 'This file is not a Clipbook backup, or it was made by a newer Clipbook.';
}

function tooNew(header: { schemaVersion: number }): Verified {
  return {
    ok: false,
    error: `This backup was made by a newer version of Clipbook (schema ${header.schemaVersion}). Update Clipbook to restore it.`,
  };
}

function invalidRecord(issues: readonly v.BaseIssue<unknown>[], at: string): Verified {
  const issue = issues[0];
  const where = [at, ...(issue?.path?.map((p) => String(p.key)) ?? [])].join('.');
  return {
    ok: false,
    error: `The backup has an invalid record at ${where}: ${issue?.message ?? 'unknown problem'}.`,
  };
}

function verified(createdAt: string, t: BackupTables): Verified {
  return {
    ok: true,
    backup: {
      createdAt,
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

/** A version 1 backup: the whole library as JSON text with its SHA-256. */
async function verifyV1(header: v.InferOutput<typeof HeaderV1Schema>): Promise<Verified> {
  if (header.schemaVersion > CURRENT_SCHEMA_VERSION) return tooNew(header);
  if ((await sha256(header.tables)) !== header.checksum) {
    return {
      ok: false,
      error: 'The backup is damaged: its checksum does not match. Nothing was changed.',
    };
  }
  let tablesRaw: unknown;
  try {
    tablesRaw = JSON.parse(header.tables);
  } catch {
    return { ok: false, error: 'The backup is damaged: its records are not readable.' };
  }
  const tables = v.safeParse(BackupTablesSchema, tablesRaw);
  if (!tables.success) return invalidRecord(tables.issues, 'tables');
  return verified(header.createdAt, tables.output);
}

/** The file's lines, decompressed and decoded as they stream (strict UTF-8). */
async function* backupLines(
  bytes: Uint8Array | ReadableStream<Uint8Array>,
): AsyncGenerator<string> {
  const input =
    bytes instanceof ReadableStream ? bytes : new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
  const reader = input
    .pipeThrough(new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>)
    .getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    rest += done ? decoder.decode() : decoder.decode(value, { stream: true });
    let from = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', from)) {
      const line = rest.slice(from, nl);
      from = nl + 1;
      if (line) yield line;
    }
    rest = rest.slice(from);
    if (done) break;
  }
  if (rest) yield rest;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
