/**
 * Adversarial inputs for every format the engine reads, each made to a target size: patterns
 * that make regular expressions backtrack, nested rescans, deep nesting, huge counts,
 * inflation bombs and containers that lie about themselves.
 */
import { deflateRawSync, deflateSync } from 'node:zlib';
import { assemblePdf, makeZip } from '../test/unit/import/helpers';

export type Format = 'txt' | 'html' | 'md' | 'eml' | 'pdf' | 'docx';

export interface HostileCase {
  format: Format;
  name: string;
  /** Bytes of a file of about `size` bytes (never over it by more than a few KB). */
  make: (size: number) => Uint8Array;
}

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const fill = (unit: string, size: number, reserve = 2000): string =>
  unit.repeat(Math.max(1, Math.floor((size - reserve) / Buffer.byteLength(unit))));

const SENTENCE =
  'The harbour council approved the new sea wall on Monday, after a long debate about costs.';
const ARTICLE = `${SENTENCE}\n\n${SENTENCE} Residents asked for a public vote.\n\n`;

// ---- plain text ----------------------------------------------------------------------------

const txt: HostileCase[] = [
  { format: 'txt', name: 'whitespace run', make: (n) => enc(`T\n\n${ARTICLE}a${fill(' ', n)}x`) },
  {
    format: 'txt',
    name: 'separator runs',
    make: (n) => enc(`T\n\n${ARTICLE}${fill('By - - - - - - - - - - x\n', n)}`),
  },
  {
    format: 'txt',
    name: 'footer markers then long text',
    make: (n) =>
      enc(`T\n\n${ARTICLE}${fill('Unsubscribe here\n\n', n - 400)}\n\n${'Long text. '.repeat(30)}`),
  },
  {
    format: 'txt',
    name: 'blank lines before a dump marker',
    make: (n) => enc(`T\n\n${ARTICLE}{"${fill('\n ', n)}x`),
  },
  {
    format: 'txt',
    name: 'combining marks run',
    make: (n) => enc(`T\n\n${ARTICLE}e${fill('\u0301\u0316', n)}`),
  },
  {
    format: 'txt',
    name: 'title repeated as every paragraph',
    make: (n) => enc(`Title line\n\n${ARTICLE}${fill('Title line\n\n', n)}`),
  },
  {
    format: 'txt',
    name: 'metadata-like lines',
    make: (n) =>
      enc(
        `T\n\n${ARTICLE}${fill('Published: 3 March 2025 (((((( By Ann Lee and Bo Li | 2025-03-03\n', n)}`,
      ),
  },
  {
    format: 'txt',
    name: 'encoded markup',
    make: (n) => enc(`T\n\n${ARTICLE}${fill('&lt;a &amp;lt;<<img ', n)}`),
  },
  {
    format: 'txt',
    name: 'control characters',
    make: (n) => enc(`T\n\n${ARTICLE}${fill('\u202e\u2066\u001b[31m\u{E0041}\u3164 word ', n)}`),
  },
];

// ---- HTML ----------------------------------------------------------------------------------

const page = (head: string, body: string): string =>
  `<!doctype html><html><head><title>Hostile page</title>${head}</head><body>${body}</body></html>`;
const BODY = `<article><p>${SENTENCE}</p><p>${SENTENCE} Residents asked for a vote.</p></article>`;

