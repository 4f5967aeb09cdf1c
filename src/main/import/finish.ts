/**
 * Turns parser output into a validated `ClippingDraft`: sanitising, language, limits. Every
 * format's result passes through here, so every stored field is sanitised (sanitise.ts) and
 * every cut is reported in the draft's warnings, whichever parser produced it.
 */
import * as v from 'valibot';
import {
  CoverageSchema,
  emptyCoverage,
  type ClippingDraft,
  type Coverage,
  type EncodingInfo,
  type ExportRecordInfo,
  type SourceFormat,
} from '@shared/clipping';
import {
  cleanText,
  nfc,
  safeUrl,
  splitLong,
  tidyName,
  uniqueStrings,
  type ArticleFields,
} from './article';
import {
  detectLanguage,
  directionOf,
  LANGUAGE_SAMPLE_LENGTH,
  normaliseLanguageTag,
} from './language';
import { sanitiseText } from './sanitise';

/** More names than this is a list of contributors pasted into a meta tag, not a byline. */
export const MAX_AUTHORS = 50;
export const MAX_TAGS = 50;
export const MAX_RELATED = 100;

const count = (n: number): string => n.toLocaleString('en-US');

export interface FinishInput {
  article: ArticleFields;
  format: SourceFormat;
  encoding: EncodingInfo;
  original: { name: string; size: number; sha256: string };
  warnings: string[];
  /** For an article from a database export: where it came from and the database's fields. */
  record?: ExportRecordInfo;
}

function fallbackTitle(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, '');
  return cleanText(stem.replace(/[-_]+/g, ' ')) || fileName;
}

/**
 * Title and first four paragraphs, one a line, as detection reads them: joining stops once
 * detection has enough, instead of copying whole paragraphs it never looks at.
 */
function languageSample(title: string, paragraphs: string[]): string {
  const parts = [title];
  let length = title.length;
  for (let i = 0; i < 4 && i < paragraphs.length && length < LANGUAGE_SAMPLE_LENGTH; i++) {
    const p = paragraphs[i] as string;
    parts.push(p);
    length += 1 + p.length;
  }
  return parts.join('\n');
}

const cut = (s: string, max: number): string => (s.length > max ? s.slice(0, max - 1) + '…' : s);

/**
 * The coverage a parser found, its text fields cleaned like the rest; undefined when there is
 * none or it does not fit the schema (a parser bug must not fail the import).
 */
function finishCoverage(
  found: Partial<Coverage> | undefined,
  field: (s: string) => string,
): Coverage | undefined {
  if (!found) return undefined;
  const coverage: Coverage = {
    ...emptyCoverage(),
    ...found,
    page: cut(field(found.page ?? ''), 50),
    edition: cut(field(found.edition ?? ''), 200),
    reachSource: cut(field(found.reachSource ?? ''), 500),
    entities: uniqueStrings((found.entities ?? []).map(field))
      .slice(0, 200)
      .map((s) => cut(s, 500)),
  };
  return v.is(CoverageSchema, coverage) ? coverage : undefined;
}

/** A database export states page and edition: a page number means the article was in print. */
function coverageOfRecord(record: ExportRecordInfo | undefined): Partial<Coverage> | undefined {
  if (!record || (!record.page && !record.edition)) return undefined;
  return {
    ...(record.page ? { page: record.page, mediaType: 'print' as const } : {}),
    ...(record.edition ? { edition: record.edition } : {}),
  };
}

