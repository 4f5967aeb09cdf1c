/**
 * The IPC contract between main and renderer, defined once (after Signal Desktop's
 * sql_channel): channel names, a schema for every request's arguments and every response,
 * and the events main sends. Main validates every argument as `unknown` against these
 * schemas; handlers answer with a `Result` and never throw across the boundary.
 */
import * as v from 'valibot';
import { ClippingDraftSchema, EXPORT_DATABASES, RefusalSchema } from './clipping';
import { dataBytes, MAX_IPC_CHUNK_BYTES } from './ipc-limits';

export const MAX_PATH_LENGTH = 4_096;
/** More paths than this in one request is not a user's drop; it is a bug or an attack. */
export const MAX_PATHS_PER_REQUEST = 100_000;

export const PathSchema = v.pipe(
  v.string(),
  v.minLength(1, 'A path must not be empty.'),
  v.maxLength(MAX_PATH_LENGTH, 'A path is longer than any file system allows.'),
  v.check((p) => !p.includes('\0'), 'A path must not contain NUL characters.'),
  // Paths come from drops, dialogs and the command line, which are always absolute; a relative
  // path or a `..` segment is not something the user chose, so it is never resolved.
  v.check(isAbsolutePath, 'A path must be absolute.'),
  v.check((p) => !p.split(/[\\/]/).includes('..'), 'A path must not contain “..” segments.'),
);

/** POSIX (`/…`), Windows drive (`C:\…`, `C:/…`) or UNC (`\\server\share`) absolute paths. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || /^\\\\[^\\]/.test(p);
}

export const JobIdSchema = v.pipe(v.string(), v.regex(/^job-[0-9a-z-]{1,64}$/));

export const HttpUrlSchema = v.pipe(
  v.string(),
  v.maxLength(8_000),
  v.check(isHttpUrl, 'Only http and https links can be opened.'),
);

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const ImportOriginSchema = v.picklist(['drop', 'dialog', 'launch', 'menu']);
export type ImportOrigin = v.InferOutput<typeof ImportOriginSchema>;

const JobStartedSchema = v.object({ jobId: JobIdSchema });

export const AppInfoSchema = v.object({
  name: v.string(),
  version: v.string(),
  platform: v.string(),
  /** The profile folder (userData): shown in About; opened only through 'app:open-data-folder'. */
  dataDir: v.string(),
});
export type AppInfo = v.InferOutput<typeof AppInfoSchema>;

/** One file of an export, as the shared exporters make it; main decides where it lands. */
export const ExportFileSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(1_000)),
  data: v.union([
    v.string(),
    v.custom<Uint8Array>((x) => x instanceof Uint8Array, 'Bytes expected.'),
  ]),
  mediaType: v.pipe(v.string(), v.maxLength(200)),
});

export const SaveRequestSchema = v.strictObject({
  /** 'folder' for multi-file exports (the user picks a folder), 'file' for one file. */
  target: v.picklist(['folder', 'file']),
  /** The file name (for 'file') or the suggested folder name (for 'folder'). */
  suggestedName: v.pipe(v.string(), v.maxLength(255)),
  files: v.pipe(v.array(ExportFileSchema), v.minLength(1), v.maxLength(200_000)),
});
export type SaveRequest = v.InferOutput<typeof SaveRequestSchema>;

export { dataBytes, MAX_IPC_CHUNK_BYTES };

export const StreamIdSchema = v.pipe(v.string(), v.regex(/^stream-[0-9a-f]{24}$/));

const ChunkSchema = v.pipe(
  v.instance(Uint8Array),
  v.check((b) => b.byteLength <= MAX_IPC_CHUNK_BYTES, 'A chunk is over the size limit.'),
);

/** Where a streamed file goes: a file the user picks, or the app's automatic backup folder. */
export const SaveTargetSchema = v.variant('to', [
  v.strictObject({ to: v.literal('choose'), suggestedName: v.pipe(v.string(), v.maxLength(255)) }),
  v.strictObject({
    to: v.literal('export'),
    /** A file of an export begun with 'export:begin', too big for one 'export:files'. */
    exportId: StreamIdSchema,
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(1_000)),
  }),
  v.strictObject({
    to: v.literal('auto-backup'),
    /** How many automatic backups to keep, this one included. */
    keep: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
  }),
]);
export type SaveTarget = v.InferOutput<typeof SaveTargetSchema>;

const SavedSchema = v.nullable(v.object({ folder: v.string(), paths: v.array(v.string()) }));

