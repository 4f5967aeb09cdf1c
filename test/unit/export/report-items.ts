/**
 * A small report library: the exporter samples (English, Arabic, Russian, hostile) plus three
 * coded clippings, two of them copies of one story, so grouping by each key has something to do.
 */
import { emptyCoverage } from '@shared/clipping';
import type { ExportItem } from '@shared/export/types';
import type { ReportOptions } from '@shared/export/report-options';
import { defaultReportSettings } from '@shared/export/report-options';
import { GENERATED_AT, makeClipping, makeHighlight, sampleItems } from './sample-items';

export function reportItems(): ExportItem[] {
  const bus = makeClipping({
    id: 'c-bus',
    title: 'Electric buses arrive on the harbour route',
    source: 'Harbour Post',
    section: 'City',
    authors: ['Lea Holm'],
    publishedAt: '2025-03-10T08:15',
    tags: ['transport'],
    coverage: { ...emptyCoverage(), mediaType: 'online', reach: 40_000, tone: 'positive' },
    paragraphs: [
      'The first twelve electric buses began service on the harbour route on Monday morning.',
      'The operator said the fleet would be complete by the autumn.',
    ],
  });
  const copy = (id: string, source: string, day: string): ExportItem => {
    const c = makeClipping({
      id,
      title: 'Ferry strike ends after two days',
      source,
      publishedAt: day,
      tags: ['transport', 'labour'],
      coverage: { ...emptyCoverage(), mediaType: 'wire', reach: 10_000, tone: 'neutral' },
      paragraphs: [
        'The ferry crews returned to work on Wednesday after a two-day strike over pay.',
      ],
    });
    return {
      clipping: c,
      highlights: [makeHighlight(c, 'two-day strike')],
      note: '',
      story: {
        id: 'c-ferry-1',
        copies: 1,
        alsoIn: [id === 'c-ferry-1' ? 'Coast Daily' : 'Nordic Wire'],
        choices: [],
      },
    };
  };
  return [
    ...sampleItems(),
    { clipping: bus, highlights: [], note: 'Good news for the campaign.' },
    copy('c-ferry-1', 'Nordic Wire', '2025-01-22'),
    copy('c-ferry-2', 'Coast Daily', '2025-01-23'),
  ];
}

export function reportOptions(report: Partial<ReportOptions['report']> = {}): ReportOptions {
  return {
    title: 'Harbour report',
    subtitle: 'Transport coverage, spring 2025',
    includeBody: true,
    generatedAt: GENERATED_AT,
    locale: 'en-GB',
    report: { ...defaultReportSettings(), author: 'City Communications Office', ...report },
  };
}
