/**
 * The report's summary page: the coverage dashboard's figures and charts (src/shared/coverage)
 * for the exported clippings, with each chart's numbers as a table. Charts need a document to
 * draw in: the window's in the app, a linkedom one in Node.
 */
import { coverageItemOf, summariseCoverage } from '../coverage/aggregate';
import type { Figure } from '../coverage/aggregate';
import { barsChart, binCaption, chartSvg, volumeChart } from '../coverage/charts';
import type { ChartDocument, ChartElement } from '../coverage/charts';
import { formatReportNumber, formatReportRange } from './report-locale';
import type { ReportChart, ReportSummary } from './report-summary-types';
import type { ExportItem } from './types';

const CHART_WIDTH = 640;

function svgOf(chart: ChartElement): { svg: string; width: number; height: number } {
  let svg = chartSvg(chart);
  // Standalone SVG (an <img> or resvg) needs the namespace an inline one inherits.
  if (!/^<svg[^>]*\sxmlns=/.test(svg))
    svg = svg.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  const size = (name: string, fallback: number): number => {
    const m = new RegExp(`^<svg[^>]*\\s${name}="(\\d+(?:\\.\\d+)?)"`).exec(svg);
    return m ? Number(m[1]) : fallback;
  };
  return { svg, width: size('width', CHART_WIDTH), height: size('height', 240) };
}

function figureTable(
  figures: readonly Figure[],
  head: [string, string],
  value: (f: Figure) => number,
  locale: string,
): ReportChart['table'] {
  return { head, rows: figures.map((f) => [f.label, formatReportNumber(value(f), locale)]) };
}

export interface SummaryContext {
  document: ChartDocument;
  locale: string;
}

/** The summary of these (already chosen, e.g. one per story) clippings. */
export function reportSummary(
  items: readonly ExportItem[],
  { document, locale }: SummaryContext,
): ReportSummary {
  const s = summariseCoverage(
    items.map((i) => coverageItemOf(i.clipping)),
    // Dates are the articles' own days, whatever the machine's zone (as in the headers).
    { top: 8, timeZone: 'UTC' },
  );
  const n = (x: number): string => formatReportNumber(x, locale);
  const figures = [
    { label: 'Clippings', value: n(s.counted) },
    {
      label: 'Dates',
      value: s.from ? formatReportRange({ from: s.from, to: s.to }, locale) : 'No dates',
    },
    { label: 'Outlets', value: n(s.byOutlet.filter((f) => f.key !== '').length) },
  ];
  const tones = s.byTone.filter((f) => f.key !== '' && f.count > 0);
  if (tones.length > 0)
    figures.push({
      label: 'Tone',
      value: tones.map((f) => `${n(f.count)} ${f.label.toLowerCase()}`).join(', '),
    });
  if (s.reach.withReach > 0)
    figures.push({
      label: 'Total reach',
      value: `${n(s.reach.total)}${s.reach.withReach < s.counted ? ` (${n(s.reach.withReach)} with reach)` : ''}`,
    });
  if (s.topOutlets[0]) figures.push({ label: 'Top outlet', value: s.topOutlets[0].label });
  if (s.undated.count > 0) figures.push({ label: 'Undated', value: n(s.undated.count) });

  const opts = { document, locale, width: CHART_WIDTH };
  const charts: ReportChart[] = [];
  if (s.volume.length > 0) {
    charts.push({
      title: 'Coverage over time',
      ...svgOf(volumeChart(s.volume, s.bin, { ...opts, label: 'Coverage over time' })),
      table: {
        head: [s.bin === 'month' ? 'Month' : s.bin === 'week' ? 'Week' : 'Day', 'Clippings'],
        rows: s.volume
          .filter((b) => b.count > 0)
          .map((b) => [binCaption(b, s.bin, locale), n(b.count)]),
      },
    });
  }
  if (tones.length > 0) {
    charts.push({
      title: 'Tone',
      ...svgOf(barsChart(s.byTone, { ...opts, toneColors: true, label: 'Tone' })),
      table: figureTable(s.byTone, ['Tone', 'Clippings'], (f) => f.count, locale),
    });
  }
  if (s.topOutlets.length > 0) {
    charts.push({
      title: 'Top outlets',
      ...svgOf(barsChart(s.topOutlets, { ...opts, label: 'Top outlets' })),
      table: figureTable(s.topOutlets, ['Outlet', 'Clippings'], (f) => f.count, locale),
    });
  }
  if (s.reach.byOutlet.length > 0) {
    const top = s.reach.byOutlet.slice(0, 8);
    charts.push({
      title: 'Reach by outlet',
      ...svgOf(barsChart(top, { ...opts, measure: 'reach', label: 'Reach by outlet' })),
      table: figureTable(top, ['Outlet', 'Reach'], (f) => f.reach, locale),
    });
  }
  return { figures, charts };
}