/** Request/response schemas per invoke channel. `args` is always a tuple. */
export const invokeContract = {
  'import:start': {
    args: v.strictTuple([
      v.pipe(v.array(PathSchema), v.minLength(1), v.maxLength(MAX_PATHS_PER_REQUEST)),
      ImportOriginSchema,
    ]),
    result: JobStartedSchema,
  },
  'import:choose': {
    args: v.strictTuple([v.picklist(['files', 'folder'])]),
    /** null when the user cancelled the dialog. */
    result: v.nullable(JobStartedSchema),
  },
  'import:cancel': {
    args: v.strictTuple([JobIdSchema]),
    result: v.object({ cancelled: v.boolean() }),
  },
  'shell:open-external': {
    args: v.strictTuple([HttpUrlSchema]),
    result: v.null(),
  },
  'app:info': {
    args: v.strictTuple([]),
    result: AppInfoSchema,
  },
  'app:open-data-folder': {
    // No argument: the folder is main's own userData path, never one the renderer names.
    args: v.strictTuple([]),
    result: v.null(),
  },
  'export:save': {
    args: v.strictTuple([SaveRequestSchema]),
    /** null when the user cancelled the dialog. */
    result: SavedSchema,
  },
  'export:begin': {
    /**
     * A big export, in pieces: asks where it goes (as 'export:save' does), then takes its files
     * in batches ('export:files') and streams ('save:begin' to 'export'), then 'export:end'.
     */
    args: v.strictTuple([
      v.strictObject({
        target: v.picklist(['folder', 'file']),
        suggestedName: v.pipe(v.string(), v.maxLength(255)),
      }),
    ]),
    result: v.nullable(v.object({ exportId: StreamIdSchema })),
  },
  'export:files': {
    args: v.strictTuple([
      StreamIdSchema,
      v.pipe(
        v.array(ExportFileSchema),
        v.minLength(1),
        v.maxLength(200_000),
        v.check(
          (files) => files.reduce((n, f) => n + dataBytes(f.data), 0) <= MAX_IPC_CHUNK_BYTES,
          'A batch of files is over the size limit.',
        ),
      ),
    ]),
    result: v.null(),
  },
  'export:end': {
    args: v.strictTuple([StreamIdSchema]),
    result: SavedSchema,
  },
  'export:pdf': {
    args: v.strictTuple([
      v.strictObject({
        html: v.pipe(v.string(), v.maxLength(512 * 1024 * 1024)),
        suggestedName: v.pipe(v.string(), v.maxLength(255)),
      }),
    ]),
    result: SavedSchema,
  },
  'shell:show-in-folder': {
    /** Only a path this session wrote is shown; anything else is refused. */
    args: v.strictTuple([PathSchema]),
    result: v.null(),
  },
  'file:open': {
    /** Asks which file to open; it is then read with 'file:read'. null when cancelled. */
    args: v.strictTuple([v.picklist(['backup', 'clipbook-json'])]),
    result: v.nullable(v.object({ name: v.string(), size: v.number(), streamId: StreamIdSchema })),
  },
  'file:read': {
    /** The next chunk of an opened file, at most `maxBytes`; `done` closes it. */
    args: v.strictTuple([
      StreamIdSchema,
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_IPC_CHUNK_BYTES)),
    ]),
    result: v.object({ bytes: v.instance(Uint8Array), done: v.boolean() }),
  },
  'file:close': {
    args: v.strictTuple([StreamIdSchema]),
    result: v.null(),
  },
  'save:begin': {
    /** Starts a file written in chunks; null when the user cancelled the save dialog. */
    args: v.strictTuple([SaveTargetSchema]),
    result: v.nullable(v.object({ streamId: StreamIdSchema })),
  },
  'save:chunk': {
    args: v.strictTuple([StreamIdSchema, ChunkSchema]),
    result: v.null(),
  },
  'save:finish': {
    /** Puts the file in place (atomically) and returns where it is. */
    args: v.strictTuple([StreamIdSchema]),
    result: v.object({ path: v.string(), bytes: v.number() }),
  },
  'save:abort': {
    /** Drops the file: nothing is left at its target. */
    args: v.strictTuple([StreamIdSchema]),
    result: v.null(),
  },
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[];
export type InvokeArgs<C extends InvokeChannel> = v.InferOutput<(typeof invokeContract)[C]['args']>;
export type InvokeValue<C extends InvokeChannel> = v.InferOutput<
  (typeof invokeContract)[C]['result']
>;

// ---- Events: main → renderer -------------------------------------------------------------

const Part = v.pipe(v.number(), v.integer(), v.minValue(1));

/** Set on items that are one article of a multi-article database export. */
export const ImportPartSchema = v.object({
  /** 1-based position of the article in the export, and the export's article count. */
  part: Part,
  parts: Part,
  database: v.picklist(EXPORT_DATABASES),
  /** The earlier article of the same export that this one repeats (it is not stored). */
  duplicateOf: v.optional(Part),
});
export type ImportPart = v.InferOutput<typeof ImportPartSchema>;

export const ImportItemSchema = v.object({
  path: v.string(),
  part: v.optional(ImportPartSchema),
  outcome: v.variant('ok', [
    v.object({ ok: v.literal(true), draft: ClippingDraftSchema, bytes: v.instance(Uint8Array) }),
    v.object({ ok: v.literal(false), error: RefusalSchema }),
  ]),
});
export type ImportItem = v.InferOutput<typeof ImportItemSchema>;

export const ImportEventSchema = v.variant('type', [
  v.object({ type: v.literal('started'), jobId: JobIdSchema, origin: ImportOriginSchema }),
  v.object({
    type: v.literal('progress'),
    jobId: JobIdSchema,
    /** Files handled so far. */
    done: v.number(),
    /** Files found so far; grows while folders are still being walked. */
    found: v.number(),
    /** Articles read so far: one per single-article file, every article of an export. */
    articles: v.number(),
    scanning: v.boolean(),
    current: v.string(),
  }),
  v.object({ type: v.literal('items'), jobId: JobIdSchema, items: v.array(ImportItemSchema) }),
  v.object({
    type: v.literal('finished'),
    jobId: JobIdSchema,
    cancelled: v.boolean(),
    /** Set when the job itself failed (not a single file). */
    failure: v.optional(v.string()),
  }),
]);
export type ImportEvent = v.InferOutput<typeof ImportEventSchema>;

export { EVENT_CHANNELS, MENU_COMMANDS, type MenuCommand } from './ipc-channels';