const html: HostileCase[] = [
  {
    format: 'html',
    name: '10,000s of author meta tags',
    make: (n) => enc(page(fill('<meta name="author" content="Ann Lee, Bo Li">', n), BODY)),
  },
  {
    format: 'html',
    name: 'byline of separators and parentheses',
    make: (n) => enc(page(`<meta name="author" content="By ${fill('- ( . ', n)}x">`, BODY)),
  },
  {
    format: 'html',
    name: 'byline without spaces or @',
    make: (n) => enc(page(`<meta name="author" content="${fill('a', n)}">`, BODY)),
  },
  {
    format: 'html',
    name: 'title of separators',
    make: (n) =>
      enc(page(`<meta property="og:title" content="Headline ${fill(' | -', n)}x">`, BODY)),
  },
  {
    format: 'html',
    name: 'many sibling paragraphs',
    make: (n) =>
      enc(
        page(
          '',
          `<div class="content"><p>${SENTENCE}</p><p>${SENTENCE}</p></div>${fill(`<p>${SENTENCE}</p>`, n)}`,
        ),
      ),
  },
  {
    format: 'html',
    name: 'deep nesting',
    make: (n) => {
      const d = Math.floor((n - 4000) / 11);
      return enc(page('', `${'<div>'.repeat(d)}${BODY}${'</div>'.repeat(d)}`));
    },
  },
  {
    format: 'html',
    name: 'unclosed inline elements',
    make: (n) => enc(page('', `${BODY}${fill('<b><i><a>', n)}`)),
  },
  {
    format: 'html',
    name: 'encoded tags in text',
    make: (n) => enc(page('', `${BODY}<p>${fill('&amp;lt;&lt;img src=x ', n)}</p>`)),
  },
  {
    format: 'html',
    name: 'JSON-LD with a huge author list',
    make: (n) => {
      const names = fill('{"@type":"Person","name":"Ann Lee; Bo Li"},', n - 500);
      return enc(
        page(
          `<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":[${names}{"name":"Z"}]}</script>`,
          BODY,
        ),
      );
    },
  },
  {
    format: 'html',
    name: 'long class attributes',
    make: (n) => enc(page('', `<div class="${fill('comment- sidebar ', n)}">${BODY}</div>`)),
  },
];

// ---- Markdown ------------------------------------------------------------------------------

