import { describe, expect, it } from 'vitest';
import { formatPublished } from '../../../src/renderer/src/lib/format';

describe('formatPublished', () => {
  it('shows the date and time as written, in the given locale, with a time only when given', () => {
    expect(formatPublished('2016-11-24T22:25:10', 'en-GB')).toBe('24 Nov 2016, 22:25');
    expect(formatPublished('2024-07-18', 'en-GB')).toBe('18 Jul 2024');
    expect(formatPublished('2024-07-18', 'de-DE')).toBe('18.07.2024');
    // Formatters are kept per locale and style: the others are not changed by the cache.
    expect(formatPublished('2024-07-18T09:05', 'de-DE')).toBe('18.07.2024, 09:05');
    expect(formatPublished('2024-07-18', 'en-GB')).toBe('18 Jul 2024');
    expect(formatPublished('not a date')).toBe('');
  });
});
