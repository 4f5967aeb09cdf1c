import type { SearchDoc } from '@shared/search/types';

/** A document with neutral defaults: only what a test sets matters. */
export function doc(id: string, fields: Partial<SearchDoc> = {}): SearchDoc {
  return {
    id,
    title: '',
    body: '',
    source: '',
    authors: [],
    tags: [],
    note: '',
    highlightNotes: '',
    language: 'en',
    publishedAt: '',
    hasHighlights: false,
    hasNote: false,
    trashed: false,
    ...fields,
  };
}
