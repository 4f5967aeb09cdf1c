/** Checks every field of every sample article in test/fixtures/articles/expected.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ClippingDraftSchema, type ClippingDraft } from '@shared/clipping';
import { parseFile } from '../../../src/main/import/index';

const DIR = join(__dirname, '../../fixtures/articles');

interface Expected {
  reject?: string;
  title?: string;
  source?: string;
  section?: string;
  authors?: string[];
  publishedAt?: string;
  language?: string;
  direction?: string;
  url?: string;
  tags?: string[];
  paragraphs?: number;
  firstParagraphStartsWith?: string;
  firstParagraphContains?: string;
  lastParagraphEndsWith?: string;
  mustNotContain?: string[];
  related?: { count?: number; first?: string; contains?: string };
}

const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  articles: Record<string, Expected>;
};

/** As expected.json's "about" says: NFC and whitespace folding before comparing. */
const fold = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

function allText(d: ClippingDraft): string {
  return [
    d.title,
    d.source,
    d.section,
    ...d.authors,
    d.url,
    ...d.tags,
    ...d.paragraphs,
    ...d.related.flatMap((r) => [r.title, r.url ?? '']),
  ].join('\n');
}

describe('sample articles (expected.json)', () => {
  for (const [file, exp] of Object.entries(expected.articles)) {
    it(file, async () => {
      const out = await parseFile(join(DIR, file));
      if (exp.reject) {
        expect(out.ok).toBe(false);
        if (!out.ok) {
          expect(out.error.code).toBe(exp.reject);
          expect(out.error.message.length).toBeGreaterThan(10);
        }
        return;
      }
      if (!out.ok) throw new Error(`refused: ${out.error.code} ${out.error.message}`);
      const d = out.draft;
      v.parse(ClippingDraftSchema, d);
      if (exp.title !== undefined) expect(fold(d.title)).toBe(fold(exp.title));
      if (exp.source !== undefined)
        expect(fold(d.source).toLowerCase()).toBe(fold(exp.source).toLowerCase());
      if (exp.section !== undefined) expect(fold(d.section)).toBe(fold(exp.section));
      if (exp.authors !== undefined) expect(d.authors.map(fold)).toEqual(exp.authors.map(fold));
      if (exp.publishedAt !== undefined)
        expect(d.publishedAt.startsWith(exp.publishedAt)).toBe(true);
      if (exp.language !== undefined) expect(d.language).toBe(exp.language);
      expect(d.direction).toBe(exp.direction ?? 'ltr');
      if (exp.url !== undefined) expect(d.url).toBe(exp.url);
      if (exp.tags !== undefined) expect(d.tags.map(fold)).toEqual(exp.tags.map(fold));
      if (exp.paragraphs !== undefined) expect(d.paragraphs.length).toBe(exp.paragraphs);
      const first = fold(d.paragraphs[0] ?? '');
      const last = fold(d.paragraphs[d.paragraphs.length - 1] ?? '');
      if (exp.firstParagraphStartsWith)
        expect(first.startsWith(fold(exp.firstParagraphStartsWith))).toBe(true);
      if (exp.firstParagraphContains) expect(first).toContain(fold(exp.firstParagraphContains));
      if (exp.lastParagraphEndsWith)
        expect(last.endsWith(fold(exp.lastParagraphEndsWith))).toBe(true);
      const text = allText(d);
      for (const bad of exp.mustNotContain ?? []) expect(text).not.toContain(bad);
      if (exp.related) {
        const titles = d.related.map((r) => fold(r.title));
        if (exp.related.count !== undefined) expect(titles.length).toBe(exp.related.count);
        if (exp.related.first !== undefined) expect(titles[0]).toBe(fold(exp.related.first));
        if (exp.related.contains !== undefined)
          expect(titles).toContain(fold(exp.related.contains));
      }
      // Identity of the original bytes.
      expect(d.original.name).toBe(file);
      expect(d.original.size).toBe(out.bytes?.length);
      expect(d.original.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  }
});
