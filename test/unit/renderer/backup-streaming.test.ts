/**
 * Backups and restores cross IPC in bounded chunks, end to end without Electron: the renderer's
 * backup writer and reader, the preload's API (chunk bound lowered to 1 KiB so that a small
 * library needs hundreds of messages), the real IPC handlers and the real file streams on disk.
 * Every message is structured-cloned, as Electron's IPC does.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcHandlers } from '../../../src/main/ipc/handlers';
import { FileStreams } from '../../../src/main/services/file-streams';
import { createClipbookApi, DEFAULT_CHUNK_BYTES } from '../../../src/preload/api';
import {
  pagesByBytes,
  restoreBackup,
  verifyBackup,
  writeBackup,
} from '../../../src/renderer/src/lib/backup';
import { readAll, streamOf } from '../../../src/renderer/src/lib/file-source';
import type { LibraryRepo } from '../../../src/renderer/src/lib/library-repo';
import { MAX_IPC_CHUNK_BYTES, type InvokeChannel } from '@shared/ipc';
import { fileHandlers } from '../../e2e/support/file-handlers';
import { makeDraft } from '../db/draft-factory';
import { dbOf, openTestLibrary } from '../db/library-factory';

const CHUNK = 1024;
let dir = '';
let savePath = '';
let openPath = '';
let streams: FileStreams;
let handlers: IpcHandlers;
let messages: Array<{ channel: InvokeChannel; bytes: number }>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clipbook-stream-'));
  savePath = join(dir, 'Clipbook backup.clipbook-backup');
  openPath = savePath;
  streams = new FileStreams();
  messages = [];
  handlers = fileHandlers({
    dir,
    streams,
    saveTo: () => savePath,
    openFrom: () => openPath,
  });
});

afterEach(async () => {
  await streams.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

/** Bytes of file data anywhere in a message (batches nest them in file objects). */
function bytesIn(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'string') return 0;
  if (Array.isArray(value)) return value.reduce<number>((n, x) => n + bytesIn(x), 0);
  if (value && typeof value === 'object') return bytesIn(Object.values(value));
  return 0;
}

/** The preload's API over a transport that clones each message, as ipcRenderer.invoke does. */
function api(chunkBytes = CHUNK) {
  return createClipbookApi(
    {
      invoke: async (channel, ...args) => {
        const bytes = bytesIn(args);
        messages.push({ channel, bytes });
        const result = structuredClone(await handlers[channel](structuredClone(args)));
        if (channel === 'file:read' && result.ok) {
          const read = result.value as { bytes: Uint8Array };
          messages.push({ channel: 'file:read', bytes: -read.bytes.byteLength });
        }
        return result;
      },
      on: () => () => undefined,
      pathForFile: () => '',
    },
    { chunkBytes },
  );
}

async function seed(count: number): Promise<LibraryRepo> {
  const repo = openTestLibrary();
  await repo.storeDrafts(
    Array.from({ length: count }, (_, i) => ({
      path: `/x/${i}.txt`,
      ...makeDraft(`Article ${i}\nFirst paragraph of ${i}, ${'with words '.repeat(i % 40)}.`),
    })),
  );
  return repo;
}

const sent = (channel: InvokeChannel) => messages.filter((m) => m.channel === channel);

