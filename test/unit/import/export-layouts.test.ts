/**
 * Edge cases of each database layout on small hand-made exports: duplicates, separators
 * quoted inside a body, a missing date (load-date fallback, flagged), RTF escapes and code
 * pages, right-to-left articles, one bad article among good ones.
 */
import { describe, expect, it } from 'vitest';
import { parseBytes, type ExportPart, type ParseOutcome } from '../../../src/main/import/index';
import { parseRtf } from '../../../src/main/import/rtf';
import { factivaRtf, nexisDocx, nexisRtf, type NexisDoc } from './export-builders';
import { makeZip } from './helpers';

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

function parts(r: ParseOutcome): ExportPart[] {
  expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
  return r.ok ? (r.parts ?? []) : [];
}

function draftOf(p: ExportPart | undefined) {
  if (!p?.outcome.ok) throw new Error(`part ${p?.part} was not read`);
  return p.outcome;
}

const doc = (n: number, extra: Partial<NexisDoc> = {}): NexisDoc => ({
  id: `AAAA-BBBB-CCCC-000${n}-00000-00`,
  title: `Headline number ${n}`,
  outlet: 'The Test Gazette (Northtown)',
  dateLine: 'March 14, 2023 Tuesday',
  section: 'NEWS; Pg. 4',
  length: 12,
  byline: 'Ann Walker in Northtown',
  body: [`Body of article ${n} starts here with words.`, 'A second paragraph ends it.'],
  loadDate: 'March 16, 2023',
  language: 'ENGLISH',
  ...extra,
});

describe('RTF reader', () => {
  it('decodes escapes, \\uN with \\ucN fallbacks, surrogate pairs and skips destinations', () => {
    const d = parseRtf(
      enc(
        '{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red0;}{\\*\\generator Hidden;}' +
          "{\\info{\\title Caf\\'e9 title}}{\\header Page header}" +
          "caf\\'e9 \\'80 \\u8364? {\\uc2\\u8212\\'97\\'97} \\u-10179?\\u-8704? a\\~b \\{x\\} c\\\\d\\par" +
          '{\\*\\unknowndest gone}{\\pict\\bin4 \\}{}}after\\par}',
      ),
    );
    expect(d.title).toBe('Café title');
    expect(d.paragraphs.map((p) => p.text)).toEqual(['café € € — 😀 a\u00a0b {x} c\\d', 'after']);
  });

  it("reads \\'hh in the document code page, in a font's charset, and double-byte pages", () => {
    const cyr = parseRtf(enc("{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2\\par}"));
    expect(cyr.paragraphs[0]?.text).toBe('Привет');
    expect(cyr.codepage).toBe(1251);
    const font = parseRtf(
      enc(
        "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset178 Arial;}}\\f1 \\'d3\\'e1\\'c7\\'e3 \\f0 caf\\'e9\\par}",
      ),
    );
    expect(font.paragraphs[0]?.text).toBe('سلام café');
    const sjis = parseRtf(enc("{\\rtf1\\ansi\\ansicpg932 \\'82\\'a0\\'82\\'a2\\par}"));
    expect(sjis.paragraphs[0]?.text).toBe('あい');
  });

  it('keeps HYPERLINK targets, table cells, bold, alignment, direction and breaks', () => {
    const d = parseRtf(
      enc(
        '{\\rtf1\\ansi\\pard\\qc\\rtlpar {\\field{\\*\\fldinst {HYPERLINK "https://x.test/a"}}{\\fldrslt {\\b Link}}}\\par' +
          '\\sect \\trowd\\cellx100\\cellx200\\pard\\intbl {\\b HD}\\cell \\pard\\intbl Value\\cell \\row}',
      ),
    );
    expect(d.paragraphs[0]).toMatchObject({
      text: 'Link',
      links: ['https://x.test/a'],
      bold: true,
      align: 'center',
      rtl: true,
      cell: -1,
    });
    expect(d.paragraphs[1]).toMatchObject({ text: 'HD', cell: 0, breakBefore: 'section' });
    expect(d.paragraphs[2]).toMatchObject({ text: 'Value', cell: 1 });
  });

  it('refuses groups nested deeper than any word processor writes, in bounded memory', async () => {
    const r = await parseBytes(enc(`{\\rtf1 ${'{'.repeat(2_000_000)}x`), 'deep.rtf');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'malformed' });
    expect(!r.ok && r.error.message).toMatch(/nested too deeply/);
  });

  it('imports a plain RTF file as one article', async () => {
    const r = await parseBytes(
      enc(
        '{\\rtf1\\ansi{\\info{\\title A plain note}}\\pard A plain note\\par\\pard It has a first paragraph with enough words to be an article.\\par}',
      ),
      'note.rtf',
    );
    expect(r.ok && r.draft.format).toBe('rtf');
    expect(r.ok && r.parts).toBeUndefined();
    expect(r.ok && r.draft.paragraphs.join(' ')).toContain('first paragraph');
  });
});

