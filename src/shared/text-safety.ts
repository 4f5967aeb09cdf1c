/**
 * Characters that never belong in stored text or in a file name: controls, bidirectional
 * overrides and isolates (they make text display as something else, "Trojan Source"),
 * Unicode tag characters (invisible ASCII smuggled into text), Hangul fillers and other
 * invisible format characters. One definition for the import engine and the exports.
 */

// Control characters and invisible format characters are exactly what these classes match.
/* eslint-disable no-control-regex, no-misleading-character-class */
/**
 * C0 controls except tab and line breaks, DEL, C1 controls, the Arabic letter mark U+061C,
 * Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), Khmer inherent vowels U+17B4/U+17B5, the
 * Mongolian vowel separator U+180E, zero-width space, bidi embeddings/overrides U+202A–202E,
 * word joiner, invisible operators and isolates U+2060–206F, BOM, interlinear annotation
 * U+FFF9–FFFB, and the tag characters U+E0000–E007F. A tag sequence after U+1F3F4 (the
 * flags of England, Scotland and Wales) is the one place tags belong, and is kept.
 */
const UNSAFE_RE =
  /(\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,16}\u{E007F})|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{E0000}-\u{E007F}]/gu;
const UNSAFE_TEST_RE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{E0000}-\u{E007F}]/u;
const UNSAFE_GLOBAL_RE = new RegExp(UNSAFE_TEST_RE.source, 'gu');
/** Left-to-right and right-to-left marks: right in running text, invisible noise in names. */
const DIRECTION_MARKS_RE = /[\u200e\u200f]/g;
/**
 * More than 30 combining marks in a row is never writing (UAX #15's stream-safe limit) and
 * makes normalisation quadratic (canonical reordering sorts the run).
 */
const MARK_RUN_RE = /(\p{M}{30})\p{M}+/gu;
const MARK_RUN_TEST_RE = /\p{M}{31}/u;
/** Only text outside Latin-1 can hold any of the above (besides C0/C1, tested apart). */
const BEYOND_ASCII_PRINTABLE_RE = /[^\t\n\r\x20-\x7e]/;
/* eslint-enable no-control-regex, no-misleading-character-class */

export interface UnsafeCharOptions {
  /** Also drop U+200E/U+200F (single-line fields and file names). */
  directionMarks?: boolean;
}

/** Removes the characters listed above; plain printable text is returned as it is. */
export function stripUnsafeChars(s: string, options: UnsafeCharOptions = {}): string {
  if (!BEYOND_ASCII_PRINTABLE_RE.test(s)) return s;
  // The callback form only when a flag tag sequence may be there: it is much slower.
  let t = !UNSAFE_TEST_RE.test(s)
    ? s
    : s.includes('\u{1F3F4}')
      ? s.replace(UNSAFE_RE, (_m, flag?: string) => flag ?? '')
      : s.replace(UNSAFE_GLOBAL_RE, '');
  if (options.directionMarks) t = t.replace(DIRECTION_MARKS_RE, '');
  return capMarkRuns(t);
}

/**
 * Cuts runs of combining marks to 30. Call it before any normalize(): canonical reordering
 * is quadratic in the run (100,000 alternating marks: 6.7 s, 200,000: 28 s, measured).
 */
export function capMarkRuns(s: string): string {
  return MARK_RUN_TEST_RE.test(s) ? s.replace(MARK_RUN_RE, '$1') : s;
}

/** True when `s` holds a character `stripUnsafeChars` would remove (tests, checks). */
export function hasUnsafeChars(s: string): boolean {
  const t = s.replace(/\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,16}\u{E007F}/gu, '');
  return UNSAFE_TEST_RE.test(t) || MARK_RUN_TEST_RE.test(t);
}
