/**
 * A clipping's text as a compact sketch for finding its copies: a consistent sample of the
 * hashes of its 5-word shingles (Broder's MOD-m sample: a shingle is kept when its hash is
 * divisible by SAMPLE_MOD, so two copies keep the same shingles of the text they share, and
 * the share of kept shingles two texts have in common estimates their containment), plus a
 * hash per paragraph so that an outlet's repeated template paragraphs can be left out.
 * Headline, byline block and outlet boilerplate ("Read more", "Sign up", copyright lines)
 * are not part of the sketch: copies differ there and nowhere else.
 */
import { detectAgency } from './agency';

/** Words per shingle: long enough that rival reports with the same names rarely share one. */
export const SHINGLE_WORDS = 5;
/** One shingle in SAMPLE_MOD is kept (≈ 150 hashes for a 600-word article). */
export const SAMPLE_MOD = 4;

export interface StorySketch {
  /** Kept shingle hashes, in text order; paragraph p owns [paraEnds[p-1] ?? 0, paraEnds[p]). */
  samples: Uint32Array;
  paraEnds: Uint32Array;
  /** A hash of each compared paragraph's words (template paragraphs repeat exactly). */
  paraHashes: Uint32Array;
  /** Shingles in the compared text (kept or not). */
  shingles: number;
  /** Canonical name of the wire or agency the text credits, or ''. */
  agency: string;
}

export interface SketchInput {
  paragraphs: readonly string[];
}

// Scripts written without spaces between words: each character is a token.
const UNSPACED = new RegExp(
  '^[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}]$',
  'u',
);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const SEPARATOR = 1;
const WORD = 2;
const ALONE = 3;
/** Each BMP character's class, looked up once (0: not yet): a regex per text cost a third of sketching. */
const CLASSES = new Uint8Array(65536);
for (let c = 0; c < 128; c++)
  CLASSES[c] =
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? WORD : SEPARATOR;

function classOf(cp: number): number {
  if (cp < 65536) {
    const known = CLASSES[cp] as number;
    if (known !== 0) return known;
  }
  const ch = String.fromCodePoint(cp);
  const kind = UNSPACED.test(ch) ? ALONE : WORD_CHAR.test(ch) ? WORD : SEPARATOR;
  if (cp < 65536) CLASSES[cp] = kind;
  return kind;
}

/**
 * Pushes [start, end) of each token of `text` (already folded) onto `out`: a run of letters,
 * digits and marks, or one character of an unspaced script. Returns the number of tokens.
 */
function tokenSpans(text: string, out: number[]): number {
  let tokens = 0;
  let start = -1;
  for (let i = 0; i < text.length;) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const kind = cp < 128 ? (CLASSES[cp] as number) : classOf(cp);
    if (kind !== WORD && start >= 0) {
      out.push(start, i);
      tokens++;
      start = -1;
    }
    if (kind === WORD) {
      if (start < 0) start = i;
    } else if (kind === ALONE) {
      out.push(i, i + width);
      tokens++;
    }
    i += width;
  }
  if (start >= 0) {
    out.push(start, text.length);
    tokens++;
  }
  return tokens;
}

/** NFKC leaves ASCII as it is: skipping it there saved ≈ 8% of sketching's CPU (10,000 files). */
const NOT_ASCII = /[\u0080-\uffff]/;

function fold(text: string): string {
  return (NOT_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase();
}

const BOILERPLATE_START =
  /^(?:read more|read also|also read|more:|more from|related:|related stories|related articles|see also|recommended|advertisement|sponsored|subscribe|sign up|sign-up|follow us|follow @|share this|share on|click here|download our app|get our newsletter|©|\(c\)|copyright|all rights reserved|this article (?:was|is) (?:originally )?(?:published|republished)|photo:|image:|picture:|watch:|listen:)/iu;
const BYLINE = /^(?:by|von|par|por|di|door|av|af)\s+\p{Lu}/u;

/** Whether a paragraph is outlet furniture rather than the story's text. */
export function isBoilerplate(paragraph: string, words: number): boolean {
  if (words <= 3) return true;
  const text = paragraph.trim();
  if (words <= 30 && BOILERPLATE_START.test(text)) return true;
  if (words <= 12 && BYLINE.test(text)) return true;
  return false;
}

/** FNV-1a over the UTF-16 units of s[start, end), finished with murmur3's mixer. */
function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix(h);
}

function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Lower-cased, compatibility-folded words of a text (characters for unspaced scripts). */
export function storyTokens(text: string): string[] {
  const folded = fold(text);
  const spans: number[] = [];
  tokenSpans(folded, spans);
  const out: string[] = [];
  for (let k = 0; k < spans.length; k += 2) out.push(folded.slice(spans[k], spans[k + 1]));
  return out;
}

/** Scratch space reused by every sketch: allocating it per clipping was a fifth of the time. */
let tokenHashes = new Uint32Array(4096);
const spans: number[] = [];

export function sketchOf(input: SketchInput): StorySketch {
  let length = 0;
  /** Index in tokenHashes where each compared paragraph starts. */
  const starts: number[] = [];
  const paraHashes: number[] = [];
  for (const paragraph of input.paragraphs) {
    const folded = fold(paragraph);
    spans.length = 0;
    const tokens = tokenSpans(folded, spans);
    if (isBoilerplate(paragraph, tokens)) continue;
    starts.push(length);
    if (length + tokens > tokenHashes.length) {
      const grown = new Uint32Array(Math.max(2 * tokenHashes.length, length + tokens));
      grown.set(tokenHashes.subarray(0, length));
      tokenHashes = grown;
    }
    let ph = 0x9e3779b9;
    for (let k = 0; k < spans.length; k += 2) {
      const h = hashRange(folded, spans[k] as number, spans[k + 1] as number);
      tokenHashes[length++] = h;
      ph = mix(ph ^ h) + 0x632be5ab;
    }
    paraHashes.push(mix(ph ^ tokens));
  }
  // Shingles run across paragraph breaks (copies rewrap paragraphs); each belongs to the
  // paragraph it starts in.
  const count = Math.max(0, length - SHINGLE_WORDS + 1);
  const samples: number[] = [];
  const paraEnds: number[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    while (p + 1 < starts.length && (starts[p + 1] as number) <= i) {
      paraEnds.push(samples.length);
      p++;
    }
    let h = 0x2545f491;
    for (let k = 0; k < SHINGLE_WORDS; k++) h = mix(h ^ (tokenHashes[i + k] as number));
    if (h % SAMPLE_MOD === 0) samples.push(h);
  }
  // A text shorter than one shingle is one shingle of all its words, always kept.
  if (count === 0 && length > 0) {
    let h = 0x2545f491;
    for (let i = 0; i < length; i++) h = mix(h ^ (tokenHashes[i] as number));
    samples.push(h - (h % SAMPLE_MOD));
  }
  while (paraEnds.length < starts.length) paraEnds.push(samples.length);
  return {
    samples: Uint32Array.from(samples),
    paraEnds: Uint32Array.from(paraEnds),
    paraHashes: Uint32Array.from(paraHashes),
    shingles: Math.max(count, length > 0 ? 1 : 0),
    agency: detectAgency(input.paragraphs),
  };
}
