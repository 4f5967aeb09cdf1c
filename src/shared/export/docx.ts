/**
 * The clip book as a Word document: the same content as the PDF clip book, with real heading
 * styles (Title, Heading 1–2) so Word's navigation pane and generated contents work.
 * Packed with `Packer.pack(doc, 'uint8array')`, which runs in Node and in the browser alike.
 * Word stamps creation/modification times and zip dates, so the bytes are not reproducible;
 * tests read the text back instead.
 */
import { alsoInLine, onePerStory } from './stories';
import {
  AlignmentType,
  Bookmark,
  Document,
  Footer,
  HeadingLevel,
  InternalHyperlink,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  TextRun,
} from 'docx';
import type { ParagraphChild } from 'docx';
import { HIGHLIGHT_CSS } from '../annotations';
import type { Highlight } from '../annotations';
import { anchorHighlights } from './anchor';
import {
  DEFAULT_TITLE,
  dateRange,
  coverageLine,
  metaLine,
  safeHttpUrl,
  shownParagraphCount,
  titleOf,
} from './common';
import { safeFileName } from './file-names';
import type { ExportFile, ExportItem, ExportOptions } from './types';

export const DOCX_MEDIA_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Latin/Cyrillic and complex-script (Arabic) fonts; Word falls back when they are missing.
const FONT = { ascii: 'Noto Serif', hAnsi: 'Noto Serif', cs: 'Noto Naskh Arabic' };

// XML 1.0 forbids most control characters; Word refuses a document containing them.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const clean = (s: string): string => s.replace(XML_INVALID, '').replace(/\r\n?/g, '\n');

export interface RunStyle {
  rtl: boolean;
  lang: string;
}

export function runs(
  text: string,
  style: RunStyle,
  extra: Partial<ConstructorParameters<typeof TextRun>[0] & object> = {},
): TextRun[] {
  // A line break inside a paragraph becomes a Word line break.
  return clean(text)
    .split('\n')
    .map(
      (line, i) =>
        new TextRun({
          text: line,
          break: i > 0 ? 1 : undefined,
          rightToLeft: style.rtl || undefined,
          ...(style.lang
            ? { language: style.rtl ? { bidirectional: style.lang } : { value: style.lang } }
            : {}),
          ...extra,
        }),
    );
}

export function para(
  children: ParagraphChild[],
  style: RunStyle,
  options: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {},
): Paragraph {
  return new Paragraph({ children, bidirectional: style.rtl || undefined, ...options });
}

export const shade = (h: Highlight) => ({
  shading: {
    type: ShadingType.CLEAR,
    color: 'auto',
    fill: HIGHLIGHT_CSS[h.color].slice(1).toUpperCase(),
  },
});

export function textParagraphs(
  text: string,
  style: RunStyle,
  extra: Parameters<typeof runs>[2] = {},
): Paragraph[] {
  return clean(text)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => para(runs(p, style, extra), style));
}

export function highlightBlock(h: Highlight, article: RunStyle): Paragraph[] {
  const out = [
    para(runs(h.quote.exact.replace(/\s*\n+\s*/g, ' '), article, shade(h)), article, {
      style: 'Quote',
    }),
  ];
  out.push(...textParagraphs(h.note, article, { italics: true }));
  if (h.tags.length > 0)
    out.push(para(runs(`Tags: ${h.tags.join(', ')}`, article, { color: '57606A' }), article));
  return out;
}

