/** DOCX → article through mammoth's raw text, after the zip-bomb guard. */
import mammoth from 'mammoth';
import type { Refusal } from '../../shared/clipping';
import type { ArticleFields } from './article';
import { parsePlainText } from './plain-text';
import { checkZipBomb, ZipError } from './zip-guard';

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
          message: `“${name}” cannot be opened safely: ${err.message}. Re-save it from Word.`,
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
        message: `“${name}” is a damaged Word document (${(err as Error).message}); open and re-save it in Word.`,
      },
    };
  }
  return { ok: true, article: parsePlainText(text) };
}
