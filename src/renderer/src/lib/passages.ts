/**
 * The Highlights view's rows: every highlight in the library with what the view shows and
 * filters by of its clipping (title, outlet, date, tone). Filtering is one pass over plain
 * rows with everything that does not depend on the row worked out first; words are matched
 * against a folded text built once per row, on the first word filter.
 */
import { tagCovers, type Highlight, type HighlightColor } from '@shared/annotations';
import type { Tone } from '@shared/clipping';
import type { ClippingSummary } from './db';

export interface PassageRow {
  id: string;
  clippingId: string;
  quote: string;
  color: HighlightColor;
  note: string;
  tags: readonly string[];
  start: number;
  title: string;
  source: string;
  publishedAt: string;
  tone: Tone | '';
  /** Lower-cased quote, note, tags and title, made on first need. */
  folded?: string;
}

export interface PassageFilter {
  /** Empty: every colour. */
  colors: readonly HighlightColor[];
  /** The highlight's own tags (hierarchy-aware); '' for any. */
  tag: string;
  /** The clipping's outlet, compared case-insensitively; '' for any. */
  source: string;
  /** Inclusive YYYY-MM-DD bounds on the clipping's publication date, or ''. */
  from: string;
  to: string;
  /** The clipping's tone; '' for any, 'unset' for clippings without one. */
  tone: Tone | '' | 'unset';
  /** Every word must appear in the quote, note, tags or title. */
  words: string;
}

export function emptyPassageFilter(): PassageFilter {
  return { colors: [], tag: '', source: '', from: '', to: '', tone: '', words: '' };
}

export function isFiltering(f: PassageFilter): boolean {
  return (
    f.colors.length > 0 || !!f.tag || !!f.source || !!f.from || !!f.to || !!f.tone || !!f.words.trim()
  );
}

/**
 * Rows for the highlights of live clippings, newest clipping first and in text order within
 * one, from the highlights and the summaries the library already holds.
 */
export function passageRows(
  highlights: readonly Highlight[],
  summary: (id: string) => ClippingSummary | undefined,
): PassageRow[] {
  const rows: PassageRow[] = [];
  for (const h of highlights) {
    const s = summary(h.clippingId);
    if (!s || s.deletedAt) continue;
    rows.push({
      id: h.id,
      clippingId: h.clippingId,
      quote: h.quote.exact,
      color: h.color,
      note: h.note,
      tags: h.tags,
      start: h.position.start,
      title: s.title,
      source: s.source,
      publishedAt: s.publishedAt,
      tone: s.tone ?? '',
    });
  }
  rows.sort((a, b) =>
    a.publishedAt === b.publishedAt
      ? a.clippingId === b.clippingId
        ? a.start - b.start
        : a.clippingId < b.clippingId
          ? -1
          : 1
      : a.publishedAt < b.publishedAt
        ? 1
        : -1,
  );
  return rows;
}

function fold(row: PassageRow): string {
  row.folded ??= `${row.quote}\n${row.note}\n${row.tags.join(' ')}\n${row.title}`.toLowerCase();
  return row.folded;
}

/** The rows (already in view order) that pass `f`, in that order. */
export function filterPassages(rows: readonly PassageRow[], f: PassageFilter): PassageRow[] {
  const colors = f.colors.length > 0 ? new Set(f.colors) : null;
  const tag = f.tag;
  const source = f.source.toLowerCase();
  const { from, to, tone } = f;
  const words = f.words.toLowerCase().split(/\s+/).filter(Boolean);
  if (!colors && !tag && !source && !from && !to && !tone && words.length === 0) {
    return rows.slice();
  }
  const out: PassageRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as PassageRow;
    if (colors && !colors.has(r.color)) continue;
    if (source && r.source.toLowerCase() !== source) continue;
    if (from && (!r.publishedAt || r.publishedAt.slice(0, 10) < from)) continue;
    if (to && (!r.publishedAt || r.publishedAt.slice(0, 10) > to)) continue;
    if (tone && (tone === 'unset' ? r.tone !== '' : r.tone !== tone)) continue;
    if (tag && !r.tags.some((t) => tagCovers(tag, t))) continue;
    if (words.length > 0) {
      const text = fold(r);
      if (!words.every((w) => text.includes(w))) continue;
    }
    out.push(r);
  }
  return out;
}

/** Colours whose user-given name (or colour word) matches `text`, for "filter by a colour's name". */
export function colorsNamed(
  text: string,
  names: Partial<Record<HighlightColor, string>>,
  all: readonly HighlightColor[],
): HighlightColor[] {
  const t = text.trim().toLowerCase();
  if (!t) return [];
  return all.filter((c) => c === t || (names[c] ?? '').trim().toLowerCase() === t);
}
