/** HTML extraction on inline pages: old table layouts, split bodies, stale charset declarations. */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/main/import/html';
import { parseBytes } from '../../../src/main/import/index';

describe('parseHtml', () => {
  it('old table layout with <br><br> paragraphs; outlet from the title suffix', () => {
    const a = parseHtml(`<html><head><title>Old style page - Town Crier</title></head><body>
<table><tr><td class="menu"><a href="/">Home</a><br><a href="/news">News</a></td><td class="main">
<font size=4><b>Old style page</b></font><br><br>
The town council met on Tuesday evening, and after a long debate it approved the new budget for the coming year.<br><br>
Residents who attended the meeting said the increase in parking fees was unfair, but the mayor defended it.<br><br>
The budget takes effect on 1 January.
</td></tr></table>
<div class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Some other story here</a></li></ul></div></body></html>`);
    expect(a.title).toBe('Old style page');
    expect(a.source).toBe('Town Crier');
    expect(a.paragraphs).toHaveLength(3);
    expect(a.paragraphs[2]).toBe('The budget takes effect on 1 January.');
  });

  it('a title suffix that is not a name stays in the title', () => {
    const a = parseHtml(
      '<html><head><title>Rail strike - what you need to know</title></head><body><p>Trains will not run on Friday, the union said, and talks have broken down.</p></body></html>',
    );
    expect(a.title).toBe('Rail strike - what you need to know');
    expect(a.source).toBe('');
  });

  it('an article split across several boxes is kept whole, promos dropped', () => {
    const p = (s: string) =>
      `<p>${s}, with enough words, commas, and length to count as article text.</p>`;
    const a =
      parseHtml(`<html><body><div id="page"><div class="story-part">${p('One')}${p('Two')}</div>
<div class="inline-promo"><a href="/x">Sign up for our newsletter and get the best stories of the day</a></div>
<div class="story-part">${p('Three')}${p('Four')}</div><div class="story-part">${p('Five')}</div></div></body></html>`);
    expect(a.paragraphs.map((x) => x.split(',')[0])).toEqual([
      'One',
      'Two',
      'Three',
      'Four',
      'Five',
    ]);
  });

  it('related links are collected with absolute URLs', () => {
    const a =
      parseHtml(`<html><head><meta property="og:url" content="https://n.example/a/b"></head><body><article><p>Body text of the article, long enough, with commas, to be a paragraph.</p></article>
<aside class="related"><ul><li><a href="/c/d">A related story title</a></li><li><a href="javascript:alert(1)">Evil related link</a></li></ul></aside></body></html>`);
    expect(a.related).toEqual([
      { title: 'A related story title', url: 'https://n.example/c/d' },
      { title: 'Evil related link' },
    ]);
  });
});

describe('charset declarations', () => {
  it('a stale legacy declaration on a UTF-8 page is overridden with a warning', async () => {
    const html =
      '<html><head><meta charset="iso-8859-1"><title>Café society</title></head><body><p>Das Café „Zur Post“ öffnet wieder, sagte die Besitzerin am Montag.</p></body></html>';
    const r = await parseBytes(new TextEncoder().encode(html), 'cafe.html');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.draft.title).toBe('Café society');
    expect(r.draft.paragraphs[0]).toContain('„Zur Post“');
    expect(r.draft.encoding.name).toBe('utf-8');
    expect(r.draft.warnings.join(' ')).toMatch(/declares windows-1252 but is UTF-8/);
  });
});

describe('parseHtml boxes', () => {
  it('div-only article body; author boxes, sidebars and footers dropped', () => {
    const a =
      parseHtml(`<html><head><title>Budget passes | Daily Post</title><meta name="keywords" content="budget, council"></head><body>
<div class="header"><div class="logo">Daily Post</div><ul class="menu"><li><a href="/">Home</a></li></ul></div>
<div class="container"><div class="left-col"><div itemprop="articleBody">
<div>The city budget passed on a 7-2 vote on Tuesday night, after hours of debate over police funding and road repairs.</div>
<div>Council members who voted against it said the plan relied on optimistic revenue forecasts, and warned of cuts next year.</div>
<div>The budget takes effect in July.</div>
</div><div class="author-box">John Smith is a reporter covering city hall. Contact him at js@example.com.</div></div>
<div class="right-col sidebar"><div class="widget"><h4>Popular</h4><p>Lots of text here that is popular, with commas, and more commas, and it goes on for a while.</p></div></div></div>
<div class="footer">Contact | Privacy | Terms</div></body></html>`);
    expect(a.title).toBe('Budget passes');
    expect(a.source).toBe('Daily Post');
    expect(a.tags).toEqual(['budget', 'council']);
    expect(a.paragraphs).toHaveLength(3);
    expect(a.paragraphs[2]).toBe('The budget takes effect in July.');
  });
});
