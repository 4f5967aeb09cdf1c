import type { ClippingSummary } from '../../../src/renderer/src/lib/db';

/** A summary row with neutral defaults: only what a test sets matters. */
export function makeSummary(id: string, extra: Partial<ClippingSummary> = {}): ClippingSummary {
  return {
    id,
    title: `Title ${id}`,
    source: 'Wire',
    section: '',
    authors: [],
    publishedAt: '2025-03-01',
    importedAt: '2025-03-02T00:00:00.000Z',
    language: 'en',
    direction: 'ltr',
    tags: [],
    deletedAt: '',
    highlightCount: 0,
    hasNote: false,
    mediaType: '',
    tone: '',
    reach: null,
    page: '',
    ...extra,
  };
}
