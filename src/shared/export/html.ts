/**
 * One self-contained, readable HTML file: inline CSS, no scripts, no external resources (a CSP
 * meta tag forbids them even if some markup slipped through), highlights marked in the body.
 * Every piece of clipping text goes through `escapeHtml`.
 */
import { alsoInLine } from './stories';
import { HIGHLIGHT_COLORS, HIGHLIGHT_CSS } from '../annotations';
import type { Highlight } from '../annotations';
import { anchorHighlights } from './anchor';
import {
  coverageLine,
  DEFAULT_TITLE,
  datePart,
  escapeHtml,
  safeHttpUrl,
  shownParagraphCount,
  titleOf,
} from './common';
import { safeFileName } from './file-names';
import type { ExportFile, ExportItem, ExportOptions } from './types';

/** Allows inline styles only: no scripts, images, fonts, frames or network. */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Font stack covering Latin, Cyrillic and Arabic with fonts common on Windows, macOS and Linux. */
export const FONT_STACK =
  "'Noto Serif', 'Noto Naskh Arabic', 'DejaVu Serif', 'Times New Roman', 'Geeza Pro', serif";

export function highlightCss(): string {
  return HIGHLIGHT_COLORS.map((c) => `.hl-${c} { background-color: ${HIGHLIGHT_CSS[c]}; }`).join(
    '\n',
  );
}

const attr = (name: string, value: string): string => ` ${name}="${escapeHtml(value)}"`;

export function tagList(tags: readonly string[]): string {
  if (tags.length === 0) return '';
  const items = tags.map((t) => `<li dir="auto">${escapeHtml(t)}</li>`).join('');
  return `<ul class="tags">${items}</ul>`;
}

function noteBlock(text: string, className: string): string {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p dir="auto">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return paragraphs.length > 0 ? `<div class="${className}">${paragraphs.join('')}</div>` : '';
}

function highlightEntry(h: Highlight, anchorId: string | undefined): string {
  const quote = escapeHtml(h.quote.exact).replace(/\n+/g, ' ');
  const linked = anchorId ? `<a href="#${anchorId}">${quote}</a>` : quote;
  return (
    `<li class="highlight"><blockquote class="hl-${h.color}" dir="auto">${linked}</blockquote>` +
    `${noteBlock(h.note, 'note')}${tagList(h.tags)}</li>`
  );
}

export interface ArticleParts {
  /** Heading level for the headline (2 in a document with a title). */
  headingLevel: 2 | 3 | 4;
  /** Prefix for element ids, unique per article in the document. */
  idPrefix: string;
  /** Replaces the standard header (outlet, headline, byline…): the report prints its own. */
  header?: string;
  /** Paragraphs of the body shown; the export options decide when absent. */
  paragraphs?: number;
}

/** Headline, byline (ISO date), link, coverage, tags and "Also in" of the HTML export. */
function standardHeader(meta: string[], item: ExportItem, options: ExportOptions, h: string): void {
  const c = item.clipping;
  meta.push(`<${h} class="headline">${escapeHtml(titleOf(c))}</${h}>`);
  const byline: string[] = [];
  if (c.authors.length > 0)
    byline.push(`<span class="authors">${escapeHtml(c.authors.join(', '))}</span>`);
  if (c.publishedAt) {
    const day = datePart(c.publishedAt);
    byline.push(
      `<time${day ? attr('datetime', c.publishedAt) : ''}>${escapeHtml(c.publishedAt.replace('T', ' '))}</time>`,
    );
  }
  if (byline.length > 0) meta.push(`<p class="byline">${byline.join(' · ')}</p>`);
  const url = safeHttpUrl(c.url);
  if (url) meta.push(`<p class="url"><a${attr('href', url)} dir="ltr">${escapeHtml(url)}</a></p>`);
  const coverage = coverageLine(c);
  if (coverage) meta.push(`<p class="coverage">${escapeHtml(coverage)}</p>`);
  meta.push(tagList(c.tags));
  const alsoIn = options.onePerStory ? alsoInLine(item) : '';
  if (alsoIn) meta.push(`<p class="also-in">${escapeHtml(alsoIn)}</p>`);
}

