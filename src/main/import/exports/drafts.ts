/**
 * Export records → clipping drafts, each through the same finishing step as a single file
 * (finish.ts), plus duplicate marking inside the export: by document ID, or by the article's
 * own content (outlet, headline, date and text) when the ID differs or is missing.
 */
import { hash } from 'node:crypto';
import type {
  ClippingDraft,
  EncodingInfo,
  ExportDatabase,
  Refusal,
  SourceFormat,
} from '@shared/clipping';
import { DATABASE_NAMES } from '@shared/clipping';
import { emptyArticle } from '../article';
import { finishDraft } from '../finish';
import { normaliseOutlet, type ExportRecord } from './record';

export type ArticleOutcome =
  | { ok: true; draft: ClippingDraft; bytes: Uint8Array; duplicateOf?: number }
  | { ok: false; error: Refusal };

export interface ExportPart {
  /** 1-based position in the export. */
  part: number;
  outcome: ArticleOutcome;
}

export interface ExportContext {
  database: ExportDatabase;
  /** Base name of the export file. */
  file: string;
  format: SourceFormat;
  encoding: EncodingInfo;
  warnings: string[];
}

/**
 * The article as text, kept as its original: an export holds many articles, so storing the
 * whole file with each would multiply it. Document IDs are left out, so the same article
 * under a new ID has the same bytes and the same SHA-256, and is a duplicate.
 */
function articleText(r: ExportRecord, outlet: string): string {
  return [r.title, outlet, r.date || r.loadDate, '', ...r.paragraphs].join('\n') + '\n';
}

const LOAD_DATE_WARNING =
  'The export gives no publication date for this article; the date shown is the day the database loaded it.';

export function recordsToParts(records: readonly ExportRecord[], ctx: ExportContext): ExportPart[] {
  const parts: ExportPart[] = [];
  const byId = new Map<string, number>();
  const byContent = new Map<string, number>();
  const count = records.length;
  records.forEach((r, index) => {
    const part = index + 1;
    if (r.paragraphs.length === 0) {
      parts.push({
        part,
        outcome: {
          ok: false,
          error: {
            code: 'empty',
            message: `Article ${part} of ${count} in “${ctx.file}”${r.title ? ` (“${r.title.slice(0, 120)}”)` : ''} has no text in the ${DATABASE_NAMES[ctx.database]} export; the other articles were read.`,
          },
        },
      });
      return;
    }
    const outlet = normaliseOutlet(r.outletRaw);
    const date = (r.date || r.loadDate).slice(0, 10);
    const dateIsLoadDate = !r.date && !!r.loadDate;
    const article = emptyArticle();
    article.title = r.title;
    article.source = outlet;
    article.section = r.section;
    article.authors = r.authors;
    article.publishedAt = date;
    article.url = r.url;
    article.language = r.language;
    article.paragraphs = r.paragraphs;
    if (dateIsLoadDate) article.warnings.push(LOAD_DATE_WARNING);
    if (r.abstractOnly)
      article.warnings.push('The export has no full text for this article; its abstract is shown.');
    const bytes = Buffer.from(articleText(r, outlet), 'utf8');
    const draft = finishDraft({
      article,
      format: ctx.format,
      encoding: ctx.encoding,
      original: { name: ctx.file, size: bytes.length, sha256: hash('sha256', bytes, 'hex') },
      warnings: ctx.warnings,
      record: {
        database: ctx.database,
        file: ctx.file,
        part,
        parts: count,
        documentId: r.documentId,
        outletRaw: r.outletRaw,
        page: r.page,
        edition: r.edition,
        wordCount: r.wordCount,
        copyright: r.copyright,
        loadDate: r.loadDate.slice(0, 10),
        dateIsLoadDate,
        abstractOnly: r.abstractOnly,
      },
    });
    if (r.rtl && draft.direction !== 'rtl') draft.direction = 'rtl';
    const id = r.documentId ? byId.get(r.documentId) : undefined;
    // The article's own text (outlet, headline, date, body; no ID) identifies a repeat.
    const key = draft.original.sha256;
    const same = id ?? byContent.get(key);
    if (r.documentId && !byId.has(r.documentId)) byId.set(r.documentId, part);
    if (!byContent.has(key)) byContent.set(key, part);
    parts.push({
      part,
      outcome: { ok: true, draft, bytes, ...(same !== undefined ? { duplicateOf: same } : {}) },
    });
  });
  return parts;
}
