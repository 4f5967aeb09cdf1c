/**
 * What a report clip book (PDF or Word) is made of: the choices the export dialog offers and
 * `clipbook convert --report` takes, defined once as a schema so that remembered settings and
 * command-line values are checked the same way.
 */
import * as v from 'valibot';
import type { ExportOptions } from './types';

/** What clippings can be grouped by, in the order the dialog lists them. */
export const REPORT_GROUP_KEYS = ['tag', 'outlet', 'section', 'tone', 'story'] as const;
export type ReportGroupKey = (typeof REPORT_GROUP_KEYS)[number];

export const REPORT_GROUP_LABELS: Record<ReportGroupKey, string> = {
  tag: 'Tag',
  outlet: 'Outlet',
  section: 'Section',
  tone: 'Tone',
  story: 'Story',
};

/**
 * The order of the groups: by name (tones on their scale, positive to mixed), by size (largest
 * first) or by their first clipping's date.
 */
export const REPORT_GROUP_ORDERS = ['name', 'size', 'date'] as const;
export type ReportGroupOrder = (typeof REPORT_GROUP_ORDERS)[number];

/** The order of the clippings inside a group. */
export const REPORT_CLIPPING_ORDERS = ['oldest', 'newest'] as const;
export type ReportClippingOrder = (typeof REPORT_CLIPPING_ORDERS)[number];

/** How much of each clipping is printed. */
export const REPORT_BODIES = ['full', 'first-paragraph', 'annotations'] as const;
export type ReportBody = (typeof REPORT_BODIES)[number];

export const REPORT_BODY_LABELS: Record<ReportBody, string> = {
  full: 'Full text',
  'first-paragraph': 'First paragraph',
  annotations: 'Highlights and notes only',
};

/** At most two levels: "by tone, then by outlet". */
export const MAX_GROUP_LEVELS = 2;

export const ReportSettingsSchema = v.object({
  /** Author or organisation shown on the cover. */
  author: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
  /** The cover and the summary show the clippings' date range. */
  showDateRange: v.optional(v.boolean(), true),
  summary: v.optional(v.boolean(), true),
  contents: v.optional(v.boolean(), true),
  groupBy: v.optional(
    v.pipe(v.array(v.picklist(REPORT_GROUP_KEYS)), v.maxLength(MAX_GROUP_LEVELS)),
    [],
  ),
  groupOrder: v.optional(v.picklist(REPORT_GROUP_ORDERS), 'name'),
  clippingOrder: v.optional(v.picklist(REPORT_CLIPPING_ORDERS), 'oldest'),
  body: v.optional(v.picklist(REPORT_BODIES), 'full'),
  /** Running header with the title and footer with "Page n of m". */
  runningHeader: v.optional(v.boolean(), true),
});
export type ReportSettings = v.InferOutput<typeof ReportSettingsSchema>;

export function defaultReportSettings(): ReportSettings {
  return v.parse(ReportSettingsSchema, {});
}

/** Draws a chart's SVG as a PNG (canvas in the app, resvg in Node) for the Word report. */
export type RasteriseSvg = (
  svg: string,
  size: { width: number; height: number },
) => Promise<Uint8Array>;

export interface ReportOptions extends ExportOptions {
  report: ReportSettings;
}

/** The report's options from an exporter's (its settings default when absent). */
export function asReportOptions(options: ExportOptions): ReportOptions {
  return { ...options, report: options.report ?? defaultReportSettings() };
}

/** Reads `--group-by tone,outlet` (or the dialog's list): known keys, no repeats, at most two. */
export function parseGroupBy(text: string): ReportGroupKey[] | string {
  const keys = text
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter(Boolean);
  const out: ReportGroupKey[] = [];
  for (const key of keys) {
    if (!(REPORT_GROUP_KEYS as readonly string[]).includes(key))
      return `Unknown grouping "${key}". Use ${REPORT_GROUP_KEYS.join(', ')} (up to ${MAX_GROUP_LEVELS}, comma-separated).`;
    if (!out.includes(key as ReportGroupKey)) out.push(key as ReportGroupKey);
  }
  if (out.length > MAX_GROUP_LEVELS)
    return `At most ${MAX_GROUP_LEVELS} groupings can be combined (got ${out.length}).`;
  return out;
}
