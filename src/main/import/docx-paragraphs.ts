/**
 * DOCX body → paragraphs with the layout facts export layouts need (bold, hyperlink targets,
 * table cells, section breaks, alignment, direction). mammoth's raw text drops all of these,
 * so word/document.xml is read with htmlparser2's SAX parser in XML mode (no tree is built:
 * a 100-article export is a 2 MB part). The caller has already run the zip-bomb guard.
 */
import { Parser } from 'htmlparser2';
import type { Paragraph } from './paragraphs';
import { readZipEntry } from './zip-guard';

function relationships(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const xml = readZipEntry(bytes, 'word/_rels/document.xml.rels')?.toString('utf8') ?? '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'Relationship' && attrs['Id'] && attrs['Target'])
          out.set(attrs['Id'], attrs['Target']);
      },
    },
    { xmlMode: true },
  );
  parser.write(xml);
  parser.end();
  return out;
}

const OFF = new Set(['0', 'false', 'off', 'none']);

/** Parts are bounded by the zip-bomb guard already; this cap only stops a runaway part. */
export const MAX_DOCUMENT_XML = 256 * 1024 * 1024;

/** The paragraphs of word/document.xml (or of `xml`, already read), null when it is missing. */
export function docxParagraphs(bytes: Uint8Array, documentXml?: string): Paragraph[] | null {
  const xml =
    documentXml ?? readZipEntry(bytes, 'word/document.xml', MAX_DOCUMENT_XML)?.toString('utf8');
  if (xml === undefined) return null;
  const rels = relationships(bytes);
  const paragraphs: Paragraph[] = [];

  let text = '';
  let boldChars = 0;
  let visibleChars = 0;
  let links: string[] = [];
  let align: Paragraph['align'] = 'left';
  let rtl = false;
  let pendingBreak: Paragraph['breakBefore'] = 'none';
  let sectionEnds = false;
  let pageBreakAfter = false;

  let inPPr = false;
  let inRPr = false;
  let runBold = false;
  let inText = false;
  let inInstr = false;
  let instr = '';
  const cellStack: number[] = [];
  let inParagraph = false;

  const add = (s: string): void => {
    text += s;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x20 && c !== 0xa0) {
        visibleChars += 1;
        if (runBold) boldChars += 1;
      }
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        switch (name) {
          case 'w:p':
            inParagraph = true;
            text = '';
            boldChars = 0;
            visibleChars = 0;
            links = [];
            align = 'left';
            rtl = false;
            sectionEnds = false;
            pageBreakAfter = false;
            break;
          case 'w:pPr':
            inPPr = true;
            break;
          case 'w:rPr':
            inRPr = true;
            break;
          case 'w:r':
            runBold = false;
            break;
          case 'w:b':
            // A w:b in the paragraph mark's properties (w:pPr/w:rPr) bolds no text.
            if (inRPr && !inPPr) runBold = !OFF.has((attrs['w:val'] ?? '').toLowerCase());
            break;
          case 'w:jc': {
            if (!inPPr) break;
            const v = attrs['w:val'] ?? '';
            align =
              v === 'center'
                ? 'center'
                : v === 'right' || v === 'end'
                  ? 'right'
                  : v === 'both' || v === 'distribute'
                    ? 'justify'
                    : 'left';
            break;
          }
          case 'w:bidi':
            if (inPPr && !OFF.has((attrs['w:val'] ?? '').toLowerCase())) rtl = true;
            break;
          case 'w:sectPr':
            if (inPPr) sectionEnds = true;
            break;
          case 'w:t':
            inText = true;
            break;
          case 'w:instrText':
            inInstr = true;
            break;
          case 'w:tab':
            if (!inPPr && inParagraph) add('\t');
            break;
          case 'w:br':
          case 'w:cr':
            if (attrs['w:type'] === 'page') pageBreakAfter = true;
            else if (inParagraph) add('\n');
            break;
          case 'w:noBreakHyphen':
            add('\u2011');
            break;
          case 'w:hyperlink': {
            const id = attrs['r:id'];
            const target = id ? rels.get(id) : undefined;
            if (target) links.push(target);
            break;
          }
          case 'w:fldSimple': {
            const m = /HYPERLINK\s+"([^"]*)"/.exec(attrs['w:instr'] ?? '');
            if (m?.[1]) links.push(m[1]);
            break;
          }
          case 'w:tc':
            cellStack.push((cellStack.pop() ?? -1) + 1);
            cellStack.push(-1);
            break;
          case 'w:tr':
            cellStack.push(-1);
            break;
        }
      },
      ontext(data) {
        if (inText && inParagraph) add(data);
        else if (inInstr) instr += data;
      },
      onclosetag(name) {
        switch (name) {
          case 'w:pPr':
            inPPr = false;
            break;
          case 'w:rPr':
            inRPr = false;
            break;
          case 'w:t':
            inText = false;
            break;
          case 'w:instrText': {
            inInstr = false;
            const m = /HYPERLINK\s+(?:\\l\s+)?"([^"]*)"/.exec(instr);
            if (m?.[1]) {
              links.push(m[1]);
              instr = '';
            }
            break;
          }
          case 'w:fldChar':
            break;
          case 'w:tc':
            cellStack.pop();
            break;
          case 'w:tr':
            cellStack.pop();
            break;
          case 'w:p': {
            inParagraph = false;
            instr = '';
            const cell = cellStack.length >= 2 ? (cellStack[cellStack.length - 2] ?? -1) : -1;
            paragraphs.push({
              text: text.replace(/[ \t]+$/gm, ''),
              bold: visibleChars > 0 && boldChars === visibleChars,
              links,
              cell,
              breakBefore: pendingBreak,
              align,
              rtl,
            });
            pendingBreak = sectionEnds ? 'section' : pageBreakAfter ? 'page' : 'none';
            break;
          }
        }
      },
    },
    { xmlMode: true },
  );
  parser.write(xml);
  parser.end();
  return paragraphs;
}
