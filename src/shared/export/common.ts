/** Small helpers shared by the exporters. */
import {
  coverageOf,
  MEDIA_TYPE_LABELS,
  PROMINENCE_LABELS,
  TONE_LABELS,
  type Clipping,
} from '../clipping';
import type { ExportItem } from './types';

export const DEFAULT_TITLE = 'Clipbook export';

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only http(s) links are emitted: a `javascript:` or `file:` URL in a clipping must not become a live link. */
export function safeHttpUrl(url: string): string | undefined {
  return /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : undefined;
}

/** 'YYYY-MM-DD' part of an ISO date, or ''. */
export function datePart(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '';
}

/** [year, month, day] from an ISO date, for CSL date-parts and RIS/BibTeX. */
export function dateParts(iso: string): [number, number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Earliest and latest publication dates ('YYYY-MM-DD'), or undefined when none is known. */
export function dateRange(items: readonly ExportItem[]): { from: string; to: string } | undefined {
  const dates = items
    .map((i) => datePart(i.clipping.publishedAt))
    .filter(Boolean)
    .sort();
  const from = dates[0];
  const to = dates[dates.length - 1];
  return from && to ? { from, to } : undefined;
}

/** The paragraphs an export shows: all of them, or the first (the excerpt). */
export function shownParagraphCount(clipping: Clipping, includeBody: boolean | undefined): number {
  return includeBody ? clipping.paragraphs.length : Math.min(1, clipping.paragraphs.length);
}

export function excerpt(clipping: Clipping): string {
  return clipping.paragraphs[0] ?? '';
}

/** 'Outlet · Section · 2025-03-03 · Maria Lund, Jonas Ek' without empty parts. */
export function metaLine(c: Clipping): string {
  return [c.source, c.section, datePart(c.publishedAt) || c.publishedAt, c.authors.join(', ')]
    .filter(Boolean)
    .join(' · ');
}

export function titleOf(c: Clipping): string {
  return c.title.trim() || 'Untitled';
}

/**
 * A clipping's coverage as labelled values, in reading order, only the fields that are set:
 * [['Media', 'Print'], ['Page', 'A3'], ['Reach', '25,000 (ABC audit)'], …].
 */
export function coverageEntries(c: Clipping): [string, string][] {
  const k = coverageOf(c);
  const out: [string, string][] = [];
  if (k.mediaType) out.push(['Media', MEDIA_TYPE_LABELS[k.mediaType]]);
  if (k.page) out.push(['Page', k.page]);
  if (k.edition) out.push(['Edition', k.edition]);
  if (k.reach !== null) {
    // Grouped the same way in every locale, so exports do not depend on the machine.
    const reach = k.reach.toLocaleString('en-US');
    out.push(['Reach', k.reachSource ? `${reach} (${k.reachSource})` : reach]);
  } else if (k.reachSource) out.push(['Reach source', k.reachSource]);
  if (k.tone) out.push(['Tone', TONE_LABELS[k.tone]]);
  if (k.prominence) out.push(['Prominence', PROMINENCE_LABELS[k.prominence]]);
  if (k.entities.length > 0) out.push(['Entities', k.entities.join(', ')]);
  return out;
}

/** 'Media: Print · Page: A3 · Tone: Negative' without unset fields; '' when none is set. */
export function coverageLine(c: Clipping): string {
  return coverageEntries(c)
    .map(([label, value]) => `${label}: ${value}`)
    .join(' · ');
}
