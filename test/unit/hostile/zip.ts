/** A tiny ZIP writer for hostile DOCX files: sizes in the directory can be made to lie. */
import { makeZip, type ZipInput } from '../import/helpers';

export type ZipPart = ZipInput;

/** The import tests' ZIP writer (it can already make the directory lie), as a Buffer. */
export function buildZip(parts: ZipPart[]): Buffer {
  return Buffer.from(makeZip(parts));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

function rels(target: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
}

export function documentXml(paragraphs: string[], padding = ''): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}${padding}</w:body></w:document>`,
  );
}

/** A DOCX whose main part is `document` under `partName` (word/document.xml unless given). */
export function buildDocx(
  document: Buffer,
  options: { partName?: string; declaredSize?: number } = {},
): Buffer {
  const partName = options.partName ?? 'word/document.xml';
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(rels(partName)) },
    { name: partName, data: document, declaredSize: options.declaredSize },
  ]);
}
