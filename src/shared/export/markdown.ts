/**
 * Markdown for Obsidian/Logseq vaults: YAML front matter (every string double-quoted, `tags`
 * as a list), the body, then highlights as quotes with their notes and tags.
 */
import { coverageOf } from '../clipping';
import { DEFAULT_TITLE, datePart, excerpt, metaLine, safeHttpUrl, titleOf } from './common';
import { FileNameAllocator, safeFileName } from './file-names';
import type { ExportFile, ExportItem, ExportOptions } from './types';

export interface MarkdownOptions extends ExportOptions {
  /** One file per clipping (a vault) or everything in one file. Default: 'per-clipping'. */
  layout?: 'per-clipping' | 'combined';
}

/**
 * A YAML double-quoted scalar. JSON string syntax is valid YAML 1.2; the line and paragraph
 * separators are escaped too because some YAML readers treat them as line breaks.
 */
export function yamlString(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A tag as Obsidian and Logseq accept it: letters, digits, '_', '-' and '/' for nesting; spaces
 * become '-', and an all-digit tag (not a tag in Obsidian) gets a leading '_'.
 */
export function vaultTag(tag: string): string {
  const t = tag
    .normalize('NFC')
    .split('/')
    .map((part) =>
      part
        .trim()
        .replace(/\s+/gu, '-')
        .replace(/[^\p{L}\p{M}\p{N}_-]/gu, ''),
    )
    .filter(Boolean)
    .join('/');
  return /^[\d/]+$/.test(t) ? `_${t}` : t;
}

function vaultTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags.map(vaultTag)) {
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  }
  return out;
}

/**
 * Escapes text so that it renders literally: Markdown punctuation, plus Obsidian's `==`, `%%`,
 * `$` (maths) and `#tag`, and block markers at the start of a line. Line breaks become spaces
 * because a paragraph is a single line here.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>#|~$]/g, '\\$&')
    .replace(/==/g, '=\\=')
    .replace(/%%/g, '%\\%')
    .replace(/^(\s*)([-+=])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

function frontMatter(item: ExportItem): string {
  const c = item.clipping;
  const lines = ['---', `title: ${yamlString(titleOf(c))}`];
  const scalar = (key: string, value: string): void => {
    if (value) lines.push(`${key}: ${yamlString(value)}`);
  };
  scalar('source', c.source);
  scalar('section', c.section);
  if (c.authors.length > 0) {
    lines.push('authors:', ...c.authors.map((a) => `  - ${yamlString(a)}`));
  }
  // A plain date stays unquoted so Obsidian's properties treat it as a date.
  const day = datePart(c.publishedAt);
  if (day && day === c.publishedAt) lines.push(`date: ${day}`);
  else scalar('date', c.publishedAt);
  // Only web links: a `javascript:` URL would become a clickable property in some vaults.
  scalar('url', safeHttpUrl(c.url) ?? '');
  scalar('language', c.language);
  const k = coverageOf(c);
  scalar('media_type', k.mediaType);
  scalar('page', k.page);
  scalar('edition', k.edition);
  // A number stays unquoted so vault properties sort and sum it as one.
  if (k.reach !== null) lines.push(`reach: ${k.reach}`);
  scalar('reach_source', k.reachSource);
  scalar('tone', k.tone);
  scalar('prominence', k.prominence);
  if (k.entities.length > 0)
    lines.push('entities:', ...k.entities.map((e) => `  - ${yamlString(e)}`));
  const tags = vaultTags(c.tags);
  if (tags.length === 0) lines.push('tags: []');
  else lines.push('tags:', ...tags.map((t) => `  - ${yamlString(t)}`));
  lines.push('---');
  return lines.join('\n');
}

function hashtags(tags: readonly string[]): string {
  return vaultTags(tags)
    .map((t) => `#${t}`)
    .join(' ');
}

/** Body, highlights and note of one clipping, with headings starting at `level`. */
function clippingSections(item: ExportItem, options: MarkdownOptions, level: number): string[] {
  const h = '#'.repeat(level);
  const c = item.clipping;
  const blocks: string[] = [];
  const paragraphs = options.includeBody ? c.paragraphs : [excerpt(c)];
  blocks.push(...paragraphs.filter((p) => p.trim()).map(escapeMarkdown));
  if (item.highlights.length > 0) {
    blocks.push(`${h} Highlights`);
    for (const hl of item.highlights) {
      const lines = [`> ${escapeMarkdown(hl.quote.exact)}`];
      if (hl.note.trim()) lines.push('', `Note: ${escapeMarkdown(hl.note)}`);
      const tags = hashtags(hl.tags);
      if (tags) lines.push('', `Tags: ${tags}`);
      blocks.push(lines.join('\n'));
    }
  }
  if (item.note.trim()) {
    blocks.push(`${h} Note`);
    blocks.push(
      ...item.note
        .split(/\n\s*\n/)
        .map(escapeMarkdown)
        .filter(Boolean),
    );
  }
  return blocks;
}

function clippingFile(item: ExportItem, options: MarkdownOptions): string {
  const blocks = [frontMatter(item), `# ${escapeMarkdown(titleOf(item.clipping))}`];
  const meta = metaLine(item.clipping);
  if (meta) blocks.push(`*${escapeMarkdown(meta)}*`);
  blocks.push(...clippingSections(item, options, 2));
  return `${blocks.join('\n\n')}\n`;
}

function combinedFile(items: readonly ExportItem[], options: MarkdownOptions): string {
  const title = options.title ?? DEFAULT_TITLE;
  const head = ['---', `title: ${yamlString(title)}`];
  if (options.subtitle) head.push(`subtitle: ${yamlString(options.subtitle)}`);
  head.push(`exported: ${yamlString(options.generatedAt)}`, `count: ${items.length}`, '---');
  const blocks = [head.join('\n'), `# ${escapeMarkdown(title)}`];
  if (options.subtitle) blocks.push(escapeMarkdown(options.subtitle));
  for (const item of items) {
    const c = item.clipping;
    const url = safeHttpUrl(c.url);
    blocks.push(`## ${escapeMarkdown(titleOf(c))}`);
    const meta = [
      c.source && `- Source: ${escapeMarkdown(c.source)}`,
      c.section && `- Section: ${escapeMarkdown(c.section)}`,
      c.authors.length > 0 && `- Authors: ${escapeMarkdown(c.authors.join(', '))}`,
      c.publishedAt && `- Date: ${escapeMarkdown(c.publishedAt)}`,
      url && `- URL: <${url.replace(/[<>\s]/g, encodeURIComponent)}>`,
      c.tags.length > 0 && `- Tags: ${hashtags(c.tags)}`,
    ].filter((x): x is string => typeof x === 'string' && x !== '');
    if (meta.length > 0) blocks.push(meta.join('\n'));
    blocks.push(...clippingSections(item, options, 3));
  }
  return `${blocks.join('\n\n')}\n`;
}

export function exportMarkdown(
  items: readonly ExportItem[],
  options: MarkdownOptions,
): ExportFile[] {
  const mediaType = 'text/markdown';
  if (options.layout === 'combined') {
    const name = safeFileName(options.title ?? DEFAULT_TITLE, { extension: 'md', wiki: true });
    return [{ name, data: combinedFile(items, options), mediaType }];
  }
  const names = new FileNameAllocator({ extension: 'md', wiki: true });
  return items.map((item) => ({
    name: names.allocate(titleOf(item.clipping)),
    data: clippingFile(item, options),
    mediaType,
  }));
}
