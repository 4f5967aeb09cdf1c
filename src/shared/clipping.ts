/**
 * The clipping model shared by every layer, defined once as schemas so that the same
 * definition types the code and validates data crossing a boundary (IPC, JSON import).
 * The import engine (main) produces a `ClippingDraft`; the renderer stores it as a `Clipping`.
 * Unknown text fields are '' (not undefined) so that IndexedDB can index and sort them.
 */
import * as v from 'valibot';

export const REFUSAL_CODES = [
  'empty',
  'binary',
  'too-large',
  'unsupported',
  'unreadable',
  'malformed',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const SOURCE_FORMATS = ['txt', 'html', 'md', 'eml', 'pdf', 'docx', 'rtf', 'odt'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** News databases whose bulk exports are split into one clipping per article. */
export const EXPORT_DATABASES = [
  'nexis-uni',
  'lexisnexis-academic',
  'factiva',
  'proquest',
  'europresse',
] as const;
export type ExportDatabase = (typeof EXPORT_DATABASES)[number];

/** Display names of the databases. */
export const DATABASE_NAMES: Record<ExportDatabase, string> = {
  'nexis-uni': 'Nexis Uni',
  'lexisnexis-academic': 'LexisNexis Academic',
  factiva: 'Factiva',
  proquest: 'ProQuest',
  europresse: 'Europresse',
};

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const RefusalSchema = v.object({
  code: v.picklist(REFUSAL_CODES),
  /** Says what is wrong and what the user can do about it. */
  message: text(2_000),
});
export type Refusal = v.InferOutput<typeof RefusalSchema>;

export const RelatedArticleSchema = v.object({
  title: text(2_000),
  url: v.optional(text(8_000)),
});
export type RelatedArticle = v.InferOutput<typeof RelatedArticleSchema>;

export const OriginalFileInfoSchema = v.object({
  /** Base name of the file as it was on disk. */
  name: text(1_000),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Lower-case hex SHA-256 of the original bytes: the identity used to detect duplicates. */
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
});
export type OriginalFileInfo = v.InferOutput<typeof OriginalFileInfoSchema>;

export const EncodingInfoSchema = v.object({
  /** Canonical name of the decoder used, e.g. 'utf-8', 'windows-1251', 'utf-16le'. */
  name: text(64),
  /** True when no BOM or declaration said so and the encoding was detected statistically. */
  guessed: v.boolean(),
});
export type EncodingInfo = v.InferOutput<typeof EncodingInfoSchema>;

/**
 * Where an article from a database export came from, and the fields the database states that
 * a single article file does not have. Absent for single-article files.
 */
export const ExportRecordInfoSchema = v.object({
  database: v.picklist(EXPORT_DATABASES),
  /** Base name of the export file. */
  file: text(1_000),
  /** 1-based position of the article in the export, and the export's article count. */
  part: v.pipe(v.number(), v.integer(), v.minValue(1)),
  parts: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Nexis contentItem ID, Factiva AN, ProQuest document ID, Europresse number; '' if none. */
  documentId: text(200),
  /** The outlet as printed, before qualifiers were removed. */
  outletRaw: text(1_000),
  page: text(100),
  edition: text(500),
  /** The length the database states; 0 when it states none. */
  wordCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  copyright: text(2_000),
  /** The database's load date (ISO), '' when not given. */
  loadDate: text(40),
  /** No publication date was given: `publishedAt` is the load date. */
  dateIsLoadDate: v.boolean(),
  /** The record had no full text; the body is its abstract. */
  abstractOnly: v.boolean(),
});
export type ExportRecordInfo = v.InferOutput<typeof ExportRecordInfoSchema>;

// ---- Coverage: the fields a clip report codes per clipping --------------------------------

export const MEDIA_TYPES = [
  'online',
  'print',
  'broadcast',
  'wire',
  'newsletter',
  'social',
  'other',
] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const TONES = ['positive', 'neutral', 'negative', 'mixed'] as const;
export type Tone = (typeof TONES)[number];

export const PROMINENCES = ['lead', 'feature', 'mention'] as const;
export type Prominence = (typeof PROMINENCES)[number];

export const MEDIA_TYPE_LABELS: Record<MediaType, string> = {
  online: 'Online',
  print: 'Print',
  broadcast: 'Broadcast',
  wire: 'Wire',
  newsletter: 'Newsletter',
  social: 'Social',
  other: 'Other',
};
export const TONE_LABELS: Record<Tone, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
  mixed: 'Mixed',
};
export const PROMINENCE_LABELS: Record<Prominence, string> = {
  lead: 'Lead',
  feature: 'Feature',
  mention: 'Mention',
};

/** Largest reach accepted: beyond any audience on Earth, and exact as a double. */
export const MAX_REACH = 1e12;

/**
 * Every field optional in meaning: '' (or null for reach, [] for entities) is "not set".
 * Page is text because print pages are often "A3" or "12-13".
 */
export const CoverageSchema = v.object({
  mediaType: v.picklist(['', ...MEDIA_TYPES]),
  page: text(50),
  edition: text(200),
  /** Audience or circulation. */
  reach: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_REACH))),
  /** Where the reach figure comes from, as the user wrote it. */
  reachSource: text(500),
  tone: v.picklist(['', ...TONES]),
  prominence: v.picklist(['', ...PROMINENCES]),
  /** Spokespeople, organisations and other entities named. */
  entities: v.pipe(v.array(text(500)), v.maxLength(200)),
});
export type Coverage = v.InferOutput<typeof CoverageSchema>;

