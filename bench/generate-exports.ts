/**
 * Generated Nexis Uni DOCX exports of 100 articles for benchmarks, in two shapes of about
 * 2 MB each: "news" (news-length articles, ~600 words in the vocabulary of the generated
 * text articles, so that both kinds cost the search index alike, with an image part per
 * document: incompressible bytes the zip guard inflates and checks but nothing parses) and
 * "long" (all text: 100 features of ~4,900 made-up words). Search hits are bold runs, as
 * Nexis marks them.
 */
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { nexisDocx, type NexisDoc } from '../test/unit/import/export-builders';
import { makeRandom, paragraph } from './generate-articles';

export const ARTICLES_PER_EXPORT = 100;
export type ExportShape = 'news' | 'long';

/** 9 paragraphs of ~60 words for a news article; 86 of ~57 for a feature filling 2 MB alone. */
const NEWS_PARAGRAPHS = 9;
const LONG_PARAGRAPHS = 86;
/** Bytes of image per document in the news shape (about 2 MB per export in all). */
const IMAGE_BYTES = 17_000;

/**
 * A large vocabulary of made-up words: the text does not compress much better than real
 * prose does, so 100 articles of feature length make a DOCX of about 2 MB.
 */
function vocabulary(random: () => number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyzéü';
  return Array.from({ length: 30_000 }, () => {
    let w = '';
    for (let n = 2 + Math.floor(random() * 8); n > 0; n--)
      w += letters[Math.floor(random() * letters.length)];
    return w;
  });
}

function exportDocs(seed: number, paragraphCount: number): NexisDoc[] {
  const random = makeRandom(seed);
  const words = vocabulary(random);
  const pick = (): string => words[Math.floor(random() * words.length)] as string;
  const sentence = (n: number): string => {
    const s = Array.from({ length: n }, pick).join(' ');
    return `${s[0]?.toUpperCase()}${s.slice(1)}.`;
  };
  const hits = ['harbour', 'port'];
  return Array.from({ length: ARTICLES_PER_EXPORT }, (_, i) => {
    const paragraphs = Array.from({ length: paragraphCount }, () =>
      (paragraphCount === NEWS_PARAGRAPHS
        ? paragraph(random, 'en')
        : Array.from({ length: 4 }, () => sentence(14)).join(' ')
      ).replace(/^(\S+ \S+ \S+)/, '$1 harbour'),
    );
    const id = `${seed.toString(36).toUpperCase().padStart(4, '0')}-${String(i).padStart(4, '0')}-BNCH-0000-00000-00`;
    return {
      id,
      title: `${sentence(9).slice(0, -1)} ${seed}-${i}`,
      outlet: ['The Harbour Gazette (Northtown)', 'Port Courier', 'Die Hafenzeitung'][
        i % 3
      ] as string,
      dateLine: `March ${1 + (i % 28)}, 2024 Thursday`,
      section: 'NEWS; Pg. 4',
      length: 800,
      byline: 'Maria Lund and Tom Price',
      body: paragraphs,
      loadDate: 'March 30, 2024',
      language: 'ENGLISH',
      hits,
    };
  });
}

/** One export of the given shape; `seed` makes its articles (and their IDs) its own. */
export function nexisExport(seed: number, shape: ExportShape): Uint8Array {
  if (shape === 'long') return nexisDocx(exportDocs(seed, LONG_PARAGRAPHS));
  const random = makeRandom(seed * 7919);
  const images = Array.from({ length: ARTICLES_PER_EXPORT }, (_, i) => ({
    name: `word/media/image${i + 1}.png`,
    data: Uint8Array.from({ length: IMAGE_BYTES }, () => Math.floor(random() * 256)),
  }));
  return nexisDocx(exportDocs(seed, NEWS_PARAGRAPHS), images);
}

/** Writes `files` exports into `dir`; returns their paths and total size. */
export async function writeNexisExports(
  dir: string,
  files: number,
  shape: ExportShape,
): Promise<{ paths: string[]; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  let bytes = 0;
  for (let f = 0; f < files; f++) {
    const data = nexisExport(f + 1, shape);
    bytes += data.length;
    const path = join(dir, `nexis-${String(f + 1).padStart(3, '0')}.docx`);
    writeFileSync(path, data);
    paths.push(path);
  }
  return { paths, bytes };
}
