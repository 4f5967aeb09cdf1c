/**
 * Every file of the hostile corpus goes through the real import engine (parseFile) and ends as
 * the manifest says: a coded refusal, or a clipping that keeps the article's text and carries
 * no script, handler, dangerous URL or embedded frame in any field.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/main/import';
import type { ClippingDraft } from '@shared/clipping';
import { corpusFiles, FORBIDDEN_IN_DRAFTS, HOSTILE_DIR, readManifest } from './corpus';

const manifest = readManifest();

/** Every string of a draft, with where it sits, so a failure names the field. */
function fields(draft: ClippingDraft): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') out.push([path, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(draft, '');
  return out;
}

describe('hostile corpus', () => {
  it('has a manifest entry for every file and a file for every entry', () => {
    expect(Object.keys(manifest.files).sort()).toEqual(corpusFiles());
    // The corpus covers every markup format the engine reads.
    for (const ext of ['.html', '.md', '.eml']) {
      expect(corpusFiles().some((f) => f.endsWith(ext))).toBe(true);
    }
  });

  for (const name of corpusFiles()) {
    const expected = manifest.files[name];
    it(`${name} → ${expected?.outcome ?? 'missing from the manifest'}`, async () => {
      expect(expected).toBeDefined();
      if (!expected) return;
      const result = await parseFile(join(HOSTILE_DIR, name));
      if (expected.outcome !== 'clipping') {
        expect(result.ok ? 'clipping' : result.error.code).toBe(expected.outcome);
        return;
      }
      expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
      if (!result.ok) return;
      const { draft } = result;
      expect(draft.title).toBe(expected.title);
      const text = draft.paragraphs.join('\n');
      for (const wanted of expected.mustContain) expect(text).toContain(wanted);
      for (const [path, value] of fields(draft)) {
        for (const pattern of FORBIDDEN_IN_DRAFTS) {
          expect(value, `${name} ${path}`).not.toMatch(pattern);
        }
        for (const banned of expected.mustNotContain) {
          expect(value, `${name} ${path}`).not.toContain(banned);
        }
      }
      // Links that survive are http(s) only.
      if (draft.url) expect(draft.url).toMatch(/^https?:\/\//);
      for (const related of draft.related) {
        if (related.url) expect(related.url).toMatch(/^https?:\/\//);
      }
    });
  }
});
