/**
 * Lossless JSON export: everything needed to rebuild the clippings, highlights (with both
 * selectors), notes and tags, validated on the way back in by `ClipbookExportSchema`.
 */
import * as v from 'valibot';
import { HighlightSchema } from '../annotations';
import { ClippingDraftSchema } from '../clipping';
import { DEFAULT_TITLE } from './common';
import { errorMessage } from '../errors';
import { safeFileName } from './file-names';
import type { ExportFile, ExportItem, ExportOptions } from './types';

export const CLIPBOOK_EXPORT_FORMAT = 'clipbook-export';
export const CLIPBOOK_EXPORT_VERSION = 1;

export const ExportedClippingSchema = v.object({
  ...ClippingDraftSchema.entries,
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  importedAt: v.string(),
  // Optional so that exports written before the Trash existed still import.
  deletedAt: v.optional(v.string(), ''),
});

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** Optional: exports written before stories have none. */
export const ExportStorySchema = v.object({
  id,
  copies: v.pipe(v.number(), v.integer(), v.minValue(0)),
  alsoIn: v.array(v.pipe(v.string(), v.maxLength(1_000))),
  choices: v.array(v.object({ kind: v.picklist(['apart', 'together']), with: id })),
});

export const ExportItemSchema = v.object({
  clipping: ExportedClippingSchema,
  highlights: v.array(HighlightSchema),
  note: v.string(),
  story: v.optional(ExportStorySchema),
});

export const ClipbookExportSchema = v.object({
  format: v.literal(CLIPBOOK_EXPORT_FORMAT),
  version: v.literal(CLIPBOOK_EXPORT_VERSION),
  exportedAt: v.string(),
  title: v.optional(v.string()),
  items: v.array(ExportItemSchema),
});
export type ClipbookExport = v.InferOutput<typeof ClipbookExportSchema>;

export function toClipbookExport(
  items: readonly ExportItem[],
  options: ExportOptions,
): ClipbookExport {
  return {
    format: CLIPBOOK_EXPORT_FORMAT,
    version: CLIPBOOK_EXPORT_VERSION,
    exportedAt: options.generatedAt,
    ...(options.title !== undefined ? { title: options.title } : {}),
    items: items.map((i) => ({
      clipping: i.clipping,
      highlights: i.highlights,
      note: i.note,
      ...(i.story ? { story: i.story } : {}),
    })),
  };
}

export function exportJson(items: readonly ExportItem[], options: ExportOptions): ExportFile[] {
  const name = safeFileName(options.title ?? DEFAULT_TITLE, { extension: 'json' });
  const data = `${JSON.stringify(toClipbookExport(items, options), null, 2)}\n`;
  return [{ name, data, mediaType: 'application/json' }];
}

export type ParseExportResult = { ok: true; items: ExportItem[] } | { ok: false; error: string };

export function parseClipbookExport(text: string): ParseExportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${errorMessage(e)}` };
  }
  if (typeof raw === 'object' && raw !== null && 'format' in raw) {
    const { format, version } = raw as { format: unknown; version?: unknown };
    if (format !== CLIPBOOK_EXPORT_FORMAT) {
      return { ok: false, error: `Not a Clipbook export (format is ${JSON.stringify(format)}).` };
    }
    if (version !== CLIPBOOK_EXPORT_VERSION) {
      return {
        ok: false,
        error: `Unsupported Clipbook export version ${JSON.stringify(version)}; this app reads version ${CLIPBOOK_EXPORT_VERSION}.`,
      };
    }
  }
  const parsed = v.safeParse(ClipbookExportSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? '(top level)';
    return { ok: false, error: `Invalid Clipbook export at ${path}: ${issue.message}` };
  }
  return { ok: true, items: parsed.output.items };
}
