import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { escapeMarkdown, exportMarkdown, vaultTag, yamlString } from '@shared/export/markdown';
import { expectGolden } from './golden';
import { OPTIONS, makeClipping, sampleItems } from './sample-items';

function frontMatterOf(text: string): unknown {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error('no front matter');
  return parseYaml(m[1]!);
}

describe('Markdown export', () => {
  it('writes one file per clipping, matching the golden files', () => {
    const files = exportMarkdown(sampleItems(), OPTIONS);
    expect(files.map((f) => f.name)).toEqual([
      'City Council Approves Tram Line to the Western Harbour.md',
      'افتتاح محطة جديدة لتحلية المياه على الساحل.md',
      'В московском метро открыли три новые станции.md',
      'img src=x onerror=alert(1) .. .. etc passwd.md',
    ]);
    files.forEach((f, i) => expectGolden(`markdown/${i + 1}.md`, String(f.data)));
  });

  it('writes one combined file, matching the golden file', () => {
    const files = exportMarkdown(sampleItems(), { ...OPTIONS, layout: 'combined' });
    expect(files).toHaveLength(1);
    expect(files[0]?.name).toBe('Transport clippings.md');
    expectGolden('markdown/combined.md', String(files[0]?.data));
  });

  it('writes front matter that YAML parses back to the clipping', () => {
    const [tram, water, metro, hostile] = exportMarkdown(sampleItems(), OPTIONS);
    expect(frontMatterOf(String(tram?.data))).toEqual({
      title: 'City Council Approves Tram Line to the Western Harbour',
      source: 'Nordic Wire',
      section: 'City',
      authors: ['Maria Lund'],
      date: '2025-03-03',
      url: 'https://nordic-wire.example/2025/03/tram-line',
      language: 'en',
      media_type: 'print',
      page: 'A3',
      edition: 'Late city',
      reach: 125000,
      reach_source: 'Publisher audit 2024',
      tone: 'negative',
      prominence: 'lead',
      entities: ['Jonas Ek', 'Transport committee'],
      tags: ['transport', 'city/Malmö', 'public-works'],
    });
    expect(frontMatterOf(String(water?.data))).toMatchObject({ tags: ['water', 'مياه'] });
    expect(frontMatterOf(String(metro?.data))).toMatchObject({ date: '2025-02-12T14:30' });
    expect(frontMatterOf(String(hostile?.data))).toMatchObject({
      title: '<img src=x onerror=alert(1)> ../../etc/passwd',
      source: '=HYPERLINK("http://evil.example","x")',
      tags: ['bad-tag', '_123', 'link'],
    });
  });

  it('keeps any title valid YAML', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.array(fc.string(), { maxLength: 3 }),
        (title, tags) => {
          const clipping = makeClipping({ id: 'x', title: title || 'x', tags });
          const [file] = exportMarkdown([{ clipping, highlights: [], note: '' }], OPTIONS);
          const fm = frontMatterOf(String(file?.data)) as { title: string; tags: string[] };
          expect(fm.title).toBe((title || 'x').trim() || 'Untitled');
          for (const tag of fm.tags) expect(tag).toMatch(/^[\p{L}\p{M}\p{N}_\-/]+$/u);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('includes highlights with notes and tags, and only the excerpt unless asked', () => {
    const [tram] = exportMarkdown(sampleItems(), { ...OPTIONS, includeBody: false });
    const text = String(tram?.data);
    expect(text).toContain(
      '## Highlights\n\n> voted 38 to 23\n\nNote: Close vote.\n\nTags: #politics/council',
    );
    expect(text).toContain('## Note\n\nFollow up with the transport committee.\n\nCheck the 2029');
    expect(text).not.toContain('Construction is due');
  });

  it('escapes text that wiki tools would interpret', () => {
    expect(escapeMarkdown('[[x]] #tag ==m== %%c%% $x$ a|b')).toBe(
      '\\[\\[x\\]\\] \\#tag =\\=m=\\= %\\%c%\\% \\$x\\$ a\\|b',
    );
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('a\n\nb')).toBe('a b');
    expect(vaultTag(' city / west harbour ')).toBe('city/west-harbour');
    expect(yamlString('a\u2028b"')).toBe('"a\\u2028b\\""');
  });
});
