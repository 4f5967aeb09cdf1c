/**
 * The project's FORBIDDEN_IN_DRAFTS invariant, run over every parser with generated hostile
 * fields: whatever a file carries in its title, byline, outlet, section, tags, links or text
 * (raw, entity-encoded, double-encoded, split tags, controls, bidi, tag characters, fillers),
 * no stored field holds markup, a script URL or an unsafe character.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../../src/main/import';
import { finishDraft } from '../../../src/main/import/finish';
import { emptyArticle } from '../../../src/main/import/article';
import { sanitiseText, stripTags } from '../../../src/main/import/sanitise';
import type { ClippingDraft } from '@shared/clipping';
import { hasUnsafeChars } from '@shared/text-safety';
import { FORBIDDEN_IN_DRAFTS } from './corpus';
import {
  asDocx,
  asEmail,
  asHtml,
  asMarkdown,
  asPdf,
  asText,
  hostileArticle,
  hostileField,
  type HostileArticle,
} from './hostile-fields';

function strings(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
  }
}

function expectClean(draft: ClippingDraft, label: string): void {
  const fields: Array<[string, string]> = [];
  strings(draft, '', fields);
  for (const [path, value] of fields) {
    for (const pattern of FORBIDDEN_IN_DRAFTS) {
      expect(value, `${label} ${path}: ${JSON.stringify(value)}`).not.toMatch(pattern);
    }
    expect(hasUnsafeChars(value), `${label} ${path}: ${JSON.stringify(value)}`).toBe(false);
    if (path !== 'paragraphs' && !path.startsWith('paragraphs[')) {
      expect(value, `${label} ${path}`).not.toMatch(/[\u200e\u200f\n\t]/);
    }
  }
}

const FORMATS: Array<[string, (a: HostileArticle) => Uint8Array]> = [
  ['txt', asText],
  ['html', asHtml],
  ['md', asMarkdown],
  ['eml', (a) => asEmail(a, false)],
  ['eml', (a) => asEmail(a, true)],
  ['pdf', asPdf],
  ['docx', asDocx],
];

describe('every parser: hostile fields never reach a stored field', () => {
  for (const [ext, build] of FORMATS) {
    it(`${ext} (${build.name || 'built'})`, { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(hostileArticle, async (article) => {
          const r = await parseBytes(build(article), `hostile.${ext}`);
          if (!r.ok) {
            // A refusal is a valid outcome; its message is shown to the user, so it is clean too.
            expect(hasUnsafeChars(r.error.message)).toBe(false);
            return;
          }
          expectClean(r.draft, ext);
          // The sentence around each hostile piece is kept: sanitising removes, never loses text.
          expect(r.draft.paragraphs.join(' ')).toContain('The harbour council approved');
        }),
        { numRuns: ext === 'pdf' || ext === 'docx' ? 30 : 80 },
      );
    });
  }

  it('finishDraft sanitises whatever a parser hands it (a new format cannot skip it)', () => {
    fc.assert(
      fc.property(hostileArticle, hostileField, (a, url) => {
        const art = emptyArticle();
        art.title = a.title;
        art.authors = [a.author, a.author + ' Jr'];
        art.source = a.source;
        art.section = a.section;
        art.tags = [a.tag];
        art.paragraphs = a.paragraphs;
        art.url = url;
        art.language = a.tag;
        art.related = [{ title: a.title, url }];
        art.warnings = [a.section];
        const draft = finishDraft({
          article: art,
          format: 'txt',
          encoding: { name: a.source, guessed: false },
          original: { name: `${a.title}.txt`, size: 1, sha256: '0'.repeat(64) },
          warnings: [a.author],
        });
        expectClean(draft, 'finishDraft');
      }),
      { numRuns: 300 },
    );
  });
});

describe('sanitising', () => {
  it.each([
    ['&lt;img src=x onerror=alert(1)&gt;Text', 'Text'],
    ['&amp;lt;img src=x onerror=alert(1)&amp;gt;Text', 'Text'],
    ['<<img src=x onerror=alert(1)>img src=x onerror=alert(2)>Text', 'Text'],
    ['a <b>bold</b> word', 'a bold word'],
    ['x <script>alert(1)</script> y', 'x  y'],
    ['x <xmp><img src=x></xmp> y', 'x  y'],
    ['x <!-- <img src=x> --> y', 'x  y'],
    ['cut <img src=x onerror=alert(1)', 'cut '],
    ['a<b and c>d in a formula', 'ad in a formula'],
    ['a < b and c > d', 'a < b and c > d'],
    ['if a<b then', 'if a<b then'],
    ['AT&T and R&D &notes', 'AT&T and R&D &notes'],
    ['go to javascript:alert(1) now', 'go to  now'],
    // A script body whose start tag an unclosed tag swallowed: only its text reaches us.
    ['tides. require("child_process") The', 'tides.  The'],
    ["ok require('fs') and child_process.exec", 'ok  and .exec'],
    ['they require (by law) a vote', 'they require (by law) a vote'],
    ['requirements (two) stay', 'requirements (two) stay'],
    ['\u202eexe.txt\u2066x\u2069\u061c\u3164\u115f\uffa0\u200b', 'exe.txtx'],
    ['bell\u0007 esc\u001b[31m nul\u0000 bs\u0008 c1\u009b', 'bell esc[31m nul bs c1'],
    ['tags\u{E0041}\u{E0042}\u{E007F}', 'tags'],
    [
      'flag \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
      'flag \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
    ],
    ['e' + '\u0301'.repeat(100), 'e' + '\u0301'.repeat(30)],
    ['مرحبا\u200f world', 'مرحبا\u200f world'],
  ])('%j → %j', (input, expected) => {
    expect(sanitiseText(input)).toBe(expected);
  });

  it('single-line fields lose direction marks too', () => {
    expect(sanitiseText('a\u200eb\u200fc', { directionMarks: true })).toBe('abc');
  });

  it('stripping tags is linear: nested and unterminated tag starts', () => {
    const n = 200_000;
    const inputs = [
      '<'.repeat(n),
      '<a'.repeat(n),
      `${'<<img '.repeat(n)}${'>'.repeat(n)}`,
      '<!--'.repeat(n),
    ];
    for (const s of inputs) {
      const t0 = performance.now();
      stripTags(s);
      // A safety net against a quadratic pass (which takes minutes here), not a speed claim.
      expect(performance.now() - t0).toBeLessThan(5_000);
    }
  });
});

describe('caps warn', () => {
  it('10,000 authors from meta tags: 50 kept, and the report says so', async () => {
    const letters = (n: number): string =>
      Array.from(n.toString(26).padStart(4, '0'), (d) =>
        String.fromCharCode(97 + parseInt(d, 26)),
      ).join('');
    const metas = Array.from(
      { length: 10_000 },
      (_, i) => `<meta name="author" content="Person ${letters(i)}">`,
    ).join('');
    const html = `<html><head><title>Many authors</title>${metas}</head><body><article><p>The harbour council approved the new sea wall on Monday, after a long debate about costs.</p></article></body></html>`;
    const r = await parseBytes(new TextEncoder().encode(html), 'authors.html');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.authors).toHaveLength(50);
    expect(r.draft.warnings.join(' ')).toMatch(/first 50 of 10,000 authors/);
  });

  it('a title over 4,000 characters is shortened with a warning', () => {
    const art = emptyArticle();
    art.title = 'Headline '.repeat(1000);
    art.paragraphs = ['Text.'];
    const d = finishDraft({
      article: art,
      format: 'txt',
      encoding: { name: 'utf-8', guessed: false },
      original: { name: 'a.txt', size: 1, sha256: '0'.repeat(64) },
      warnings: [],
    });
    expect(d.title.length).toBe(4000);
    expect(d.warnings.join(' ')).toMatch(/title was longer than 4,000 characters/);
  });
});
