/**
 * Body extraction from web pages, one hand-made page per failure class: boilerplate words on
 * page-level wrappers, pages inside a <form>, a second attempt when the first finds almost
 * nothing, articles split into boxes that are not siblings, bylines, captions, timestamps and
 * embeds, and pages that have no article at all.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/main/import/html';
import { parseBytes } from '../../../src/main/import/index';

const SENTENCES = [
  'The harbour authority approved the new ferry timetable on Tuesday, after months of talks with the island councils.',
  'Crossings will run every forty minutes in summer, and the first boat will leave at half past five in the morning.',
  'Residents of the outer islands had asked for an earlier departure, since many of them commute to the mainland hospital.',
  'The operator said the change would need two more crews, which it plans to hire before the end of April.',
  'Fares stay the same for now, although the authority warned that fuel prices could force a review in the autumn.',
  'Freight customers welcomed the plan, saying the extra evening crossing would let lorries return the same day.',
  'A public meeting on the timetable is planned for next month, and written comments can be sent until then.',
  'The council leader called the decision a relief, adding that the islands had waited for it for almost three years.',
];

/** A paragraph of the story, by number (each one distinct). */
const para = (i: number): string => `<p>${SENTENCES[i % SENTENCES.length]}</p>`;
const story = (from: number, to: number): string =>
  Array.from({ length: to - from }, (_, k) => para(from + k)).join('\n');

const NAV = `<nav class="site-nav"><ul>${['Home', 'News', 'Sport', 'Culture', 'Weather']
  .map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`)
  .join('')}</ul></nav>`;
const FOOTER =
  '<footer class="site-footer"><p>About us · Contact · Privacy policy · Terms of use · Careers</p></footer>';

function page(
  body: string,
  head = '<title>Ferry timetable approved | Island Post</title>',
): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

const text = (html: string): string[] => parseHtml(html).paragraphs;

/** The story's sentences from `from` to `to` (exclusive), in order, and nothing else. */
function expectStory(paragraphs: string[], from: number, to: number): void {
  expect(paragraphs).toEqual(
    Array.from({ length: to - from }, (_, k) => SENTENCES[(from + k) % SENTENCES.length]),
  );
}

describe('boilerplate words on page-level wrappers', () => {
  it('an -ad- in the wrapper class keeps the article; the ad slot inside goes', () => {
    const p = text(
      page(`${NAV}<div class="page-ad-layout"><article><h1>Ferry timetable approved</h1>
${story(0, 3)}<div class="ad-slot"><p>Advertisement: the best holiday deals on the islands, book now and save money on every trip.</p></div>
${story(3, 6)}</article></div>${FOOTER}`),
    );
    expectStory(p, 0, 6);
  });

  it('a paywall wrapper keeps the article; the paywall prompt inside goes', () => {
    const p = text(
      page(`${NAV}<div class="paywall js-paywall"><div class="story">${story(0, 5)}</div>
<div class="paywall-prompt"><p>You have read all your free articles this month, so please log in or buy a plan to continue.</p></div></div>${FOOTER}`),
    );
    expectStory(p, 0, 5);
  });

  it('page-builder widget containers hold the article; sidebar widgets go', () => {
    const p = text(
      page(`${NAV}<div class="elementor-section"><div class="elementor-widget elementor-widget-theme-post-content"><div class="elementor-widget-container">${story(0, 6)}</div></div></div>
<div class="widget widget_recent_entries"><h3>Recent posts</h3><p>An unrelated post about the town fair, with its programme, prices, opening hours and more.</p></div>${FOOTER}`),
    );
    expectStory(p, 0, 6);
  });

  it('a sticky-sidebar wrapper around the article keeps it; the real sidebar goes', () => {
    const p = text(
      page(`${NAV}<div class="container"><div class="theiaStickySidebar"><article class="post">${story(0, 6)}</article></div>
