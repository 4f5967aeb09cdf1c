/**
 * HTML article extraction over htmlparser2's DOM: metadata (meta tags, JSON-LD) by
 * `html-meta/`, body text by `html-extract/`, then the line rules shared with text and PDF
 * (boilerplate.ts). Every walk is iterative (explicit stack) so that absurdly deep markup
 * cannot overflow the call stack.
 */
import { parseDocument } from 'htmlparser2';
import { safeUrl, type ArticleFields } from './article';
import { stripMetaParagraphs } from './boilerplate';
import { extractBody, withDeclaredBody } from './html-extract';
import { checkHtmlDepth } from './html-guard';
import { readHtmlMetadata } from './html-meta';

export interface HtmlOptions {
  /** HTML e-mail: no page chrome, keep all text blocks. */
  email?: boolean;
}

/** Extracts an article from decoded HTML. */
export function parseHtml(html: string, opts: HtmlOptions = {}): ArticleFields {
  checkHtmlDepth(html);
  const doc = parseDocument(html, { decodeEntities: true });
  const { article: art, declaredBody, related } = readHtmlMetadata(doc);

  const runs = withDeclaredBody(extractBody(doc, opts.email === true), declaredBody);
  const body = stripMetaParagraphs(runs, art.title);
  art.paragraphs = body.paragraphs;
  if (!art.authors.length) art.authors = body.authors;
  if (!art.publishedAt && body.date) art.publishedAt = body.date;
  if (!art.source && body.source) art.source = body.source;
  if (!art.title) art.title = body.title;
  const base = art.url;
  art.related = [...related, ...body.related].map((r) => {
    let url = r.url ?? '';
    if (url && base && !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      try {
        url = new URL(url, base).href;
      } catch {
        url = '';
      }
    }
    return safeUrl(url) ? { title: r.title, url: safeUrl(url) } : { title: r.title };
  });
  return art;
}
