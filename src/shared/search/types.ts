/** What the search index is told about one clipping. */
import { clippingText, type ArticleNote, type Highlight } from '../annotations';
import { coverageOf, type Clipping } from '../clipping';
import { coverageFacts, type CoverageFacts } from './coverage-filter';

export interface SearchDoc {
  id: string;
  title: string;
  /** The clipping's text (`clippingText(paragraphs)`). */
  body: string;
  /** The outlet. */
  source: string;
  authors: string[];
  tags: string[];
  /** The article note. */
  note: string;
  /** The notes of all highlights, joined by blank lines. */
  highlightNotes: string;
  /** BCP 47, '' when unknown. */
  language: string;
  /** ISO 8601 as stored ('' when unknown); only the date part is indexed. */
  publishedAt: string;
  hasHighlights: boolean;
  hasNote: boolean;
  trashed: boolean;
  /** Kept beside the index (not in segments), for the coverage operators. */
  coverage?: CoverageFacts;
}

/** Builds the document to index from a clipping and its annotations. */
export function toSearchDoc(
  clipping: Clipping,
  extra: {
    note?: ArticleNote | undefined;
    highlights?: readonly Highlight[];
    trashed?: boolean;
  } = {},
): SearchDoc {
  const highlights = extra.highlights ?? [];
  const note = extra.note?.text ?? '';
  return {
    id: clipping.id,
    title: clipping.title,
    body: clippingText(clipping.paragraphs),
    source: clipping.source,
    authors: clipping.authors,
    tags: [...clipping.tags, ...highlights.flatMap((h) => h.tags)],
    note,
    highlightNotes: highlights
      .map((h) => h.note)
      .filter((n) => n.length > 0)
      .join('\n\n'),
    language: clipping.language,
    publishedAt: clipping.publishedAt,
    hasHighlights: highlights.length > 0,
    hasNote: note.trim().length > 0,
    trashed: extra.trashed ?? false,
    coverage: coverageFacts(coverageOf(clipping)),
  };
}
