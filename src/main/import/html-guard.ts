/**
 * A linear pre-scan of HTML before it is parsed: htmlparser2 keeps its open-element stack
 * with unshift/shift, so every element opened at depth d costs O(d), and 300,000 unclosed
 * `<b>` cost minutes. The scan estimates the depth the parser will reach and refuses beyond
 * a limit no real page comes near (news pages nest 20–40 deep).
 */
import { RefusalError } from './refusal-error';

export const MAX_HTML_DEPTH = 50_000;

/** Elements that never hold children, or that the next sibling closes implicitly. */
const NO_DEPTH = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'rb',
  'rt',
  'rp',
]);
const RAW = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
]);

const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** The depth of open elements the parser will reach, at most `limit + 1`. */
export function estimateHtmlDepth(html: string, limit = MAX_HTML_DEPTH): number {
  let depth = 0;
  let max = 0;
  let lower: string | undefined;
  let i = html.indexOf('<');
  while (i >= 0 && i < html.length - 1) {
    const next = html.charCodeAt(i + 1);
    if (next === 0x21 /* ! */ && html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    if (next === 0x2f /* / */) {
      if (depth > 0) depth--;
      i = html.indexOf('<', i + 2);
      continue;
    }
    if (!isLetter(next)) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    let j = i + 1;
    while (j < html.length && (isLetter(html.charCodeAt(j)) || /[\d:-]/.test(html[j] as string)))
      j++;
    const name = html.slice(i + 1, j).toLowerCase();
    const gt = html.indexOf('>', j);
    if (gt < 0) break;
    if (RAW.has(name)) {
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, gt + 1);
      if (close < 0) break;
      i = html.indexOf('<', close + 2);
      continue;
    }
    if (!NO_DEPTH.has(name) && html.charCodeAt(gt - 1) !== 0x2f /* / */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    }
    i = html.indexOf('<', gt + 1);
  }
  return max;
}

/** Throws a refusal when the markup nests deeper than any page needs. */
export function checkHtmlDepth(html: string): void {
  if (estimateHtmlDepth(html) > MAX_HTML_DEPTH) {
    throw new RefusalError(
      'malformed',
      `nests its markup more than ${MAX_HTML_DEPTH.toLocaleString('en-US')} elements deep, which no web page does; it is probably damaged or hostile. Save the article again (e.g. as text) and import that.`,
    );
  }
}