describe('Nexis Uni', () => {
  it('DOCX: one clipping per document, fields mapped, duplicates by ID and by text', async () => {
    const quoted = doc(2, {
      body: ['He read the last line aloud:', 'End of Document', 'and the article went on.'],
    });
    const r = await parseBytes(
      nexisDocx([doc(1), quoted, doc(1, { id: 'ZZZZ-BBBB-CCCC-0009-00000-00' }), doc(1)]),
      'nexis.docx',
    );
    const ps = parts(r);
    expect(ps).toHaveLength(4);
    const first = draftOf(ps[0]);
    expect(first.draft).toMatchObject({
      title: 'Headline number 1',
      source: 'The Test Gazette',
      section: 'NEWS',
      authors: ['Ann Walker'],
      publishedAt: '2023-03-14',
      language: 'en',
    });
    expect(first.draft.record).toMatchObject({
      database: 'nexis-uni',
      part: 1,
      parts: 4,
      page: '4',
      wordCount: 12,
      documentId: 'AAAA-BBBB-CCCC-0001-00000-00',
      outletRaw: 'The Test Gazette (Northtown)',
      dateIsLoadDate: false,
    });
    // The quoted 'End of Document' line stays in its article.
    expect(draftOf(ps[1]).draft.paragraphs).toEqual([
      'He read the last line aloud:',
      'End of Document',
      'and the article went on.',
    ]);
    // Same text under a new ID, and the same ID again: both repeat article 1.
    expect(draftOf(ps[2]).duplicateOf).toBe(1);
    expect(draftOf(ps[3]).duplicateOf).toBe(1);
    expect(draftOf(ps[1]).duplicateOf).toBeUndefined();
  });

  it('RTF: a document without a date line gets its load date, flagged; Arabic is right to left', async () => {
    const r = await parseBytes(
      enc(
        nexisRtf([
          doc(1, { dateLine: undefined }),
          doc(2, {
            title: 'افتتاح محطة تحلية جديدة',
            outlet: 'الواحة اليوم',
            dateLine: 'August 25, 2024 Sunday',
            byline: 'ليلى منصور',
            body: ['افتتحت السلطات المحلية صباح الثلاثاء محطة جديدة لتحلية المياه في المدينة.'],
            language: 'ARABIC',
            rtl: true,
          }),
        ]),
      ),
      'nexis.rtf',
    );
    const ps = parts(r);
    const noDate = draftOf(ps[0]).draft;
    expect(noDate.publishedAt).toBe('2023-03-16');
    expect(noDate.record?.dateIsLoadDate).toBe(true);
    expect(noDate.warnings.join(' ')).toMatch(/no publication date/i);
    const arabic = draftOf(ps[1]).draft;
    expect(arabic).toMatchObject({
      title: 'افتتاح محطة تحلية جديدة',
      source: 'الواحة اليوم',
      authors: ['ليلى منصور'],
      language: 'ar',
      direction: 'rtl',
      format: 'rtf',
    });
  });

  it('an article without text is refused on its own; the others are kept', async () => {
    const r = await parseBytes(nexisDocx([doc(1), doc(2, { body: [] }), doc(3)]), 'n.docx');
    const ps = parts(r);
    expect(ps.map((p) => p.outcome.ok)).toEqual([true, false, true]);
    const bad = ps[1]?.outcome;
    expect(bad && !bad.ok && bad.error.message).toMatch(/Article 2 of 3/);
  });
});

