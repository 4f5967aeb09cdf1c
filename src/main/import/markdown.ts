/** Markdown with optional YAML front matter → article; Markdown syntax is reduced to plain text. */
import { parse as parseYaml } from 'yaml';
import { cleanText, emptyArticle, splitAuthors, textKey, type ArticleFields } from './article';
import { normaliseDateValue } from './dates';
import { parsePlainText } from './plain-text';
import { sanitiseText } from './sanitise';

type Dict = Record<string, unknown>;

function pick(fm: Dict, keys: string[]): unknown {
  for (const k of keys) {
    for (const actual of Object.keys(fm)) {
      if (
        actual.toLowerCase() === k &&
        fm[actual] !== undefined &&
        fm[actual] !== null &&
        fm[actual] !== ''
      ) {
        return fm[actual];
      }
    }
  }
  return undefined;
}

function asString(v: unknown): string {
  // Front matter is written by whoever made the file: markup in it is never metadata, and
  // it is decoded before a list is split on ',' or ';'.
  if (typeof v === 'string' || typeof v === 'number') return cleanText(sanitiseText(String(v)));
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Dict;
    return asString(o['name'] ?? o['title'] ?? '');
  }
  return '';
}

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(asString).filter(Boolean);
  if (typeof v === 'string') return asString(v).split(/[,;]/).map(cleanText).filter(Boolean);
  return [];
}

/** Inline Markdown → text: images dropped, links keep their label, emphasis and code marks go. */
export function stripInlineMarkdown(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<https?:\/\/[^>]+>/g, (m) => m.slice(1, -1))
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(.*?)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1');
}

/** Block-level Markdown → paragraphs separated by blank lines, one line per paragraph. */
export function markdownToText(md: string): string {
  const out: string[] = [];
  let para: string[] = [];
  let fence: string | null = null;
  const flush = (): void => {
    if (para.length) out.push(stripInlineMarkdown(para.join(' ')));
    para = [];
  };
  for (const raw of md.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const f = /^\s*(```+|~~~+)/.exec(line);
    if (f) {
      if (fence === null) {
        flush();
        fence = f[1] ?? '```';
      } else if (line.trim().startsWith(fence)) {
        flush();
        fence = null;
      }
      continue;
    }
    if (fence !== null) {
      para.push(line);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s{0,3}(=+|-+)\s*$/.test(line) && para.length) {
      flush();
      continue;
    }
    const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      flush();
      out.push(stripInlineMarkdown(h[1] ?? ''));
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      para.push(item[1] ?? '');
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      if (/^\s*\|[\s|:-]+\|\s*$/.test(line)) continue;
      flush();
      out.push(
        stripInlineMarkdown(
          line
            .replace(/^\s*\||\|\s*$/g, '')
            .split('|')
            .map((c) => c.trim())
            .join(' · '),
        ),
      );
      continue;
    }
    para.push(line.replace(/^\s*(>\s?)+/, ''));
  }
  flush();
  return out.filter((p) => p.trim()).join('\n\n');
}

export function parseMarkdown(text: string): ArticleFields {
  let body = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  let fm: Dict = {};
  const warnings: string[] = [];
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(body);
  if (m) {
    body = body.slice(m[0].length);
    try {
      const parsed: unknown = parseYaml(m[1] ?? '', { maxAliasCount: 100, prettyErrors: false });
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fm = parsed as Dict;
    } catch {
      warnings.push('The front matter is not valid YAML; it was ignored.');
    }
  }
  // Raw HTML blocks may carry scripts and styles; their content is never article text.
  body = body.replace(/<(script|style|iframe|noscript|template)\b[\s\S]*?(<\/\1\s*>|$)/gi, '');
  const title = asString(pick(fm, ['title', 'headline', 'name']));
  const fromText = parsePlainText(markdownToText(body), title ? { title } : {});
  const art = emptyArticle();
  art.title = title || fromText.title;
  art.paragraphs = fromText.paragraphs;
  // A first heading repeating the title is dropped by parsePlainText via the title hint.
  if (art.paragraphs.length > 1 && textKey(art.paragraphs[0] ?? '') === textKey(art.title))
    art.paragraphs.shift();
  art.source =
    asString(pick(fm, ['source', 'publisher', 'outlet', 'publication', 'site', 'site_name'])) ||
    fromText.source;
  art.section = asString(pick(fm, ['section', 'category', 'categories'])) || fromText.section;
  const authors = pick(fm, ['authors', 'author', 'byline', 'creator']);
  art.authors = authors !== undefined ? asList(authors).flatMap(splitAuthors) : fromText.authors;
  art.publishedAt =
    normaliseDateValue(
      pick(fm, [
        'date',
        'published',
        'publishedat',
        'published_at',
        'pubdate',
        'datepublished',
        'created',
      ]),
    ) || fromText.publishedAt;
  art.url =
    asString(pick(fm, ['url', 'link', 'canonical', 'canonical_url', 'source_url', 'permalink'])) ||
    fromText.url;
  art.tags = asList(pick(fm, ['tags', 'keywords', 'topics', 'categories']));
  if (!art.tags.length) art.tags = fromText.tags;
  art.language = asString(pick(fm, ['lang', 'language', 'locale']));
  art.related = fromText.related;
  art.warnings = warnings;
  return art;
}