export function emptyCoverage(): Coverage {
  return {
    mediaType: '',
    page: '',
    edition: '',
    reach: null,
    reachSource: '',
    tone: '',
    prominence: '',
    entities: [],
  };
}

/** A clipping's coverage; records from before schema version 6 (old exports, backups) have none. */
export function coverageOf(c: { coverage?: Coverage | undefined }): Coverage {
  return c.coverage ?? emptyCoverage();
}

/** True when no coverage field is set. */
export function isEmptyCoverage(c: Coverage): boolean {
  return (
    !c.mediaType &&
    !c.page &&
    !c.edition &&
    c.reach === null &&
    !c.reachSource &&
    !c.tone &&
    !c.prominence &&
    c.entities.length === 0
  );
}

export const ClippingDraftSchema = v.object({
  title: text(4_000),
  /** The outlet. */
  source: text(1_000),
  section: text(1_000),
  authors: v.array(text(1_000)),
  /** ISO 8601 as written: date only, date+time, or date+time+offset; '' when unknown. */
  publishedAt: v.pipe(
    v.string(),
    v.regex(/^$|^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/),
  ),
  url: text(8_000),
  /** BCP 47 tag, '' when undetermined. */
  language: text(35),
  direction: v.picklist(['ltr', 'rtl']),
  tags: v.array(text(500)),
  paragraphs: v.array(v.string()),
  related: v.array(RelatedArticleSchema),
  format: v.picklist(SOURCE_FORMATS),
  encoding: EncodingInfoSchema,
  original: OriginalFileInfoSchema,
  /** Things the user should know about this import (e.g. a guessed encoding). */
  warnings: v.array(text(2_000)),
  /** Set for articles that came out of a database export. */
  record: v.optional(ExportRecordInfoSchema),
  /** Media type, page, tone…: absent in drafts whose file says nothing of them. */
  coverage: v.optional(CoverageSchema),
});
export type ClippingDraft = v.InferOutput<typeof ClippingDraftSchema>;
export type Direction = ClippingDraft['direction'];

/** A clipping as stored in the library. */
export interface Clipping extends ClippingDraft {
  id: string;
  /** ISO 8601 UTC instant of the import. */
  importedAt: string;
  /** '' while in the library; the ISO instant it was moved to the Trash otherwise. */
  deletedAt: string;
}
