/**
 * Denial of service, by class: patterns that made regular expressions backtrack, nested
 * rescans, huge counts, inflation and lying containers each end in a clean clipping or a
 * coded refusal. The speed and memory figures are `npm run bench:hostile`'s job; the test
 * timeouts here are only safety nets against a quadratic path coming back.
 */
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseBytes, type ParseOutcome } from '../../../src/main/import';
import { textKey } from '../../../src/main/import/article';
import { estimateHtmlDepth, MAX_HTML_DEPTH } from '../../../src/main/import/html-guard';
import { MAX_FRONT_MATTER } from '../../../src/main/import/markdown';
import { MAX_MAIL_LINES } from '../../../src/main/import/email';
import { checkPdfInflation, streamFilters } from '../../../src/main/import/pdf-guard';
import { checkZipBomb, MAX_XML_ELEMENTS_SMALL } from '../../../src/main/import/zip-guard';
import { ClippingDraftSchema, REFUSAL_CODES } from '@shared/clipping';
import { assemblePdf, makeZip, type PdfObject } from '../import/helpers';
import { buildDocx, documentXml } from './zip';

const SENTENCE =
  'The harbour council approved the new sea wall on Monday, after a long debate about costs.';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function valid(r: ParseOutcome): void {
  if (r.ok) v.parse(ClippingDraftSchema, r.draft);
  else expect(REFUSAL_CODES).toContain(r.error.code);
}

/** Characters the patterns of every parser give meaning to. */
const META = [
  ...'<>[]()!*_~`#|-:;,.@&{}"\'=/\\ \n\t',
  'a',
  'B',
  'By ',
  '&lt;',
  '<img ',
  '](',
  '**',
  '\u0301',
  'Published: ',
  'unsubscribe',
  '{"',
];

/** A short pattern repeated to ~40,000 characters: where backtracking and rescans bite. */
const repeated = fc
  .tuple(
    fc.array(fc.constantFrom(...META), { minLength: 1, maxLength: 12 }),
    fc.array(fc.constantFrom(...META), { maxLength: 6 }),
  )
  .map(([unit, tail]) => {
    const u = unit.join('');
    return u.repeat(Math.ceil(40_000 / u.length)) + tail.join('');
  });

describe('every parser finishes on bounded adversarial input', () => {
  const wrap: Record<string, (s: string) => string> = {
    txt: (s) => `Title\n\n${SENTENCE}\n\n${s}\n\n${SENTENCE}`,
    md: (s) =>
      `---\ntitle: "T"\nauthor: "${s.slice(0, 2000).replace(/["\\\n]/g, ' ')}"\n---\n\n# T\n\n${SENTENCE}\n\n${s}`,
    html: (s) =>
      `<html><head><title>${s.slice(0, 3000)}</title><meta name="author" content="${s.replace(/"/g, '')}"></head><body><article><p>${SENTENCE}</p><p>${s}</p></article></body></html>`,
    eml: (s) =>
      `From: News <n@example.com>\r\nSubject: ${s.slice(0, 5000).replace(/\n/g, ' ')}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${SENTENCE}\r\n\r\n${s}`,
  };
  for (const [ext, make] of Object.entries(wrap)) {
    it(`${ext}`, { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(repeated, async (s) => valid(await parseBytes(enc(make(s)), `a.${ext}`))),
        { numRuns: 40 },
      );
    });
  }

  it('docx', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(repeated, async (s) => {
        const text = s
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          // eslint-disable-next-line no-control-regex -- XML 1.0 cannot hold these raw
          .replace(/[\u0000-\u001f]/g, ' ');
        valid(await parseBytes(buildDocx(documentXml([SENTENCE, text])), 'a.docx'));
      }),
      { numRuns: 10 },
    );
  });
});

describe('Unicode', () => {
  it('normalising a run of 200,000 combining marks is cut to 30 first (NFC is quadratic)', () => {
    const key = textKey(`e${'\u0301\u0316'.repeat(100_000)}x`);
    expect(key).toBe(
      `é${'\u0316\u0301'.repeat(14)}\u0316x`.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, ''),
    );
  });
});

