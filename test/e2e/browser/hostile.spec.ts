/**
 * The hostile corpus in the real app: dropped as one folder, every clipping opened in the
 * reader. Nothing may run (no dialog, no canary global), navigate, or fetch anything but the
 * app's own files; every article's text must still be readable. Then the mXSS set is put in
 * every field of a clipping and the HTML the app writes from it (the HTML export and the clip
 * book, which is also what PDF printing loads) is opened in Chromium: it must stay text.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test as base, type Request } from '@playwright/test';
import { exportItems } from '@shared/export/index';
import type { ExportItem } from '@shared/export/types';
import { makeClipping, makeHighlight, OPTIONS } from '../../unit/export/sample-items';
import { corpusFiles, HOSTILE_DIR, readManifest } from '../../unit/hostile/corpus';
import {
  expect,
  HARNESS_CHANNEL_PATH,
  HARNESS_ORIGIN,
  libraryRows,
  test,
} from '../support/harness';

const RENDERER = resolve(__dirname, '../../../out/renderer');

test('the hostile corpus imports as plain text: nothing runs, navigates or leaves the app', async ({
  app,
}) => {
  test.setTimeout(90_000);
  const { page } = app;
  const manifest = readManifest();
  const dialogs: string[] = [];
  const navigations: string[] = [];
  const requests: Request[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('framenavigated', (frame) => navigations.push(frame.url()));
  page.on('request', (request) => requests.push(request));
  // Frames a payload might create (iframe srcdoc) would show up here.
  const frames: string[] = [];
  page.on('frameattached', (frame) => frames.push(frame.url()));

  await app.open();
  const startUrl = page.url();
  expect(navigations).toEqual([startUrl]);

  const folder = join(app.tempDir, 'hostile');
  mkdirSync(folder);
  for (const name of corpusFiles()) copyFileSync(join(HOSTILE_DIR, name), join(folder, name));
  await app.dropFiles([folder]);

  const clippings = Object.entries(manifest.files).flatMap(([name, e]) =>
    e.outcome === 'clipping' ? [{ name, ...e }] : [],
  );
  const refused = Object.keys(manifest.files).length - clippings.length;
  await expect(page.getByRole('status', { name: 'Import progress' })).toHaveCount(0);
  await app.settled();
  await expect(libraryRows(page)).toHaveCount(clippings.length);
  await page.getByRole('button', { name: 'Import report' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText(`${clippings.length} imported`);
  await expect(report).toContainText(`${refused} refused`);
  await page.keyboard.press('Escape');
  await expect(report).toHaveCount(0);

  const article = page.getByRole('article');
  for (const clipping of clippings) {
    await libraryRows(page).filter({ hasText: clipping.title }).click();
    await expect(article.getByRole('heading', { level: 1 }), clipping.name).toHaveText(
      clipping.title,
    );
    for (const text of clipping.mustContain) {
      await expect(article, clipping.name).toContainText(text);
    }
    // The reader renders text: markup in the article is never turned into elements.
    expect(
      await article.evaluate(
        (el) =>
          el.querySelectorAll('script, iframe, object, embed, form, img, svg, math, style').length,
      ),
      clipping.name,
    ).toBe(0);
  }
  // Let any pending event loop work (image errors, timers of a payload) run before judging.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));

  expect(dialogs, 'dialogs').toEqual([]);
  expect(page.url()).toBe(startUrl);
  expect(navigations, 'main-frame navigations').toEqual([startUrl]);
  expect(frames, 'frames created').toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  // Every request was for one of the app's own files (the harness also aborts and fails on any
  // request leaving the origin).
  for (const request of requests) {
    const url = new URL(request.url());
    // The harness's stand-in for Electron's IPC, not a request of the app.
    if (url.pathname.startsWith(HARNESS_CHANNEL_PATH)) continue;
    expect(url.origin, request.url()).toBe(HARNESS_ORIGIN);
    expect(request.method(), request.url()).toBe('GET');
    const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    expect(existsSync(join(RENDERER, path)), `${request.url()} is an app asset`).toBe(true);
  }
});

/** mXSS and filter-evasion payloads (DOMPurify's test suite, note-app advisories). */
const MXSS = [
  '<svg><style><img src=x onerror=window.__pwned=1></style></svg>',
  '<svg></p><style><a id="</style><img src=1 onerror=window.__pwned=1>">',
  '<svg><p><style><a id="</style><img src=1 onerror=window.__pwned=1>"></p></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1></style></mglyph></table></mtext></math>',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=window.__pwned=1&gt;">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__pwned=1>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=window.__pwned=1 src>">',
  '<math><mi><table><tr><td><mglyph><style><img src=x onerror=window.__pwned=1>',
  '<svg><foreignobject><p><style><p title="</style><iframe onload&#x3d;window.__pwned=1<!--"></style>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">',
  '<template><s>a</template><img src=x onerror=window.__pwned=1>',
  '<xmp><p title="</xmp><img src=x onerror=window.__pwned=1>">',
  '<noembed><p title="</noembed><img src=x onerror=window.__pwned=1>">',
  '<textarea><p title="</textarea><img src=x onerror=window.__pwned=1>">',
  '<a href="javascript:window.__pwned=1">x</a>',
  '<a href="JaVaScRiPt&colon;window.__pwned=1">x</a>',
  '<a href=" &#106;avascript:window.__pwned=1">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="file:///etc/passwd">x</a><a href="joplin://x">y</a><a href="obsidian://open">z</a>',
  '<iframe srcdoc="<script>window.top.__pwned=1</script>"></iframe>',
  "<img src=x onerror=\"window.top.require('child_process').exec('xcalc')\">",
  '<object data="javascript:window.__pwned=1"></object><embed src="javascript:window.__pwned=1">',
  '<form action="javascript:window.__pwned=1"><button formaction="javascript:window.__pwned=1">go</button></form>',
  '<style>body{background:url(https://evil.example/b)}</style><p style="background:url(https://evil.example/s)">x</p>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1"><base href="javascript:/">',
  '<details open ontoggle=window.__pwned=1><summary>x</summary></details><body onload=window.__pwned=1>',
  '<svg/onload=window.__pwned=1><script>window.__pwned=1</script>',
  '<p>Kept text <b>bold</b> and <a href="https://example.org/a">a link</a>.</p>',
];

