/** The search language as the help sheet explains it (query.ts is what it describes). */
export interface OperatorHelp {
  example: string;
  meaning: string;
}

export const SEARCH_OPERATORS: OperatorHelp[] = [
  { example: 'ban pesticide', meaning: 'Both words (AND is implied; AND also works)' },
  { example: 'ban OR moratorium', meaning: 'Either word' },
  { example: 'ban NOT sport', meaning: 'Without what follows NOT (also -sport, AND NOT)' },
  { example: '"climate change"', meaning: 'The exact phrase (quoted words are not stemmed)' },
  { example: '(ban OR moratorium) pesticide', meaning: 'Parentheses group, to any depth' },
  { example: 'ban w/5 pesticide', meaning: 'Within 5 words, either order (near/5 is the same)' },
  { example: 'ban pre/3 pesticide', meaning: 'The first word at most 3 words before the second' },
  { example: 'ban w/s pesticide', meaning: 'In the same sentence' },
  { example: 'ban w/p pesticide', meaning: 'In the same paragraph' },
  { example: 'pesticid*  wom?n', meaning: '* any ending (anywhere in a word), ? one letter' },
  { example: 'atleast3(vote)', meaning: 'The word at least 3 times' },
  {
    example: 'title:ban  lead:ban  text:ban  note:ban',
    meaning: 'In the title, the first paragraph, the text, or the notes',
  },
  {
    example: 'tag:politics  source:guardian  author:kovac',
    meaning: 'Tag (and below it), outlet, author',
  },
  {
    example: 'lang:de  before:2024  after:2024-03',
    meaning: 'Language, published before / on or after',
  },
  { example: 'has:highlights  has:note', meaning: 'Clippings with highlights or a note' },
];

/** Tightest first, as in Nexis (Factiva binds OR last: add parentheses to be sure). */
export const SEARCH_PRECEDENCE = [
  '( ) parentheses; -word, title: and the other scopes, atleastN( )',
  'OR',
  'w/N, pre/N, near/N (smallest N first), then w/s, then w/p',
  'AND (also between words with nothing between them)',
  'NOT: everything after it is excluded',
];

export const SEARCH_NOTES = [
  'Words match their other forms (elections → election) in each article’s language; Chinese and Japanese text is split into words.',
  'Case and accents do not matter. Operators may be typed in lower case; put "and", "or" or "not" in quotes to search for the word.',
  'While you type, the last word also matches the words it begins.',
];
