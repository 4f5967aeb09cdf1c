/** Format-specific behaviour on the small fixtures in test/fixtures/import and generated files. */
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ClippingDraftSchema, type ClippingDraft } from '@shared/clipping';
import { parseBytes, parseFile } from '../../../src/main/import/index';
import { makeDocx, makePdf } from './helpers';

const DIR = join(__dirname, '../../fixtures/import');

async function draftOf(file: string): Promise<ClippingDraft> {
  const r = await parseFile(join(DIR, file));
  if (!r.ok) throw new Error(`${file} refused: ${r.error.code} ${r.error.message}`);
  return v.parse(ClippingDraftSchema, r.draft);
}

describe('decoding', () => {
  it('windows-1252 with 0x80–0x9F (smart quotes, €) is detected, not mangled', async () => {
    const d = await draftOf('cp1252-smart-quotes.txt');
    expect(d.title).toBe('Café prices rise as “bean crisis” deepens');
    expect(d.paragraphs[0]).toContain('€3.20 in the city’s cafés – a record');
    expect(d.encoding).toEqual({ name: 'windows-1252', guessed: true });
    expect(d.warnings.join(' ')).toMatch(/Encoding guessed as windows-1252/);
    expect(d.publishedAt).toBe('2024-03-04');
    expect(d.source).toBe('Harbour Daily');
    expect(d.paragraphs.join(' ')).not.toMatch(/[\u0080-\u009f\uFFFD]/);
  });

  it('UTF-16 BE with BOM (Ukrainian)', async () => {
    const d = await draftOf('utf16be-bom.txt');
    expect(d.encoding).toEqual({ name: 'utf-16be', guessed: false });
    expect(d.language).toBe('uk');
    expect(d.publishedAt).toBe('2024-03-15');
    expect(d.source).toBe('Київські вісті');
    expect(d.paragraphs).toHaveLength(2);
  });

  it('declared HTML charset windows-1252 is honoured', async () => {
    const d = await draftOf('jsonld-graph.html');
    expect(d.encoding).toEqual({ name: 'windows-1252', guessed: false });
    expect(d.paragraphs.join(' ')).toContain('14 Millionen €');
  });
});