describe('LexisNexis Academic', () => {
  const block = (n: number, m: number, body: string[]) =>
    [
      `                               ${n} of ${m} DOCUMENTS`,
      '',
      '                           The Test Gazette',
      '',
      '                           October 15, 2015 Thursday',
      '',
      `Headline ${n}`,
      '',
      'BYLINE: BY ANN WALKER',
      '',
      'SECTION: NEWS; Pg. 3',
      '',
      'LENGTH: 20 words',
      '',
      ...body.flatMap((p) => [p, '']),
      'LOAD-DATE: October 16, 2015',
      '',
      'LANGUAGE: ENGLISH',
      '',
      '                      Copyright 2015 Test Media',
      '                              All Rights Reserved',
      '',
    ].join('\r\n');

  it('a quoted "N of M DOCUMENTS" line out of sequence does not split the body', async () => {
    const text =
      '\uFEFFDownload Request: Selected Items: 1-2\r\n\r\n' +
      block(1, 2, [
        'The clerk read out the header:',
        '                               7 of 9 DOCUMENTS',
        'and then sat down.',
      ]) +
      block(2, 2, ['Second body text here.']);
    const ps = parts(await parseBytes(enc(text), 'ln.txt'));
    expect(ps).toHaveLength(2);
    const first = draftOf(ps[0]).draft;
    expect(first.paragraphs).toEqual([
      'The clerk read out the header:',
      '7 of 9 DOCUMENTS',
      'and then sat down.',
    ]);
    expect(first.authors).toEqual(['ANN WALKER']);
    expect(first.record).toMatchObject({ database: 'lexisnexis-academic', page: '3' });
    expect(first.record?.copyright).toBe('Copyright 2015 Test Media All Rights Reserved');
  });
});

describe('Factiva', () => {
  const fdoc = (an: string, outlet = 'Test Wire') => ({
    an,
    title: 'Investors bet on FieldLens',
    outlet,
    date: '29 April 2023',
    byline: 'By Beatrix Odhiambo, Correspondent',
    words: 30,
    language: 'English',
    lead: ['FieldLens has raised money.'],
    text: ['A quoted line reads', 'Document XYZ0020230101', 'and the text goes on.'],
  });

  it('RTF: fields from the code cells, quoted "Document …" kept, duplicate AN marked', async () => {
    const r = await parseBytes(
      enc(factivaRtf([fdoc('AAA0020230430ej4t0001'), fdoc('AAA0020230430ej4t0001')])),
      'factiva.rtf',
    );
    const ps = parts(r);
    expect(ps).toHaveLength(2);
    const a = draftOf(ps[0]).draft;
    expect(a).toMatchObject({
      title: 'Investors bet on FieldLens',
      source: 'Test Wire',
      authors: ['Beatrix Odhiambo'],
      publishedAt: '2023-04-29',
      paragraphs: [
        'FieldLens has raised money.',
        'A quoted line reads',
        'Document XYZ0020230101',
        'and the text goes on.',
      ],
    });
    expect(a.record).toMatchObject({ database: 'factiva', documentId: 'AAA0020230430ej4t0001' });
    expect(draftOf(ps[1]).duplicateOf).toBe(1);
  });

  it('the same text from another outlet under a new AN is not a duplicate', async () => {
    const ps = parts(
      await parseBytes(enc(factivaRtf([fdoc('A1'), fdoc('A2', 'Another Paper')])), 'factiva.rtf'),
    );
    expect(draftOf(ps[1]).duplicateOf).toBeUndefined();
  });

  it('saved-as-text: starred codes, LP only, Search Summary ignored', async () => {
    const text = [
      'Factiva\tDow Jones',
      '',
      '*HD*\u00a0\t*Only a lead*',
      '*WC*\u00a0\t40 words',
      '*PD*\u00a0\t3 March 2022',
      '*SN*\u00a0\tTest Wire',
      '*LA*\u00a0\tFrench',
      '*LP*\u00a0\t',
      '',
      'Le texte entier est dans le chapeau.',
      '',
      '*AN*\u00a0\t',
      'Document TST0020220303ei3i0001',
      '',
      'Search Summary',
      'Text\tanything',
    ].join('\n');
    const ps = parts(await parseBytes(enc(text), 'factiva.txt'));
    expect(ps).toHaveLength(1);
    expect(draftOf(ps[0]).draft).toMatchObject({
      title: 'Only a lead',
      language: 'fr',
      paragraphs: ['Le texte entier est dans le chapeau.'],
    });
    expect(draftOf(ps[0]).draft.record?.documentId).toBe('TST0020220303ei3i0001');
  });
});