<aside class="sidebar"><p>Our most popular story this week is about a lighthouse keeper, and it is well worth your time today.</p></aside></div>${FOOTER}`),
    );
    expectStory(p, 0, 6);
  });
});

describe('pages inside a <form>', () => {
  it('an ASP.NET-style page wrapped in one form is read; its controls are not text', () => {
    const p = text(
      page(`<form id="aspnetForm" method="post" action="/article.aspx"><input type="hidden" name="__VIEWSTATE" value="xyz">
${NAV}<div class="search"><input type="text" name="q"><button>Search</button></div>
<div id="content"><h1>Ferry timetable approved</h1>${story(0, 6)}</div>${FOOTER}</form>`),
    );
    expectStory(p, 0, 6);
  });
});

describe('a second attempt when the first finds almost nothing', () => {
  it('a body in boxes whose class names look like promos is found by the relaxed retry', () => {
    const p = text(
      page(`${NAV}<div class="layout"><div class="promo-part">${story(0, 2)}</div>
<div class="promo-part">${story(2, 4)}</div><div class="promo-part">${story(4, 6)}</div>
<p>Short note.</p></div>${FOOTER}`),
    );
    expect(p).toEqual([...SENTENCES.slice(0, 6), 'Short note.']);
  });
});

describe('an article split into boxes that are not siblings', () => {
  it('the lead, the body and a later section in separate boxes are all kept', () => {
    const p = text(
      page(`${NAV}<div class="top"><div class="intro-box">${para(0)}</div></div>
<div class="row"><div class="col-main"><div class="text">${story(1, 5)}</div></div>
<div class="col-side"><ul><li><a href="/a">Another story about the ferry that you may like</a></li><li><a href="/b">Weather for the weekend on the islands</a></li></ul></div></div>
<div class="row"><section class="more"><div class="text-part">${story(5, 8)}</div></section></div>${FOOTER}`),
    );
    expectStory(p, 0, 8);
  });
});

describe('bylines', () => {
  it('a byline box full of names and titles does not outscore the body', () => {
    const a = parseHtml(
      page(`${NAV}<article><div class="byline-block"><p>By Anna Berg, Senior Correspondent, Oslo, and Jon Dahl, Harbour Reporter, Bergen, with additional reporting by Per Lie, Kari Nes, Ola Moe, and Siri Vik, Staff Writers.</p></div>
<div class="body">${story(0, 4)}</div></article>${FOOTER}`),
    );
    expectStory(a.paragraphs, 0, 4);
  });
});

describe('captions, timestamps and embeds', () => {
  it('captions and credits are left out, the timestamp becomes the date, quoted posts stay', () => {
    const a = parseHtml(
      page(`${NAV}<article><h1>Ferry timetable approved</h1>
<p class="meta"><time datetime="2024-03-05T10:42:00Z">Updated 5 March 2024, 10:42</time></p>
<figure><img src="ferry.jpg" alt="The ferry"><figcaption>The morning ferry leaves the harbour at dawn, as it will from May on. Photo: Jane Doe</figcaption></figure>
${story(0, 3)}
<div class="image-credit">Photo: Getty Images</div>
<blockquote class="twitter-tweet"><p>Finally an early boat! This will change my mornings completely, thank you to everyone who campaigned.</p></blockquote>
<script async src="https://platform.twitter.com/widgets.js"></script>
<iframe src="https://video.example/embed/123"></iframe>
${story(3, 6)}</article>${FOOTER}`),
    );
    expect(a.paragraphs).toEqual([
      ...SENTENCES.slice(0, 3),
      'Finally an early boat! This will change my mornings completely, thank you to everyone who campaigned.',
      ...SENTENCES.slice(3, 6),
    ]);
    expect(a.publishedAt).toBe('2024-03-05T10:42:00Z');
  });

  it('ruby annotations (furigana) are not text', () => {
    const p = text(
      page(
        `<article><p><ruby>新<rt>あたら</rt></ruby>しい<ruby>時刻表<rp>(</rp><rt>じこくひょう</rt><rp>)</rp></ruby>が<ruby>決<rt>き</rt></ruby>まりました。フェリーは、<ruby>夏<rt>なつ</rt></ruby>に四十分ごとに出ます。</p></article>`,
      ),
    );
    expect(p).toEqual(['新しい時刻表が決まりました。フェリーは、夏に四十分ごとに出ます。']);
  });
});

describe('what closes an article', () => {
  it('a related-links heading, calls to subscribe and a "read more" label go', () => {
    const p = text(
      page(`${NAV}<article>${story(0, 5)}