describe('HTML', () => {
  it('reads JSON-LD inside @graph with author arrays and section arrays', async () => {
    const d = await draftOf('jsonld-graph.html');
    expect(d.title).toBe('Neue Fähre verbindet die Inseln');
    expect(d.source).toBe('Nordsee Kurier');
    expect(d.section).toBe('Region');
    expect(d.authors).toEqual(['Jana Petersen', 'Ole Hansen']);
    expect(d.publishedAt).toBe('2024-05-06T08:30:00+02:00');
    expect(d.url).toBe('https://nordsee-kurier.example/region/faehre');
    expect(d.language).toBe('de');
    expect(d.tags).toEqual(['Fähre', 'Inseln', 'Verkehr']);
    expect(d.paragraphs).toHaveLength(3);
    expect(d.paragraphs.join(' ')).not.toMatch(/Teilen|Cookies|Start/);
  });

  it('survives broken, unclosed markup', async () => {
    const d = await draftOf('broken-markup.html');
    expect(d.title).toBe('Storm closes mountain pass');
    expect(d.paragraphs).toHaveLength(3);
    expect(d.paragraphs[2]).toContain('avoid the route & to check');
    expect(d.paragraphs.join(' ')).not.toMatch(/First!|injected|document\.write/);
  });

  it('survives markup nested 10,000 deep without recursion', async () => {
    const deep =
      '<div>'.repeat(10_000) +
      '<p>' +
      'Deep text that is still an article paragraph, with commas, and words. '.repeat(3) +
      '</p>' +
      '</div>'.repeat(10_000);
    const r = await parseBytes(
      new TextEncoder().encode(`<html><body>${deep}</body></html>`),
      'deep.html',
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.draft.paragraphs[0]).toContain('Deep text');
    const unclosed =
      '<span><b><i>'.repeat(5_000) +
      'Unclosed but readable sentence, long enough to count as a paragraph.';
    const r2 = await parseBytes(new TextEncoder().encode(unclosed), 'unclosed.html');
    expect(r2.ok).toBe(true);
  });

  it('a page with no article text is refused', async () => {
    const r = await parseBytes(
      new TextEncoder().encode(
        '<html><head><title>x</title></head><body><nav><a href="/">Home</a></nav></body></html>',
      ),
      'nav.html',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('empty');
  });
});

describe('files without a known extension', () => {
  it('HTML content is recognised', async () => {
    const d = await draftOf('article-without-extension');
    expect(d.format).toBe('html');
    expect(d.title).toBe('Le tramway arrive à Lyon-Sud');
    expect(d.language).toBe('fr');
    expect(d.paragraphs).toHaveLength(2);
  });

  it('plain text is read as text', async () => {
    const d = await draftOf('plain-without-extension');
    expect(d.format).toBe('txt');
    expect(d.title).toBe('Dam repairs finished ahead of schedule');
    expect(d.paragraphs).toHaveLength(2);
  });

  it('front matter and MIME headers are recognised by content', async () => {
    const md = await parseBytes(
      new TextEncoder().encode(
        '---\ntitle: T one\ndate: 2024-01-02\n---\n\nBody text of the note, long enough to be a paragraph.\n',
      ),
      'note',
    );
    expect(md.ok && md.draft.format).toBe('md');
    const eml = await parseBytes(
      new TextEncoder().encode(
        'From: A <a@b.example>\nSubject: Hello there\nMIME-Version: 1.0\nContent-Type: text/plain\n\nA short message body that forms the only paragraph here.\n',
      ),
      'message.dat',
    );
    expect(eml.ok && eml.draft.format).toBe('eml');
  });
});

describe('e-mail', () => {
  it('multipart base64 body in windows-1251 with encoded subject and sender', async () => {
    const d = await draftOf('multipart-cp1251.eml');
    expect(d.title).toBe('В Казани открылся новый парк');
    expect(d.source).toBe('Казанский вестник');
    expect(d.language).toBe('ru');
    expect(d.publishedAt.startsWith('2025-06-10')).toBe(true);
    expect(d.paragraphs).toHaveLength(2);
    expect(d.paragraphs.join(' ')).not.toMatch(/Отписаться|unsub/);
  });

  it('HTML-only mail is read from its HTML part', async () => {
    const html = Buffer.from(
      '<html><body><h1>Ferry timetable changes</h1><p>The ferry company will run two extra crossings a day from June, it said in a statement on Monday.</p><p><a href="https://x.example/unsubscribe">Unsubscribe</a> | Manage your alerts</p></body></html>',
    ).toString('base64');
    const raw = `From: Island News <news@island.example>\r\nSubject: [Island News] Ferry timetable changes\r\nDate: Mon, 2 Jun 2025 06:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${html}\r\n`;
    const r = await parseBytes(new TextEncoder().encode(raw), 'ferry.eml');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.draft.title).toBe('Ferry timetable changes');
    expect(r.draft.source).toBe('Island News');
    expect(r.draft.paragraphs).toEqual([
      'The ferry company will run two extra crossings a day from June, it said in a statement on Monday.',
    ]);
  });
});

describe('PDF', () => {
  it('rebuilds paragraphs from line gaps and reads metadata', async () => {
    const pdf = makePdf(
      [
        [{ text: 'Bridge reopens after repairs', size: 18 }],
        [{ text: 'Published: 12 March 2024' }],
        [
          { text: 'The old bridge reopened on Monday after two years of repairs, the city' },
          { text: 'said, and traffic is expected to return to normal by the end of the month.' },
        ],
        [{ text: 'The repairs cost 30 million euros, more than planned.' }],
      ],
      { title: 'Bridge reopens after repairs' },
    );
    const r = await parseBytes(pdf, 'bridge.pdf');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.draft.format).toBe('pdf');
    expect(r.draft.title).toBe('Bridge reopens after repairs');
    expect(r.draft.publishedAt).toBe('2024-03-12');
    expect(r.draft.paragraphs).toEqual([
      'The old bridge reopened on Monday after two years of repairs, the city said, and traffic is expected to return to normal by the end of the month.',
      'The repairs cost 30 million euros, more than planned.',
    ]);
  });
});

