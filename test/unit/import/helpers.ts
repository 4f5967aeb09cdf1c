/** Builders for binary fixtures (PDF, DOCX, ZIP) made in code so the repo holds no blobs. */
import { deflateRawSync } from 'node:zlib';

function pdfString(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export interface PdfLine {
  text: string;
  size?: number;
}

/**
 * A minimal valid PDF whose text layer holds `paragraphs` (each a list of lines), laid out with
 * normal leading inside a paragraph and a wider gap between paragraphs.
 */
export function makePdf(
  paragraphs: PdfLine[][],
  opts: { title?: string; noText?: boolean } = {},
): Uint8Array {
  let y = 740;
  const ops: string[] = [];
  if (!opts.noText) {
    for (const para of paragraphs) {
      for (const line of para) {
        const size = line.size ?? 11;
        ops.push(`BT /F1 ${size} Tf 1 0 0 1 72 ${y} Tm ${pdfString(line.text)} Tj ET`);
        y -= Math.round(size * 1.3);
      }
      y -= 14;
    }
  } else {
    ops.push('0.5 g 72 600 200 100 re f');
  }
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Title ${pdfString(opts.title ?? '')} /Producer (Clipbook tests) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Lie about the uncompressed size in the directory (zip-bomb tests). */
  declaredSize?: number;
  /** Store without compression (an OpenDocument's first entry, 'mimetype', must be). */
  stored?: boolean;
}

/**
 * Assembles a deflate ZIP archive by hand. `toldCount` is what the end record says the
 * directory holds (lying-container tests).
 */
export function makeZip(entries: ZipInput[], toldCount = entries.length): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const comp = e.stored ? Buffer.from(e.data) : deflateRawSync(e.data);
    const method = e.stored ? 0 : 8;
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, comp);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(comp.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(toldCount, 8);
  end.writeUInt16LE(toldCount, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** A PDF object: a dictionary, or a stream (its dictionary's inside and its raw data). */
export type PdfObject = string | { dict: string; data: Uint8Array };

/** Assembles a PDF from numbered objects (1 is the catalog), with a correct xref table. */
export function assemblePdf(objects: PdfObject[]): Uint8Array {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.5\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const parts =
      typeof o === 'string'
        ? [Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1')]
        : [
            Buffer.from(
              `${i + 1} 0 obj\n<< /Length ${o.data.length} ${o.dict} >>\nstream\n`,
              'latin1',
            ),
            Buffer.from(o.data),
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ];
    for (const p of parts) {
      chunks.push(p);
      offset += p.length;
    }
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) tail += `${String(o).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(tail, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A DOCX whose document.xml is `documentXml` (for hostile variants). */
export function makeRawDocx(documentXml: Uint8Array, declaredSize?: number): Uint8Array {
  const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  return makeZip([
    { name: '[Content_Types].xml', data: enc(CONTENT_TYPES) },
    { name: '_rels/.rels', data: enc(RELS) },
    declaredSize === undefined
      ? { name: 'word/document.xml', data: documentXml }
      : { name: 'word/document.xml', data: documentXml, declaredSize },
  ]);
}

/** A real DOCX built with the `docx` package. */
export async function makeDocx(
  paragraphs: Array<{ text: string; heading?: boolean }>,
  opts: { title?: string } = {},
): Promise<Uint8Array> {
  const { Document, HeadingLevel, Packer, Paragraph } = await import('docx');
  const doc = new Document({
    ...(opts.title ? { title: opts.title } : {}),
    sections: [
      {
        children: paragraphs.map((p) =>
          p.heading
            ? new Paragraph({ text: p.text, heading: HeadingLevel.HEADING_1 })
            : new Paragraph({ text: p.text }),
        ),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A one-column news PDF with a title, for the tests that only need some real PDF text. */
export function bridgePdf(): Uint8Array {
  return makePdf(
    [
      [{ text: 'Bridge reopens after repairs', size: 18 }],
      [{ text: 'The old bridge reopened on Monday after two years of repairs, the city' }],
      [{ text: 'said, and traffic is expected to return to normal by the end of the month.' }],
    ],
    { title: 'Bridge reopens after repairs' },
  );
}
