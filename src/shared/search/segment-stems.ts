/** The stems dictionary of a segment: built from its terms' languages, and looked up. */
import { compareStrings, lowerBound, type Segment } from './segment';
import { languagesIn, stemIn } from './stem';

/** Ordinals of the terms whose stem is `s` and differs from the term itself. */
export function termsWithStem(seg: Segment, s: string): Uint32Array {
  const i = lowerBound(seg.stems, s);
  if (seg.stems[i] !== s) return new Uint32Array(0);
  return seg.stemTerms.subarray(seg.stemStart[i]!, seg.stemStart[i + 1]!);
}

/** The stems dictionary: every (stem, term) where the term has that stem in a language of its mask. */
export function buildStems(
  terms: readonly string[],
  termLang: Uint32Array,
): Pick<Segment, 'termLang' | 'stems' | 'stemStart' | 'stemTerms'> {
  const entryTerm: number[] = [];
  const entryStem: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    const mask = termLang[i]!;
    if (mask === 0) continue;
    const term = terms[i]!;
    let last = '';
    for (const lang of languagesIn(mask)) {
      const s = stemIn(lang, term);
      // Languages usually agree: one entry per distinct stem.
      if (s === term || s === last) continue;
      if (mask & (mask - 1) && entryTerm.length > 0) {
        let dup = false;
        for (let k = entryTerm.length - 1; k >= 0 && entryTerm[k] === i; k--) {
          if (entryStem[k] === s) dup = true;
        }
        if (dup) continue;
      }
      entryTerm.push(i);
      entryStem.push(s);
      last = s;
    }
  }
  const order = Array.from({ length: entryTerm.length }, (_, k) => k);
  order.sort(
    (a, b) => compareStrings(entryStem[a]!, entryStem[b]!) || entryTerm[a]! - entryTerm[b]!,
  );
  const stems: string[] = [];
  const starts: number[] = [];
  const stemTerms = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    const s = entryStem[e]!;
    if (stems.length === 0 || stems[stems.length - 1] !== s) {
      stems.push(s);
      starts.push(k);
    }
    stemTerms[k] = entryTerm[e]!;
  }
  starts.push(order.length);
  return { termLang, stems, stemStart: Uint32Array.from(starts), stemTerms };
}

/** Whether term `o` is its own stem in one of its languages (so a query stem may be it). */
export function isOwnStem(seg: Segment, o: number): boolean {
  const term = seg.terms[o]!;
  for (const lang of languagesIn(seg.termLang[o]!)) if (stemIn(lang, term) === term) return true;
  return false;
}
