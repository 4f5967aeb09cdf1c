import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportJson, parseClipbookExport, toClipbookExport } from '@shared/export/json';
import { expectGolden } from './golden';
import { OPTIONS, makeClipping, sampleItems } from './sample-items';

describe('JSON export', () => {
  it('matches the golden file', () => {
    const [file] = exportJson(sampleItems(), OPTIONS);
    expect(file?.name).toBe('Transport clippings.json');
    expect(file?.mediaType).toBe('application/json');
    expectGolden('clipbook.json', String(file?.data));
  });

  it('round-trips: export, parse, deep-equal', () => {
    const items = sampleItems();
    const [file] = exportJson(items, OPTIONS);
    const parsed = parseClipbookExport(String(file?.data));
    expect(parsed).toEqual({ ok: true, items });
  });

  it('round-trips arbitrary text, tags and notes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.string({ unit: 'binary' }),
        (paragraphs, tags, note) => {
          const items = [
            {
              clipping: makeClipping({ id: 'x', title: 't', paragraphs, tags }),
              highlights: [],
              note,
            },
          ];
          const [file] = exportJson(items, OPTIONS);
          expect(parseClipbookExport(String(file?.data))).toEqual({ ok: true, items });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('explains what is wrong with a bad file', () => {
    expect(parseClipbookExport('{')).toMatchObject({ ok: false, error: /Not valid JSON/ });
    expect(parseClipbookExport('{"format":"other"}')).toMatchObject({
      ok: false,
      error: /Not a Clipbook export/,
    });
    expect(parseClipbookExport('{"format":"clipbook-export","version":2}')).toMatchObject({
      ok: false,
      error: /version 2/,
    });
    const doc = toClipbookExport(sampleItems(), OPTIONS);
    const broken = JSON.parse(JSON.stringify(doc)) as {
      items: { highlights: { color: string }[] }[];
    };
    broken.items[0]!.highlights[0]!.color = 'orange';
    const result = parseClipbookExport(JSON.stringify(broken));
    expect(result).toMatchObject({ ok: false, error: /items\.0\.highlights\.0\.color/ });
  });

  it('carries coverage losslessly, refuses a wrong value, and reads exports from before coverage', () => {
    const doc = toClipbookExport(sampleItems(), OPTIONS);
    const parsed = parseClipbookExport(JSON.stringify(doc));
    expect(parsed.ok && parsed.items[0]?.clipping.coverage).toEqual(
      sampleItems()[0]?.clipping.coverage,
    );
    const wrong = JSON.parse(JSON.stringify(doc)) as {
      items: { clipping: { coverage?: { tone: string } } }[];
    };
    wrong.items[0]!.clipping.coverage!.tone = 'angry';
    expect(parseClipbookExport(JSON.stringify(wrong))).toMatchObject({
      ok: false,
      error: /items\.0\.clipping\.coverage\.tone/,
    });
    delete wrong.items[0]!.clipping.coverage;
    const old = parseClipbookExport(JSON.stringify(wrong));
    expect(old.ok && old.items[0]?.clipping.coverage).toBe(undefined);
  });

  it('accepts a leading BOM', () => {
    const [file] = exportJson(sampleItems(), OPTIONS);
    expect(parseClipbookExport(`\ufeff${String(file?.data)}`).ok).toBe(true);
  });
});