/** Renders one clipping as an `<article>`; shared by the HTML export and the clip book. */
export function renderArticle(
  item: ExportItem,
  options: ExportOptions,
  parts: ArticleParts,
): string {
  const c = item.clipping;
  const { idPrefix } = parts;
  const h = `h${parts.headingLevel}`;
  const sub = `h${parts.headingLevel + 1}`;
  const anchored = anchorHighlights(c.paragraphs, item.highlights);
  const shown = parts.paragraphs ?? shownParagraphCount(c, options.includeBody);

  const markIds = new Map<Highlight, string>();
  anchored.anchored.forEach((a, i) => markIds.set(a.highlight, `${idPrefix}-h${i + 1}`));
  const seen = new Set<Highlight>();
  const body = anchored.paragraphs
    .slice(0, shown)
    .map((segments) => {
      const inner = segments
        .map((s) => {
          const text = escapeHtml(s.text).replace(/\n/g, '<br>');
          if (!s.highlight) return text;
          // The first piece of a highlight carries the id the highlight list links to.
          const id = seen.has(s.highlight) ? '' : attr('id', markIds.get(s.highlight) ?? '');
          seen.add(s.highlight);
          const title = s.highlight.note ? attr('title', s.highlight.note) : '';
          return `<mark class="hl-${s.highlight.color}"${id}${title}>${text}</mark>`;
        })
        .join('');
      return `<p>${inner}</p>`;
    })
    .join('\n');

  const meta: string[] = [];
  if (parts.header !== undefined) meta.push(parts.header);
  else if (c.source || c.section) {
    const outlet = [c.source, c.section].filter(Boolean).map(escapeHtml).join(' · ');
    meta.push(`<p class="outlet">${outlet}</p>`);
  }
  if (parts.header === undefined) standardHeader(meta, item, options, h);

  const sections: string[] = [];
  if (anchored.anchored.length > 0) {
    // Listed in text order; an entry links to its mark when the mark is in the shown text.
    const list = anchored.anchored
      .map((a) => {
        const id = seen.has(a.highlight) ? markIds.get(a.highlight) : undefined;
        return highlightEntry(a.highlight, id);
      })
      .join('');
    sections.push(
      `<section class="highlights"><${sub}>Highlights</${sub}><ol>${list}</ol></section>`,
    );
  }
  if (anchored.unanchored.length > 0) {
    const list = anchored.unanchored.map((hl) => highlightEntry(hl, undefined)).join('');
    sections.push(
      `<section class="highlights unanchored"><${sub}>Highlights not found in the text</${sub}><ol>${list}</ol></section>`,
    );
  }
  const note = noteBlock(item.note, 'article-note');
  if (note) sections.push(`<section class="note"><${sub}>Note</${sub}>${note}</section>`);

  const lang = c.language ? attr('lang', c.language) : '';
  return [
    `<article class="clipping"${attr('id', idPrefix)} dir="${c.direction === 'rtl' ? 'rtl' : 'ltr'}"${lang}>`,
    `<header>${meta.join('')}</header>`,
    `<div class="body">\n${body}\n</div>`,
    ...sections,
    '</article>',
  ].join('\n');
}

/** The document's language when every clipping shares one; otherwise none (each article says). */
export function commonLanguage(items: readonly ExportItem[]): string {
  const langs = new Set(items.map((i) => i.clipping.language));
  const [only] = langs;
  return langs.size === 1 && only ? only : '';
}

export function htmlHead(title: string, css: string, lang: string): string {
  return [
    '<!DOCTYPE html>',
    `<html${lang ? attr('lang', lang) : ''}>`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy"${attr('content', EXPORT_CSP)}>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Clipbook">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${css}\n</style>`,
    '</head>',
  ].join('\n');
}

const READER_CSS = `:root { color-scheme: light; }
body { font-family: ${FONT_STACK}; line-height: 1.6; color: #1f2328; background: #fff; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
header.document { border-bottom: 1px solid #d0d7de; margin-bottom: 2rem; }
.subtitle { font-size: 1.2rem; color: #57606a; }
.generated, .outlet, .byline, .url, .coverage { color: #57606a; font-size: 0.9rem; margin: 0.2rem 0; }
.outlet { text-transform: uppercase; letter-spacing: 0.04em; }
nav.toc ol { padding-inline-start: 1.5rem; }
article.clipping { border-top: 1px solid #d0d7de; padding-top: 1.5rem; margin-top: 2.5rem; }
.headline { margin: 0.3rem 0; line-height: 1.25; }
ul.tags { list-style: none; padding: 0; margin: 0.4rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
ul.tags li { background: #eef1f4; border-radius: 0.8rem; padding: 0 0.6rem; font-size: 0.8rem; }
mark { color: inherit; padding: 0 0.05em; border-radius: 0.15em; }
section.highlights ol { padding-inline-start: 1.2rem; }
blockquote { margin: 0.5rem 0; padding: 0.2rem 0.6rem; border-inline-start: 3px solid #8c959f; }
blockquote a { color: inherit; text-decoration: none; }
.note, .article-note { font-style: italic; }
.unanchored blockquote { border-inline-start-style: dashed; }
${highlightCss()}`;

export function exportHtml(items: readonly ExportItem[], options: ExportOptions): ExportFile[] {
  const title = options.title ?? DEFAULT_TITLE;
  const toc = items
    .map(
      (i, n) =>
        `<li><a href="#clipping-${n + 1}" dir="auto">${escapeHtml(titleOf(i.clipping))}</a></li>`,
    )
    .join('');
  const parts = [
    htmlHead(title, READER_CSS, commonLanguage(items)),
    '<body>',
    '<header class="document">',
    `<h1>${escapeHtml(title)}</h1>`,
    options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>` : '',
    `<p class="generated">${items.length} ${items.length === 1 ? 'clipping' : 'clippings'} · exported <time${attr('datetime', options.generatedAt)}>${escapeHtml(datePart(options.generatedAt) || options.generatedAt)}</time></p>`,
    '</header>',
    items.length > 1 ? `<nav class="toc"><h2>Contents</h2><ol>${toc}</ol></nav>` : '',
    ...items.map((item, n) =>
      renderArticle(item, options, { headingLevel: 2, idPrefix: `clipping-${n + 1}` }),
    ),
    '</body>',
    '</html>',
    '',
  ];
  const name = safeFileName(title, { extension: 'html' });
  return [{ name, data: parts.filter(Boolean).join('\n'), mediaType: 'text/html;charset=utf-8' }];
}
