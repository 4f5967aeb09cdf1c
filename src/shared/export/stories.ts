/** Story-aware selections for exporters: one entry per story, for clip books. */
import type { ExportItem } from './types';

/**
 * The first item of each story (in the order given), the others dropped; each kept item's
 * "Also in" lists the outlets of its story's other copies. Items in no story stay as they are.
 */
export function onePerStory(items: readonly ExportItem[]): ExportItem[] {
  const seen = new Set<string>();
  const out: ExportItem[] = [];
  for (const item of items) {
    const story = item.story;
    if (!story) {
      out.push(item);
      continue;
    }
    if (seen.has(story.id)) continue;
    seen.add(story.id);
    out.push(item);
  }
  return out;
}

/** "Also in: A, B and 3 more" for a clip book entry, or '' when the clipping has no copies. */
export function alsoInLine(item: ExportItem, max = 8): string {
  const outlets = [...new Set(item.story?.alsoIn.filter(Boolean) ?? [])];
  if (outlets.length === 0) return '';
  const shown = outlets.slice(0, max).join(', ');
  const more = outlets.length - max;
  return `Also in: ${shown}${more > 0 ? ` and ${more} more` : ''}`;
}
