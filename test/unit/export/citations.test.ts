import { describe, expect, it } from 'vitest';
import {
  citationKeys,
  escapeBibtex,
  exportBibtex,
  exportCslJson,
  exportRis,
  splitName,
} from '@shared/export/citations';
import { expectGolden } from './golden';
import { OPTIONS, makeClipping, sampleItems } from './sample-items';

describe('splitName', () => {
  it.each([
    ['Maria Lund', { family: 'Lund', given: 'Maria' }],
    ['van der Berg, Anna', { family: 'van der Berg', given: 'Anna' }],
    ['Jean-Claude van Damme', { family: 'van Damme', given: 'Jean-Claude' }],
    ['Anna Maria de la Cruz', { family: 'de la Cruz', given: 'Anna Maria' }],
    ['Анна Петрова', { family: 'Петрова', given: 'Анна' }],
    ['Madonna', { literal: 'Madonna' }],
    ['Reuters', { literal: 'Reuters' }],
    ['Associated Press', { literal: 'Associated Press' }],
    ['Nordic Wire Staff', { literal: 'Nordic Wire Staff' }],
    ['The Coastal Herald', { literal: 'The Coastal Herald' }],
    ['Smith & Jones', { literal: 'Smith & Jones' }],
    ['  Maria   Lund ', { family: 'Lund', given: 'Maria' }],
  ])('%j', (raw, expected) => {
    expect(splitName(raw)).toEqual(expected);
  });
});

describe('CSL-JSON', () => {
  it('matches the golden file and describes newspaper articles', () => {
    const [file] = exportCslJson(sampleItems(), OPTIONS);
    expect(file?.name).toBe('Transport clippings.csl.json');
    expectGolden('clipbook.csl.json', String(file?.data));
    const [tram] = JSON.parse(String(file?.data)) as Record<string, unknown>[];
    expect(tram).toMatchObject({
      type: 'article-newspaper',
      'container-title': 'Nordic Wire',
      author: [{ family: 'Lund', given: 'Maria' }],
      issued: { 'date-parts': [[2025, 3, 3]] },
      URL: 'https://nordic-wire.example/2025/03/tram-line',
      language: 'en',
      keyword: 'transport, city/Malmö, public works',
    });
    expect(String(tram?.['abstract'])).toMatch(/^MALMÖ, Sweden/);
    expect(String(tram?.['note'])).toContain(
      'Highlight: “voted 38 to 23” (Close vote.) [politics/council]',
    );
  });
});

describe('RIS', () => {
  it('matches the golden file', () => {
    const [file] = exportRis(sampleItems(), OPTIONS);
    const text = String(file?.data);
    expectGolden('clipbook.ris', text);
    expect(text.split('\r\n').filter((l) => l.startsWith('TY  - '))).toHaveLength(4);
    expect(text).toContain('TY  - NEWS\r\nTI  - City Council Approves');
    expect(text).toContain('T2  - Nordic Wire');
    expect(text).toContain('AU  - Lund, Maria');
    expect(text).toContain('AU  - van der Berg, Anna');
    expect(text).toContain('AU  - Reuters');
    expect(text).toContain('DA  - 2025/03/03/');
    expect(text).toContain('KW  - city/Malmö');
    expect(text).not.toMatch(/[^\r]\n/);
  });
});

describe('BibTeX', () => {
  it('matches the golden file', () => {
    const [file] = exportBibtex(sampleItems(), OPTIONS);
    const text = String(file?.data);
    expectGolden('clipbook.bib', text);
    expect(text).toContain('@article{lund2025city,');
    expect(text).toContain('  author = {Lund, Maria},');
    expect(text).toContain('  journal = {Nordic Wire},');
    expect(text).toContain('  author = {Петрова, Анна and van der Berg, Anna},');
    expect(text).toContain('  author = {{Reuters} and {@admin}},');
    expect(text).toContain('  month = mar,');
    // The hostile clipping's javascript: URL is dropped; its text is kept, TeX specials escaped.
    expect(text).toContain('title = {<img src=x onerror=alert(1)> ../../etc/passwd}');
  });

  it('escapes TeX specials', () => {
    expect(escapeBibtex('50% & $5 #1 a_b {x} ~ ^ \\')).toBe(
      '50\\% \\& \\$5 \\#1 a\\_b \\textbraceleft{}x\\textbraceright{} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
  });

  it('makes unique citation keys', () => {
    const item = (id: string, title: string) => ({
      clipping: makeClipping({ id, title, authors: ['Maria Lund'], publishedAt: '2025-01-01' }),
      highlights: [],
      note: '',
    });
    const keys = citationKeys([
      item('1', 'Trams'),
      item('2', 'Trams'),
      item('3', 'Trams'),
      item('4', 'The Ferry'),
      { clipping: makeClipping({ id: '5', title: 'محطة' }), highlights: [], note: '' },
    ]);
    expect(keys).toEqual([
      'lund2025trams',
      'lund2025tramsa',
      'lund2025tramsb',
      'lund2025ferry',
      'clipping',
    ]);
  });
});
