/**
 * One formatter per locale and style, made once: each Intl.DateTimeFormat holds ICU objects
 * that the garbage collector must finalise one by one, and a list scrolling through 100,000
 * dates made thousands of them: the next full collection stopped the window for 60 ms.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${withTime ? 't' : 'd'}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
    );
    formatters.set(key, format);
  }
  return format;
}

/** Formats an ISO date as written ("2016-11-24T22:25:10", "2024-07-18") in the user's locale. */
export function formatPublished(iso: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso);
  if (!match) return '';
  const [, y, mo, d, h, mi, s] = match;
  // Built as a local wall-clock time: the date is shown as written, not shifted by time zones.
  const date = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  );
  return formatter(locale, h !== undefined).format(date);
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.at(-1) || path;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
