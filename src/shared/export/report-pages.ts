/**
 * Page numbers for a printed contents list. Chromium has no `target-counter()`, so the report
 * is printed twice: the contents list holds one fixed-width slot per entry, the first print
 * tells on which page each target landed (see src/main/export/report-pdf.ts), the numbers are
 * written into the slots and the document printed again. The slots' width does not depend on
 * what they hold, so filling them moves nothing.
 */
import { escapeHtml } from './common';

const SLOT = /<span class="toc-page" data-page-of="([A-Za-z0-9_-]+)">[^<]*<\/span>/g;

/** An empty slot for the page of the element with this id (ids: letters, digits, - and _). */
export function pageSlot(id: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`Bad page slot id ${id}`);
  return `<span class="toc-page" data-page-of="${id}"></span>`;
}

/** The ids whose pages the document's slots ask for, in document order. */
export function pageSlotTargets(html: string): string[] {
  return [...html.matchAll(SLOT)].map((m) => m[1] as string);
}

/** The document with each slot holding its target's page (1-based); unknown ones stay empty. */
export function fillPageSlots(html: string, pages: ReadonlyMap<string, number>): string {
  return html.replace(SLOT, (_all, id: string) => {
    const page = pages.get(id);
    return `<span class="toc-page" data-page-of="${id}">${page === undefined ? '' : escapeHtml(String(page))}</span>`;
  });
}
