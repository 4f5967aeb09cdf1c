import { findAll, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { anchorHighlights } from '@shared/export/anchor';
import { clipBookFooterTemplate, clipBookHtml } from '@shared/export/clip-book';
import { exportHtml } from '@shared/export/html';
import { expectGolden } from './golden';
import { OPTIONS, makeClipping, makeHighlight, sampleItems } from './sample-items';

const ALLOWED_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 h4 p time nav ol ul li a article div mark section blockquote br span main'.split(
    ' ',
  ),
);

/** Parses the document as a browser would and checks that nothing in it can run or fetch. */
function assertInert(html: string): void {
  const doc = parseDocument(html);
  for (const el of findAll(() => true, doc.children)) {
    expect(ALLOWED_TAGS).toContain(el.name);
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name).not.toMatch(/^on/i);
      expect(name).not.toBe('src');
      if (name === 'href') expect(value).toMatch(/^(#|https:\/\/)/);
    }
  }
  const css = findAll((el) => el.name === 'style', doc.children).map((el) => textContent(el));
  expect(css.join('')).not.toMatch(/@import|url\(/i);
}

describe('HTML export', () => {
  it('matches the golden file', () => {
    const [file] = exportHtml(sampleItems(), OPTIONS);
    expect(file?.name).toBe('Transport clippings.html');
    expectGolden('clipbook.html', String(file?.data));
  });

  it('escapes hostile titles, notes, tags and URLs', () => {
    const html = String(exportHtml(sampleItems(), OPTIONS)[0]?.data);
    assertInert(html);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; ../../etc/passwd');
    expect(html).toContain('&#60;/mark&#62;&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('<mark class="hl-yellow" id="clipping-4-h1" title="&#60;/mark&#62;');
    expect(html).toContain(
      'content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;"',
    );
  });

  it('marks highlights in their colours, using positions, falling back to the quote', () => {
    const html = String(exportHtml(sampleItems(), OPTIONS)[0]?.data);
    expect(html).toContain(
      '<mark class="hl-yellow" id="clipping-1-h1" title="Close vote.">voted 38 to 23</mark>',
    );
    expect(html).toContain('<mark class="hl-green" id="clipping-1-h2">2.4 billion crowns</mark>');
    // The metro highlight's stored position is stale: found by its quote.
    expect(html).toContain(
      '<mark class="hl-purple" id="clipping-3-h2">сократят время в пути</mark>',
    );
    expect(html).toContain('.hl-pink { background-color: #fbcfe8; }');
    // The tram's lost highlight is listed, not marked.
    expect(html).toMatch(
      /Highlights not found in the text<\/h3><ol><li class="highlight"><blockquote class="hl-purple" dir="auto">trams running on hydrogen/,
    );
    expect(html).not.toContain('<mark class="hl-purple" id="clipping-1');
  });

  it('sets direction and language per article', () => {
    const html = String(exportHtml(sampleItems(), OPTIONS)[0]?.data);
    expect(html).toContain('<article class="clipping" id="clipping-2" dir="rtl" lang="ar">');
    expect(html).toContain('<article class="clipping" id="clipping-3" dir="ltr" lang="ru">');
  });

  it('shows only the excerpt unless the body is asked for, but lists every highlight', () => {
    const html = String(exportHtml(sampleItems(), { ...OPTIONS, includeBody: false })[0]?.data);
    expect(html).not.toContain('Construction is due to begin');
    expect(html).toContain('<mark class="hl-yellow" id="clipping-1-h1"');
    expect(html).not.toContain('id="clipping-1-h2"');
    expect(html).toContain('2.4 billion crowns</blockquote>');
  });
});

describe('anchorHighlights', () => {
  it('handles overlapping highlights and highlights across paragraphs', () => {
    const c = makeClipping({
      id: 'o',
      title: 'o',
      paragraphs: ['alpha beta gamma', 'delta epsilon'],
    });
    const outer = makeHighlight(c, 'beta gamma\n\ndelta', { color: 'blue' });
    const inner = makeHighlight(c, 'gamma', { color: 'pink' });
    const r = anchorHighlights(c.paragraphs, [outer, inner]);
    expect(r.paragraphs.map((p) => p.map((s) => [s.text, s.highlight?.color ?? '']))).toEqual([
      [
        ['alpha ', ''],
        ['beta ', 'blue'],
        ['gamma', 'pink'],
      ],
      [
        ['delta', 'blue'],
        [' epsilon', ''],
      ],
    ]);
    expect(r.unanchored).toEqual([]);
  });

  it('prefers the occurrence whose context matches when the position is stale', () => {
    const c = makeClipping({
      id: 'o',
      title: 'o',
      paragraphs: ['one cat here, two cat there, three cat'],
    });
    const h = makeHighlight(c, 'cat', { occurrence: 1 });
    h.position = { ...h.position, start: 0, end: 3 };
    const r = anchorHighlights(c.paragraphs, [h]);
    expect(r.anchored[0]?.start).toBe(c.paragraphs[0]!.indexOf('two cat') + 4);
  });
});

describe('clip book HTML', () => {
  it('matches the golden file', () => {
    expectGolden('clip-book.html', clipBookHtml(sampleItems(), OPTIONS));
  });

  it('has a cover with the date range and count, contents and page rules', () => {
    const html = clipBookHtml(sampleItems(), OPTIONS);
    assertInert(html);
    expect(html).toContain('<p class="facts date-range">2024-04-14 – 2025-03-03</p>');
    expect(html).toContain('<p class="facts count">4 clippings</p>');
    expect(html).toContain('<p class="subtitle">Spring 2025 &#60;review&#62;</p>');
    expect(html).toContain('<nav class="toc">');
    expect(html).toContain('counter(page) " / " counter(pages)');
    expect(html).toContain("'Noto Naskh Arabic'");
    expect(clipBookHtml(sampleItems(), { ...OPTIONS, pageNumbers: 'template' })).not.toContain(
      'counter(page)',
    );
  });

  it('exposes a footer template with page number spans', () => {
    expect(clipBookFooterTemplate()).toMatch(
      /<span class="pageNumber"><\/span> \/ <span class="totalPages"><\/span>/,
    );
  });
});
