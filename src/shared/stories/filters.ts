/**
 * The story filters of the search language, kept in one place so that the query parser and
 * the index only route to them:
 *   is:original   originals of stories, and clippings that are alone (their own original)
 *   story:ID      the copies of the story clipping ID is in (`story:` alone: the open one)
 *   copies>N      clippings whose story has more than N other copies (also <, =, >=, <=)
 */

export type StoryFilter =
  | { kind: 'is'; value: 'original' }
  | { kind: 'story'; id: string }
  | { kind: 'copies'; op: '>' | '>=' | '<' | '<=' | '='; count: number };

/** Story membership of clippings in stories of two or more (others are alone). */
export type StoryLookup = ReadonlyMap<string, { story: string; size: number }>;

export const COPIES_FILTER = /^copies(>=|<=|>|<|=)(\d{1,6})$/i;

/** `copies>3` and the like as a filter, or null when the word is not one. */
export function parseCopiesFilter(word: string): StoryFilter | null {
  const m = COPIES_FILTER.exec(word);
  if (!m) return null;
  return { kind: 'copies', op: m[1] as '>' | '>=' | '<' | '<=' | '=', count: Number(m[2]) };
}

/** The filter for `is:VALUE`, or an error message. */
export function parseIsFilter(value: string): StoryFilter | string {
  return value.toLowerCase() === 'original'
    ? { kind: 'is', value: 'original' }
    : 'is: takes original (is:original)';
}

/** Whether clipping `id` passes `filter`. */
export function storyFilterMatches(filter: StoryFilter, lookup: StoryLookup, id: string): boolean {
  const m = lookup.get(id);
  switch (filter.kind) {
    case 'is':
      return !m || m.story === id;
    case 'story': {
      const target = lookup.get(filter.id);
      return target ? m?.story === target.story : id === filter.id;
    }
    case 'copies': {
      const copies = (m?.size ?? 1) - 1;
      const n = filter.count;
      switch (filter.op) {
        case '>':
          return copies > n;
        case '>=':
          return copies >= n;
        case '<':
          return copies < n;
        case '<=':
          return copies <= n;
        case '=':
          return copies === n;
      }
    }
  }
}

/** `story:` alone means the story of the open clipping. */
export function withOpenStory(text: string, openId: string | null): string {
  return openId ? text.replace(/(^|\s)(-?)story:(?=\s|$)/g, `$1$2story:${openId}`) : text;
}
