/**
 * The one sanitising step every parser's output passes through (finish.ts calls it for every
 * stored field): whatever a file held, a field ends as text. Entities are decoded first and
 * markup removed after, so that `&lt;img onerror&gt;` cannot turn into a tag later; tags are
 * removed in one linear pass that also catches tags assembled from the pieces of others
 * (`<<img …>img …>`); then controls and invisible characters go (text-safety.ts).
 */
import { DecodingMode, decodeHTML } from 'entities';
import { stripUnsafeChars } from '@shared/text-safety';

/** Elements whose content is code or raw text, never article text: dropped with the tag. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'textarea',
  'title',
  'svg',
  'math',
  'object',
]);

/**
 * Names of elements an unterminated `<name …` is taken for (the rest of the field is then
 * dropped, as a browser drops a tag cut off by the end of the input). Any other unterminated
 * `<word` stays text: "a<b" in a formula is not markup.
 */
const KNOWN_ELEMENTS = new Set([
  ...RAW_TEXT,
  'a',
  'applet',
  'audio',
  'base',
  'body',
  'embed',
  'form',
  'frame',
  'frameset',
  'head',
  'html',
  'img',
  'image',
  'input',
  'isindex',
  'link',
  'listing',
  'meta',
  'plaintext',
  'source',
  'video',
  'details',
  'marquee',
  'button',
  'select',
  'keygen',
  'div',
  'span',
  'p',
  'table',
  'td',
  'tr',
  'font',
  'body',
]);

const isNameStart = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2f || c === 0x21 || c === 0x3f;

function tagName(s: string): string {
  let i = 1;
  if (s[i] === '/' || s[i] === '!' || s[i] === '?') i++;
  let name = '';
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))
      name += s[i] as string;
    else break;
  }
  return name.toLowerCase();
}

/** UTF-16 code units as a string, in slices (fromCharCode takes a bounded argument list). */
function unitsToString(units: Uint16Array, length: number): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i += 8192) {
    parts.push(String.fromCharCode(...units.subarray(i, Math.min(length, i + 8192))));
  }
  return parts.join('');
}

/**
 * Removes every `<…>` that opens like a tag (`<` then a letter, `/`, `!` or `?`), comments,
 * and the content of raw-text elements. Linear: the output is a stack of code units, and
 * removing a tag may expose an earlier `<` that then opens a tag with what follows. Typed
 * arrays, not arrays of one-character strings: 2 bytes a character instead of 8 or more.
 */
export function stripTags(input: string): string {
  if (!input.includes('<')) return input;
  const out = new Uint16Array(input.length);
  let len = 0;
  let starts = new Int32Array(64);
  let depth = 0;
  let lower: string | undefined;
  const text = (from: number, to: number): string =>
    unitsToString(out.subarray(from, Math.min(to, len)), Math.min(to, len) - from);
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x3e /* > */ && depth > 0) {
      const start = starts[--depth] as number;
      const head = text(start, start + 24);
      const isComment = head.startsWith('<!--');
      const closedComment =
        isComment && len - start >= 5 && out[len - 1] === 0x2d && out[len - 2] === 0x2d;
      const selfClosing = out[len - 1] === 0x2f;
      len = start;
      const name = tagName(head);
      if (isComment && !closedComment) {
        const end = input.indexOf('-->', i + 1);
        i = end < 0 ? input.length : end + 2;
      } else if (name === 'plaintext') {
        break;
      } else if (head[1] !== '/' && RAW_TEXT.has(name) && !selfClosing) {
        lower ??= input.toLowerCase();
        const close = lower.indexOf(`</${name}`, i + 1);
        if (close < 0) break;
        const gt = input.indexOf('>', close);
        i = gt < 0 ? input.length : gt;
      }
      continue;
    }
    if (len > 0 && out[len - 1] === 0x3c && isNameStart(c)) {
      if (depth === starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[depth++] = len - 1;
    }
    out[len++] = c;
  }
  // Unterminated tags: the lowest one that names an element ends the field.
  for (let d = 0; d < depth; d++) {
    const start = starts[d] as number;
    if (KNOWN_ELEMENTS.has(tagName(text(start, start + 20)))) {
      len = start;
      break;
    }
  }
  return unitsToString(out, len);
}

/**
 * Decodes character references, repeatedly (double-encoded `&amp;lt;` too), up to 4 rounds.
 * Strict mode: a reference needs its semicolon, so "&notes" in plain text stays as written.
 */
export function decodeEntitiesDeep(s: string): string {
  let t = s;
  for (let round = 0; round < 4 && t.includes('&'); round++) {
    const next = decodeHTML(t, DecodingMode.Strict);
    if (next === t) break;
    t = next;
  }
  return t;
}

/**
 * Script URLs, `data:` documents and `file:` links left as words in text, event-handler
 * attributes with their values (what is left of a tag that a splitter cut in two), and a
 * module load such as `require("child_process")`: the body of a script element whose start
 * tag an unclosed tag before it swallowed (`<img src=x <script>…</script>` parses so).
 */
const SCRIPT_RESIDUE_RE =
  /\b(?:javascript|vbscript|livescript)\s*:[^\s"'<>]*|\bdata\s*:\s*[a-z]+\/[^\s"'<>]*|\bfile:\/\/[^\s"'<>]*|\bon[a-z]+\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s"'>]*)|\brequire\(\s*["'`][^"'`\n]{0,200}["'`]?\s*\)?|\bchild_process\b/gi;

/** Entities → characters → no markup → no controls, invisible characters or script URLs. */
export function sanitiseText(s: string, options: { directionMarks?: boolean } = {}): string {
  let t = s;
  if (t.includes('&')) t = decodeEntitiesDeep(t);
  if (t.includes('<')) t = stripTags(t);
  t = stripUnsafeChars(t, options);
  if (t.includes(':') || t.includes('=') || t.includes('(') || t.includes('_'))
    t = t.replace(SCRIPT_RESIDUE_RE, '');
  return t;
}