const md: HostileCase[] = [
  { format: 'md', name: 'image openers', make: (n) => enc(`# T\n\n${ARTICLE}${fill('![', n)}`) },
  { format: 'md', name: 'link openers', make: (n) => enc(`# T\n\n${ARTICLE}${fill('[a](', n)}`) },
  {
    format: 'md',
    name: 'emphasis openers',
    make: (n) => enc(`# T\n\n${ARTICLE}${fill('**a _b *c ', n)}`),
  },
  {
    format: 'md',
    name: 'tag openers',
    make: (n) => enc(`# T\n\n${ARTICLE}${fill('<a <<img ', n)}`),
  },
  {
    format: 'md',
    name: 'trailing-space line',
    make: (n) => enc(`# T\n\n${ARTICLE}a${fill(' ', n)}x`),
  },
  {
    format: 'md',
    name: 'heading with a space run',
    make: (n) => enc(`# T\n\n${ARTICLE}# a${fill(' #', n)}x\n`),
  },
  {
    format: 'md',
    name: 'front matter with many keys',
    make: (n) => {
      let keys = '';
      for (let i = 0; keys.length < n - 2000; i++) keys += `k${i}: v\n`;
      return enc(`---\ntitle: T\n${keys}---\n\n${ARTICLE}`);
    },
  },
  {
    format: 'md',
    name: 'front matter with aliases',
    make: (n) => enc(`---\na: &a [x, x, x, x]\nb: [${fill('*a, ', n)}*a]\n---\n\n${ARTICLE}`),
  },
  { format: 'md', name: 'backticks', make: (n) => enc(`# T\n\n${ARTICLE}${fill('`a', n)}`) },
  { format: 'md', name: 'quote markers', make: (n) => enc(`# T\n\n${ARTICLE}${fill('> ', n)}x`) },
];

// ---- e-mail --------------------------------------------------------------------------------

const mail = (headers: string, type: string, body: string): string =>
  `From: News <news@example.com>\r\nTo: a@example.com\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\n${headers}MIME-Version: 1.0\r\nContent-Type: ${type}\r\n\r\n${body}`;

const eml: HostileCase[] = [
  {
    format: 'eml',
    name: 'subject of prefixes',
    make: (n) =>
      enc(mail(`Subject: ${fill('Re: [x] ', Math.min(n, 900_000))}T\r\n`, 'text/plain', ARTICLE)),
  },
  {
    format: 'eml',
    name: 'HTML body with hostile byline',
    make: (n) =>
      enc(
        mail(
          'Subject: T\r\n',
          'text/html; charset=utf-8',
          page(`<meta name="author" content="${fill('- ( ', n)}">`, BODY),
        ),
      ),
  },
  {
    format: 'eml',
    name: 'many MIME parts',
    make: (n) => {
      const part = `--b\r\nContent-Type: text/plain\r\n\r\n${SENTENCE}\r\n`;
      return enc(
        mail('Subject: T\r\n', 'multipart/mixed; boundary=b', `${fill(part, n)}--b--\r\n`),
      );
    },
  },
  {
    format: 'eml',
    name: 'quoted and forwarded lines',
    make: (n) =>
      enc(
        mail(
          'Subject: T\r\n',
          'text/plain',
          `${ARTICLE}${fill('> ---------- Forwarded message ---------\r\n> From: x\r\n', n)}`,
        ),
      ),
  },
  {
    format: 'eml',
    name: 'encoded-word subject with controls',
    make: (n) => {
      const word = `=?utf-8?B?${Buffer.from('\u202e<img src=x onerror=alert(1)>\u001b[2J').toString('base64')}?= `;
      return enc(mail(`Subject: ${fill(word, Math.min(n, 900_000))}\r\n`, 'text/plain', ARTICLE));
    },
  },
];

// ---- PDF -----------------------------------------------------------------------------------

/** Objects with the streams of `binaryStreams` (by object index) attached as stream data. */
function pdf(objects: string[], binaryStreams: Map<number, Buffer> = new Map()): Uint8Array {
  return assemblePdf(
    objects.map((o, i) => {
      const data = binaryStreams.get(i);
      // The helper writes /Length itself; the dictionary keeps its other entries.
      return data ? { dict: o.replace(/^<<|>>$/g, '').replace(/\/Length \d+/, ''), data } : o;
    }),
  );
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const TEXT_OPS = `BT /F1 11 Tf 72 700 Td (${SENTENCE}) Tj 0 -14 Td (${SENTENCE}) Tj ET\n`;

/** A deflate stream of `size` bytes that inflates to about 1,000 times as much. */
function flateBomb(size: number, unit = ' '): Buffer {
  const raw = Buffer.alloc(Math.min(1_000 * size, 1_900_000_000), unit);
  return deflateSync(raw, { level: 9 });
}

function onePage(contents: string, streams: Map<number, Buffer>, extra: string[] = []): Uint8Array {
  return pdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${contents} /Resources << /Font << /F1 5 0 R >> >> >>`,
      `<< /Length ${streams.get(3)?.length ?? 0} /Filter /FlateDecode >>`,
      FONT,
      ...extra,
    ],
    streams,
  );
}

const pdfCases: HostileCase[] = [
  {
    format: 'pdf',
    name: 'content stream inflating 1,000:1',
    make: (n) => {
      const text = deflateSync(Buffer.from(TEXT_OPS, 'latin1'));
      const bomb = flateBomb(n - 2000);
      // Text first, then a second content stream of blanks.
      return pdf(
        [
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 6 0 R] /Resources << /Font << /F1 5 0 R >> >> >>',
          `<< /Length ${text.length} /Filter /FlateDecode >>`,
          FONT,
          `<< /Length ${bomb.length} /Filter /FlateDecode >>`,
        ],
        new Map([
          [3, text],
          [5, bomb],
        ]),
      );
    },
  },
  {
    format: 'pdf',
    name: 'doubly deflated stream',
    make: (n) => {
      const inner = flateBomb(Math.floor(n / 2));
      const outer = deflateSync(Buffer.concat([inner, inner]));
      return pdf(
        [
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
          `<< /Length ${outer.length} /Filter [/FlateDecode /FlateDecode] >>`,
          FONT,
        ],
        new Map([[3, outer]]),
      );
    },
  },
  {
    format: 'pdf',
    name: 'text operators inflating within the ratio',
    make: (n) => {
      const ops = Buffer.from(
        `BT /F1 1 Tf ${'(a) Tj 0 -0.1 Td '.repeat(Math.floor((Math.min(n, 2_000_000) * 60) / 17))} ET\n`,
        'latin1',
      );
      const s = deflateSync(ops, { level: 9 });
      return onePage('4 0 R', new Map([[3, s]]));
    },
  },
  {
    format: 'pdf',
    name: 'ten thousands of pages',
    make: (n) => {
      const pages = Math.max(100, Math.floor((n - 2000) / 170));
      const content = deflateSync(Buffer.from(TEXT_OPS, 'latin1'));
      const objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(' ')}] /Count ${pages} >>`,
        FONT,
        `<< /Length ${content.length} /Filter /FlateDecode >>`,
      ];
      for (let i = 0; i < pages; i++) {
        objects.push(
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>',
        );
      }
      return pdf(objects, new Map([[3, content]]));
    },
  },
  {
    format: 'pdf',
    name: 'deeply nested arrays',
    make: (n) => {
      const d = Math.floor((n - 3000) / 2);
      const content = deflateSync(Buffer.from(TEXT_OPS, 'latin1'));
      return onePage('4 0 R', new Map([[3, content]]), [
        `<< /X ${'['.repeat(d)}${']'.repeat(d)} >>`,
      ]);
    },
  },
];

