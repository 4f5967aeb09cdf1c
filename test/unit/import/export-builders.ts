/**
 * Small database exports made in code, in the layouts the samples document: Nexis Uni DOCX
 * and RTF, Factiva RTF. Used by the unit tests, the e2e import test and bench:exports.
 */
import { makeZip, type ZipInput } from './helpers';

export interface NexisDoc {
  id: string;
  title: string;
  outlet: string;
  /** The printed date line; omitted for a record with only a Load-Date. */
  dateLine?: string;
  section?: string;
  length?: number;
  byline?: string;
  body: string[];
  loadDate: string;
  language?: string;
  rtl?: boolean;
  /** Search terms: bolded wherever they occur in the body, as Nexis marks hits. */
  hits?: string[];
}

/** A body paragraph's runs, with each search hit in a bold run of its own. */
function hitRuns(text: string, hits: readonly string[]): string {
  if (hits.length === 0) return run(text);
  const re = new RegExp(`\\b(${hits.join('|')})\\b`, 'g');
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out += run(text.slice(last, m.index));
    out += run(m[0], true);
    last = m.index + m[0].length;
  }
  return out + run(text.slice(last));
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const run = (text: string, bold = false): string =>
  `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;

function para(
  content: string,
  opts: { jc?: string; rtl?: boolean; sectionEnd?: boolean } = {},
): string {
  const ppr = [
    opts.rtl ? '<w:bidi/>' : '',
    opts.jc ? `<w:jc w:val="${opts.jc}"/>` : '',
    opts.sectionEnd ? '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>' : '',
  ].join('');
  return `<w:p>${ppr ? `<w:pPr>${ppr}</w:pPr>` : ''}${content}</w:p>`;
}

/**
 * A Nexis Uni DOCX export: cover page, one section per document, bold End of Document.
 * `parts` are added to the package as they are (images, headers: what the body refers to).
 */
export function nexisDocx(docs: readonly NexisDoc[], parts: readonly ZipInput[] = []): Uint8Array {
  const rels: string[] = [];
  const body: string[] = [
    para(run(`Documents (${docs.length})`, true)),
    ...docs.map((d, i) => para(run(`${i + 1}. ${d.title}`))),
    para(run('Client/Matter: -None-', true), { sectionEnd: true }),
  ];
  docs.forEach((d, i) => {
    const rid = `rIdDoc${i}`;
    rels.push(
      `<Relationship Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://advance.lexis.com/api/document?collection=news&amp;id=urn:contentItem:${d.id}&amp;context=1" TargetMode="External"/>`,
    );
    const rtl = d.rtl ?? false;
    body.push(
      para(`<w:hyperlink r:id="${rid}">${run(d.title, true)}</w:hyperlink>`, { jc: 'center', rtl }),
    );
    body.push(para(run(d.outlet), { jc: 'center', rtl }));
    if (d.dateLine) body.push(para(run(d.dateLine), { jc: 'center' }));
    body.push(para(run(`Copyright ${d.loadDate.slice(0, 4)} ${d.outlet} All Rights Reserved`)));
    if (d.section) body.push(para(run('Section:\u00a0', true) + run(d.section)));
    if (d.length) body.push(para(run('Length:\u00a0', true) + run(`${d.length} words`)));
    if (d.byline) body.push(para(run('Byline:\u00a0', true) + run(d.byline)));
    body.push(para(run('Body', true)));
    for (const p of d.body) body.push(para(hitRuns(p, d.hits ?? []), { jc: 'both', rtl }));
    body.push(para(run('Classification', true)));
    if (d.language) body.push(para(run('Language:\u00a0', true) + run(d.language)));
    body.push(para(run('Load-Date:\u00a0', true) + run(d.loadDate)));
    body.push(para(run('End of Document', true), { sectionEnd: i < docs.length - 1 }));
  });
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body.join('')}</w:body></w:document>`;
  const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
  return makeZip([
    {
      name: '[Content_Types].xml',
      data: enc(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: enc(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: enc(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
      ),
    },
    { name: 'word/document.xml', data: enc(xml) },
    ...parts,
  ]);
}

/** RTF text for a string: ASCII as is, everything else as \uN? (as Nexis and Factiva write). */
export function rtfText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === '{' || ch === '}') out += `\\${ch}`;
    else if (c < 0x80) out += ch;
    else if (c > 0xffff) {
      const hi = Math.floor((c - 0x10000) / 0x400) + 0xd800;
      const lo = ((c - 0x10000) % 0x400) + 0xdc00;
      out += `\\u${hi - 65536}?\\u${lo - 65536}?`;
    } else out += `\\u${c > 32767 ? c - 65536 : c}?`;
  }
  return out;
}

/** A Nexis Uni RTF export: \sect per document, HYPERLINK fields, headers and footers. */
export function nexisRtf(docs: readonly NexisDoc[]): string {
  const out = [
    '{\\rtf1\\ansi\\ansicpg1252\\uc1\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}}',
    '{\\info{\\title Export}}',
    `\\pard\\plain {\\b Documents (${docs.length})}\\par`,
  ];
  for (const d of docs) {
    out.push('\\sect\\sectd');
    out.push(`{\\header \\pard\\plain\\qc Page 1 of 9 ${rtfText(d.title)}\\par}`);
    out.push('{\\footer \\pard\\plain\\qc Copyright \\u169? LexisNexis\\par}');
    out.push(
      `\\pard\\plain\\qc${d.rtl ? '\\rtlpar' : ''} {\\b {\\field{\\*\\fldinst {HYPERLINK "https://advance.lexis.com/api/document?collection=news&id=urn:contentItem:${d.id}&context=1"}}{\\fldrslt {${rtfText(d.title)}}}}}\\par`,
    );
    out.push(`\\pard\\plain\\qc ${rtfText(d.outlet)}\\par`);
    if (d.dateLine) out.push(`\\pard\\plain\\qc ${rtfText(d.dateLine)}\\par`);
    out.push(`\\pard\\plain\\ql \\line Copyright 2024 ${rtfText(d.outlet)}\\par`);
    if (d.section) out.push(`\\pard\\plain {\\b Section:\\~}${rtfText(d.section)}\\par`);
    if (d.length) out.push(`\\pard\\plain {\\b Length:\\~}${d.length} words\\par`);
    if (d.byline) out.push(`\\pard\\plain {\\b Byline:\\~}${rtfText(d.byline)}\\par`);
    out.push('\\pard\\plain {\\b Body}\\par');
    for (const p of d.body)
      out.push(`\\pard\\plain\\qj${d.rtl ? '\\rtlpar' : ''} ${rtfText(p)}\\par`);
    out.push('\\pard\\plain {\\b Classification}\\par');
    if (d.language) out.push(`\\pard\\plain {\\b Language:\\~}${d.language}\\line \\line \\par`);
    out.push(`\\pard\\plain {\\b Load-Date:\\~}${rtfText(d.loadDate)}\\par`);
    out.push('\\pard\\plain \\line {\\b End of Document}\\par');
  }
  out.push('}');
  return out.join('\n');
}

export interface FactivaDoc {
  an: string;
  title: string;
  outlet: string;
  date: string;
  byline?: string;
  words: number;
  language: string;
  lead: string[];
  text: string[];
}

/** A Factiva RTF export: one table row per field code, \page between articles. */
export function factivaRtf(docs: readonly FactivaDoc[]): string {
  const row = (code: string, value: string): string =>
    `\\trowd\\cellx1100\\cellx10080\\pard\\plain\\intbl\\qr {\\b ${code}}\\~\\cell \\pard\\plain\\intbl\\ql ${value}\\cell \\row`;
  const out = ['{\\rtf1\\ansi\\ansicpg1252\\uc1{\\fonttbl{\\f0\\froman Times;}}'];
  docs.forEach((d, i) => {
    if (i > 0) out.push('\\page');
    out.push(row('HD', `{\\b ${rtfText(d.title)}}`));
    if (d.byline) out.push(row('BY', rtfText(d.byline)));
    out.push(row('WC', `${d.words} words`));
    out.push(row('PD', rtfText(d.date)));
    out.push(row('SN', rtfText(d.outlet)));
    out.push(row('LA', d.language));
    out.push(row('LP', d.lead.map(rtfText).join('\\par ')));
    out.push(row('TD', d.text.map(rtfText).join('\\par ')));
    out.push(row('AN', `\\par Document ${d.an}`));
  });
  out.push('}');
  return out.join('\n');
}
