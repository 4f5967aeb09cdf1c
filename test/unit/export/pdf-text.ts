/** Reads a PDF's text back with pdfjs, one string per page, for the print tests. */

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const g = globalThis as { pdfjsWorker?: unknown };
  // @ts-expect-error -- the worker module ships without type declarations
  g.pdfjsWorker ??= (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as unknown;
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await doc.destroy();
  return pages;
}

/** Compares text regardless of spacing, Arabic presentation forms and ligatures. */
export const squash = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