// ---- DOCX ----------------------------------------------------------------------------------

interface ZipPart {
  name: string;
  data: Buffer;
}

function zip(parts: ZipPart[], toldCount = parts.length): Uint8Array {
  return makeZip(parts, toldCount);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docXml = (body: string): Buffer =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
  );
const para = (t: string): string => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;

function docx(document: Buffer, extra: ZipPart[] = [], toldCount?: number): Uint8Array {
  const parts = [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'word/document.xml', data: document },
    ...extra,
  ];
  return zip(parts, toldCount);
}

/** Runs per deflated byte: tiny runs compress to almost nothing and cost mammoth objects. */
function manyRuns(compressedTarget: number): Buffer {
  const run = '<w:r><w:t>a</w:t></w:r>';
  let count = 1000;
  // Grow until the deflated document reaches the target (deflate is ~1,000:1 on repeats).
  for (;;) {
    const xml = docXml(`${para(SENTENCE)}<w:p>${run.repeat(count)}</w:p>`);
    if (deflateRawSync(xml).length >= compressedTarget || count >= 1 << 22) return xml;
    count *= 2;
  }
}

const docxCases: HostileCase[] = [
  {
    format: 'docx',
    name: 'end record lies about the entry count',
    make: (n) => {
      // The end record counts the first two parts; the main part, last, is a bomb of blanks.
      const bomb = docXml(
        `${para(SENTENCE)}${para(SENTENCE)}${' '.repeat(Math.min(n * 1000, 500_000_000))}`,
      );
      return zip(
        [
          { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
          { name: '_rels/.rels', data: Buffer.from(RELS) },
          { name: 'word/document.xml', data: bomb },
        ],
        2,
      );
    },
  },
  {
    format: 'docx',
    name: 'tiny runs within the ratio',
    make: (n) => docx(manyRuns(Math.floor(n * 0.9))),
  },
  {
    format: 'docx',
    name: 'deeply nested elements',
    make: (n) => {
      // Levels enough to fill the ratio, within what one string can hold.
      const d = Math.min(Math.floor(n * 60), 80_000_000);
      return docx(
        docXml(
          `${para(SENTENCE)}${'<w:sdt><w:sdtContent>'.repeat(d / 40)}${para(SENTENCE)}${'</w:sdtContent></w:sdt>'.repeat(d / 40)}`,
        ),
      );
    },
  },
  {
    format: 'docx',
    name: 'character references to controls',
    make: (n) =>
      docx(
        docXml(
          para(SENTENCE) + para(fill('&#x1b;[2J&#x7;&#x202e;x ', Math.min(n * 20, 200_000_000))),
        ),
      ),
  },
  {
    format: 'docx',
    name: 'tens of thousands of parts',
    make: (n) => {
      const extra: ZipPart[] = [];
      for (let i = 0; extra.length * 60 < n - 4000 && extra.length < 65_000; i++)
        extra.push({ name: `p/${i}.xml`, data: Buffer.from('<a/>') });
      return docx(docXml(para(SENTENCE) + para(SENTENCE)), extra);
    },
  },
];

export const HOSTILE_CASES: readonly HostileCase[] = [
  ...txt,
  ...html,
  ...md,
  ...eml,
  ...pdfCases,
  ...docxCases,
];
