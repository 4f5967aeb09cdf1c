/**
 * Prints a document whose contents list has page-number slots (src/shared/export/report-pages.ts)
 * with its numbers filled in. Chromium has no target-counter(), but it writes a named
 * destination for every element an internal link points to: the first print says on which page
 * each contents target starts, the numbers go into the slots, and the document is printed again.
 * The slots are fixed-width, so the second print lays out like the first; should it not (a
 * number wider than its slot), the pages are read again, at most three prints in all.
 * No Electron here: the printer is passed in (Electron's printToPDF in the app, Playwright's
 * page.pdf in tests and benchmarks).
 */
import { fillPageSlots, pageSlotTargets } from '@shared/export/report-pages';
import { loadPdfjs } from '../import/pdfjs';

export type PrintPdf = (html: string) => Promise<Uint8Array>;

const MAX_PRINTS = 3;

/** The 1-based page of each named destination of the PDF that is among `ids`. */
export async function destinationPages(
  pdf: Uint8Array,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const pdfjs = await loadPdfjs();
  // pdfjs may transfer the buffer it is given: hand it a copy.
  const doc = await pdfjs.getDocument({
    data: pdf.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  try {
    const dests = (await doc.getDestinations()) as Record<string, unknown[] | null>;
    const pages = new Map<string, number>();
    for (const id of ids) {
      const ref = dests[id]?.[0];
      if (!ref) continue;
      const index =
        typeof ref === 'number'
          ? ref
          : await doc.getPageIndex(ref as Parameters<typeof doc.getPageIndex>[0]);
      pages.set(id, index + 1);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

const same = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean =>
  a.size === b.size && [...a].every(([k, n]) => b.get(k) === n);

/** The PDF of `html`, its contents' page numbers computed; one print when it has no slots. */
export async function printWithPageNumbers(
  html: string,
  print: PrintPdf,
): Promise<{ pdf: Uint8Array; prints: number; pages: Map<string, number> }> {
  const ids = pageSlotTargets(html);
  let pdf = await print(html);
  if (ids.length === 0) return { pdf, prints: 1, pages: new Map() };
  let pages = await destinationPages(pdf, ids);
  let prints = 1;
  while (prints < MAX_PRINTS) {
    pdf = await print(fillPageSlots(html, pages));
    prints += 1;
    const now = await destinationPages(pdf, ids);
    if (same(now, pages)) break;
    pages = now;
  }
  return { pdf, prints, pages };
}