/** One clipping that carries the whole set in every field a person can see. */
function hostileItem(): ExportItem {
  const clipping = makeClipping({
    id: 'c-mxss',
    title: MXSS.slice(0, 3).join(' '),
    source: MXSS[3] ?? '',
    section: MXSS[4] ?? '',
    authors: MXSS.slice(5, 8),
    url: 'https://example.org/a"><img src=x onerror=window.__pwned=1>',
    tags: MXSS.slice(8, 11),
    paragraphs: MXSS,
  });
  return {
    clipping,
    highlights: [makeHighlight(clipping, MXSS[0] ?? '', { note: MXSS[1] ?? '', tags: [] })],
    note: MXSS.join('\n\n'),
  };
}

base(
  'the mXSS set in every field stays text in the HTML export and the clip book',
  async ({ page }) => {
    const outside: string[] = [];
    await page.route('**/*', async (route) => {
      outside.push(route.request().url());
      await route.abort();
    });
    const items = [hostileItem()];
    const files = [
      ...(await exportItems('html', items, OPTIONS)),
      ...(await exportItems('clip-book-html', items, OPTIONS)),
    ].filter((file) => file.name.endsWith('.html'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const html = typeof file.data === 'string' ? file.data : new TextDecoder().decode(file.data);
      await page.setContent(html, { waitUntil: 'load' });
      const found = await page.evaluate(() => {
        const elements = [...document.querySelectorAll('*')];
        return {
          tags: [...new Set(elements.map((e) => e.localName))],
          attributes: elements.flatMap((e) =>
            [...e.attributes].map((a) => `${e.localName} ${a.name}=${a.value}`),
          ),
          text: document.body.textContent ?? '',
        };
      });
      for (const tag of ['script', 'iframe', 'object', 'embed', 'form', 'svg', 'math', 'img']) {
        expect(found.tags, `${file.name}: <${tag}>`).not.toContain(tag);
      }
      for (const attribute of found.attributes) {
        expect(attribute, file.name).not.toMatch(/^\S+ (on|formaction|srcdoc|src=)/i);
        if (/^\S+ href=/.test(attribute)) expect(attribute, file.name).toMatch(/ href=(https?:|#)/);
      }
      // The payloads are still there, as words a reader can see.
      expect(found.text, file.name).toContain('onerror=window.__pwned=1');
      expect(found.text, file.name).toContain('Kept text');
    }
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(outside).toEqual([]);
  },
);
