import type { ClippingSummary } from './db';

/**
 * Makes the strings that repeat across summaries one string each: the outlet, section,
 * language, direction, authors, tags and dates (one import shares its instant). IndexedDB
 * hands back a fresh copy of every one, so a library of 100,000 held about a million
 * strings, most of them duplicates. Shared, the list takes far less heap, and the garbage
 * collector has far less to copy when it promotes a freshly read library: that copy was a
 * pause of 25–55 ms that fell into the user's first scroll after opening the app.
 */
export class StringPool {
  readonly #pool = new Map<string, string>();

  intern(text: string): string {
    const known = this.#pool.get(text);
    if (known !== undefined) return known;
    this.#pool.set(text, text);
    return text;
  }

  /** Interns the repeating fields of `rows` in place (their values do not change). */
  internSummaries(rows: readonly ClippingSummary[]): void {
    for (const row of rows) {
      row.source = this.intern(row.source);
      row.section = this.intern(row.section);
      row.language = this.intern(row.language);
      row.direction = this.intern(row.direction) as ClippingSummary['direction'];
      row.publishedAt = this.intern(row.publishedAt);
      row.importedAt = this.intern(row.importedAt);
      row.deletedAt = this.intern(row.deletedAt);
      const { authors, tags } = row;
      for (let i = 0; i < authors.length; i++) authors[i] = this.intern(authors[i]!);
      for (let i = 0; i < tags.length; i++) tags[i] = this.intern(tags[i]!);
    }
  }
}
