/** The article object of a page's JSON-LD (schema.org) and the values read from it. */
import { splitAuthors } from '../article';
import { capMeta } from './collect';

const ARTICLE_TYPES = new Set([
  'newsarticle',
  'article',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'blogposting',
  'liveblogposting',
  'scholarlyarticle',
  'techarticle',
  'socialmediaposting',
  'report',
]);

export type Json = unknown;

function typeList(obj: Record<string, Json>): string[] {
  const t = obj['@type'];
  if (typeof t === 'string') return [t.toLowerCase()];
  if (Array.isArray(t))
    return t.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
  return [];
}

/** Finds the article object in JSON-LD blocks (top level, arrays, @graph, mainEntity). */
export function findLdArticle(blocks: string[]): Record<string, Json> | null {
  let fallback: Record<string, Json> | null = null;
  for (const raw of blocks) {
    let data: Json;
    try {
      data = JSON.parse(raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '')) as Json;
    } catch {
      continue;
    }
    const stack: Json[] = [data];
    let visited = 0;
    while (stack.length && visited++ < 5000) {
      const v = stack.pop();
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
        continue;
      }
      if (!v || typeof v !== 'object') continue;
      const obj = v as Record<string, Json>;
      const types = typeList(obj);
      if (types.some((t) => ARTICLE_TYPES.has(t))) {
        if (types.some((t) => t.includes('news'))) return obj;
        fallback ??= obj;
      } else if (types.includes('webpage') && !fallback && obj['headline']) {
        fallback = obj;
      }
      if (obj['@graph']) stack.push(obj['@graph']);
      if (obj['mainEntity']) stack.push(obj['mainEntity']);
    }
  }
  return fallback;
}

export function ldString(v: Json): string {
  if (typeof v === 'string') return capMeta(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return ldString(v[0]);
  if (v && typeof v === 'object') {
    const o = v as Record<string, Json>;
    return ldString(o['name'] ?? o['@value'] ?? o['@id'] ?? o['url'] ?? '');
  }
  return '';
}

export function ldNames(v: Json): string[] {
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const item of list.slice(0, 20)) {
    const name =
      typeof item === 'string'
        ? item
        : item && typeof item === 'object'
          ? ldString((item as Record<string, Json>)['name'])
          : '';
    if (name && !/^https?:/i.test(name)) out.push(...splitAuthors(name));
  }
  return out;
}
