/** Turns parser output into a validated `ClippingDraft`: cleaning, language, limits. */
import * as v from 'valibot';
import {
  CoverageSchema,
  emptyCoverage,
  type ClippingDraft,
  type Coverage,
  type EncodingInfo,
  type SourceFormat,
} from '@shared/clipping';
import {
  cleanText,
  nfc,
  safeUrl,
  stripScriptResidue,
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

const clip = (s: string, max: number): string => (s.length > max ? s.slice(0, max - 1) + '…' : s);

export interface FinishInput {
  article: ArticleFields;
  format: SourceFormat;
  encoding: EncodingInfo;
  original: { name: string; size: number; sha256: string };
  warnings: string[];
  /** Markup-derived text may carry script residue; plain text is stored as written. */
  fromMarkup: boolean;
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

/**
 * The coverage a parser found, its text fields cleaned like the rest; undefined when there is
 * none or it does not fit the schema (a parser bug must not fail the import).
 */
function finishCoverage(
  found: Partial<Coverage> | undefined,
  scrub: (s: string) => string,
): Coverage | undefined {
  if (!found) return undefined;
  const coverage: Coverage = {
    ...emptyCoverage(),
    ...found,
    page: clip(scrub(found.page ?? ''), 50),
    edition: clip(scrub(found.edition ?? ''), 200),
    reachSource: clip(scrub(found.reachSource ?? ''), 500),
    entities: uniqueStrings((found.entities ?? []).map(scrub))
      .slice(0, 200)
      .map((s) => clip(s, 500)),
  };
  return v.is(CoverageSchema, coverage) ? coverage : undefined;
}

export function finishDraft(input: FinishInput): ClippingDraft {
  const a = input.article;
  const scrub = (s: string): string => {
    const c = nfc(cleanText(s));
    return input.fromMarkup ? stripScriptResidue(c) : c;
  };
  const paragraphs: string[] = [];
  for (const p of a.paragraphs) {
    // Parsers hand over whitespace-clean paragraphs; only NFC and script residue remain to do.
    const n = nfc(p);
    const c = input.fromMarkup ? stripScriptResidue(n) : n.trim();
    // Consecutive duplicates are layout artefacts (teaser repeated as first paragraph).
    if (c && c !== paragraphs[paragraphs.length - 1]) paragraphs.push(c);
  }
  const title = clip(scrub(a.title) || fallbackTitle(input.original.name), 4000);
  const detected = detectLanguage(languageSample(title, paragraphs));
  const declared = normaliseLanguageTag(a.language);
  let language = declared || detected.language;
  // A declared Latin-script language on, say, Cyrillic text is a template default: trust the text.
  if (declared && detected.byScript && detected.language && detected.language !== declared) {
    language = detected.language;
  }
  const publishedAt =
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(a.publishedAt)
      ? a.publishedAt
      : '';
  const coverage = finishCoverage(a.coverage, scrub);
  const related = [];
  const seen = new Set<string>();
  for (const r of a.related) {
    const t = clip(scrub(r.title), 2000);
    if (!t || seen.has(t)) continue;
    seen.add(t);
    const url = safeUrl(r.url);
    related.push(url ? { title: t, url } : { title: t });
  }
  return {
    title,
    source: clip(tidyName(scrub(a.source)), 1000),
    section: clip(tidyName(scrub(a.section)), 1000),
    authors: uniqueStrings(a.authors.map(scrub)).map((s) => clip(s, 1000)),
    publishedAt,
    url: safeUrl(a.url),
    language: clip(language, 35),
    direction: directionOf(language),
    tags: uniqueStrings(a.tags.map(scrub)).map((s) => clip(s, 500)),
    paragraphs,
    related,
    format: input.format,
    encoding: { name: clip(input.encoding.name, 64), guessed: input.encoding.guessed },
    original: input.original,
    warnings: uniqueStrings([...input.warnings, ...a.warnings]).map((s) => clip(s, 2000)),
    ...(coverage ? { coverage } : {}),
  };
}
