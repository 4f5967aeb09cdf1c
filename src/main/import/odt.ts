/**
 * OpenDocument text (.odt) → article: the paragraphs and headings of content.xml, read with
 * the same tag scanner as DOCX bodies (the caller runs the zip-bomb guard first). Notes, annotations and
 * tracked (deleted) changes are not text of the article and are skipped.
 */
import type { Refusal } from '@shared/clipping';
import type { ArticleFields } from './article';
import { cleanText } from './article';
import { scanXml } from './docx-paragraphs';
import { parsePlainText } from './plain-text';
import { readZipEntry } from './zip-guard';

export type OdtOutcome = { ok: true; article: ArticleFields } | { ok: false; error: Refusal };

/** Elements whose content is never article text. */
const SKIPPED = new Set([
  'text:note',
  'office:annotation',
  'text:tracked-changes',
  'text:sequence-decls',
  'office:forms',
]);
const BLOCKS = new Set(['text:p', 'text:h']);

/** The paragraphs of an ODT's content.xml, headings included, in document order. */
export function odtParagraphs(xml: string): string[] {
  const out: string[] = [];
  let text = '';
  let depth = 0;
  let skipping = 0;
  scanXml(xml, {
    onopentag(name, attrs) {
      if (skipping > 0 || SKIPPED.has(name)) {
        skipping += 1;
        return;
      }
      if (BLOCKS.has(name)) {
        // A paragraph inside another (a list in a cell) ends the outer one's text so far.
        if (depth > 0 && text.trim()) out.push(cleanText(text));
        if (depth > 0) text = '';
        depth += 1;
      } else if (name === 'text:s')
        text += ' '.repeat(Math.min(Number(attrs['text:c'] ?? 1) || 1, 100));
      else if (name === 'text:tab') text += '\t';
      else if (name === 'text:line-break') text += '\n';
    },
    ontext(data) {
      if (skipping === 0 && depth > 0) text += data;
    },
    onclosetag(name) {
      if (skipping > 0) {
        skipping -= 1;
        return;
      }
      if (BLOCKS.has(name) && depth > 0) {
        depth -= 1;
        const t = cleanText(text);
        if (t) out.push(t);
        text = '';
      }
    },
  });
  return out;
}

function metaTitle(bytes: Uint8Array): string {
  const xml = readZipEntry(bytes, 'meta.xml')?.toString('utf8') ?? '';
  const m = /<dc:title>([\s\S]*?)<\/dc:title>/.exec(xml);
  let title = '';
  if (m?.[1]) odtParagraphs(`<text:p>${m[1]}</text:p>`).forEach((t) => (title ||= t));
  return title.length > 300 ? '' : title;
}

/** The caller has run the zip-bomb guard. */
export function parseOdt(bytes: Uint8Array, name: string): OdtOutcome {
  const xml = readZipEntry(bytes, 'content.xml', 256 * 1024 * 1024)?.toString('utf8');
  if (xml === undefined) {
    return {
      ok: false,
      error: {
        code: 'malformed',
        message: `“${name}” is an OpenDocument file without its content part; it is damaged. Re-save it from your word processor.`,
      },
    };
  }
  const title = metaTitle(bytes);
  return {
    ok: true,
    article: parsePlainText(odtParagraphs(xml).join('\n\n'), title ? { title } : {}),
  };
}
