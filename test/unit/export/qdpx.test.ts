/**
 * The REFI-QDA exports: valid against the standard's published schemas (QDA-XML 1.0, in
 * test/fixtures/refi-qda) with libxml2's validator, and read back: every selection's text,
 * taken from the source file by its code-point positions, is the highlight's text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import { findAll, getAttributeValue, textContent } from 'domutils';
import type { Element } from 'domhandler';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { clippingText } from '@shared/annotations';
import { locateHighlight } from '@shared/export/anchor';
import { exportQdc, exportQdpx } from '@shared/export/qdpx';
import type { ExportItem, ExportOptions } from '@shared/export/types';
import { makeClipping, makeHighlight, OPTIONS, sampleItems } from './sample-items';

const SCHEMAS = join(__dirname, '../../fixtures/refi-qda');
const schema = (name: string) => ({
  fileName: name,
  contents: readFileSync(join(SCHEMAS, name), 'utf8'),
});

const CODEBOOK: ExportOptions = {
  ...OPTIONS,
  colorNames: { yellow: 'quote', green: 'claim' },
  tags: [
    { name: 'politics', description: 'Statements by elected officials', color: '#2563eb' },
    { name: 'budget', description: 'Money & <figures>', color: '' },
  ],
};

/** The sample library plus a clipping whose text has characters outside the BMP. */
function items(): ExportItem[] {
  const emoji = makeClipping({
    id: 'c-emoji',
    title: 'Emoji 🚋 before the passage',
    paragraphs: ['The 🚋 tram and the 𝒳 symbol come first.', 'Then the coded words follow here.'],
    tags: ['transport/tram'],
  });
  return [
    ...sampleItems(),
    {
      clipping: emoji,
      highlights: [makeHighlight(emoji, 'coded words', { color: 'pink', note: 'After astral' })],
      note: '',
    },
  ];
}

async function validate(xml: string, xsd: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'doc.xml', contents: xml },
    schema: schema(xsd),
  });
  return result.errors.map((e) => e.rawMessage);
}

async function unzip(data: Uint8Array): Promise<{ qde: string; files: Map<string, string> }> {
  const zip = await JSZip.loadAsync(data);
  const files = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name]!;
    if (!entry.dir) files.set(name, await entry.async('string'));
  }
  return { qde: files.get('project.qde') ?? '', files };
}

const elements = (xml: string, name: string): Element[] =>
  findAll((e) => e.name === name, parseDocument(xml, { xmlMode: true }).children);