describe('ProQuest', () => {
  const rule = '_'.repeat(60);
  it('records between rules; a quoted "Document N of M" and an abstract-only record', async () => {
    const text = [
      rule,
      '',
      'Document 1 of 2',
      '',
      'Rents rise again',
      '',
      'Author: Okafor, Ngozi; Rees, Harriet',
      '',
      'Publication info: The Test Packet; Northtown [Northtown]. 15 Dec 2023: A.3.',
      '',
      'Full text: The first paragraph of the story.',
      'Document 2 of 2',
      'The last paragraph of the story.',
      '',
      'Publication title: The Test Packet; Northtown',
      '',
      'Publication date: Dec 15, 2023',
      '',
      'Language of publication: English',
      '',
      'ProQuest document ID: 111',
      '',
      rule,
      '',
      'Document 2 of 2',
      '',
      'Only an abstract',
      '',
      'Abstract: The abstract is all there is.',
      '',
      'Publication title: The Test Packet',
      '',
      'Publication date: Jan 2, 2024',
      '',
      'ProQuest document ID: 222',
      '',
      rule,
      '',
      'Contact us at: http://about.proquest.com/',
    ].join('\n');
    const ps = parts(await parseBytes(enc(text), 'pq.txt'));
    expect(ps).toHaveLength(2);
    const a = draftOf(ps[0]).draft;
    expect(a).toMatchObject({
      title: 'Rents rise again',
      source: 'The Test Packet',
      authors: ['Ngozi Okafor', 'Harriet Rees'],
      publishedAt: '2023-12-15',
      paragraphs: [
        'The first paragraph of the story.',
        'Document 2 of 2',
        'The last paragraph of the story.',
      ],
    });
    expect(a.record).toMatchObject({ page: 'A.3', documentId: '111', database: 'proquest' });
    const b = draftOf(ps[1]).draft;
    expect(b.record?.abstractOnly).toBe(true);
    expect(b.paragraphs).toEqual(['The abstract is all there is.']);
  });
});

