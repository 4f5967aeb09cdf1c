import { describe, expect, it } from 'vitest';
import { emptyCoverage } from '@shared/clipping';
import {
  clippingHeaderFacts,
  formatReportDate,
  formatReportRange,
} from '@shared/export/report-locale';
import { cssString } from '@shared/export/report-html';
import { makeClipping } from './sample-items';

/** Intl's thin and narrow spaces as plain ones, for readable expectations. */
const plain = (s: string): string => s.replace(/[\u2009\u202f]/g, ' ');

describe('report dates and headers', () => {
  it('writes dates in the locale, as the article gives them, never as ISO', () => {
    expect(formatReportDate('2025-03-03', 'en-GB')).toBe('3 March 2025');
    expect(formatReportDate('2025-03-03', 'en-US')).toBe('March 3, 2025');
    expect(formatReportDate('2025-03-03', 'de-DE')).toBe('3. März 2025');
    // The article's own wall-clock time, whatever the offset or the machine's zone.
    expect(plain(formatReportDate('2025-02-12T14:30+03:00', 'en-GB'))).toBe(
      '12 February 2025 at 14:30',
    );
    expect(formatReportDate('2025-12-31', 'ar-EG')).not.toMatch(/2025-12-31/);
    expect(formatReportDate('', 'en-GB')).toBe('');
    expect(plain(formatReportRange({ from: '2024-04-14', to: '2025-03-03' }, 'en-GB'))).toBe(
      '14 April 2024 – 3 March 2025',
    );
    expect(formatReportRange({ from: '2025-03-03', to: '2025-03-03' }, 'en-GB')).toBe(
      '3 March 2025',
    );
  });

  it('lists only the header facts that are set', () => {
    const c = makeClipping({
      id: 'c',
      title: 'T',
      source: 'Harbour Post',
      authors: ['Lea Holm', 'Jonas Ek'],
      publishedAt: '2025-03-10',
      coverage: { ...emptyCoverage(), page: '12', reach: 1_250_000, tone: 'mixed' },
    });
    expect(clippingHeaderFacts(c, 'de-DE')).toEqual([
      { label: 'Outlet', value: 'Harbour Post' },
      { label: 'Date', value: '10. März 2025' },
      { label: 'Authors', value: 'Lea Holm, Jonas Ek' },
      { label: 'Page', value: 'p. 12' },
      { label: 'Reach', value: '1.250.000' },
      { label: 'Tone', value: 'Mixed' },
    ]);
    expect(clippingHeaderFacts(makeClipping({ id: 'd', title: 'U' }))).toEqual([]);
  });

  it('puts any title into the running header without breaking out of the CSS string', () => {
    expect(cssString('Report "Q1"</style><script>')).toBe(
      '"Report \\22 Q1\\22 \\3c \\2f style\\3e \\3c script\\3e "',
    );
    expect(cssString('تقرير 2025')).toBe('"تقرير 2025"');
  });
});
