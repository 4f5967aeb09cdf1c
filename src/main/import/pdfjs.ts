/**
 * pdfjs-dist for Node code (the import worker, the PDF report's page finding): loaded once,
 * lazily, with its worker code in the same thread.
 */
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ensureDomMatrix } from './dom-matrix';

export type PdfjsModule = typeof Pdfjs;
let pdfjsPromise: Promise<PdfjsModule> | null = null;

/**
 * pdfjs is loaded lazily and runs its worker code in this thread. It is ESM-only; the build
 * bundles it into the import worker's own CommonJS chunks, so nothing is import()ed from
 * node_modules inside the asar. DOMMatrix first: pdfjs constructs one at load (dom-matrix.ts).
 */
export async function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= (async () => {
    ensureDomMatrix();
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!g.pdfjsWorker) {
      // @ts-expect-error -- the worker module ships without type declarations
      g.pdfjsWorker = (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as unknown;
    }
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsPromise;
}
