/**
 * Plain-text article extraction. Text files carry their metadata as loose lines (title, date,
 * byline, outlet, "Source:" labels, wire datelines) and junk (ads, credits, copyright, leaked
 * debug dumps); each line is judged on its own by the rules in boilerplate.ts, shared with
 * PDF and HTML. What is text-only lives here: blocks and hard wraps, the headline, wire
 * datelines and leaked data dumps.
 */
import type { RelatedArticle } from '@shared/clipping';
import { emptyArticle, cleanText, textKey, tidyName, type ArticleFields } from './article';
import { classifyLine, dropFooters, emptyLineMeta, RelatedRun } from './boilerplate';
import { findDate } from './dates';

/** A wire dateline: "CITY, Country, March 3, 2025 (Outlet) - …". */
const WIRE_RE =
  /^([\p{Lu}][\p{Lu}\p{M}.'’ -]{1,40})(?:,(?:\s*[^,()\n]{2,40},)?\s*([^()\n]{0,40}?))?\s*\(([^()\n]{2,40})\)\s*[-–—]{1,2}\s*\S/u;
const PHP_DUMP_RE = /string\(\d+\)\s*"\s*\[\s*\{/;
// [ \t]* after the line start, not \s*: that retried from every line of a run of blank lines.
const JSON_DUMP_RE = /(?:^|\n)[ \t]*\[\s*\{\s*"[\w-]+"\s*:/;

export interface TextHints {
  title?: string;
  source?: string;
}

function unescapeJsonString(s: string): string {
  // Most values have no escapes: skip the replace pass.
  if (!s.includes('\\')) return s;
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? ' ' : e === 't' ? ' ' : e;
  });
}

/** A string value of one of `keys` in a dump object; compiled once, not per object. */
const dumpValue = (keys: string): RegExp =>
  new RegExp(`"(?:${keys})"\\s*:\\s*"([\\s\\S]*?)"(?=\\s*(?:,\\s*"[\\w-]+"\\s*:|\\}|$))`, 'i');
const DUMP_TITLE_RE = dumpValue('title|headline|name');
const DUMP_URL_RE = dumpValue('url|link|href');

/**
 * Pulls related-article titles out of a leaked JSON/PHP dump. The JSON is often invalid
 * (unescaped quotes inside titles), so values are cut at a quote that is followed by the
 * next key or the end of the object, not by the first quote.
 */
export function relatedFromDump(dump: string): RelatedArticle[] {
  const out: RelatedArticle[] = [];
  const objects = dump.split(/\}\s*,\s*\{/);
  const valueOf = (obj: string, re: RegExp): string | undefined => {
    const m = re.exec(obj);
    return m?.[1] === undefined ? undefined : unescapeJsonString(m[1]);
  };
  for (const obj of objects) {
    const title = valueOf(obj, DUMP_TITLE_RE);
    const clean = title ? cleanText(title) : '';
    if (!clean) continue;
    const item: RelatedArticle = { title: clean.slice(0, 2000) };
    const url = valueOf(obj, DUMP_URL_RE);
    if (url && /^https?:\/\/\S+$/i.test(url)) item.url = url;
    out.push(item);
  }
  return out;
}

function cutDump(text: string): { text: string; related: RelatedArticle[] } {
  // Both dump shapes contain '{"'; most texts do not, so skip the scans.
  if (!text.includes('{"')) return { text, related: [] };
  const m = PHP_DUMP_RE.exec(text) ?? JSON_DUMP_RE.exec(text);
  // Only a dump in the last part of the file is junk; earlier JSON may be quoted on purpose.
  if (!m || m.index < text.length * 0.3) return { text, related: [] };
  return { text: text.slice(0, m.index), related: relatedFromDump(text.slice(m.index)) };
}

/** A link under a "Related" heading, without its list bullet. */
const linkTitle = (line: string): string => cleanText(line.replace(/^[-•*·]\s*/, ''));

/** Joins the lines of a hard-wrapped block, mending words hyphenated at the line end. */
function joinLines(lines: string[]): string {
  if (lines.length === 1) return (lines[0] as string).trim();
  // Built with an array and join(): '+=' makes a cons-string that is slow to scan later.
  const parts: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const prev = parts[parts.length - 1];
    // endsWith() first: the regex would try every position of the line.
    if (prev?.endsWith('-') && /\p{Ll}-$/u.test(prev) && /^\p{Ll}/u.test(line)) {
      parts[parts.length - 1] = prev.slice(0, -1) + line;
    } else parts.push(line);
  }
  return parts.join(' ');
}

/** Extracts an article from plain text. */
export function parsePlainText(input: string, hints: TextHints = {}): ArticleFields {
  const art = emptyArticle();
  // The includes() checks are memchr-fast; most files need neither regex pass.
  let text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  // eslint-disable-next-line no-control-regex -- stray NULs are dropped
  if (text.includes('\u0000')) text = text.replace(/\u0000/g, '');
  const dump = cutDump(text);
  text = dump.text;
  const meta = emptyLineMeta(dump.related);

  const rawLines = text.split('\n');
  // Text with long lines uses one line per paragraph; otherwise it is hard-wrapped in blocks.
  let longest = 0;
  for (const l of rawLines) if (l.length > longest) longest = l.length;
  const unwrapped = longest > 120;
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const l of rawLines) {
    if (!l.trim()) {
      if (current.length) blocks.push(current);
      current = [];
    } else if (unwrapped) {
      if (current.length) blocks.push(current);
      current = [l];
    } else current.push(l);
  }
  if (current.length) blocks.push(current);

  // Classify every line; a block of only metadata disappears.
  let paragraphs: string[] = [];
  let firstKept: string[] | null = null;
  const related = new RelatedRun();
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as string[];
    const isolated = block.length === 1;
    const kept: string[] = [];
    let proseRun = 0;
    for (const line of block) {
      // Two long lines in a row make this block prose: its remaining lines are body text
      // (metadata comes at the top of a block), which saves most of the work on wrapped text.
      if (proseRun >= 2) {
        kept.push(line);
        continue;
      }
      const t = line.trim();
      if (related.take(t, meta, linkTitle)) continue;
      if (classifyLine(t, meta, isolated)) {
        proseRun = 0;
        continue;
      }
      proseRun = t.length >= 50 ? proseRun + 1 : 0;
      kept.push(line);
    }
    if (kept.length) {
      if (!paragraphs.length) firstKept = kept;
      paragraphs.push(joinLines(kept));
    }
  }

  paragraphs = dropFooters(paragraphs);

  // Title: the hint if any, else the first short block; drop the repeats at the top.
  let title = cleanText(hints.title ?? meta.titles[0] ?? '');
  // A hard-wrapped first block "Headline\nStandfirst…": the short first line is the headline.
  if (!title && firstKept && firstKept.length > 1) {
    const head = (firstKept[0] as string).trim();
    if (head.length <= 150 && !/[.!?,;:]$/.test(head)) {
      paragraphs[0] = joinLines(firstKept.slice(1));
      paragraphs.unshift(head);
    }
  }
  const first = paragraphs[0];
  if (!title && first !== undefined && first.length <= 250 && paragraphs.length > 1) {
    title = cleanText(first);
    paragraphs.shift();
  }
  if (title) {
    const key = textKey(title);
    while (
      paragraphs.length > 1 &&
      key &&
      (paragraphs[0] as string).length < title.length * 3 + 40
    ) {
      const k = textKey(paragraphs[0] as string);
      if (k === key || (k.length >= 12 && key.includes(k) && k.length > key.length * 0.6)) {
        paragraphs.shift();
      } else if (k.length >= 12 && k.includes(key) && (paragraphs[0] as string).length < 300) {
        // The hint (e.g. a newsletter subject) was decorated; the body heading is cleaner.
        if (hints.title) title = cleanText(paragraphs[0] as string);
        paragraphs.shift();
      } else break;
    }
  }

  // A wire dateline ("CITY, Country, March 3, 2025 (Outlet) - ...") names date and outlet.
  // (It opens the first paragraph, which may follow a standfirst.)
  for (const lead of paragraphs.slice(0, 2)) {
    const w = WIRE_RE.exec(lead);
    if (w) {
      const d = findDate(w[2] ?? '') ?? findDate(lead.slice(0, w[0].length));
      if (d) meta.dates.push(d.iso);
      meta.sources.push(w[3] ?? '');
      break;
    }
  }

  art.title = title;
  art.paragraphs = paragraphs.map(cleanText).filter((p) => p.length > 0);
  art.source = tidyName(
    [...meta.sources, ...meta.guessedSources].find((s) => cleanText(s)) ?? hints.source ?? '',
  );
  art.section = tidyName(meta.sections[0] ?? '');
  art.authors = meta.authors.length ? meta.authors : meta.reporters;
  art.publishedAt = meta.dates[0] ?? '';
  art.url = meta.urls[0] ?? '';
  art.tags = meta.tags.map(cleanText).filter(Boolean);
  art.related = meta.related.filter((r) => r.title);
  return art;
}
