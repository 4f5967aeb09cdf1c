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
  return h === undefined
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date)
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.at(-1) || path;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
