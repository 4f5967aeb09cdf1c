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
    // A surrogate pair is one code point; a lone surrogate is its own.
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
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

/** murmur3's finaliser, as an unsigned 32-bit number. */
function mix(x: number): number {
  return mixBits(x) >>> 0;
}

/**
 * The same bits as mix, as a signed 32-bit number: the hot loops stay in small integers
 * (an unsigned result above 2^31 is a heap number). Stored in a Uint32Array it is mix's value.
 */
function mixBits(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Scratch space reused by every sketch: allocating it per clipping was a fifth of the time. */
let tokenHashes = new Uint32Array(4096);
let kept = new Uint32Array(1024);

/**
 * Hashes each token of `text` as FNV-1a over its UTF-16 units lower-cased (then murmur3's
 * mixer), writing the hashes into tokenHashes from `at`; tokens as tokenSpans finds them.
 * One pass with no list of spans, and A–Z are lowered here, so an ASCII paragraph is neither
 * scanned for other characters first nor copied by toLowerCase: `raw` text gives up (-1) at
 * its first non-ASCII character, to be folded and hashed again. Otherwise returns the number
 * of tokens. Sketching 10,000 generated files: ≈ 600 CPU-ms with a fold, tokenSpans and a hash
 * per span, ≈ 470 this way (same sketches).
 */
function hashTokens(text: string, at: number, raw: boolean): number {
  let n = 0;
  let h = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (CLASSES[c] === WORD) {
        if (!inWord) {
          h = FNV_OFFSET;
          inWord = true;
        }
        if (c <= 90 && c >= 65) c += 32;
        h = Math.imul(h ^ c, FNV_PRIME);
      } else if (inWord) {
        if (at + n >= tokenHashes.length) growTokens(at + n + 1);
        tokenHashes[at + n++] = mixBits(h);
        inWord = false;
      }
      continue;
    }
    if (raw) return -1;
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const kind = classOf(cp);
    if (kind === WORD) {
      if (!inWord) {
        h = FNV_OFFSET;
        inWord = true;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
      if (width === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
    } else {
      if (inWord) {
        if (at + n >= tokenHashes.length) growTokens(at + n + 1);
        tokenHashes[at + n++] = mixBits(h);
        inWord = false;
      }
      if (kind === ALONE) {
        let a = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
        if (width === 2) a = Math.imul(a ^ text.charCodeAt(i + 1), FNV_PRIME);
        if (at + n >= tokenHashes.length) growTokens(at + n + 1);
        tokenHashes[at + n++] = mixBits(a);
      }
    }
    i += width - 1;
  }
  if (inWord) {
    if (at + n >= tokenHashes.length) growTokens(at + n + 1);
    tokenHashes[at + n++] = mixBits(h);
  }
  return n;
}

function growTokens(size: number): void {
  const grown = new Uint32Array(Math.max(2 * tokenHashes.length, size));
  grown.set(tokenHashes);
  tokenHashes = grown;
}

export function sketchOf(input: SketchInput): StorySketch {
  let length = 0;
  /** Index in tokenHashes where each compared paragraph starts. */
  const starts: number[] = [];
  const paraHashes: number[] = [];
  for (const paragraph of input.paragraphs) {
    // Folded as fold() does, but ASCII is lowered while hashing.
    let tokens = hashTokens(paragraph, length, true);
    if (tokens < 0) tokens = hashTokens(paragraph.normalize('NFKC').toLowerCase(), length, false);
    // A boilerplate paragraph's hashes are overwritten by the next one's.
    if (isBoilerplate(paragraph, tokens)) continue;
    starts.push(length);
    let ph = 0x9e3779b9;
    for (let k = length; k < length + tokens; k++)
      ph = mixBits(ph ^ (tokenHashes[k] as number)) + 0x632be5ab;
    length += tokens;
    paraHashes.push(mix(ph ^ tokens));
  }
  // Shingles run across paragraph breaks (copies rewrap paragraphs); each belongs to the
  // paragraph it starts in.
  const count = Math.max(0, length - SHINGLE_WORDS + 1);
  if (kept.length < count + 1) kept = new Uint32Array(Math.max(2 * kept.length, count + 1));
  let sampled = 0;
  const paraEnds: number[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    while (p + 1 < starts.length && (starts[p + 1] as number) <= i) {
      paraEnds.push(sampled);
      p++;
    }
    let h = 0x2545f491;
    for (let k = 0; k < SHINGLE_WORDS; k++) h = mixBits(h ^ (tokenHashes[i + k] as number));
    // SAMPLE_MOD is a power of two: the low bits say whether the unsigned hash is kept.
    if ((h & (SAMPLE_MOD - 1)) === 0) kept[sampled++] = h;
  }
  // A text shorter than one shingle is one shingle of all its words, always kept.
  if (count === 0 && length > 0) {
    let h = 0x2545f491;
    for (let i = 0; i < length; i++) h = mix(h ^ (tokenHashes[i] as number));
    kept[sampled++] = h - (h % SAMPLE_MOD);
  }
  while (paraEnds.length < starts.length) paraEnds.push(sampled);
  return {
    samples: kept.slice(0, sampled),
    paraEnds: Uint32Array.from(paraEnds),
    paraHashes: Uint32Array.from(paraHashes),
    shingles: Math.max(count, length > 0 ? 1 : 0),
    agency: detectAgency(input.paragraphs),
  };
}
