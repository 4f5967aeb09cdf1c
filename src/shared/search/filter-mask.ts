/** A metadata filter (`tag:`, `before:`, coverage, stories …) as a mask over one segment. */
import { matchesCoverage, type CoverageFacts } from './coverage-filter';
import type { Filter } from './query-ast';
import { FLAG_HIGHLIGHTS, FLAG_NOTE, type Segment } from './segment';
import { storyFilterMatches, type StoryLookup } from '../stories/filters';

/** The documents of `base` in `seg` that pass `filter`. */
export function filterMask(
  filter: Filter,
  seg: Segment,
  base: Uint8Array,
  coverage: ((id: string) => CoverageFacts | undefined) | undefined,
  stories: StoryLookup,
): Uint8Array {
  const mask = new Uint8Array(seg.docCount);
  const n = seg.docCount;
  const byString = (test: (value: string) => boolean) =>
    Uint8Array.from(seg.strings, (value) => (test(value) ? 1 : 0));
  const anyOf = (ok: Uint8Array, start: Uint32Array, ids: Uint32Array) => {
    for (let d = 0; d < n; d++) {
      if (!base[d]) continue;
      for (let k = start[d]!; k < start[d + 1]!; k++) {
        if (ok[ids[k]!]) {
          mask[d] = 1;
          break;
        }
      }
    }
  };
  switch (filter.kind) {
    case 'tag': {
      const v = filter.value;
      anyOf(
        byString((t) => t === v || t.startsWith(`${v}/`)),
        seg.tagStart,
        seg.tagIds,
      );
      break;
    }
    case 'author': {
      const v = ` ${filter.value}`;
      anyOf(
        byString((a) => ` ${a}`.includes(v)),
        seg.authorStart,
        seg.authorIds,
      );
      break;
    }
    case 'source':
    case 'lang': {
      const v = filter.value;
      const ok =
        filter.kind === 'source'
          ? byString((x) => ` ${x}`.includes(` ${v}`))
          : byString((x) => x === v || x.startsWith(`${v}-`));
      const ids = filter.kind === 'source' ? seg.source : seg.lang;
      for (let d = 0; d < n; d++) mask[d] = base[d]! & ok[ids[d]!]!;
      break;
    }
    case 'before':
    case 'after': {
      const day = filter.day;
      const before = filter.kind === 'before';
      for (let d = 0; d < n; d++) {
        const p = seg.published[d]!;
        if (base[d] && p !== 0 && (before ? p < day : p >= day)) mask[d] = 1;
      }
      break;
    }
    case 'has': {
      const bit = filter.value === 'highlights' ? FLAG_HIGHLIGHTS : FLAG_NOTE;
      for (let d = 0; d < n; d++) if (base[d] && seg.flags[d]! & bit) mask[d] = 1;
      break;
    }
    case 'tone':
    case 'type':
    case 'page':
    case 'reach':
    case 'hasTone': {
      // Not in the segments: asked per candidate (without facts nothing matches).
      const facts = coverage;
      if (!facts) break;
      for (let d = 0; d < n; d++)
        if (base[d] && matchesCoverage(filter, facts(seg.docIds[d]!))) mask[d] = 1;
      break;
    }
    case 'is':
    case 'story':
    case 'copies':
      for (let d = 0; d < n; d++)
        if (base[d] && storyFilterMatches(filter, stories, seg.docIds[d]!)) mask[d] = 1;
      break;
  }
  return mask;
}