describe('DOCX', () => {
  it('reads a document made with the docx package', async () => {
    const bytes = await makeDocx([
      { text: 'Council cuts bus fares', heading: true },
      { text: 'By Anna Berg' },
      {
        text: 'The council voted to cut bus fares by a third from April, the transport office said on Tuesday.',
      },
      { text: 'The cut will cost 4 million a year.' },
    ]);
    const r = await parseBytes(bytes, 'fares.docx');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.draft.format).toBe('docx');
    expect(r.draft.title).toBe('Council cuts bus fares');
    expect(r.draft.authors).toEqual(['Anna Berg']);
    expect(r.draft.paragraphs).toHaveLength(2);
  });
});

describe('forwarded e-mail', () => {
  it('drops the forwarded banner, its headers and the Fwd: prefix', async () => {
    const raw = [
      'From: Me <me@example.org>',
      'To: you@example.org',
      'Subject: Fwd: [Alerts] Harbour bridge to close for repairs',
      'Date: Tue, 4 Mar 2025 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '---------- Forwarded message ---------',
      'From: Harbour Times <news@harbour-times.example>',
      'Date: Mon, 3 Mar 2025 at 07:00',
      'Subject: Harbour bridge to close for repairs',
      'To: me@example.org',
      '',
      'Harbour bridge to close for repairs',
      '',
      'The harbour bridge will close for six weeks from April while its deck is replaced, the city said on Monday.',
      '',
      'Buses will be diverted via the ring road.',
      '',
    ].join('\r\n');
    const r = await parseBytes(new TextEncoder().encode(raw), 'fwd.eml');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.draft.title).toBe('Harbour bridge to close for repairs');
    expect(r.draft.source).toBe('Harbour Times');
    expect(r.draft.paragraphs).toEqual([
      'The harbour bridge will close for six weeks from April while its deck is replaced, the city said on Monday.',
      'Buses will be diverted via the ring road.',
    ]);
  });
});

describe('DOCX properties', () => {
  it('uses the core title and drops the body heading that repeats it', async () => {
    const bytes = await makeDocx(
      [
        { text: 'Harbour dredging starts', heading: true },
        {
          text: 'Dredging of the harbour entrance started on Monday and will take three months, the port said.',
        },
      ],
      { title: 'Harbour dredging starts' },
    );
    const r = await parseBytes(bytes, 'dredging.docx');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.draft.title).toBe('Harbour dredging starts');
    expect(r.draft.paragraphs).toHaveLength(1);
  });
});

describe('damaged UTF-8', () => {
  it('a stray invalid byte in UTF-8 text is replaced and reported, not a legacy guess', async () => {
    const good = new TextEncoder().encode(
      'Café “society”\n\nThe café reopened on Monday – après a long closure, the owner said.\n\nPrices are unchanged at €3.\n',
    );
    const bytes = new Uint8Array([...good.slice(0, 40), 0xff, ...good.slice(40)]);
    const r = await parseBytes(bytes, 'cafe.txt');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.draft.title).toBe('Café “society”');
    expect(r.draft.encoding).toEqual({ name: 'utf-8', guessed: true });
    expect(r.draft.warnings.join(' ')).toMatch(/UTF-8 with \d+ invalid byte sequence/);
    expect(r.draft.paragraphs.join(' ')).toContain('€3');
  });
});

describe('Markdown with raw HTML', () => {
  it('drops script blocks and javascript: links', async () => {
    const md =
      '---\ntitle: Safe note\n---\n\nA paragraph with a [link](javascript:alert(1)) in it, long enough.\n\n<script>alert("x")</script>\n\nAnother paragraph, javascript:alert(2) here.\n';
    const r = await parseBytes(new TextEncoder().encode(md), 'note.md');
    if (!r.ok) throw new Error(r.error.message);
    expect(JSON.stringify(r.draft)).not.toMatch(/javascript:|alert\(/);
    expect(r.draft.paragraphs).toHaveLength(2);
  });
});