describe('backups cross IPC in bounded chunks', () => {
  it('a small library with a 1 KiB bound takes many chunks, and restores record for record', async () => {
    const repo = await seed(300);
    const client = api();
    const opened = await client.saveFile({ to: 'choose', suggestedName: 'b.clipbook-backup' });
    if (!opened.ok || !opened.value) throw new Error('no sink');
    const sink = opened.value;
    await writeBackup(dbOf(repo), (chunk) => sink.write(chunk));
    const saved = await sink.finish();
    expect(saved.path).toBe(savePath);
    const size = statSync(savePath).size;
    expect(saved.bytes).toBe(size);

    const chunks = sent('save:chunk');
    expect(chunks.length).toBe(Math.ceil(size / CHUNK));
    expect(chunks.length).toBeGreaterThan(20);
    // Every message but the last is exactly the bound; none is over it.
    expect(chunks.slice(0, -1).every((m) => m.bytes === CHUNK)).toBe(true);
    expect(chunks.at(-1)!.bytes).toBeLessThanOrEqual(CHUNK);
    // Nothing else carried bytes, and nothing half-written is left beside the file.
    expect(messages.filter((m) => m.channel !== 'save:chunk' && m.bytes > 0)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['Clipbook backup.clipbook-backup']);

    // Read back a chunk per message into a fresh profile.
    messages = [];
    const source = await client.openFile('backup');
    if (!source.ok || !source.value) throw new Error('no source');
    expect(source.value).toMatchObject({ name: 'Clipbook backup.clipbook-backup', size });
    const verified = await verifyBackup(streamOf(source.value));
    if (!verified.ok) throw new Error(verified.error);
    const reads = messages.filter((m) => m.channel === 'file:read' && m.bytes < 0);
    expect(reads.length).toBe(Math.ceil(size / CHUNK));
    expect(reads.every((m) => -m.bytes <= CHUNK)).toBe(true);
    expect(streams.openCount).toBe(0); // the last read closed it

    const fresh = openTestLibrary();
    await restoreBackup(dbOf(fresh), verified.backup, 'replace');
    const ids = async (r: LibraryRepo) =>
      (await dbOf(r).clippings.toCollection().primaryKeys()).sort();
    expect(await ids(fresh)).toEqual(await ids(repo));
    const originals = async (r: LibraryRepo) =>
      (await dbOf(r).originals.toArray())
        .map((o) => [o.id, Buffer.from(o.bytes).toString('hex')])
        .sort();
    expect(await originals(fresh)).toEqual(await originals(repo));
  });

  it('a cancelled backup leaves nothing behind, and an existing file untouched', async () => {
    writeFileSync(savePath, 'the previous backup');
    const client = api();
    const opened = await client.saveFile({ to: 'choose', suggestedName: 'b' });
    if (!opened.ok || !opened.value) throw new Error('no sink');
    await opened.value.write(new Uint8Array(5000).fill(7));
    expect(readdirSync(dir).some((n) => n.endsWith('.partial'))).toBe(true);
    await opened.value.abort();
    expect(readdirSync(dir)).toEqual(['Clipbook backup.clipbook-backup']);
    expect(readFileSync(savePath, 'utf8')).toBe('the previous backup');
    expect(streams.openCount).toBe(0);
  });

  it('a reload mid-backup (closeAll) drops the partial file', async () => {
    const opened = await api().saveFile({ to: 'choose', suggestedName: 'b' });
    if (!opened.ok || !opened.value) throw new Error('no sink');
    await opened.value.write(new Uint8Array(3000));
    await streams.closeAll();
    expect(readdirSync(dir)).toEqual([]);
    await expect(opened.value.finish()).rejects.toThrow(/no longer open/);
  });

  it('automatic backups go to the backups folder and only the newest are kept', async () => {
    const repo = await seed(5);
    for (let i = 0; i < 4; i++) {
      const opened = await api().saveFile({ to: 'auto-backup', keep: 2 });
      if (!opened.ok || !opened.value) throw new Error('no sink');
      const sink = opened.value;
      await writeBackup(dbOf(repo), (chunk) => sink.write(chunk));
      await sink.finish();
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct file names
    }
    const kept = readdirSync(join(dir, 'backups'));
    expect(kept).toHaveLength(2);
    expect(kept.every((n) => n.startsWith('clipbook-backup-'))).toBe(true);
  });

  it('a Clipbook JSON export is read whole, a chunk at a time', async () => {
    openPath = join(dir, 'export.json');
    const text = JSON.stringify({ items: Array.from({ length: 400 }, (_, i) => `item ${i}`) });
    writeFileSync(openPath, text);
    const opened = await api().openFile('clipbook-json');
    if (!opened.ok || !opened.value) throw new Error('no source');
    expect(new TextDecoder().decode(await readAll(opened.value))).toBe(text);
    expect(sent('file:read').filter((m) => m.bytes < 0).length).toBe(
      Math.ceil(text.length / CHUNK),
    );
  });

  it('main refuses a chunk over the bound, and the default bound is far under 512 MiB', async () => {
    const opened = await api().saveFile({ to: 'choose', suggestedName: 'b' });
    if (!opened.ok || !opened.value) throw new Error('no sink');
    const streamId = (await handlers['save:begin']([{ to: 'choose', suggestedName: 'c' }])) as {
      ok: true;
      value: { streamId: string };
    };
    const tooBig = await handlers['save:chunk']([
      streamId.value.streamId,
      new Uint8Array(MAX_IPC_CHUNK_BYTES + 1),
    ]);
    expect(tooBig.ok ? 'ok' : tooBig.error.code).toBe('invalid-arguments');
    const tooMuch = await handlers['file:read']([
      'stream-' + '0'.repeat(24),
      MAX_IPC_CHUNK_BYTES + 1,
    ]);
    expect(tooMuch.ok ? 'ok' : tooMuch.error.code).toBe('invalid-arguments');
    const bigBatch = await handlers['export:files']([
      'stream-' + '0'.repeat(24),
      [{ name: 'a', data: new Uint8Array(MAX_IPC_CHUNK_BYTES + 1), mediaType: 'x' }],
    ]);
    expect(bigBatch.ok ? 'ok' : bigBatch.error.code).toBe('invalid-arguments');
    expect(DEFAULT_CHUNK_BYTES).toBeLessThanOrEqual(MAX_IPC_CHUNK_BYTES);
    expect(MAX_IPC_CHUNK_BYTES).toBeLessThan(512 * 1024 * 1024);
    // A preload asked for a bigger bound still sends at most MAX_IPC_CHUNK_BYTES per message.
    messages = [];
    const big = await api(Number.MAX_SAFE_INTEGER).saveFile({ to: 'choose', suggestedName: 'd' });
    if (!big.ok || !big.value) throw new Error('no sink');
    await big.value.write(new Uint8Array(MAX_IPC_CHUNK_BYTES + 10));
    await big.value.finish();
    expect(sent('save:chunk').map((m) => m.bytes)).toEqual([MAX_IPC_CHUNK_BYTES, 10]);
  });
});