describe('HTML', () => {
  it('nesting past the limit is refused before parsing, ordinary nesting is not', async () => {
    const deep = `<html><body>${'<b><i>'.repeat(MAX_HTML_DEPTH)}<p>${SENTENCE}</p></body></html>`;
    const r = await parseBytes(enc(deep), 'deep.html');
    expect(r.ok ? 'clipping' : r.error.code).toBe('malformed');
    expect(r.ok ? '' : r.error.message).toMatch(/nests its markup more than 50,000/);
    // Unclosed <p>, <li>, void elements and scripts do not count as depth.
    const flat = `${'<p>x<br><img src=a><li>y'.repeat(60_000)}<script><div><div></script>`;
    expect(estimateHtmlDepth(flat)).toBeLessThan(5);
  });

  it('raw-text and legacy elements and SVG titles never become text or the headline', async () => {
    const html = `<html><head><title>Real headline of the page</title></head><body>
      <svg><title>SVG icon title</title></svg><article>
      <p>${SENTENCE}</p>
      <xmp><img src=x onerror=alert(1)>xmp text</xmp><noembed><img src=x onerror=alert(2)></noembed>
      <noframes><p>noframes text</p></noframes><listing>listing text</listing>
      <p>${SENTENCE} Again.</p></article><plaintext><img src=x onerror=alert(3)>plaintext`;
    const r = await parseBytes(enc(html), 'raw.html');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.title).toBe('Real headline of the page');
    const all = JSON.stringify(r.draft);
    for (const bad of [
      'xmp text',
      'noframes text',
      'listing text',
      'plaintext',
      'onerror',
      'SVG icon',
    ])
      expect(all).not.toContain(bad);
  });

  it('JSON-LD and meta strings are decoded and cleaned like any field', async () => {
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Sea wall &lt;img src=x onerror=alert(1)&gt;approved\u202e',
      author: { name: '<b>Maria</b> Lund\u2066' },
      articleSection: '&amp;lt;b&amp;gt;Local',
    });
    const html = `<html><head><script type="application/ld+json">${ld}</script></head><body><article><p>${SENTENCE}</p></article></body></html>`;
    const r = await parseBytes(enc(html), 'ld.html');
    expect(r.ok && [r.draft.title, r.draft.authors, r.draft.section]).toEqual([
      'Sea wall approved',
      ['Maria Lund'],
      'Local',
    ]);
  });

  it('thousands of sibling paragraphs are all kept (no rescan of every root per run)', async () => {
    const n = 20_000;
    const html = `<html><body><div class="content"><p>${SENTENCE}</p></div>${Array.from({ length: n }, (_, i) => `<p>${SENTENCE} Number ${i}.</p>`).join('')}</body></html>`;
    const r = await parseBytes(enc(html), 'siblings.html');
    expect(r.ok && r.draft.paragraphs.length).toBeGreaterThan(n / 2);
  });
});

describe('Markdown', () => {
  it('front matter over the limit is ignored with a warning; many keys are fine', async () => {
    const big = `---\ntitle: Big\n${'k: v\n'.repeat(MAX_FRONT_MATTER / 4)}---\n\n# Heading\n\n${SENTENCE}\n`;
    const r = await parseBytes(enc(big), 'big.md');
    expect(r.ok && r.draft.warnings.join(' ')).toMatch(/front matter is over 64 KB/);
    let keys = '';
    for (let i = 0; i < 3000; i++) keys += `key${i}: value\n`;
    const many = await parseBytes(
      enc(`---\ntitle: Many keys\n${keys}---\n\n${SENTENCE}\n`),
      'k.md',
    );
    expect(many.ok && many.draft.title).toBe('Many keys');
  });

  it('emphasis, links and headings still read as before', async () => {
    const md = `# Title here ##\n\n**Bold** and *it* and _u_ and __b__ and ~~s~~, [a link](https://example.com/a_(b)) and ![img](x.png) and \`code\`, **bold *nested* text**.\n\n## C#\n\nMore text that is long enough to be a paragraph.`;
    const r = await parseBytes(enc(md), 'e.md');
    expect(r.ok && r.draft.title).toBe('Title here');
    expect(r.ok && r.draft.paragraphs).toEqual([
      'Bold and it and u and b and s, a link and and code, bold nested text.',
      'C#',
      'More text that is long enough to be a paragraph.',
    ]);
  });
});