describe('Europresse', () => {
  it('articles with outlet suffix, header without section, document number', async () => {
    const article = (n: number, header: string, outlet: string) =>
      `<article><header><div><span class="DocPublicationName">${outlet} </span></div><div><span class="DocHeader">${header}</span></div><div class="titreArticle"><p class="titreArticleVisu">Titre ${n}</p></div><div class="docAuthors">Par Hervé Marchand</div></header><section><div class="DocText"><div class="docOcurrContainer"><p>Le <mark>festival</mark> ouvre ses portes vendredi pour la ${n}e fois.</p></div></div></section><footer><small>© 2024 Le Journal. Tous droits réservés.</small><p>Numéro de document : news·2024·LJ·${n}</p></footer></article>`;
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${article(1, 'Culture, samedi 7 septembre 2024, p. 22', 'Le Journal, no. 7605')}${article(2, 'mardi 29 novembre 2022', 'Le Journal')}</body></html>`;
    const ps = parts(await parseBytes(enc(html), 'europresse.html'));
    expect(ps).toHaveLength(2);
    expect(draftOf(ps[0]).draft).toMatchObject({
      title: 'Titre 1',
      source: 'Le Journal',
      section: 'Culture',
      publishedAt: '2024-09-07',
      authors: ['Hervé Marchand'],
      language: 'fr',
      paragraphs: ['Le festival ouvre ses portes vendredi pour la 1e fois.'],
    });
    expect(draftOf(ps[0]).draft.record).toMatchObject({
      page: '22',
      documentId: 'news·2024·LJ·1',
      outletRaw: 'Le Journal, no. 7605',
    });
    expect(draftOf(ps[1]).draft.section).toBe('');
  });
});

describe('older or plainer variants', () => {
  it('Europresse without <article> wrappers: each publication name opens a document', async () => {
    const doc = (n: number) =>
      `<div><span class="rdp__DocPublicationName">Le Journal, no. ${n}</span></div><span class="rdp__DocHeader">Société, lundi ${n} mars 2021, p. ${n}</span><p class="rdp__titreArticleVisu">Titre ${n}</p><div class="docAuthors">Nadia Baudouin</div><div class="DocText"><p>Premier paragraphe de l'article ${n}.</p><p>Dernier paragraphe.</p></div><p>Numéro de document : news·2021·LJ·${n}</p>`;
    const html = `<html><head><meta charset="utf-8"></head><body>${doc(1)}<hr>${doc(2)}</body></html>`;
    const ps = parts(await parseBytes(enc(html), 'old-europresse.html'));
    expect(ps.map((p) => draftOf(p).draft.title)).toEqual(['Titre 1', 'Titre 2']);
    expect(draftOf(ps[1]).draft).toMatchObject({
      source: 'Le Journal',
      section: 'Société',
      publishedAt: '2021-03-02',
      paragraphs: ["Premier paragraphe de l'article 2.", 'Dernier paragraphe.'],
    });
  });

  it('LexisNexis Academic with flush-left separators and the copyright under the outlet', async () => {
    const doc = (n: number) =>
      [
        `${n} of 2 DOCUMENTS`,
        '',
        '                    The Test Times',
        '            Copyright 2010 The Test Times Company',
        '                    January 5, 2010 Tuesday',
        '                    Late Edition - Final',
        '',
        `Headline ${n}`,
        '',
        'SECTION: Section A; Column 0; Foreign Desk; Pg. 6',
        '',
        'LENGTH: 812 words',
        '',
        `Body ${n} first paragraph.`,
        '',
        'LOAD-DATE: January 5, 2010',
        '',
      ].join('\n');
    const ps = parts(await parseBytes(enc(doc(1) + doc(2)), 'ln.txt'));
    expect(ps).toHaveLength(2);
    expect(draftOf(ps[1]).draft).toMatchObject({
      title: 'Headline 2',
      source: 'The Test Times',
      publishedAt: '2010-01-05',
      paragraphs: ['Body 2 first paragraph.'],
    });
    expect(draftOf(ps[1]).draft.record).toMatchObject({
      copyright: 'Copyright 2010 The Test Times Company',
      edition: 'Late Edition - Final',
      page: '6',
      wordCount: 812,
    });
  });
});