function clippingBlocks(item: ExportItem, index: number, options: ExportOptions): Paragraph[] {
  const c = item.clipping;
  const style: RunStyle = { rtl: c.direction === 'rtl', lang: c.language };
  const anchor = `clipping${index + 1}`;
  const anchored = anchorHighlights(c.paragraphs, item.highlights);
  const out: Paragraph[] = [];
  if (c.source || c.section) {
    out.push(
      para(
        runs([c.source, c.section].filter(Boolean).join(' · ').toUpperCase(), style, {
          color: '57606A',
          size: 18,
        }),
        style,
        {
          pageBreakBefore: true,
          keepNext: true,
        },
      ),
    );
  }
  out.push(
    para([new Bookmark({ id: anchor, children: runs(titleOf(c), style) })], style, {
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: !(c.source || c.section),
      keepNext: true,
    }),
  );
  const byline = [c.authors.join(', '), c.publishedAt.replace('T', ' ')]
    .filter(Boolean)
    .join(' · ');
  if (byline) out.push(para(runs(byline, style, { color: '57606A', size: 19 }), style));
  const url = safeHttpUrl(c.url);
  if (url)
    out.push(para(runs(url, { rtl: false, lang: '' }, { color: '57606A', size: 18 }), style));
  const coverage = coverageLine(c);
  if (coverage) out.push(para(runs(coverage, style, { color: '57606A', size: 18 }), style));
  if (c.tags.length > 0)
    out.push(para(runs(`Tags: ${c.tags.join(', ')}`, style, { color: '57606A', size: 18 }), style));
  const alsoIn = options.onePerStory ? alsoInLine(item) : '';
  if (alsoIn) out.push(para(runs(alsoIn, style, { color: '57606A', size: 18 }), style));

  for (const segments of anchored.paragraphs.slice(
    0,
    shownParagraphCount(c, options.includeBody),
  )) {
    const children = segments.flatMap((s) =>
      runs(s.text, style, s.highlight ? shade(s.highlight) : {}),
    );
    out.push(para(children, style, { spacing: { after: 120 } }));
  }
  if (anchored.anchored.length > 0) {
    out.push(
      para(runs('Highlights', { rtl: false, lang: '' }), style, {
        heading: HeadingLevel.HEADING_2,
      }),
    );
    for (const a of anchored.anchored) out.push(...highlightBlock(a.highlight, style));
  }
  if (anchored.unanchored.length > 0) {
    out.push(
      para(runs('Highlights not found in the text', { rtl: false, lang: '' }), style, {
        heading: HeadingLevel.HEADING_2,
      }),
    );
    for (const h of anchored.unanchored) out.push(...highlightBlock(h, style));
  }
  if (item.note.trim()) {
    out.push(
      para(runs('Note', { rtl: false, lang: '' }), style, { heading: HeadingLevel.HEADING_2 }),
    );
    out.push(...textParagraphs(item.note, style, { italics: true }));
  }
  return out;
}

/** Builds the clip book document (exposed for callers that pack it themselves). */
/** Fonts and the Quote style, shared with the passages document. */
export const DOCUMENT_STYLES = {
  default: { document: { run: { font: FONT, size: 22 } } },
  // docx defines no Quote style; Word's built-in one is used when present (same id).
  paragraphStyles: [
    {
      id: 'Quote',
      name: 'Quote',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      paragraph: { indent: { start: 567, end: 567 }, spacing: { before: 120, after: 60 } },
    },
  ],
};

/** The clip book's Word document. */
export function clipBookDocument(all: readonly ExportItem[], options: ExportOptions): Document {
  const items = options.onePerStory ? onePerStory(all) : all;
  const title = options.title ?? 'Clip book';
  const ltr: RunStyle = { rtl: false, lang: '' };
  const range = dateRange(items);
  const cover: Paragraph[] = [
    para(runs(title, ltr), ltr, {
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { before: 2400 },
    }),
  ];
  if (options.subtitle) {
    cover.push(
      para(runs(options.subtitle, ltr, { size: 30, color: '444444' }), ltr, {
        alignment: AlignmentType.CENTER,
      }),
    );
  }
  const facts = [
    range ? (range.from === range.to ? range.from : `${range.from} – ${range.to}`) : '',
    `${items.length} ${items.length === 1 ? 'clipping' : 'clippings'}`,
    `Compiled ${options.generatedAt.slice(0, 10)}`,
  ].filter(Boolean);
  for (const fact of facts)
    cover.push(para(runs(fact, ltr, { size: 24 }), ltr, { alignment: AlignmentType.CENTER }));

  // A contents list of internal links: Word's TOC field would need updating on open, which
  // prompts the user; these links work immediately (and in LibreOffice).
  const contents: Paragraph[] = [
    para(runs('Contents', ltr), ltr, { heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    ...items.map((item, i) => {
      const style: RunStyle = {
        rtl: item.clipping.direction === 'rtl',
        lang: item.clipping.language,
      };
      const meta = metaLine(item.clipping);
      return para(
        [
          new InternalHyperlink({
            anchor: `clipping${i + 1}`,
            children: runs(`${i + 1}. ${titleOf(item.clipping)}`, style, { style: 'Hyperlink' }),
          }),
          ...(meta ? runs(`\n${meta}`, style, { size: 18, color: '57606A' }) : []),
        ],
        style,
        { spacing: { after: 120 } },
      );
    }),
  ];

  return new Document({
    creator: 'Clipbook',
    title,
    description: options.subtitle ?? '',
    styles: DOCUMENT_STYLES,
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES],
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...cover,
          ...contents,
          ...items.flatMap((item, i) => clippingBlocks(item, i, options)),
        ],
      },
    ],
  });
}

export async function exportDocx(
  items: readonly ExportItem[],
  options: ExportOptions,
): Promise<ExportFile[]> {
  const data = await Packer.pack(clipBookDocument(items, options), 'uint8array');
  const name = safeFileName(options.title ?? DEFAULT_TITLE, { extension: 'docx' });
  return [{ name, data, mediaType: DOCX_MEDIA_TYPE }];
}
