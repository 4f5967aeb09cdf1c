import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import {
  countedItems,
  idsWithTag,
  shareOfVoice,
  splitBy,
  summariseCoverage,
} from '@shared/coverage/aggregate';
import {
  barsChart,
  binCaption,
  chartSvg,
  splitVolumeChart,
  volumeChart,
  type ChartDocument,
} from '@shared/coverage/charts';
import { LIBRARY } from './library';

// Node has no DOM: Plot draws into a linkedom document, as the report and the CLI do.
const nodeDocument = (): ChartDocument =>
  parseHTML('<!doctype html><html><body></body></html>').document as unknown as ChartDocument;

const count = (svg: string, pattern: RegExp) => svg.match(pattern)?.length ?? 0;

describe('coverage charts (SVG in Node)', () => {
  const summary = summariseCoverage(LIBRARY, { timeZone: 'UTC', bin: 'week', splitBy: 'outlet' });

  it('draws volume over time with a bar and a text alternative per bin', () => {
    const svg = chartSvg(
      volumeChart(summary.volume, summary.bin, {
        document: nodeDocument(),
        label: 'Coverage over time',
        locale: 'en-GB',
      }),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('aria-label="Coverage over time"');
    expect(count(svg, /<rect /g)).toBe(summary.volume.length);
    expect(svg).toContain('aria-label="Week of 4 Mar 2024: 3 clippings"');
    expect(svg).toContain('<title>Week of 26 Feb 2024: 1 clipping</title>');
    expect(svg).toMatch(
      /aria-description="5 weeks from Week of 26 Feb 2024 to Week of 25 Mar 2024; most: Week of 4 Mar 2024: 3 clippings."/,
    );
    expect(svg).not.toContain('<a ');
  });

  it('makes each mark a link when asked (the dashboard’s way in)', () => {
    const svg = chartSvg(
      volumeChart(summary.volume, summary.bin, {
        document: nodeDocument(),
        href: (i) => `#bin-${i}`,
      }),
    );
    expect(count(svg, /<a [^>]*href="#bin-\d"/g)).toBe(summary.volume.length);
  });

  it('draws a split as small multiples, one named row per value', () => {
    const svg = chartSvg(
      splitVolumeChart(summary.volumeSplit, summary.bin, {
        document: nodeDocument(),
        locale: 'en-GB',
      }),
    );
    for (const name of ['Le Monde', 'Reuters', 'The Times', 'Blog', 'El País'])
      expect(svg).toContain(`>${name}</text>`);
    expect(svg).toContain('aria-label="The Times, Week of 4 Mar 2024: 2 clippings"');
  });

  it('draws horizontal bars of counts, reach or shares, labelled with their values', () => {
    const doc = nodeDocument();
    const outlets = chartSvg(
      barsChart(splitBy(LIBRARY, 'outlet'), { document: doc, locale: 'en-GB' }),
    );
    expect(outlets).toContain('aria-label="El País: 1 clipping"');
    expect(count(outlets, /<rect /g)).toBe(5);
    const reach = chartSvg(
      barsChart(summary.reach.byOutlet, { document: doc, measure: 'reach', locale: 'en-GB' }),
    );
    expect(reach).toContain('aria-label="Reuters: reach 2,000"');
    const counted = countedItems(LIBRARY);
    const shares = shareOfVoice(counted, [
      { key: 'p', label: 'politics', ids: idsWithTag(counted, 'politics') },
      { key: 'c', label: 'climate', ids: idsWithTag(counted, 'climate') },
    ]);
    const voice = chartSvg(barsChart(shares, { document: doc, measure: 'share', locale: 'en-GB' }));
    expect(voice).toContain('aria-label="politics: 42.9% (3 clippings)"');
    expect(voice).toContain('>57.1%</text>');
    const tones = chartSvg(barsChart(summary.byTone, { document: doc, toneColors: true }));
    expect(tones).toContain('fill="#d9534f"');
  });

  it('names bins in the user’s locale, never as raw ISO', () => {
    expect(binCaption({ start: '2024-03-04' }, 'day', 'en-GB')).toBe('4 Mar 2024');
    expect(binCaption({ start: '2024-03-04' }, 'week', 'en-US')).toBe('Week of Mar 4, 2024');
    expect(binCaption({ start: '2024-03-01' }, 'month', 'de-DE')).toBe('März 2024');
  });
});
