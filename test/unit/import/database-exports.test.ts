/**
 * Every article and field of every sample export in test/fixtures/database-exports against
 * expected.json, under the comparison rules its `about` states: strings after NFC and
 * whitespace folding, outlet and byline case-insensitively, null for what the record lacks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ClippingDraftSchema } from '@shared/clipping';
import { parseFile, type ExportPart } from '../../../src/main/import/index';

const DIR = join(__dirname, '../../fixtures/database-exports');

interface ExpectedArticle {
  headline: string;
  outlet: string;
  date: string | null;
  fallbackDate?: string;
  byline: string[];
  section: string | null;
  page: string | null;
  wordCount: number | null;
  language: string;
  documentId: string | null;
  bodyFirst8: string;
  bodyLast8: string;
  bodyWords: number;
  duplicateOf?: number;
  direction?: string;
  bodySource?: string;
}

const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  files: Record<string, { count: number; articles: ExpectedArticle[] }>;
};

const fold = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const foldCase = (s: string): string => fold(s).toLowerCase();

describe.each(Object.entries(expected.files))('%s', (file, want) => {
  let parts: ExportPart[] = [];

  it(`splits into ${want.count} articles`, async () => {
    const r = await parseFile(join(DIR, file));
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    if (!r.ok) return;
    parts = r.parts ?? [];
    expect(parts.map((p) => p.part)).toEqual(want.articles.map((_, i) => i + 1));
  });

  want.articles.forEach((a, i) => {
    it(`article ${i + 1}: ${a.headline.slice(0, 60)}`, () => {
      const part = parts[i];
      expect(part?.outcome.ok).toBe(true);
      if (!part?.outcome.ok) return;
      const { draft, duplicateOf } = part.outcome;
      expect(v.safeParse(ClippingDraftSchema, draft).success).toBe(true);
      const record = draft.record;
      expect(record?.part).toBe(i + 1);
      expect(record?.parts).toBe(want.count);
      expect(fold(draft.title)).toBe(fold(a.headline));
      expect(foldCase(draft.source)).toBe(foldCase(a.outlet));
      if (a.date === null) {
        expect(record?.dateIsLoadDate).toBe(!!a.fallbackDate);
        expect(draft.publishedAt.slice(0, 10)).toBe(a.fallbackDate ?? '');
      } else {
        expect(record?.dateIsLoadDate).toBe(false);
        expect(draft.publishedAt.slice(0, 10)).toBe(a.date);
      }
      expect(draft.authors.map(foldCase)).toEqual(a.byline.map(foldCase));
      expect(fold(draft.section)).toBe(fold(a.section ?? ''));
      expect(record?.page).toBe(a.page ?? '');
      // The page and edition the database states are the clipping's print coverage too.
      expect(draft.coverage?.page ?? '').toBe((a.page ?? '').slice(0, 50));
      if (a.page) expect(draft.coverage?.mediaType).toBe('print');
      expect(draft.coverage?.edition ?? '').toBe(record?.edition.slice(0, 200) ?? '');
      expect(record?.wordCount).toBe(a.wordCount ?? 0);
      expect(draft.language).toBe(a.language);
      expect(record?.documentId).toBe(a.documentId ?? '');
      const words = fold(draft.paragraphs.join(' ')).split(' ');
      expect(words.slice(0, 8).join(' ')).toBe(fold(a.bodyFirst8));
      expect(words.slice(-8).join(' ')).toBe(fold(a.bodyLast8));
      expect(words.length).toBe(a.bodyWords);
      expect(duplicateOf).toBe(a.duplicateOf === undefined ? undefined : a.duplicateOf + 1);
      expect(draft.direction).toBe(a.direction ?? 'ltr');
      expect(record?.abstractOnly).toBe(a.bodySource === 'abstract');
    });
  });
});
