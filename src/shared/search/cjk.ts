/**
 * Chinese and Japanese are written without spaces: a run of their letters is split into
 * words by Intl.Segmenter (ICU's dictionary-based word breaking, in Node and Chromium alike)
 * so that a word inside a sentence can be found. Korean is written with spaces and needs none.
 */

/** Han ideographs, kana and their compatibility and extension blocks. */
export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff66 && cp <= 0xff9f) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}

const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/;
let zh: Intl.Segmenter | null = null;
let ja: Intl.Segmenter | null = null;

/** Calls `fn` with the [start, end) of each word of text[start, end) (a run of letters). */
export function forEachCjkWord(
  text: string,
  start: number,
  end: number,
  fn: (start: number, end: number) => void,
): void {
  const run = text.slice(start, end);
  // Kana make it Japanese; Han alone is read as Chinese (ICU shares one dictionary).
  const segmenter = KANA.test(run)
    ? (ja ??= new Intl.Segmenter('ja', { granularity: 'word' }))
    : (zh ??= new Intl.Segmenter('zh', { granularity: 'word' }));
  for (const s of segmenter.segment(run)) {
    if (s.isWordLike) fn(start + s.index, start + s.index + s.segment.length);
  }
}
