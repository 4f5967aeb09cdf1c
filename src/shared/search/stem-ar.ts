/**
 * Light Arabic stemming: the article (with a leading conjunction or preposition) and common
 * plural and pronoun suffixes, on folded words (ة is already ه, أ/إ/آ are already ا).
 * Snowball's Arabic stemmer was measured and not taken: on folded words it conflates
 * neither الحكومه/حكومات (→ حكومه, حكوما) nor strips و+ال (والكتاب stays), which this does.
 */
const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const AR_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

export function stemArabic(word: string): string {
  let w = word;
  for (const prefix of AR_PREFIXES) {
    if (w.length - prefix.length >= 3 && w.startsWith(prefix)) {
      w = w.slice(prefix.length);
      break;
    }
  }
  for (const suffix of AR_SUFFIXES) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
}
