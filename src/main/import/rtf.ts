/**
 * A Rich Text Format reader: RTF bytes → paragraphs (text, bold, links, table cells, breaks).
 *
 * A tokenizer of our own rather than an npm parser: the maintained ones either render to
 * HTML/canvas for browsers (rtf.js) or stream a DOM without code pages, \ucN fallbacks or
 * field instructions (rtf-parser, last released 2017); the export layouts need exactly those
 * and the cell/section structure. Spec: RTF 1.9.1. What it handles, each with a unit test
 * (test/unit/import/rtf.test.ts): control words and symbols, \'hh bytes in the code page of
 * the document (\ansicpgN) or of the current font (\fcharsetN), double-byte code pages,
 * \uN with the \ucN fallback skipped (negative N, surrogate pairs), \binN, ignorable
 * destinations (\*) and the known non-text ones (font and colour tables, stylesheet, info,
 * headers, footers, pictures, objects), fields (HYPERLINK targets kept, results as text).
 *
 * The reader is one state machine over the characters: how the next token is read depends on
 * the state (\ucN fallbacks swallow whole tokens, \binN skips bytes), so the tokenizer is
 * not a stage of its own. Its tables are in rtf-words.ts, code pages in rtf-codepages.ts.
 */
import type { Paragraph } from './paragraphs';
import { CHARSET_CODEPAGE, decodeBytes, isLeadByte } from './rtf-codepages';
import { SKIP_DESTINATIONS, SKIPPED_BUT_READ, SYMBOLS } from './rtf-words';

/** Any character that is not white space (no-break spaces included). */
const VISIBLE_RE = /[^\s\u00a0]/;

interface GroupState {
  /** Number of fallback characters after \uN. */
  uc: number;
  skip: boolean;
  bold: boolean;
  codepage: number;
  /** Inside \fldinst: text is collected as the field's instruction. */
  fldinst: boolean;
  destination: string;
}

export interface RtfDocument {
  paragraphs: Paragraph[];
  /** \info\title, when set. */
  title: string;
  /** The document's code page (\ansicpgN), e.g. 1252. */
  codepage: number;
}

export class RtfError extends Error {}

/** Deeper nesting than any word processor writes: the file is damaged or hostile. */
export const MAX_GROUP_DEPTH = 1000;