describe('REFI-QDA project (.qdpx)', () => {
  it('is valid against Project.xsd', async () => {
    const [file] = await exportQdpx(items(), CODEBOOK);
    expect(file?.name).toBe('Transport clippings.qdpx');
    const { qde } = await unzip(file!.data as Uint8Array);
    expect(await validate(qde, 'Project.xsd')).toEqual([]);
  });

  it('the validator does catch a broken project (this test can fail)', async () => {
    const [file] = await exportQdpx(items(), CODEBOOK);
    const { qde } = await unzip(file!.data as Uint8Array);
    const broken = qde.replace(/startPosition="\d+"/, 'startPosition="x"');
    expect(await validate(broken, 'Project.xsd')).not.toEqual([]);
  });

  it('reads back: every highlight is a selection whose positions hold exactly its text', async () => {
    const all = items();
    const [file] = await exportQdpx(all, CODEBOOK);
    const { qde, files } = await unzip(file!.data as Uint8Array);
    const sources = elements(qde, 'TextSource');
    expect(sources).toHaveLength(all.length);
    let checked = 0;
    for (const [k, item] of all.entries()) {
      const source = sources[k]!;
      const path = getAttributeValue(source, 'plainTextPath')!;
      expect(path).toMatch(/^internal:\/\/[0-9A-F-]{36}\.txt$/);
      const text = files.get(`Sources/${path.slice('internal://'.length)}`)!;
      expect(text).toBe(clippingText(item.clipping.paragraphs));
      const codePoints = [...text];
      const selections = findAll((e) => e.name === 'PlainTextSelection', source.children);
      // Highlights still found in the text, each a selection; an orphan is left out.
      const placed = item.highlights.filter((h) => locateHighlight(text, h));
      expect(selections).toHaveLength(placed.length);
      placed.forEach((h, i) => {
        const sel = selections[i]!;
        const start = Number(getAttributeValue(sel, 'startPosition'));
        const end = Number(getAttributeValue(sel, 'endPosition'));
        const at = locateHighlight(text, h)!;
        expect(codePoints.slice(start, end).join(''), h.id).toBe(text.slice(at.start, at.end));
        checked++;
      });
    }
    expect(checked).toBeGreaterThanOrEqual(8);
    // The emoji clipping: code points, not UTF-16 units.
    const emojiSel = elements(qde, 'PlainTextSelection').find(
      (e) => getAttributeValue(e, 'name') === 'coded words',
    )!;
    const text = clippingText(all.at(-1)!.clipping.paragraphs);
    expect(Number(getAttributeValue(emojiSel, 'startPosition'))).toBe(
      [...text.slice(0, text.indexOf('coded words'))].length,
    );
    expect(Number(getAttributeValue(emojiSel, 'startPosition'))).toBeLessThan(
      text.indexOf('coded words'),
    );
  });

  it('tags are codes in their hierarchy with descriptions; highlights are coded by colour and tag; notes and variables', async () => {
    const [file] = await exportQdpx(items(), CODEBOOK);
    const { qde } = await unzip(file!.data as Uint8Array);
    const codes = elements(qde, 'Code');
    const byName = (name: string) => codes.find((c) => getAttributeValue(c, 'name') === name)!;
    const politics = byName('politics');
    expect(textContent(findAll((e) => e.name === 'Description', politics.children)[0]!)).toBe(
      'Statements by elected officials',
    );
    expect(getAttributeValue(politics, 'color')).toBe('#2563EB');
    // politics/council sits under politics.
    const council = byName('council');
    expect(council.parent).toBe(politics);
    expect(byName('budget').children.length).toBeGreaterThan(0);
    expect(qde).toContain('Money &#38; &#60;figures&#62;');
    // The colours, by the names given to them, under a group that is not a code itself.
    const colours = byName('Highlight colours');
    expect(getAttributeValue(colours, 'isCodable')).toBe('false');
    expect(byName('claim').parent).toBe(colours);
    // "voted 38 to 23" is yellow (quote) and tagged politics/council.
    const vote = elements(qde, 'PlainTextSelection').find(
      (e) => getAttributeValue(e, 'name') === 'voted 38 to 23',
    )!;
    const refs = findAll((e) => e.name === 'CodeRef', vote.children).map((r) =>
      getAttributeValue(r, 'targetGUID'),
    );
    expect(refs).toEqual([
      getAttributeValue(byName('quote'), 'guid'),
      getAttributeValue(council, 'guid'),
    ]);
    // Its note is a project note the selection refers to.
    const noteRef = findAll((e) => e.name === 'NoteRef', vote.children)[0]!;
    const note = elements(qde, 'Note').find(
      (n) => getAttributeValue(n, 'guid') === getAttributeValue(noteRef, 'targetGUID'),
    )!;
    expect(textContent(note)).toContain('Close vote.');
    expect(textContent(elements(qde, 'Notes')[0]!)).toContain(
      'Follow up with the transport committee.',
    );
    // Coverage and outlet as variables with typed values.
    expect(qde).toMatch(/<Variable guid="[^"]+" name="Reach" typeOfVariable="Integer"\/>/);
    expect(qde).toContain('<IntegerValue>125000</IntegerValue>');
    expect(qde).toContain('<TextValue>Negative</TextValue>');
    expect(qde).toContain('<DateValue>2025-03-03</DateValue>');
    // Hostile text stays text.
    expect(qde).not.toContain('<img');
    expect(qde).not.toContain('<b>');
  });

  it('gives the same GUIDs for the same library', async () => {
    const a = await unzip((await exportQdpx(items(), CODEBOOK))[0]!.data as Uint8Array);
    const b = await unzip((await exportQdpx(items(), CODEBOOK))[0]!.data as Uint8Array);
    expect(a.qde).toBe(b.qde);
    const guids = [...a.qde.matchAll(/ guid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(guids).size).toBe(guids.length);
  });
});

describe('REFI-QDA codebook (.qdc)', () => {
  it('is valid against Codebook.xsd and holds the codes with their descriptions', async () => {
    const [file] = exportQdc(items(), CODEBOOK);
    expect(file?.name).toBe('Transport clippings codebook.qdc');
    const xml = String(file?.data);
    expect(await validate(xml, 'Codebook.xsd')).toEqual([]);
    expect(xml).toContain('Statements by elected officials');
    expect(elements(xml, 'Code').map((c) => getAttributeValue(c, 'name'))).toEqual(
      expect.arrayContaining(['politics', 'council', 'transport', 'tram', 'claim', 'quote']),
    );
  });

  it('an empty library still gives a valid codebook', async () => {
    const [file] = exportQdc([], OPTIONS);
    expect(await validate(String(file?.data), 'Codebook.xsd')).toEqual([]);
  });
});