export function finishDraft(input: FinishInput): ClippingDraft {
  const a = input.article;
  const warnings: string[] = [];
  const clip = (s: string, max: number, what: string): string => {
    if (s.length <= max) return s;
    warnings.push(`The ${what} was longer than ${count(max)} characters and was shortened.`);
    return s.slice(0, max - 1) + '…';
  };
  /** One-line fields: no markup, controls, direction marks; whitespace collapsed; NFC. */
  const field = (s: string): string => nfc(cleanText(sanitiseText(s, { directionMarks: true })));
  const capped = <T>(list: T[], max: number, what: string): T[] => {
    if (list.length <= max) return list;
    warnings.push(`Only the first ${count(max)} of ${count(list.length)} ${what} were kept.`);
    return list.slice(0, max);
  };
  const paragraphs: string[] = [];
  for (const whole of a.paragraphs) {
    // Pieces of a paragraph that is a whole file: each pass then copies one piece at a time
    // (a single-line 50 MB file peaked at 1.8 GB).
    for (const p of splitLong(whole)) {
      // Direction marks stay in running text: mixed Arabic/Latin paragraphs need them.
      const c = nfc(cleanText(sanitiseText(p)));
      // Consecutive duplicates are layout artefacts (teaser repeated as first paragraph).
      if (c && c !== paragraphs[paragraphs.length - 1]) paragraphs.push(c);
    }
  }
  const title = clip(field(a.title) || field(fallbackTitle(input.original.name)), 4000, 'title');
  const detected = detectLanguage(languageSample(title, paragraphs));
  const declared = normaliseLanguageTag(field(a.language));
  let language = declared || detected.language;
  // A declared Latin-script language on, say, Cyrillic text is a template default: trust the text.
  if (declared && detected.byScript && detected.language && detected.language !== declared) {
    language = detected.language;
  }
  const publishedAt =
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(a.publishedAt)
      ? a.publishedAt
      : '';
  const related = [];
  const seen = new Set<string>();
  for (const r of a.related) {
    const t = clip(field(r.title), 2000, 'title of a related article');
    if (!t || seen.has(t)) continue;
    seen.add(t);
    const url = safeUrl(field(r.url ?? ''));
    related.push(url ? { title: t, url } : { title: t });
  }
  const authors = capped(uniqueStrings(a.authors.map(field)), MAX_AUTHORS, 'authors').map((s) =>
    clip(s, 1000, 'name of an author'),
  );
  const tags = capped(uniqueStrings(a.tags.map(field)), MAX_TAGS, 'tags').map((s) =>
    clip(s, 500, 'tag'),
  );
  const r = input.record;
  const record = r && {
    ...r,
    file: clip(field(r.file), 1000, 'export file name'),
    documentId: clip(field(r.documentId), 200, 'document id'),
    outletRaw: clip(field(r.outletRaw), 1000, 'outlet as printed'),
    page: clip(field(r.page), 100, 'page'),
    edition: clip(field(r.edition), 500, 'edition'),
    copyright: clip(field(r.copyright), 2000, 'copyright line'),
    loadDate: /^\d{4}-\d{2}-\d{2}$/.test(r.loadDate) ? r.loadDate : '',
  };
  const coverage = finishCoverage(a.coverage ?? coverageOfRecord(record), field);
  const draft: ClippingDraft = {
    title,
    source: clip(tidyName(field(a.source)), 1000, 'outlet'),
    // A database states its section names as printed ("BUSINESS"): they are kept so.
    section: clip(record ? field(a.section) : tidyName(field(a.section)), 1000, 'section'),
    authors,
    publishedAt,
    url: safeUrl(field(a.url)),
    language: language.length > 35 ? '' : language,
    direction: directionOf(language),
    tags,
    paragraphs,
    related: capped(related, MAX_RELATED, 'related articles'),
    format: input.format,
    encoding: {
      name: field(input.encoding.name).slice(0, 64),
      guessed: input.encoding.guessed,
    },
    original: { ...input.original, name: field(input.original.name).slice(0, 1000) || '_' },
    warnings: [],
    ...(record ? { record } : {}),
    ...(coverage ? { coverage } : {}),
  };
  draft.warnings = uniqueStrings([...input.warnings, ...a.warnings, ...warnings].map(field)).map(
    (s) => (s.length > 2000 ? s.slice(0, 1999) + '…' : s),
  );
  return draft;
}