describe('furniture and missing blocks', () => {
  it('Factiva: page banners inside a field are dropped; CODE<tab>value paragraphs in RTF work', async () => {
    const text = [
      '*HD*\u00a0\tBanner test',
      '*PD*\u00a0\t3 March 2022',
      '*SN*\u00a0\tTest Wire',
      '*TD*\u00a0\t',
      'First paragraph.',
      'Page 2 of 5 © 2022 Factiva, Inc. All rights reserved.',
      'Second paragraph.',
      '*AN*\u00a0\t',
      'Document TST0001',
    ].join('\n');
    const ps = parts(await parseBytes(enc(text), 'f.txt'));
    expect(draftOf(ps[0]).draft.paragraphs).toEqual(['First paragraph.', 'Second paragraph.']);
    const rtf =
      '{\\rtf1\\ansi HD\\tab Tabbed headline\\par PD\\tab 4 May 2023\\par SN\\tab Tab Times\\par TD\\tab The text.\\par AN\\tab Document TAB0001\\par}';
    const tabbed = parts(await parseBytes(enc(rtf), 'f.rtf'));
    expect(draftOf(tabbed[0]).draft).toMatchObject({
      title: 'Tabbed headline',
      source: 'Tab Times',
      publishedAt: '2023-05-04',
      paragraphs: ['The text.'],
    });
  });

  it('LexisNexis Academic without BYLINE/SECTION/LENGTH: the headline is the first paragraph', async () => {
    const text = [
      '                               1 of 1 DOCUMENT',
      '',
      '                           The Test Gazette',
      '',
      '                           June 2, 2014 Monday',
      '',
      'A headline alone',
      '',
      'First paragraph of the text.',
      '',
      'Second paragraph of the text.',
      '',
      'Third paragraph of the text.',
      '',
      'LOAD-DATE: June 3, 2014',
      '',
    ].join('\n');
    const ps = parts(await parseBytes(enc(text), 'ln.txt'));
    expect(draftOf(ps[0]).draft).toMatchObject({
      title: 'A headline alone',
      paragraphs: [
        'First paragraph of the text.',
        'Second paragraph of the text.',
        'Third paragraph of the text.',
      ],
    });
  });
});

describe('OpenDocument text', () => {
  const odt = (body: string, title = ''): Uint8Array =>
    makeZip([
      { name: 'mimetype', data: enc('application/vnd.oasis.opendocument.text'), stored: true },
      {
        name: 'content.xml',
        data: enc(
          `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
        ),
      },
      {
        name: 'meta.xml',
        data: enc(
          `<office:document-meta><office:meta><dc:title>${title}</dc:title></office:meta></office:document-meta>`,
        ),
      },
    ]);

  it('reads headings and paragraphs, spaces and entities; skips notes and annotations', async () => {
    const r = await parseBytes(
      odt(
        '<text:h text:outline-level="1">Harbour &amp; port plan</text:h>' +
          '<text:p>The council<text:s text:c="2"/>said on Monday<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note> that the plan would cost more.</text:p>' +
          '<text:p><office:annotation><text:p>A comment.</text:p></office:annotation>Residents were asked to comment before the vote.</text:p>',
        'Harbour &amp; port plan',
      ),
      'plan.odt',
    );
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    if (!r.ok) return;
    expect(r.draft.format).toBe('odt');
    expect(r.draft.title).toBe('Harbour & port plan');
    expect(r.draft.paragraphs).toEqual([
      'The council said on Monday that the plan would cost more.',
      'Residents were asked to comment before the vote.',
    ]);
  });

  it('refuses an OpenDocument spreadsheet and a file named .odt that is not one', async () => {
    const sheet = makeZip([
      {
        name: 'mimetype',
        data: enc('application/vnd.oasis.opendocument.spreadsheet'),
        stored: true,
      },
      { name: 'content.xml', data: enc('<x/>') },
    ]);
    const a = await parseBytes(sheet, 'table.ods');
    expect(!a.ok && a.error.code).toBe('unsupported');
    const b = await parseBytes(enc('not a zip at all, just words'), 'fake.odt');
    expect(!b.ok && b.error.code).toBe('malformed');
  });
});

describe('recognised by content, not by extension', () => {
  it('a Factiva RTF named .txt and a Nexis DOCX named .bin are still split', async () => {
    const rtf = factivaRtf([
      {
        an: 'X1',
        title: 'T',
        outlet: 'O',
        date: '1 May 2023',
        words: 5,
        language: 'English',
        lead: ['Lead words here.'],
        text: [],
      },
    ]);
    expect((await parseBytes(enc(rtf), 'export.txt')).ok && true).toBe(true);
    const r = await parseBytes(enc(rtf), 'export.txt');
    expect(r.ok && r.database).toBe('factiva');
    const d = await parseBytes(nexisDocx([doc(1), doc(2)]), 'download.bin');
    expect(d.ok && d.parts?.length).toBe(2);
  });
});