describe('reading originals for a backup', () => {
  it('reads them in pages bounded by bytes, not by count', async () => {
    const repo = openTestLibrary();
    const MiB = 1024 * 1024;
    await dbOf(repo).originals.bulkPut(
      Array.from({ length: 10 }, (_, i) => ({
        id: `o-${i}`,
        sha256: String(i).padStart(64, '0'),
        name: `${i}.pdf`,
        size: MiB,
        bytes: new Uint8Array(MiB).fill(i),
      })),
    );
    const sizes: number[] = [];
    const seen: string[] = [];
    for await (const rows of pagesByBytes(dbOf(repo).table('originals'), 3 * MiB)) {
      sizes.push(rows.length);
      seen.push(...rows.map((r) => r['id'] as string));
    }
    expect(sizes).toEqual([3, 3, 3, 1]);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `o-${i}`));
  });
});

/** An export of one Markdown file, through the preload's API. */
function exportOne(target: 'file' | 'folder', name: string, data: string) {
  return api().saveExport({
    target,
    suggestedName: name,
    files: [{ name, data, mediaType: 'text/markdown' }],
  });
}

describe('big exports cross IPC in bounded pieces', () => {
  it('a folder export past the bound goes in batches, a file past it streams', async () => {
    const folder = join(dir, 'vault');
    savePath = folder;
    const files = [
      ...Array.from({ length: 30 }, (_, i) => ({
        name: `notes/note ${i}.md`,
        data: `# Note ${i}\n\n${'word '.repeat(40 + i)}`,
        mediaType: 'text/markdown',
      })),
      { name: 'all.md', data: 'é'.repeat(5000), mediaType: 'text/markdown' },
      {
        name: 'data.bin',
        data: new Uint8Array(2500).fill(9),
        mediaType: 'application/octet-stream',
      },
    ];
    const saved = await api().saveExport({ target: 'folder', suggestedName: 'vault', files });
    if (!saved.ok || !saved.value) throw new Error(JSON.stringify(saved));
    expect(saved.value.folder).toBe(folder);
    expect(saved.value.paths).toHaveLength(files.length);
    for (const file of files) {
      const onDisk = readFileSync(join(folder, file.name));
      expect(onDisk.equals(Buffer.from(file.data as string | Uint8Array)), file.name).toBe(true);
    }
    // Nothing went as one message: batches and chunks, each within the bound.
    expect(sent('export:save')).toEqual([]);
    expect(sent('export:files').length).toBeGreaterThan(3);
    expect(sent('save:chunk').length).toBeGreaterThanOrEqual(Math.ceil(10_000 / CHUNK) + 3);
    expect(messages.every((m) => m.bytes <= CHUNK)).toBe(true);
    // What was written may be shown in its folder, as for any export.
    expect((await handlers['shell:show-in-folder']([join(folder, 'all.md')])).ok).toBe(true);
  });

  it('a one-file export past the bound lands under the chosen name; small ones stay one message', async () => {
    savePath = join(dir, 'Chosen name.md');
    const big = await exportOne('file', 'library.md', 'x'.repeat(4000));
    if (!big.ok || !big.value) throw new Error(JSON.stringify(big));
    expect(big.value.paths).toEqual([savePath]);
    expect(readFileSync(savePath, 'utf8')).toBe('x'.repeat(4000));
    messages = [];
    const small = await exportOne('file', 'a.md', 'short');
    expect(small.ok).toBe(true);
    expect(messages.map((m) => m.channel)).toEqual(['export:save']);
  });

  it('refuses a streamed export file whose name would leave the folder', async () => {
    savePath = join(dir, 'vault');
    const saved = await exportOne('folder', '../escape.md', 'y'.repeat(4000));
    expect(saved.ok).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('escape'))).toEqual([]);
  });
});