<p>Sign up for our newsletter to get the island news in your inbox every morning.</p>
<p>Read more:</p><ul class="links"><li><a href="/x">Bridge plans shelved again after the cost review</a></li></ul>
<h3>Related stories</h3><ul><li><a href="/y">Ferry strike ends after two days of talks</a></li><li><a href="/z">New harbour master named</a></li></ul>
</article>${FOOTER}`),
    );
    expectStory(p, 0, 5);
  });
});

describe('widget lines inside the article box', () => {
  it('reading time, ad labels, credits, share and comment prompts, closing notices go', () => {
    const p = text(
      page(`${NAV}<article><p class="read-time">4 min read</p>${story(0, 2)}
<p>Anzeige</p>${story(2, 4)}
<p class="pic">The quay in winter (Photo: Harbour Authority)</p>
<p>Was this article helpful?</p><p>Share this story</p><h3>3 Comments</h3>
<p>© 2024 Island Post. This article may not be republished without permission.</p>
<p>Kari Nes is a senior reporter for the Island Post, covering transport and the harbour.</p>
</article>${FOOTER}`),
    );
    expectStory(p, 0, 4);
  });
});

describe('script-rendered pages', () => {
  it('JSON-LD articleBody is the body when the markup holds almost nothing', () => {
    const body = SENTENCES.slice(0, 4).join('\n');
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Ferry timetable approved',
      articleBody: body,
    });
    const p = text(
      page(
        `<div id="root">Loading…</div><script src="/app.js"></script>`,
        `<title>Ferry timetable approved</title><script type="application/ld+json">${ld}</script>`,
      ),
    );
    expectStory(p, 0, 4);
  });
});

describe('pages without an article', () => {
  const refusal = async (html: string): Promise<string> => {
    const r = await parseBytes(new TextEncoder().encode(html), 'page.html');
    if (r.ok) throw new Error(`not refused: ${r.draft.paragraphs.join(' / ')}`);
    expect(r.error.message).toMatch(/No article text was found/);
    return r.error.code;
  };

  it('a search results page is refused with a reason', async () => {
    const results = Array.from(
      { length: 8 },
      (_, i) =>
        `<li class="result"><h3><a href="/story/${i}">Ferry story number ${i} about the timetable</a></h3><p class="snippet">${SENTENCES[i]?.slice(0, 90)}…</p><span class="date">3 March 2024</span></li>`,
    ).join('');
    expect(
      await refusal(
        page(
          `${NAV}<form role="search" action="/search"><input type="search" name="q" value="ferry"><button>Search</button></form><h1>Search results for “ferry”</h1><p>8 results</p><ol class="search-results">${results}</ol>${FOOTER}`,
          '<title>Search: ferry | Island Post</title>',
        ),
      ),
    ).toBe('empty');
  });

  it('a login wall is refused with a reason', async () => {
    expect(
      await refusal(
        page(
          `${NAV}<main><div class="login-wall"><h2>Log in to keep reading</h2><form action="/login" method="post"><label>E-mail <input type="email" name="email"></label><label>Password <input type="password" name="password"></label><button>Log in</button></form><p><a href="/forgot">Forgot your password?</a></p><p><a href="/subscribe">Subscribe from 1 euro a month</a></p></div></main>${FOOTER}`,
          '<title>Log in | Island Post</title>',
        ),
      ),
    ).toBe('empty');
  });
});
