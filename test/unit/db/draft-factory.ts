import { createHash } from 'node:crypto';
import type { ClippingDraft } from '@shared/clipping';

/** A valid draft whose original bytes are `text`, for tests of storage. */
export function makeDraft(
  text: string,
  overrides: Partial<ClippingDraft> = {},
): {
  draft: ClippingDraft;
  bytes: Uint8Array;
} {
  const bytes = new TextEncoder().encode(text);
  const draft: ClippingDraft = {
    title: text.split('\n')[0] ?? 'Untitled',
    source: 'Test Wire',
    section: '',
    authors: [],
    publishedAt: '2025-01-02',
    url: '',
    language: 'en',
    direction: 'ltr',
    tags: [],
    paragraphs: text.split('\n').slice(1),
    related: [],
    format: 'txt',
    encoding: { name: 'utf-8', guessed: false },
    original: {
      name: 'a.txt',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
    warnings: [],
    ...overrides,
  };
  return { draft, bytes };
}
