/**
 * Generated hostile field values and, for each format the engine reads, a file that carries
 * them in every place that format has for a title, author, outlet, section, tags, link and
 * body text — raw, entity-encoded, double-encoded and split so that stripping once rebuilds
 * the tag.
 */
import fc from 'fast-check';
import { inflateRawSync } from 'node:zlib';
import { makePdf } from '../import/helpers';
import { buildDocx, buildZip, documentXml, type ZipPart } from './zip';

/** Markup that must never reach a stored field, in the forms a file can carry it. */
const MARKUP = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>require("child_process")</script>',
  '<svg><title>SVG headline</title><script>alert(1)</script></svg>',
  '<iframe srcdoc="<script>alert(2)</script>"></iframe>',
  '<<img src=x onerror=alert(3)>img src=x onerror=alert(4)>',
  '<object data="javascript:alert(5)"></object>',
  '<embed src="file:///etc/passwd">',
  '<style>@import url(https://evil.example/x.css)</style>',
  '<a href="javascript:alert(6)">link</a>',
  'javascript:alert(7)',
  'data:text/html;base64,PHNjcmlwdD4=',
  'file:///etc/passwd',
  '<xmp><img src=x onerror=alert(8)></xmp>',
  '<noembed><img src=x onerror=alert(9)></noembed>',
  '<img src=x onerror=alert(10)',
];

/** Characters that must never reach a stored field. */
const CONTROLS = [
  '\u202e',
  '\u202a',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u061c',
  '\u3164',
  '\u115f',
  '\uffa0',
  '\u200b',
  '\ufeff',
  '\u0000',
  '\u0007',
  '\u0008',
  '\u001b[31m',
  '\u001b]0;title\u0007',
  '\u009b',
  '\u{E0041}\u{E0042}',
  '\u0301'.repeat(200),
];

const encodeOnce = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const numeric = (s: string): string =>
  s.replace(/[<>"]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);

export const hostileMarkup = fc.oneof(
  fc.constantFrom(...MARKUP),
  fc.constantFrom(...MARKUP).map(encodeOnce),
  fc.constantFrom(...MARKUP).map((s) => encodeOnce(encodeOnce(s))),
  fc.constantFrom(...MARKUP).map(numeric),
);

const word = fc.constantFrom('harbour', 'council', 'tram', 'Lund', 'Maria', 'wall', 'vote');

/** A short value with hostile pieces mixed into ordinary words. */
export const hostileField = fc
  .array(fc.oneof(word, word, hostileMarkup, fc.constantFrom(...CONTROLS)), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(' '));

export interface HostileArticle {
  title: string;
  author: string;
  source: string;
  section: string;
  tag: string;
  paragraphs: string[];
}

const SENTENCE =
  'The harbour council approved the new sea wall on Monday, after a long debate about costs and tides.';

export const hostileArticle: fc.Arbitrary<HostileArticle> = fc.record({
  title: hostileField,
  author: hostileField,
  source: hostileField,
  section: hostileField,
  tag: hostileField,
  paragraphs: fc
    .array(hostileField, { minLength: 1, maxLength: 4 })
    .map((ps) => ps.map((p) => `${SENTENCE} ${p} ${SENTENCE}`)),
});

const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const json = (s: string): string => JSON.stringify(s);

export function asText(a: HostileArticle): Uint8Array {
  return utf8(
    [
      `Title: ${a.title}`,
      `Author: ${a.author}`,
      `Source: ${a.source}`,
      `Section: ${a.section}`,
      `Tags: ${a.tag}`,
      '',
      ...a.paragraphs.flatMap((p) => [p, '']),
    ].join('\n'),
  );
}

export function asHtml(a: HostileArticle): Uint8Array {
  // Attribute values are written as a page would (quotes encoded); text nodes raw.
  const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const ld = {
    '@type': 'NewsArticle',
    headline: a.title,
    author: [{ '@type': 'Person', name: a.author }],
    publisher: { name: a.source },
    articleSection: a.section,
    keywords: a.tag,
  };
  return utf8(`<!doctype html><html><head><title>${a.title}</title>
<meta property="og:title" content="${attr(a.title)}">
<meta name="author" content="${attr(a.author)}">
<meta property="og:site_name" content="${attr(a.source)}">
<meta property="article:section" content="${attr(a.section)}">
<meta property="article:tag" content="${attr(a.tag)}">
<script type="application/ld+json">${JSON.stringify(ld).replace(/</g, '\\u003c')}</script>
</head><body><svg><title>${a.title}</title></svg><article><h1>${a.title}</h1>
${a.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`);
}

export function asMarkdown(a: HostileArticle): Uint8Array {
  return utf8(
    `---\ntitle: ${json(a.title)}\nauthor: ${json(a.author)}\nsource: ${json(a.source)}\nsection: ${json(a.section)}\ntags: [${json(a.tag)}]\n---\n\n# ${a.title}\n\n${a.paragraphs.join('\n\n')}\n`,
  );
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

export function asEmail(a: HostileArticle, html: boolean): Uint8Array {
  const body = html
    ? `<html><body>${a.paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`
    : a.paragraphs.join('\n\n');
  return utf8(
    [
      `From: =?utf-8?B?${b64(a.source)}?= <news@example.com>`,
      `To: reader@example.com`,
      `Subject: =?utf-8?B?${b64(a.title)}?=`,
      'Date: Mon, 3 Mar 2025 10:00:00 +0000',
      'MIME-Version: 1.0',
      `Content-Type: ${html ? 'text/html' : 'text/plain'}; charset=utf-8`,
      'Content-Transfer-Encoding: base64',
      '',
      b64(body),
      '',
    ].join('\r\n'),
  );
}

/** PDF strings are Latin-1 here: the hostile characters that survive that are enough. */
const latin1 = (s: string): string =>
  Array.from(s, (c) => (c.charCodeAt(0) < 256 ? c : '?')).join('');

export function asPdf(a: HostileArticle): Uint8Array {
  return makePdf(
    [[{ text: latin1(a.title), size: 18 }], ...a.paragraphs.map((p) => [{ text: latin1(p) }])],
    { title: latin1(a.title) },
  );
}

/** XML text as Word writes it, with every control character as a character reference. */
const xmlText = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // eslint-disable-next-line no-control-regex -- references to controls are the point
    .replace(/[\u0000-\u001f]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);

/** A DOCX with the title in the document and in docProps/core.xml (decoded by the engine). */
export function asDocx(a: HostileArticle): Uint8Array {
  const core = `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${xmlText(a.title)}</dc:title><dc:creator>${xmlText(a.author)}</dc:creator></cp:coreProperties>`;
  const docx = buildDocx(documentXml([a.title, ...a.paragraphs].map(xmlText)));
  // The same parts plus docProps/core.xml.
  return new Uint8Array(
    buildZip([...readParts(docx), { name: 'docProps/core.xml', data: Buffer.from(core, 'utf8') }]),
  );
}

/** The parts of a ZIP made by buildZip (deflated, honest directory). */
function readParts(zip: Buffer): ZipPart[] {
  const parts: ZipPart[] = [];
  let p = 0;
  while (zip.readUInt32LE(p) === 0x04034b50) {
    const compSize = zip.readUInt32LE(p + 18);
    const nameLen = zip.readUInt16LE(p + 26);
    const name = zip.subarray(p + 30, p + 30 + nameLen).toString('utf8');
    const start = p + 30 + nameLen + zip.readUInt16LE(p + 28);
    parts.push({ name, data: inflateRawSync(zip.subarray(start, start + compSize)) });
    p = start + compSize;
  }
  return parts;
}