describe('e-mail', () => {
  const mixed = (parts: string): Uint8Array =>
    enc(
      `From: Valley Gazette <news@example.com>\r\nSubject: Sea wall approved\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n${parts}--b--\r\n`,
    );

  it('the HTML part goes through the app extractor; a cid: resource part is not body text', async () => {
    const bytes = mixed(
      `--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>body{background:url(file:///etc/passwd)}</style></head><body><p>${SENTENCE}</p><img src="cid:note"><p style="background:url(data:image/png;base64,AAAA)">Residents asked for a public vote before any work begins.</p></body></html>\r\n` +
        `--b\r\nContent-Type: text/plain\r\nContent-ID: <note>\r\n\r\nRESOURCE PART TEXT that is referenced by cid and is not the article.\r\n`,
    );
    const r = await parseBytes(bytes, 'm.eml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = r.draft.paragraphs.join('\n');
    expect(text).toContain(SENTENCE);
    expect(text).not.toMatch(/RESOURCE PART|url\(|file:|data:/);
  });
});

describe('e-mail size', () => {
  it('a message of more lines than can be parsed safely is refused with advice', async () => {
    const body = '> quoted\r\n'.repeat(MAX_MAIL_LINES + 1);
    const r = await parseBytes(
      enc(`From: a@example.com\r\nSubject: Long\r\nContent-Type: text/plain\r\n\r\n${body}`),
      'long.eml',
    );
    expect(r.ok ? 'clipping' : r.error.code).toBe('too-large');
    expect(r.ok ? '' : r.error.message).toMatch(/600,000 lines.*without its attachments/);
  });
});

describe('DOCX', () => {
  it('an end record that lies about the number of parts is refused', () => {
    // The end record says two parts where three are listed.
    const zip = makeZip(
      [
        { name: 'a.xml', data: Buffer.from('<a/>') },
        { name: 'b.xml', data: Buffer.from('<b/>') },
        { name: 'word/document.xml', data: documentXml([SENTENCE]) },
      ],
      2,
    );
    expect(() => checkZipBomb(zip)).toThrow(/holds 3 parts where its end record says 2/);
  });

  it('more XML elements than mammoth can hold safely is refused with advice', async () => {
    const runs = '<w:r><w:t>a</w:t></w:r>'.repeat(MAX_XML_ELEMENTS_SMALL);
    const doc = documentXml([SENTENCE])
      .toString()
      .replace('</w:body>', `<w:p>${runs}</w:p></w:body>`);
    const r = await parseBytes(buildDocx(Buffer.from(doc)), 'runs.docx');
    expect(r.ok ? 'clipping' : r.error.code).toBe('malformed');
    expect(r.ok ? '' : r.error.message).toMatch(/elements.*Save it as PDF or plain text/);
  });

  it('control characters written as XML references do not survive', async () => {
    const r = await parseBytes(
      buildDocx(documentXml([SENTENCE, `Bell&#x7; esc&#x1b;[2J and &#x202e;reversed ${SENTENCE}`])),
      'c.docx',
    );
    expect(r.ok && r.draft.paragraphs.at(-1)).toBe(`Bell esc[2J and reversed ${SENTENCE}`);
  });
});

/** A PDF of `pages` pages, each drawing the content `streams` (dictionary entries, data). */
function pdfWith(streams: Array<[string, Buffer]>, pages = 1): Uint8Array {
  const contents = streams.map((_, i) => `${i + 4} 0 R`).join(' ');
  const kids = Array.from({ length: pages }, (_, i) => `${i + 4 + streams.length} 0 R`);
  const objects: PdfObject[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...streams.map(([dict, data]) => ({ dict, data })),
  ];
  for (let p = 0; p < pages; p++) {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [${contents}] /Resources << /Font << /F1 3 0 R >> >> >>`,
    );
  }
  return assemblePdf(objects);
}

const TEXT = Buffer.from(
  `BT /F1 11 Tf 72 700 Td (${SENTENCE}) Tj 0 -14 Td (${SENTENCE}) Tj ET\n`,
  'latin1',
);

describe('PDF', () => {
  it('a content stream that inflates past the budget is refused before pdfjs sees it', async () => {
    const bomb = deflateSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
    const pdf = pdfWith([
      ['/Filter /FlateDecode', deflateSync(TEXT)],
      ['/Filter /FlateDecode', bomb],
    ]);
    expect(pdf.length).toBeLessThan(100_000);
    const r = await parseBytes(pdf, 'bomb.pdf');
    expect(r.ok ? 'clipping' : r.error.code).toBe('malformed');
    expect(r.ok ? '' : r.error.message).toMatch(/decompression bomb/);
  });

  it('chained filters are followed (a stream deflated twice)', () => {
    const inner = deflateSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
    const pdf = pdfWith([['/Filter [/FlateDecode /FlateDecode]', deflateSync(inner)]]);
    expect(() => checkPdfInflation(pdf)).toThrow(/decompression bomb/);
    expect(streamFilters('<< /Length 5 /Filter [/A85 /Fl] >>')).toEqual(['A85', 'Fl']);
    expect(streamFilters('<< /Filter /LZWDecode /Length 5 >>')).toEqual(['LZWDecode']);
  });

  it('an ordinary compressed PDF imports', async () => {
    const r = await parseBytes(pdfWith([['/Filter /FlateDecode', deflateSync(TEXT)]]), 'ok.pdf');
    expect(r.ok && r.draft.paragraphs.join(' ')).toContain('sea wall');
  });

  it('pages past the cap are left out with a warning', { timeout: 60_000 }, async () => {
    const r = await parseBytes(
      pdfWith([['/Filter /FlateDecode', deflateSync(TEXT)]], 520),
      'long.pdf',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.warnings.join(' ')).toMatch(/first (500|\d+) of 520 pages/);
  });
});
