/**
 * Full backups of the library in one file, and restores of a verified one. A backup holds
 * every stored record, original files included; derived data (summaries, tag counts) is
 * rebuilt on restore, so a restored library is consistent whatever happened to the file's
 * derived parts. The format is in backup-format.ts, the checks before a restore in
 * backup-verify.ts.
 *
 * The file is written and read a page of records at a time: version 1 held the whole library
 * in one JSON string inside another, which at ~100,000 clippings is more text than a
 * JavaScript string can hold (the renderer crashed).
 */
import type { IndexableType, Table } from 'dexie';
import type * as v from 'valibot';
import { STORY_SKETCHES_SETTING } from './stories-store';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  TABLE_NAMES,
  fromBase64,
  toBase64,
  type HeaderSchema,
  type RestoreMode,
  type TableName,
  type VerifiedBackup,
} from './backup-format';
import {
  CURRENT_SCHEMA_VERSION,
  pagesByKey,
  rebuildDerived,
  type ClipbookDb,
  type OriginalFile,
} from './db';

export { BACKUP_EXTENSION, type RestoreMode, type VerifiedBackup } from './backup-format';
export { verifyBackup } from './backup-verify';

/** Records read per page: bounded memory and short tasks, whatever the library's size. */
const PAGE = 200;
/**
 * Originals are read by size, not count: 200 PDFs of 2 MiB are 400 MiB at once. A page ends
 * after the record that passes this many bytes (an original is at most 50 MB).
 */
export const ORIGINALS_PAGE_BYTES = 16 * 1024 * 1024;

/** The table's records in key order, pages ending once they hold ORIGINALS_PAGE_BYTES. */
export async function* pagesByBytes(
  table: Table<Record<string, unknown>, IndexableType>,
  pageBytes = ORIGINALS_PAGE_BYTES,
): AsyncGenerator<Record<string, unknown>[]> {
  let last: IndexableType | undefined;
  for (;;) {
    let bytes = 0;
    const from = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    // until() stops the cursor itself: records past the page are never read.
    const rows = await from
      .until((row) => {
        bytes += (row['bytes'] as Uint8Array | undefined)?.byteLength ?? 0;
        return bytes >= pageBytes;
      }, true)
      .limit(PAGE)
      .toArray();
    if (rows.length === 0) return;
    yield rows;
    last = rows[rows.length - 1]!['id'] as IndexableType;
  }
}

/**
 * Writes a backup of the whole library, a page of records at a time (each page its own short
 * read, so the library stays writable meanwhile), handing the compressed bytes to `sink` as
 * they come: the backup is never whole in memory, whatever the library's size. `sink` is
 * awaited, so a slow disk holds the reading back. `onProgress` gets records written so far.
 */
export async function writeBackup(
  db: ClipbookDb,
  sink: (chunk: Uint8Array) => Promise<void>,
  now = new Date(),
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  const gzip = new CompressionStream('gzip');
  const writer = gzip.writable.getWriter();
  // Drain the compressed side while writing, or the stream stops accepting input.
  const drained = (async () => {
    const reader = gzip.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      await sink(value);
    }
  })();
  const encoder = new TextEncoder();
  const write = (text: string) => writer.write(encoder.encode(text));
  try {
    const total = (await Promise.all(TABLE_NAMES.map((name) => db.table(name).count()))).reduce(
      (a, b) => a + b,
      0,
    );
    const header: v.InferOutput<typeof HeaderSchema> = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      createdAt: now.toISOString(),
    };
    await write(JSON.stringify(header) + '\n');
    const counts = Object.fromEntries(TABLE_NAMES.map((name) => [name, 0])) as Record<
      TableName,
      number
    >;
    let written = 0;
    for (const name of TABLE_NAMES) {
      const table = db.table<Record<string, unknown>>(name);
      const pages = name === 'originals' ? pagesByBytes(table) : pagesByKey(table, PAGE);
      for await (const rows of pages) {
        if (name === 'originals') {
          // One line per original: a page of them as one string would double the page.
          for (const row of rows) {
            const record = { ...row, bytes: toBase64(row['bytes'] as Uint8Array) };
            await write(JSON.stringify([name, record]) + '\n');
          }
        } else {
          let text = '';
          for (const row of rows) text += JSON.stringify([name, row]) + '\n';
          await write(text);
        }
        counts[name] += rows.length;
        written += rows.length;
        onProgress?.(written, Math.max(total, written));
      }
    }
    await write(JSON.stringify({ end: true, counts }) + '\n');
    await writer.close();
  } catch (error) {
    await writer.abort(error).catch(() => undefined);
    await drained.catch(() => undefined);
    throw error;
  }
  await drained;
}

