/** A small hand-made library for the coverage tests: every figure below is counted by hand. */
import type { CoverageItem } from '@shared/coverage/aggregate';

function item(
  id: string,
  publishedAt: string,
  source: string,
  extra: Partial<Omit<CoverageItem, 'id' | 'publishedAt' | 'source'>> = {},
): CoverageItem {
  return {
    id,
    publishedAt,
    source,
    authors: [],
    tags: [],
    mediaType: '',
    tone: '',
    reach: null,
    ...extra,
  };
}

/**
 * March 2024. Mon 4 March starts ISO week 10; Sun 3 March ends week 9.
 * Story `a1`: a Reuters original (a1) and two copies (a2, a3); story `b1`: two copies whose
 * original is not in the library (b2, b3: b2 is earlier).
 */
export const LIBRARY: CoverageItem[] = [
  item('a1', '2024-03-03', 'Reuters', {
    authors: ['Ann Lee'],
    tags: ['politics/europe', 'climate'],
    mediaType: 'wire',
    tone: 'neutral',
    reach: 1000,
  }),
  item('a2', '2024-03-04', 'The Times', {
    authors: ['Ann Lee', 'Bo Chen'],
    tags: ['politics'],
    mediaType: 'print',
    tone: 'negative',
    reach: 500,
  }),
  item('a3', '2024-03-04T09:00:00+01:00', 'the times', {
    tags: ['Politics'],
    mediaType: 'online',
    tone: 'negative',
  }),
  item('b2', '2024-03-10', 'Le Monde', {
    authors: ['bo chen'],
    tags: ['climate'],
    tone: 'positive',
    reach: 200,
  }),
  item('b3', '2024-03-11', 'El País', { tags: ['climate'], tone: 'positive' }),
  // Sunday 23:30 in New York is Monday 04:30 UTC: the week depends on the time zone.
  item('c1', '2024-03-17T23:30:00-04:00', 'Reuters', { mediaType: 'wire', reach: 1000 }),
  item('c2', '2024-03-31', 'Le Monde', { tags: ['sport'], tone: 'mixed' }),
  item('u1', '', 'Blog', { tags: ['climate'] }),
];

/** Story memberships: clipping id → story id (its original's id). */
export const STORIES = new Map([
  ['a1', 'a1'],
  ['a2', 'a1'],
  ['a3', 'a1'],
  ['b2', 'b1'],
  ['b3', 'b1'],
]);
