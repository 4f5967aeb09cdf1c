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

/** An article body that two stories-upgrade tests make copies of. */
export const HARBOUR_BODY = [
  'The regional council approved a plan on Monday to rebuild the old harbour bridge, which has been closed to lorries since cracks were found in its supports last winter.',
  'Work is due to start in the spring and take two years, and the council said a temporary ferry would carry cyclists and pedestrians across the river while the bridge is shut.',
  'Local businesses on the north bank said the closure had already cost them customers, and asked the council to speed up the work wherever it could.',
].join('\n');
