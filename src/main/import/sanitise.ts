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

/**
 * Removes every `<…>` that opens like a tag (`<` then a letter, `/`, `!` or `?`), comments,
 * and the content of raw-text elements. Linear: the output is a stack of characters, and
 * removing a tag may expose an earlier `<` that then opens a tag with what follows.
 */
export function stripTags(input: string): string {
  if (!input.includes('<')) return input;
  const out: string[] = [];
  const starts: number[] = [];
  const lower = input.toLowerCase();
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (ch === '>' && starts.length) {
      const start = starts.pop() as number;
      const tag = out.slice(start).join('') + '>';
      out.length = start;
      const name = tagName(tag);
      if (tag.startsWith('<!--') && !tag.endsWith('-->')) {
        const end = input.indexOf('-->', i + 1);
        i = end < 0 ? input.length : end + 2;
      } else if (name === 'plaintext') {
        break;
      } else if (tag[1] !== '/' && RAW_TEXT.has(name) && !tag.endsWith('/>')) {
        const close = lower.indexOf(`</${name}`, i + 1);
        if (close < 0) break;
        const gt = input.indexOf('>', close);
        i = gt < 0 ? input.length : gt;
      }
      continue;
    }
    if (out.length && out[out.length - 1] === '<' && isNameStart(ch.charCodeAt(0))) {
      starts.push(out.length - 1);
    }
    out.push(ch);
  }
  if (starts.length) {
    // Unterminated tags: the lowest one that names an element ends the field.
    for (const start of starts) {
      if (KNOWN_ELEMENTS.has(tagName(out.slice(start, start + 20).join('')))) {
        out.length = start;
        break;
      }
    }
  }
  return out.join('');
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
 * Script URLs, `data:` documents and `file:` links left as words in text, and event-handler
 * attributes with their values (what is left of a tag that a splitter cut in two).
 */
const SCRIPT_RESIDUE_RE =
  /\b(?:javascript|vbscript|livescript)\s*:[^\s"'<>]*|\bdata\s*:\s*[a-z]+\/[^\s"'<>]*|\bfile:\/\/[^\s"'<>]*|\bon[a-z]+\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s"'>]*)/gi;

/** Entities → characters → no markup → no controls, invisible characters or script URLs. */
export function sanitiseText(s: string, options: { directionMarks?: boolean } = {}): string {
  let t = s;
  if (t.includes('&')) t = decodeEntitiesDeep(t);
  if (t.includes('<')) t = stripTags(t);
  t = stripUnsafeChars(t, options);
  if (t.includes(':') || t.includes('=')) t = t.replace(SCRIPT_RESIDUE_RE, '');
  return t;
}
