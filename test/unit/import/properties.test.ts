/** Property-based tests: the engine never throws and never lets script through. */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ClippingDraftSchema, REFUSAL_CODES, type ClippingDraft } from '@shared/clipping';
import { parseBytes, type ParseOutcome } from '../../../src/main/import/index';

const EXTENSIONS = ['txt', 'html', 'htm', 'md', 'eml', 'pdf', 'docx', '', 'bin', 'text'];

function checkOutcome(r: ParseOutcome): void {
  if (r.ok) {
    v.parse(ClippingDraftSchema, r.draft);
    expect(r.draft.paragraphs.length).toBeGreaterThan(0);
  } else {
    expect(REFUSAL_CODES).toContain(r.error.code);
    expect(r.error.message.length).toBeGreaterThan(10);
  }
}

describe('never throws, always a valid draft or a coded refusal', () => {
  it('arbitrary bytes with every extension', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom(...EXTENSIONS),
        async (bytes, ext) => {
          checkOutcome(await parseBytes(bytes, ext ? `f.${ext}` : 'f'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary strings encoded in various ways', async () => {
    const encodings = [
      'utf8',
      'utf16le',
      'utf16be-bom',
      'utf8-bom',
      'windows-1252',
      'windows-1251',
      'koi8-r',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 800 }),
        fc.constantFrom(...encodings),
        fc.constantFrom(...EXTENSIONS),
        async (text, encoding, ext) => {
          let bytes: Uint8Array;
          if (encoding === 'utf16be-bom') bytes = iconv.encode(text, 'utf16-be', { addBOM: true });
          else if (encoding === 'utf8-bom') bytes = iconv.encode(text, 'utf8', { addBOM: true });
          else bytes = iconv.encode(text, encoding);
          checkOutcome(await parseBytes(new Uint8Array(bytes), ext ? `a.${ext}` : 'a'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('article-like text with random metadata lines', async () => {
    const line = fc.oneof(
      fc.lorem({ maxCount: 30, mode: 'sentences' }),
      fc.constantFrom(
        'Published: 2 May 2023',
        'Source: X',
        'By Jane Doe',
        'Advertisement',
        '© 2020 Y',
        'ALALAM - Europe',
        'string(10) "[{"title":"a"}]"',
        '---',
        '# Heading',
        '<p>tag</p>',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 20 }),
        fc.constantFrom('txt', 'md', 'html', 'eml'),
        async (lines, ext) => {
          checkOutcome(await parseBytes(new TextEncoder().encode(lines.join('\n\n')), `x.${ext}`));
        },
      ),
      { numRuns: 200 },
    );
  });
});

const HOSTILE = [
  '<script>window.__pwned=1; alert("x")</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<a href="javascript:alert(1)">click the link</a>',
  '<iframe src="javascript:alert(2)"></iframe>',
  '<svg onload="alert(3)"><script>alert(4)</script></svg>',
  '<body onload="alert(5)">',
  '<div onclick="steal()">Clickable text in a div that is long enough to be a paragraph.</div>',
  '<a href=" JaVaScRiPt:alert(6)">spaced</a>',
  '<object data="javascript:alert(7)"></object>',
  '<style>@import "javascript:alert(8)";</style>',
  '<noscript><p>alert(9)</p></noscript>',
  '<meta property="og:url" content="javascript:alert(10)">',
  '<link rel="canonical" href="javascript:alert(11)">',
  '<script type="application/ld+json">{"@type":"NewsArticle","url":"javascript:alert(12)","author":{"name":"<script>alert(13)</script>"}}</script>',
  '<template><p>alert(14)</p></template>',
  '<math><mtext><script>alert(15)</script></mtext></math>',
];

function everyString(d: ClippingDraft): string {
  return JSON.stringify(d);
}

describe('hostile HTML never yields script', () => {
  it('script text, handlers and javascript: URLs never reach any field', async () => {
    const para = fc
      .lorem({ maxCount: 3, mode: 'sentences' })
      .map(
        (s) =>
          `<p>${s} This sentence makes the paragraph long enough, with commas, to be article text.</p>`,
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...HOSTILE), para), { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        async (parts, wrap) => {
          const html = wrap
            ? `<!doctype html><html><head><title>T</title></head><body><article>${parts.join('\n')}</article></body></html>`
            : parts.join('');
          const r = await parseBytes(new TextEncoder().encode(html), 'hostile.html');
          checkOutcome(r);
          if (r.ok) {
            const all = everyString(r.draft);
            expect(all).not.toMatch(
              /javascript:|alert\(|__pwned|onerror|onload|onclick|steal\(|<script/i,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
