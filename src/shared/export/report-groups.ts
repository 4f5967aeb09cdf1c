/**
 * The report's outline: clippings grouped (by tag, outlet, section, tone or story, up to two
 * levels) and ordered, flattened into the sequence of headings and clippings that both the PDF
 * and the Word report print. A clipping with several tags is printed under each of them.
 */
import { TONES, TONE_LABELS, coverageOf } from '../clipping';
import { titleOf } from './common';
import type {
  ReportClippingOrder,
  ReportGroupKey,
  ReportGroupOrder,
  ReportSettings,
} from './report-options';
import type { ExportItem } from './types';

export type OutlineNode =
  | {
      kind: 'group';
      /** 1 for the outer grouping, 2 for the inner one. */
      level: number;
      label: string;
      /** Element id / bookmark name, unique in the document. */
      id: string;
      count: number;
      /** What the group is of: its heading says "Outlet: …" in the contents. */
      key: ReportGroupKey;
    }
  | {
      kind: 'clipping';
      /** Number of enclosing groups (0 when ungrouped). */
      depth: number;
      item: ExportItem;
      id: string;
    };

interface Bucket {
  sortKey: string;
  label: string;
  /** Set for the "not given" bucket, which always comes last. */
  missing: boolean;
  items: ExportItem[];
}

const MISSING_LABELS: Record<ReportGroupKey, string> = {
  tag: 'Untagged',
  outlet: 'Outlet not given',
  section: 'No section',
  tone: 'Tone not set',
  story: '',
};

/** The buckets a clipping falls in for one grouping key (several for tags). */
function bucketsOf(item: ExportItem, key: ReportGroupKey): { key: string; label: string }[] {
  const c = item.clipping;
  switch (key) {
    case 'tag':
      return [...new Set(c.tags)].map((t) => ({ key: t, label: t }));
    case 'outlet':
      return c.source.trim() ? [{ key: c.source.trim(), label: c.source.trim() }] : [];
    case 'section':
      return c.section.trim() ? [{ key: c.section.trim(), label: c.section.trim() }] : [];
    case 'tone': {
      const tone = coverageOf(c).tone;
      return tone ? [{ key: String(TONES.indexOf(tone)), label: TONE_LABELS[tone] }] : [];
    }
    case 'story':
      // A clipping in no story is a story of one.
      return [{ key: item.story?.id ?? c.id, label: '' }];
  }
}

/** Sortable publication date: '' (unknown) sorts after every date. */
const dateKey = (item: ExportItem): string => item.clipping.publishedAt || '\uffff';

export function sortClippings(
  items: readonly ExportItem[],
  order: ReportClippingOrder,
  collator: Intl.Collator,
): ExportItem[] {
  return [...items].sort((a, b) => {
    const da = dateKey(a);
    const db = dateKey(b);
    if (da !== db) {
      // Unknown dates go last in either order.
      if (da === '\uffff' || db === '\uffff') return da === '\uffff' ? 1 : -1;
      return order === 'oldest' ? (da < db ? -1 : 1) : da < db ? 1 : -1;
    }
    return collator.compare(titleOf(a.clipping), titleOf(b.clipping));
  });
}

function bucketItems(
  items: readonly ExportItem[],
  key: ReportGroupKey,
  order: ReportGroupOrder,
  collator: Intl.Collator,
): Bucket[] {
  const buckets = new Map<string, Bucket>();
  const missing: Bucket = { sortKey: '', label: MISSING_LABELS[key], missing: true, items: [] };
  for (const item of items) {
    const keys = bucketsOf(item, key);
    if (keys.length === 0) missing.items.push(item);
    for (const k of keys) {
      let bucket = buckets.get(k.key);
      if (!bucket)
        buckets.set(
          k.key,
          (bucket = { sortKey: k.key, label: k.label, missing: false, items: [] }),
        );
      bucket.items.push(item);
    }
  }
  const list = [...buckets.values()];
  if (key === 'story') {
    // A story is named by its earliest clipping.
    for (const b of list) {
      const first = sortClippings(b.items, 'oldest', collator)[0];
      b.label = first ? titleOf(first.clipping) : '';
    }
  }
  const earliest = (b: Bucket): string =>
    b.items.reduce((min, i) => (dateKey(i) < min ? dateKey(i) : min), '\uffff');
  const byName = (a: Bucket, b: Bucket): number =>
    key === 'tone' ? Number(a.sortKey) - Number(b.sortKey) : collator.compare(a.label, b.label);
  list.sort((a, b) => {
    if (order === 'size' && a.items.length !== b.items.length)
      return b.items.length - a.items.length;
    if (order === 'date') {
      const ea = earliest(a);
      const eb = earliest(b);
      if (ea !== eb) return ea < eb ? -1 : 1;
    }
    return byName(a, b);
  });
  if (missing.items.length > 0) list.push(missing);
  return list;
}

/** The report's headings and clippings in print order. */
export function reportOutline(
  items: readonly ExportItem[],
  settings: Pick<ReportSettings, 'groupBy' | 'groupOrder' | 'clippingOrder'>,
  locale = 'en-GB',
): OutlineNode[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const out: OutlineNode[] = [];
  let groups = 0;
  let clippings = 0;
  const walk = (list: readonly ExportItem[], level: number): void => {
    const key = settings.groupBy[level];
    if (!key) {
      for (const item of sortClippings(list, settings.clippingOrder, collator)) {
        clippings += 1;
        out.push({ kind: 'clipping', depth: level, item, id: `report-clipping-${clippings}` });
      }
      return;
    }
    for (const bucket of bucketItems(list, key, settings.groupOrder, collator)) {
      groups += 1;
      out.push({
        kind: 'group',
        level: level + 1,
        label: bucket.label,
        id: `report-group-${groups}`,
        count: bucket.items.length,
        key,
      });
      walk(bucket.items, level + 1);
    }
  };
  walk(items, 0);
  return out;
}
