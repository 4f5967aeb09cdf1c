/**
 * PDF → article via pdfjs-dist's text layer. Lines are rebuilt from text items, paragraphs from
 * vertical gaps; page numbers are dropped (boilerplate.ts) and the rest goes through the
 * plain-text rules.
 */
import type { Refusal } from '@shared/clipping';
import { errorMessage } from '@shared/errors';
import { cleanText, type ArticleFields } from './article';
import { isPageNumberLine } from './boilerplate';
import { checkPdfInflation } from './pdf-guard';
import { loadPdfjs } from './pdfjs';
import { parsePlainText } from './plain-text';

interface Line {
  text: string;
  y: number;
  height: number;
}

interface TextItemLike {
  str: string;
  transform: number[];
  height: number;
  hasEOL: boolean;
}

function isTextItem(x: unknown): x is TextItemLike {
  return typeof x === 'object' && x !== null && 'str' in x && 'transform' in x;
}

function linesOf(items: unknown[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | null = null;
  let breakNext = false;
  for (const it of items) {
    if (!isTextItem(it)) continue;
    const y = it.transform[5] ?? 0;
    const h = Math.abs(it.height || it.transform[3] || 10);
    if (!cur || breakNext || Math.abs(cur.y - y) > Math.max(cur.height, h) * 0.5) {
      if (cur && cur.text.trim()) lines.push(cur);
      cur = { text: it.str, y, height: h };
    } else {
      // pdfjs includes the spaces between words as items of their own.
      cur.text += it.str;
      cur.height = Math.max(cur.height, h);
    }
    breakNext = it.hasEOL;
  }
  if (cur && cur.text.trim()) lines.push(cur);
  return lines;
}

/** The lower quartile: the usual line spacing even when paragraph gaps are numerous. */
function lowerQuartile(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 4)] ?? 0;
}

function paragraphsOf(lines: Line[]): string[][] {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const g = (lines[i - 1] as Line).y - (lines[i] as Line).y;
    if (g > 0) gaps.push(g);
  }
  const typical = lowerQuartile(gaps) || 12;
  const paras: string[][] = [];
  let cur: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const prev = lines[i - 1];
    if (prev) {
      const gap = prev.y - line.y;
      const heightJump =
        Math.abs(prev.height - line.height) > Math.min(prev.height, line.height) * 0.25;
      if (gap > typical * 1.4 || gap < 0 || heightJump) {
        if (cur.length) paras.push(cur);
        cur = [];
      }
    }
    cur.push(line.text);
  }
  if (cur.length) paras.push(cur);
  return paras;
}

export type PdfOutcome = { ok: true; article: ArticleFields } | { ok: false; error: Refusal };

/** Pages read at most: an article is a few; 500 covers a long report. */
export const MAX_PDF_PAGES = 500;

/** Text extraction stops after this long (the rule: 2 s for 1 MB, 30 s for 50 MB). */
function timeBudgetMs(fileBytes: number): number {
  return fileBytes <= 1024 * 1024 ? 1_500 : 25_000;
}

export async function parsePdf(bytes: Uint8Array, name: string): Promise<PdfOutcome> {
  checkPdfInflation(bytes);
  const pdfjs = await loadPdfjs();
  // The clock starts once pdfjs is loaded: loading it is once per process, not per file.
  const started = Date.now();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const n = (err as { name?: string }).name ?? '';
    if (n === 'PasswordException') {
      return {
        ok: false,
        error: {
          code: 'unsupported',
          message: `“${name}” is a password-protected PDF; remove the password (print to a new PDF) and import that.`,
        },
      };
    }
    return {
      ok: false,
      error: {
        code: 'malformed',
        message: `“${name}” is a damaged PDF (${errorMessage(err) || n}); re-download or re-export it.`,
      },
    };
  }
  const warnings: string[] = [];
  // pdfjs works in time slices on this thread, so a timer can end a page that takes too long
  // (the page's promise is raced: after destroy() pdfjs leaves it pending).
  const budget = timeBudgetMs(bytes.length);
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(
      () => {
        timedOut = true;
        resolve(null);
      },
      Math.max(100, budget - (Date.now() - started)),
    );
  });
  const readPage = async (p: number) => {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    page.cleanup();
    return content;
  };
  try {
    const pageParas: string[][][] = [];
    const maxPages = Math.min(doc.numPages, MAX_PDF_PAGES);
    let chars = 0;
    for (let p = 1; p <= maxPages; p++) {
      const content = await Promise.race([readPage(p), deadline]);
      if (!content) {
        warnings.push(
          `Reading the text took too long; only the first ${p - 1} of ${doc.numPages.toLocaleString('en-US')} pages were imported.`,
        );
        break;
      }
      const lines = linesOf(content.items as unknown[]).filter((l) => !isPageNumberLine(l.text));
      for (const l of lines) chars += l.text.replace(/\s/g, '').length;
      pageParas.push(paragraphsOf(lines));
    }
    if (!timedOut && doc.numPages > MAX_PDF_PAGES) {
      warnings.push(
        `Only the first ${MAX_PDF_PAGES} of ${doc.numPages.toLocaleString('en-US')} pages were imported.`,
      );
    }
    if (chars < 20 && timedOut) {
      return {
        ok: false,
        error: {
          code: 'too-large',
          message: `“${name}” takes too long to read (over ${budget / 1000} s before any text was found); it is probably damaged or hostile. Print it to a new PDF and import that.`,
        },
      };
    }
    if (chars < 20) {
      return {
        ok: false,
        error: {
          code: 'unsupported',
          message: `“${name}” has no text layer (it is probably a scanned image); run it through OCR first and import the result.`,
        },
      };
    }
    // A paragraph cut by a page break continues when it does not end a sentence.
    const paras: string[][] = [];
    for (const page of pageParas) {
      for (let i = 0; i < page.length; i++) {
        const para = page[i] as string[];
        const last = paras[paras.length - 1];
        const lastLine = last?.[last.length - 1] ?? '';
        if (
          i === 0 &&
          last &&
          !/[.!?:"”»)]$/.test(lastLine.trim()) &&
          /^\p{Ll}/u.test((para[0] ?? '').trim())
        ) {
          last.push(...para);
        } else paras.push([...para]);
      }
    }
    let metaTitle = '';
    let metaAuthor = '';
    try {
      if (timedOut) throw new Error('destroyed');
      const meta = await doc.getMetadata();
      const info = meta.info as Record<string, unknown>;
      if (typeof info['Title'] === 'string') metaTitle = cleanText(info['Title']);
      if (typeof info['Author'] === 'string') metaAuthor = cleanText(info['Author']);
    } catch {
      // Metadata is optional.
    }
    // Generator defaults ("Untitled", "Microsoft Word - x.docx") are not titles.
    if (
      /^(untitled|title|document\d*|microsoft word\b.*)$|\.(docx?|pdf|txt|indd|odt)$/i.test(
        metaTitle,
      )
    )
      metaTitle = '';
    const text = paras.map((p) => p.map((l) => l.trim()).join('\n')).join('\n\n');
    const article = parsePlainText(text, metaTitle ? { title: metaTitle } : {});
    if (!article.authors.length && metaAuthor && metaAuthor.split(/\s+/).length <= 6) {
      article.authors = [metaAuthor];
    }
    article.warnings.push(...warnings);
    return { ok: true, article };
  } finally {
    clearTimeout(timer);
    void task.destroy();
  }
}
