/**
 * Which wire or news agency a text credits, from the places agencies sign their copy: the
 * dateline ("LONDON (Reuters) -", "PARIS, March 3 (AFP) —"), a credit at the end ("— AFP",
 * "Reporting by …; Editing by …", "Copyright … The Associated Press") or an outlet's
 * "(dpa)" tag. Names alone in the body ("Reuters reported…") do not count.
 */

interface Agency {
  name: string;
  /** Short forms as agencies sign (case-sensitive: "AP" the agency, not "ap" the word). */
  marks: readonly string[];
}

const AGENCIES: readonly Agency[] = [
  { name: 'Reuters', marks: ['Reuters', 'REUTERS', 'Thomson Reuters'] },
  { name: 'Associated Press', marks: ['AP', 'Associated Press', 'The Associated Press'] },
  { name: 'AFP', marks: ['AFP', 'Agence France-Presse', 'Agence France Presse'] },
  { name: 'dpa', marks: ['dpa', 'DPA', 'Deutsche Presse-Agentur'] },
  { name: 'Bloomberg', marks: ['Bloomberg'] },
  { name: 'PA Media', marks: ['PA', 'PA Media', 'Press Association'] },
  { name: 'ANSA', marks: ['ANSA'] },
  { name: 'EFE', marks: ['EFE'] },
  { name: 'Europa Press', marks: ['Europa Press'] },
  { name: 'Xinhua', marks: ['Xinhua'] },
  { name: 'Kyodo', marks: ['Kyodo'] },
  { name: 'Yonhap', marks: ['Yonhap'] },
  { name: 'ANP', marks: ['ANP'] },
  { name: 'Belga', marks: ['Belga'] },
  { name: 'APA', marks: ['APA'] },
  { name: 'TASS', marks: ['TASS'] },
  { name: 'Interfax', marks: ['Interfax'] },
  { name: 'UPI', marks: ['UPI'] },
  { name: 'Canadian Press', marks: ['CP', 'The Canadian Press'] },
  { name: 'AAP', marks: ['AAP', 'Australian Associated Press'] },
  { name: 'Anadolu', marks: ['Anadolu', 'AA'] },
  { name: 'Lusa', marks: ['Lusa'] },
  { name: 'NTB', marks: ['NTB'] },
  { name: 'TT', marks: ['TT'] },
  { name: 'Ritzau', marks: ['Ritzau'] },
  { name: 'PAP', marks: ['PAP'] },
  { name: 'ČTK', marks: ['ČTK', 'CTK'] },
];

const BY_MARK = new Map<string, string>();
for (const a of AGENCIES) for (const m of a.marks) BY_MARK.set(m, a.name);
const MARKS = [...BY_MARK.keys()]
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

/** "(Reuters)" or "(AP) —" anywhere in the first paragraph: the dateline. */
const DATELINE = new RegExp(`\\((${MARKS})\\)`, 'u');
/** "LONDON, March 3 - Reuters -" / "BERLIN, dpa -" style, at the start. */
const LEADING = new RegExp(`^[^.!?]{0,80}?[,\\s](${MARKS})\\s*[-–—:]`, 'u');
/** A credit closing the text: "— AFP", "(dpa/xyz)", "Copyright 2024 The Associated Press". */
const TRAILING = new RegExp(
  `(?:^|[-–—(/]\\s*)(${MARKS})(?:\\s*[/)][^\\s]*)?\\s*\\.?\\s*$|(?:copyright|©)[^.]{0,40}?(${MARKS})\\b`,
  'iu',
);
const REUTERS_CREDIT = /^\(?(?:reporting by|additional reporting by)\b.*(?:editing by)/iu;

function canonical(mark: string | undefined): string {
  if (!mark) return '';
  return BY_MARK.get(mark) ?? BY_MARK.get(mark.toUpperCase()) ?? '';
}

/** The canonical agency name a text is signed with, or ''. */
export function detectAgency(paragraphs: readonly string[]): string {
  const first = paragraphs.find((p) => p.trim() !== '')?.trim() ?? '';
  const head = first.slice(0, 200);
  const dateline = DATELINE.exec(head) ?? LEADING.exec(head);
  if (dateline) return canonical(dateline[1]);
  const tail = paragraphs.slice(-3).reverse();
  for (const p of tail) {
    const text = p.trim();
    if (text.length > 300) continue;
    if (REUTERS_CREDIT.test(text)) return 'Reuters';
    const m = TRAILING.exec(text);
    // Case-insensitive only for the copyright form; a bare trailing mark must match as written.
    if (m?.[1] && BY_MARK.has(m[1])) return canonical(m[1]);
    if (m?.[2]) return canonical(m[2]) || canonical(m[2].replace(/^the /i, 'The '));
  }
  return '';
}

/** Whether an outlet name is the agency itself ("Reuters", "AP News", "AFP"). */
export function isAgencySource(source: string, agency: string): boolean {
  if (!agency || !source) return false;
  const s = source.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ' ');
  const marks = AGENCIES.find((a) => a.name === agency)?.marks ?? [];
  return [agency, ...marks].some((m) => {
    const k = m.toLowerCase();
    return s === k || s.startsWith(`${k} `) || s.endsWith(` ${k}`);
  });
}
