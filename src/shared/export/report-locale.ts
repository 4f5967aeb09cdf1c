/**
 * Dates and figures as the report's reader writes them (the user's locale), and the header
 * line each clipping gets. Dates are shown as the article gives them: a date without a time is
 * that calendar day, a time is the article's own wall-clock time, whatever the machine's zone.
 */
import { TONE_LABELS, coverageOf, type Clipping } from '../clipping';

export const DEFAULT_REPORT_LOCALE = 'en-GB';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;

function utcOf(iso: string): { at: number; time: boolean } | undefined {
  const m = ISO.exec(iso);
  if (!m) return undefined;
  const time = m[4] !== undefined;
  const at = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    time ? Number(m[4]) : 0,
    time ? Number(m[5]) : 0,
  );
  return Number.isNaN(at) ? undefined : { at, time };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, time: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${time}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      ...(time ? { timeStyle: 'short' } : {}),
      timeZone: 'UTC',
    });
    formatters.set(key, f);
  }
  return f;
}

/** "3 March 2025", "3. März 2025, 14:30"; '' for no date. */
export function formatReportDate(iso: string, locale = DEFAULT_REPORT_LOCALE): string {
  const parsed = utcOf(iso);
  if (!parsed) return '';
  return dateFormat(locale, parsed.time).format(parsed.at);
}

/** "14 April 2024 – 3 March 2025" (or one date), from 'YYYY-MM-DD' days. */
export function formatReportRange(
  range: { from: string; to: string },
  locale = DEFAULT_REPORT_LOCALE,
): string {
  const from = utcOf(range.from);
  const to = utcOf(range.to);
  if (!from || !to) return '';
  if (from.at === to.at) return dateFormat(locale, false).format(from.at);
  return dateFormat(locale, false).formatRange(from.at, to.at);
}

export function formatReportNumber(n: number, locale = DEFAULT_REPORT_LOCALE): string {
  return new Intl.NumberFormat(locale).format(n);
}

/**
 * The header facts of one clipping, only those that are set: outlet (with section), date,
 * author, page/edition, reach, tone.
 */
export function clippingHeaderFacts(
  c: Clipping,
  locale = DEFAULT_REPORT_LOCALE,
): { label: string; value: string }[] {
  const k = coverageOf(c);
  const out: { label: string; value: string }[] = [];
  const outlet = [c.source.trim(), c.section.trim()].filter(Boolean).join(' · ');
  if (outlet) out.push({ label: 'Outlet', value: outlet });
  const date = formatReportDate(c.publishedAt, locale);
  if (date) out.push({ label: 'Date', value: date });
  if (c.authors.length > 0)
    out.push({ label: c.authors.length === 1 ? 'Author' : 'Authors', value: c.authors.join(', ') });
  const place = [k.page && `p. ${k.page}`, k.edition].filter(Boolean).join(', ');
  if (place)
    out.push({
      label: k.edition && k.page ? 'Page, edition' : k.page ? 'Page' : 'Edition',
      value: place,
    });
  if (k.reach !== null) {
    const reach = formatReportNumber(k.reach, locale);
    out.push({ label: 'Reach', value: k.reachSource ? `${reach} (${k.reachSource})` : reach });
  }
  if (k.tone) out.push({ label: 'Tone', value: TONE_LABELS[k.tone] });
  return out;
}
