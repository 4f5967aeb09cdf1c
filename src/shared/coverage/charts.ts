/**
 * The coverage charts, drawn by Observable Plot as SVG. Plot is given the document to draw
 * in: the window's in the app, a linkedom document in Node (report clip books, the CLI), so
 * both draw the same chart. Each mark has an aria-label and a tooltip title; with `href`, each
 * mark is a link (focusable, Enter follows it), which the dashboard turns into a filter.
 * No legend or title options: they make Plot wrap the SVG in HTML, and a report needs SVG.
 */
import * as Plot from '@observablehq/plot';
import { TONES, type Tone } from '../clipping';
import type { BinUnit } from './calendar';
import type { Figure, TimeBin, TimeCell, VoiceShare } from './aggregate';

export type ChartDocument = NonNullable<Plot.PlotOptions['document']>;
export type ChartElement = ReturnType<typeof Plot.plot>;

export interface ChartOptions {
  readonly document: ChartDocument;
  /** Width in CSS pixels (default 640). */
  readonly width?: number;
  /** BCP 47 locale for numbers and dates (default: the runtime's). */
  readonly locale?: string;
  /** The chart's accessible name (aria-label on the SVG). */
  readonly label?: string;
  /** Makes mark `i` a link to the returned URL (the dashboard's way in). */
  readonly href?: (index: number) => string;
  /** Bar colour (default a blue readable on light and dark backgrounds). */
  readonly color?: string;
}

export const BAR_COLOR = '#4a7fc1';
/** Tone colours: distinct in both themes and for red–green colour blindness (blue, not green). */
export const TONE_COLORS: Record<Tone | '', string> = {
  positive: '#2f7fd8',
  neutral: '#8d939c',
  negative: '#d9534f',
  mixed: '#e3a43b',
  '': '#c2c6cc',
};

const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';
const ROW = 22;

function numberFormat(locale: string | undefined): (n: number) => string {
  const f = new Intl.NumberFormat(locale);
  return (n) => f.format(n);
}

/** Whole-number ticks only: counts of clippings have no halves. */
function integerTicks(locale: string | undefined): (n: number) => string {
  const f = numberFormat(locale);
  return (n) => (Number.isInteger(n) ? f(n) : '');
}

function midnight(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/**
 * Formatters by locale and kind: a split chart captions every cell twice (title and label),
 * and building an Intl.DateTimeFormat costs far more than formatting with one.
 */
const captionFormats = new Map<string, Intl.DateTimeFormat>();

function captionFormat(locale: string | undefined, month: boolean): Intl.DateTimeFormat {
  const key = `${month ? 'm' : 'd'}${locale ?? ''}`;
  let f = captionFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      month
        ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
        : { dateStyle: 'medium', timeZone: 'UTC' },
    );
    captionFormats.set(key, f);
  }
  return f;
}

/** How a bin reads in the user's locale: "4 Mar 2024", "Week of 4 Mar 2024", "March 2024". */
export function binCaption(bin: Pick<TimeBin, 'start'>, unit: BinUnit, locale?: string): string {
  const d = midnight(bin.start);
  if (unit === 'month') return captionFormat(locale, true).format(d);
  const day = captionFormat(locale, false).format(d);
  return unit === 'week' ? `Week of ${day}` : day;
}

function clippings(n: number, fmt: (n: number) => string): string {
  return `${fmt(n)} ${n === 1 ? 'clipping' : 'clippings'}`;
}

function base(opts: ChartOptions, height: number, description: string): Plot.PlotOptions {
  return {
    document: opts.document,
    width: opts.width ?? 640,
    height,
    ariaLabel: opts.label ?? null,
    ariaDescription: description,
    figure: false,
    style: { background: 'transparent', fontFamily: FONT, fontSize: '11px', overflow: 'visible' },
  };
}

function hrefChannel(opts: ChartOptions): { href?: (d: unknown, i: number) => string } {
  const href = opts.href;
  return href ? { href: (_d: unknown, i: number) => href(i) } : {};
}

