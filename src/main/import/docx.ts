/** DOCX → article through mammoth's raw text, after the zip-bomb guard. */
import mammoth from 'mammoth';
import type { Refusal } from '@shared/clipping';
import { errorMessage } from '@shared/errors';
import type { ArticleFields } from './article';
import { parsePlainText } from './plain-text';
import { cleanText } from './article';
import { checkZipBomb, readZipEntry, ZipError } from './zip-guard';

export type DocxOutcome = { ok: true; article: ArticleFields } | { ok: false; error: Refusal };

export async function parseDocx(bytes: Uint8Array, name: string): Promise<DocxOutcome> {
  try {
    checkZipBomb(bytes);
  } catch (err) {
    if (err instanceof ZipError) {
      return {
        ok: false,
        error: {
          code: 'malformed',
          message: `“${name}” cannot be opened safely: ${err.message}. ${err.advice}`,
        },
      };
    }
    throw err;
  }
  let text: string;
  try {
    const result = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    text = result.value;
  } catch (err) {
    return {
      ok: false,
      error: {
        code: 'malformed',
        message: `“${name}” is a damaged Word document (${errorMessage(err)}); open and re-save it in Word.`,
      },
    };
  }
  const title = coreTitle(bytes);
  return { ok: true, article: parsePlainText(text, title ? { title } : {}) };
}

function decodeXmlText(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The document title from docProps/core.xml, unless it is a template default. */
function coreTitle(bytes: Uint8Array): string {
  try {
    const xml = readZipEntry(bytes, 'docProps/core.xml')?.toString('utf8') ?? '';
    const m = /<dc:title>([\s\S]*?)<\/dc:title>/.exec(xml);
    const title = cleanText(decodeXmlText(m?.[1] ?? ''));
    return /^(untitled|title|document\d*|doc\d*|new document)$/i.test(title) || title.length > 300
      ? ''
      : title;
  } catch {
    return '';
  }
}