/** A whole backup in memory (tests and small libraries); the app streams with writeBackup. */
export async function createBackup(
  db: ClipbookDb,
  now = new Date(),
  onProgress?: (written: number, total: number) => void,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeBackup(db, async (chunk) => void chunks.push(chunk), now, onProgress);
  return new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
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
  onProgress?: (written: number, total: number) => void,
): Promise<{ added: number }> {
  const t = backup.tables;
  let added = 0;
  let written = 0;
  let total = 0;
  // A page of records per request: the window keeps painting between them (100,000
  // clippings in one bulkAdd froze it for seconds), and the progress line moves.
  const writeAll = async <T>(rows: readonly T[], write: (page: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += PAGE) {
      await write(rows.slice(i, i + PAGE));
      written += Math.min(PAGE, rows.length - i);
      onProgress?.(written, total);
    }
  };
  await db.transaction(
    'rw',
    [
      db.clippings,
      db.originals,
      db.summaries,
      db.highlights,
      db.notes,
      db.tags,
      db.settings,
      db.storyMembers,
      db.storyChoices,
      db.storySketchPacks,
    ],
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
          db.storyMembers.clear(),
          db.storyChoices.clear(),
        ]);
      }
      const existingIds = new Set((await db.clippings.toCollection().primaryKeys()) as string[]);
      // Keys only: reading whole clippings here would load the entire library at once.
      const existingHashes = new Set(
        mode === 'merge'
          ? ((await db.clippings.orderBy('original.sha256').keys()) as string[])
          : [],
      );
      const clippings = t.clippings.filter(
        (c) => !existingIds.has(c.id) && !existingHashes.has(c.original.sha256),
      );
      const ids = new Set(clippings.map((c) => c.id));
      added = clippings.length;
      const originals = t.originals.filter((o) => ids.has(o.id));
      const highlights = t.highlights.filter((h) => ids.has(h.clippingId));
      const notes = t.notes.filter((n) => ids.has(n.clippingId));
      total = clippings.length + originals.length + highlights.length + notes.length;
      // add, not put: a backup naming one clipping twice fails whole, as before.
      await writeAll(clippings, (page) => db.clippings.bulkAdd(page));
      await writeAll(originals, (page) =>
        db.originals.bulkPut(page.map((o): OriginalFile => ({ ...o, bytes: fromBase64(o.bytes) }))),
      );
      await writeAll(highlights, (page) => db.highlights.bulkPut(page));
      await writeAll(notes, (page) => db.notes.bulkPut(page));
      if (mode === 'replace') {
        await db.settings.bulkPut(t.settings);
        await db.storyMembers.bulkPut(t.storyMembers);
        await db.storyChoices.bulkPut(t.storyChoices);
      } else {
        // The user's choices about restored clippings come along; stories are regrouped.
        const all = new Set([...existingIds, ...ids]);
        await db.storyChoices.bulkPut(t.storyChoices.filter((c) => all.has(c.a) && all.has(c.b)));
      }
      // Sketches are derived: the stories worker makes them again (and, after a merge,
      // regroups with the choices above) on its next start.
      await db.storySketchPacks.clear();
      await db.settings.delete(STORY_SKETCHES_SETTING);
      await rebuildDerived(db, t.tags);
    },
  );
  return { added };
}