/** Clippings per time bin as bars on a time axis. */
export function volumeChart(
  bins: readonly TimeBin[],
  unit: BinUnit,
  opts: ChartOptions,
): ChartElement {
  const fmt = numberFormat(opts.locale);
  const text = (b: TimeBin) => `${binCaption(b, unit, opts.locale)}: ${clippings(b.count, fmt)}`;
  const peak = bins.reduce<TimeBin | null>((m, b) => (!m || b.count > m.count ? b : m), null);
  const description =
    bins.length === 0
      ? 'No dated clippings.'
      : `${bins.length} ${unit}s from ${binCaption(bins[0]!, unit, opts.locale)} to ${binCaption(bins[bins.length - 1]!, unit, opts.locale)}; most: ${peak ? text(peak) : ''}.`;
  return Plot.plot({
    ...base(opts, 220, description),
    marginLeft: 44,
    x: { type: 'utc', label: null },
    y: {
      grid: true,
      label: 'Clippings',
      // No more ticks than whole numbers up to the peak.
      ticks: Math.max(1, Math.min(6, peak?.count ?? 1)),
      tickFormat: integerTicks(opts.locale),
    },
    marks: [
      Plot.rectY(bins, {
        x1: (b: TimeBin) => midnight(b.start),
        x2: (b: TimeBin) => midnight(b.end),
        y: 'count',
        fill: opts.color ?? BAR_COLOR,
        insetLeft: bins.length > 60 ? 0 : 1,
        insetRight: bins.length > 60 ? 0 : 1,
        title: text,
        ariaLabel: text,
        ...hrefChannel(opts),
      }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Volume over time split by a dimension, as small multiples (one row of bars per value, the
 * value named at its row's end): readable without a colour legend, which Plot can only draw
 * in HTML.
 */
export function splitVolumeChart(
  cells: readonly TimeCell[],
  unit: BinUnit,
  opts: ChartOptions,
): ChartElement {
  const fmt = numberFormat(opts.locale);
  const groups = [...new Set(cells.map((c) => c.groupLabel))];
  const text = (c: TimeCell) =>
    `${c.groupLabel}, ${binCaption(c, unit, opts.locale)}: ${clippings(c.count, fmt)}`;
  const many = cells.length / Math.max(1, groups.length) > 60;
  return Plot.plot({
    ...base(
      opts,
      40 + groups.length * 64,
      `Clippings over time, one row per value: ${groups.join(', ')}.`,
    ),
    marginLeft: 44,
    marginRight: 130,
    x: { type: 'utc', label: null },
    y: { grid: true, label: null, ticks: 2, tickFormat: integerTicks(opts.locale) },
    fy: { label: null, domain: groups, padding: 0.25 },
    marks: [
      Plot.rectY(cells, {
        x1: (c: TimeCell) => midnight(c.start),
        x2: (c: TimeCell) => midnight(c.end),
        y: 'count',
        fy: 'groupLabel',
        fill: (c: TimeCell) =>
          (TONES as readonly string[]).includes(c.group) || c.group === ''
            ? TONE_COLORS[c.group as Tone | '']
            : (opts.color ?? BAR_COLOR),
        insetLeft: many ? 0 : 1,
        insetRight: many ? 0 : 1,
        title: text,
        ariaLabel: text,
        ...hrefChannel(opts),
      }),
      Plot.ruleY([0]),
    ],
  });
}

export interface BarsOptions extends ChartOptions {
  /** What the bars measure: clippings (default), reach, or share (of voice, as a percent). */
  readonly measure?: 'count' | 'reach' | 'share';
  /** Colour each bar by its tone key (for a split by tone). */
  readonly toneColors?: boolean;
}

/** One horizontal bar per figure, labelled with its value, in the order given. */
export function barsChart(
  figures: readonly (Figure | VoiceShare)[],
  opts: BarsOptions,
): ChartElement {
  const measure = opts.measure ?? 'count';
  const fmt = numberFormat(opts.locale);
  const pct = new Intl.NumberFormat(opts.locale, { style: 'percent', maximumFractionDigits: 1 });
  const value = (f: Figure | VoiceShare): number =>
    measure === 'share' ? ('share' in f ? f.share : 0) : measure === 'reach' ? f.reach : f.count;
  const shown = (f: Figure | VoiceShare): string =>
    measure === 'share'
      ? `${pct.format(value(f))} (${clippings(f.count, fmt)})`
      : measure === 'reach'
        ? `reach ${fmt(f.reach)}`
        : clippings(f.count, fmt);
  const text = (f: Figure | VoiceShare) => `${f.label}: ${shown(f)}`;
  // Labels are cut, not wrapped: the full name is in the aria-label, tooltip and table.
  const cut = (s: string) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);
  const domain = figures.map((f) => f.key);
  const labels = new Map(figures.map((f) => [f.key, cut(f.label)]));
  const short = (f: Figure | VoiceShare) =>
    measure === 'share' ? pct.format(value(f)) : fmt(value(f));
  return Plot.plot({
    ...base(
      opts,
      30 + Math.max(1, figures.length) * ROW,
      figures.map(text).join('; ') || 'Nothing to show.',
    ),
    marginLeft: 170,
    marginRight: 70,
    x: {
      axis: null,
      domain: [0, Math.max(measure === 'share' ? 0 : 1, ...figures.map(value))],
    },
    y: { domain, label: null, tickFormat: (k: string) => labels.get(k) ?? k, tickSize: 0 },
    marks: [
      Plot.barX(figures, {
        y: 'key',
        x: value,
        fill: opts.toneColors
          ? (f: Figure) =>
              TONE_COLORS[(f.key as Tone | '') in TONE_COLORS ? (f.key as Tone | '') : '']
          : (opts.color ?? BAR_COLOR),
        title: text,
        ariaLabel: text,
        ...hrefChannel(opts),
      }),
      Plot.text(figures, {
        y: 'key',
        x: value,
        text: short,
        textAnchor: 'start',
        dx: 4,
        fill: 'currentColor',
        ariaHidden: 'true',
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** A chart as an SVG string (for the report clip book and the CLI). */
export function chartSvg(chart: ChartElement): string {
  return chart.outerHTML;
}