/** Parses RTF. Throws RtfError when the bytes are not RTF at all. */
export function parseRtf(bytes: Uint8Array): RtfDocument {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!/^\s*\{\\rtf/.test(src.slice(0, 64))) throw new RtfError('not an RTF document');
  const paragraphs: Paragraph[] = [];
  let docCodepage = 1252;
  const fontCodepage = new Map<number, number>();
  let title = '';

  // The paragraph being built.
  let text = '';
  // Whether the paragraph has visible text, and whether all of it is bold.
  let visible = false;
  let allBold = true;
  let links: string[] = [];
  let pendingBreak: Paragraph['breakBefore'] = 'none';
  let align: Paragraph['align'] = 'left';
  let rtl = false;
  let inTable = false;
  let cellIndex = 0;

  // Field instruction collection (fields nest: a stack of instruction strings).
  const fieldStack: { inst: string; groupDepth: number }[] = [];
  // Font table parsing.
  let fontNumber = -1;
  let infoTitle: string | null = null;

  let state: GroupState = {
    uc: 1,
    skip: false,
    bold: false,
    codepage: 1252,
    fldinst: false,
    destination: '',
  };
  const stack: GroupState[] = [];
  let pendingBytes: number[] = [];
  let pendingBytesCp = 1252;
  let skipFallback = 0;

  const flushBytes = (): void => {
    if (pendingBytes.length === 0) return;
    const s = decodeBytes(pendingBytes, pendingBytesCp);
    pendingBytes = [];
    emit(s, false);
  };

  function emit(s: string, raw = true): void {
    if (raw) flushBytes();
    if (state.fldinst) {
      const top = fieldStack[fieldStack.length - 1];
      if (top) top.inst += s;
      return;
    }
    if (state.destination === 'title' && infoTitle !== null) {
      infoTitle += s;
      return;
    }
    if (state.skip) return;
    text += s;
    if (VISIBLE_RE.test(s)) {
      visible = true;
      if (!state.bold) allBold = false;
    }
  }

  const endParagraph = (cell: boolean): void => {
    flushBytes();
    paragraphs.push({
      text: text.replace(/[ \t]+$/gm, '').replace(/^[ ]+/, ''),
      bold: visible && allBold,
      links,
      cell: inTable || cell ? cellIndex : -1,
      breakBefore: pendingBreak,
      align,
      rtl,
    });
    text = '';
    visible = false;
    allBold = true;
    links = [];
    pendingBreak = 'none';
  };

  const n = src.length;
  let i = 0;
  while (i < n) {
    const ch = src.charCodeAt(i);
    if (ch === 0x7b /* { */) {
      flushBytes();
      // Real documents nest a few dozen groups; a file of braces must not fill the memory.
      if (stack.length >= MAX_GROUP_DEPTH) throw new RtfError('groups are nested too deeply');
      stack.push(state);
      state = { ...state, destination: '' };
      i += 1;
      skipFallback = 0;
      continue;
    }
    if (ch === 0x7d /* } */) {
      flushBytes();
      const closing = state;
      if (closing.destination === 'fldinst') {
        // The instruction is complete: a HYPERLINK target joins the paragraph's links.
        const top = fieldStack[fieldStack.length - 1];
        const m = top ? /HYPERLINK\s+(?:\\l\s+)?"([^"]*)"/.exec(top.inst) : null;
        if (m?.[1]) links.push(m[1]);
      }
      if (closing.destination === 'field') fieldStack.pop();
      if (closing.destination === 'title' && infoTitle !== null) {
        title = infoTitle;
        infoTitle = null;
      }
      state = stack.pop() ?? state;
      i += 1;
      skipFallback = 0;
      if (stack.length === 0) break;
      continue;
    }
    if (ch === 0x5c /* \ */) {
      const next = src[i + 1] ?? '';
      if (/[a-zA-Z]/.test(next)) {
        let j = i + 1;
        while (j < n && isAsciiLetter(src.charCodeAt(j))) j++;
        const word = src.slice(i + 1, j);
        let k = j;
        if (src[k] === '-' && isDigit(src.charCodeAt(k + 1))) k++;
        while (k < n && isDigit(src.charCodeAt(k))) k++;
        const hasParam = k > j;
        const param = hasParam ? Number(src.slice(j, k)) : NaN;
        if (src[k] === ' ') k++;
        i = k;
        if (skipFallback > 0) {
          skipFallback -= 1;
          // \binN inside a fallback still carries its bytes.
          if (word === 'bin' && hasParam) i += Math.max(0, param);
          continue;
        }
        // Inside a skipped destination only what the reader needs still counts: the font
        // table's code pages, binary lengths, \uN fallbacks and the info title.
        if (state.skip && !SKIPPED_BUT_READ.has(word)) {
          if (SKIP_DESTINATIONS.has(word) && !state.destination) state.destination = word;
          continue;
        }
        // Control word handling.
        switch (word) {
          case 'par':
            endParagraph(false);
            break;
          case 'cell':
            endParagraph(true);
            cellIndex += 1;
            break;
          case 'nestcell':
            endParagraph(true);
            break;
          case 'row':
            flushBytes();
            if (text.trim()) endParagraph(true);
            cellIndex = 0;
            inTable = false;
            break;
          case 'intbl':
            inTable = true;
            break;
          case 'trowd':
            cellIndex = 0;
            break;
          case 'sect':
            if (text.trim()) endParagraph(false);
            pendingBreak = 'section';
            break;
          case 'page':
            if (text.trim()) endParagraph(false);
            pendingBreak = pendingBreak === 'section' ? 'section' : 'page';
            break;
          case 'pard':
            align = 'left';
            rtl = false;
            inTable = false;
            break;
          case 'plain':
            state.bold = false;
            break;
          case 'ql':
            align = 'left';
            break;
          case 'qc':
            align = 'center';
            break;
          case 'qr':
            align = 'right';
            break;
          case 'qj':
            align = 'justify';
            break;
          case 'rtlpar':
            rtl = true;
            break;
          case 'ltrpar':
            rtl = false;
            break;
          case 'b':
            state.bold = !hasParam || param !== 0;
            break;
          case 'uc':
            state.uc = hasParam ? Math.max(0, param) : 1;
            break;
          case 'u': {
            if (!hasParam) break;
            const code = param < 0 ? param + 65536 : param;
            emit(String.fromCharCode(code));
            skipFallback = state.uc;
            break;
          }
          case 'ansicpg':
            if (hasParam) {
              docCodepage = param;
              state.codepage = param;
            }
            break;
          case 'mac':
            docCodepage = 10000;
            state.codepage = 10000;
            break;
          case 'pc':
            docCodepage = 437;
            state.codepage = 437;
            break;
          case 'pca':
            docCodepage = 850;
            state.codepage = 850;
            break;
          case 'f':
            if (hasParam) {
              if (state.destination === 'fonttbl' || stack.some((s) => s.destination === 'fonttbl'))
                fontNumber = param;
              else state.codepage = fontCodepage.get(param) ?? docCodepage;
            }
            break;
          case 'fcharset':
            if (hasParam && fontNumber >= 0) {
              fontCodepage.set(fontNumber, CHARSET_CODEPAGE[param] ?? docCodepage);
            }
            break;
          case 'cpg':
            if (hasParam && fontNumber >= 0 && param > 0) fontCodepage.set(fontNumber, param);
            break;
          case 'bin':
            // Binary data: skipped by its length, never read as text.
            if (hasParam) i += Math.max(0, param);
            break;
          case 'field':
            state.destination = 'field';
            fieldStack.push({ inst: '', groupDepth: stack.length });
            break;
          case 'fldinst':
            state.destination = 'fldinst';
            state.fldinst = true;
            break;
          case 'fldrslt':
            state.destination = 'fldrslt';
            state.fldinst = false;
            break;
          default: {
            const symbol = SYMBOLS[word];
            if (symbol !== undefined) {
              emit(symbol);
            } else if (word === 'title' && stack[stack.length - 1]?.destination === 'info') {
              state.destination = 'title';
              infoTitle = '';
            } else if (SKIP_DESTINATIONS.has(word)) {
              state.destination = word;
              state.skip = true;
            }
          }
        }
        continue;
      }
      // Control symbols.
      if (next === "'") {
        const hex = src.slice(i + 2, i + 4);
        i += 4;
        if (skipFallback > 0) {
          skipFallback -= 1;
          continue;
        }
        const b = parseInt(hex, 16);
        if (Number.isNaN(b)) continue;
        const cp = state.codepage;
        if (pendingBytes.length > 0 && pendingBytesCp !== cp) flushBytes();
        pendingBytesCp = cp;
        pendingBytes.push(b);
        // A single-byte code page decodes each byte alone; a lead byte waits for its trail.
        const last = pendingBytes.length === 1 ? b : -1;
        if (!(last >= 0 && isLeadByte(cp, last))) flushBytes();
        continue;
      }
      i += 2;
      if (skipFallback > 0) {
        skipFallback -= 1;
        continue;
      }
      switch (next) {
        case '\\':
        case '{':
        case '}':
          emit(next);
          break;
        case '~':
          emit('\u00a0');
          break;
        case '_':
          emit('\u2011');
          break;
        case '-':
          break; // optional hyphen
        case '*':
          // Ignorable destination: skipped unless it is one we read (fldinst).
          if (src.startsWith('\\fldinst', i)) break;
          state.skip = true;
          state.destination = state.destination || '*';
          break;
        case '\n':
        case '\r':
          endParagraph(false);
          break;
        case '\t':
          emit('\t');
          break;
        default:
          break;
      }
      continue;
    }
    if (ch === 0x0a || ch === 0x0d) {
      i += 1;
      continue;
    }
    // Plain text: a run up to the next special character.
    let j = i;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === 0x5c || c === 0x7b || c === 0x7d || c === 0x0a || c === 0x0d) break;
      j++;
    }
    let run = src.slice(i, j);
    i = j;
    if (skipFallback > 0) {
      const drop = Math.min(skipFallback, run.length);
      run = run.slice(drop);
      skipFallback -= drop;
    }
    if (!run) continue;
    // Bytes above 0x7F written raw belong to the current code page too.
    if (/[\x80-\xff]/.test(run)) {
      flushBytes();
      const raw: number[] = [];
      for (let k = 0; k < run.length; k++) raw.push(run.charCodeAt(k));
      emit(decodeBytes(raw, state.codepage));
    } else emit(run);
  }
  flushBytes();
  if (text.trim()) endParagraph(false);
  return { paragraphs, title: title.trim(), codepage: docCodepage };
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
