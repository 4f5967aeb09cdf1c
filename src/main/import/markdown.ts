/** Markdown with optional YAML front matter → article; Markdown syntax is reduced to plain text. */
import { parse as parseYaml } from 'yaml';
import {
  cleanText,
  emptyArticle,
  MAX_PARAGRAPH,
  splitAuthors,
  splitLong,
  textKey,
  type ArticleFields,
} from './article';
import { normaliseDateValue } from './dates';
import { parsePlainText } from './plain-text';
import { sanitiseText } from './sanitise';

type Dict = Record<string, unknown>;

/**
 * Front matter holds a few fields; the YAML parser needs ~2 s and 170 MB for 1 MB of it
 * (measured), so anything past this is not read as metadata.
 */
export const MAX_FRONT_MATTER = 64 * 1024;

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

/**
 * Emphasis marks around text. Each inner class excludes its own delimiter, so a failed match
 * stops at the next delimiter and no character is scanned from two openers (linear; the
 * lazy `[\s\S]*?` forms retried every opener to the end of the paragraph).
 */
function stripEmphasis(s: string): string {
  return s
    .replace(/\*\*([^*\s](?:[^*]*[^*\s])?)\*\*/g, '$1')
    .replace(/__([^_\s](?:[^_]*[^_\s])?)__/g, '$1')
    .replace(/(^|[^\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_([^_\s](?:[^_]*[^_\s])?)_(?!\w)/g, '$1$2')
    .replace(/~~([^~]*)~~/g, '$1');
}

/** Inline Markdown → text: images dropped, links keep their label, emphasis and code marks go. */
export function stripInlineMarkdown(s: string): string {
  // Labels exclude '[' and targets '(' (one level of balanced parentheses allowed) for the
  // same reason as emphasis: linear on '![![![…'.
  const t = s
    .replace(/!\[[^[\]]*\]\((?:[^()]|\([^()]*\))*\)/g, '')
    .replace(/\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
    .replace(/\[([^[\]]*)\]\[[^[\]]*\]/g, '$1')
    .replace(/<https?:\/\/[^<>]+>/g, (m) => m.slice(1, -1))
    .replace(/`+([^`]*)`+/g, '$1');
  // Twice: '**bold *and* italic**' needs the inner marks gone before the outer ones match.
  return stripEmphasis(stripEmphasis(t)).replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1');
}

/** An ATX heading's text ('## Title ##' → 'Title'), or null; no pattern with two runs. */
function atxHeading(line: string): string | null {
  const m = /^[ \t]{0,3}#{1,6}(?:[ \t]+|$)/.exec(line);
  if (!m) return null;
  const content = line.slice(m[0].length).trimEnd();
  let end = content.length;
  while (end > 0 && content[end - 1] === '#') end--;
  // A closing sequence counts only after a space (CommonMark): 'C#' keeps its '#'.
  return end === 0 || /[ \t]/.test(content[end - 1] as string)
    ? content.slice(0, end).trimEnd()
    : content;
}

/** Block-level Markdown → paragraphs separated by blank lines, one line per paragraph. */
export function markdownToText(md: string): string {
  const out: string[] = [];
  let para: string[] = [];
  let fence: string | null = null;
  let paraLength = 0;
  const flush = (): void => {
    if (para.length) out.push(stripInlineMarkdown(para.join(' ')));
    para = [];
    paraLength = 0;
  };
  // A line that is a whole file is read in pieces, and a paragraph is flushed once it is
  // that long: every inline pass then copies one piece, not 50 MB (which peaked at 1.3 GB).
  const lines = md.split('\n').flatMap((l) => splitLong(l));
  for (const raw of lines) {
    if (paraLength > MAX_PARAGRAPH) flush();
    paraLength += raw.length;
    const line = raw.trimEnd();
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
    const h = atxHeading(line);
    if (h !== null) {
      flush();
      if (h) out.push(stripInlineMarkdown(h));
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
  if (m && (m[1] ?? '').length > MAX_FRONT_MATTER) {
    body = body.slice(m[0].length);
    warnings.push(
      `The front matter is over ${MAX_FRONT_MATTER / 1024} KB, which is not metadata; it was ignored.`,
    );
  } else if (m) {
    body = body.slice(m[0].length);
    try {
      // uniqueKeys: false — the duplicate-key check compares every key with every other
      // (quadratic: 30,000 keys took seconds); a repeated key simply keeps its last value.
      const parsed: unknown = parseYaml(m[1] ?? '', {
        maxAliasCount: 100,
        prettyErrors: false,
        uniqueKeys: false,
      });
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
