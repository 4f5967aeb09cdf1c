/**
 * Highlights, notes and tags. Highlights carry W3C Web Annotation selectors against the
 * clipping's stored text (see `clippingText`), so they can be re-anchored when the text
 * changes and exported losslessly.
 */
import * as v from 'valibot';

/** The text that selectors point into: paragraphs joined by a blank line. */
export const PARAGRAPH_SEPARATOR = '\n\n';

export function clippingText(paragraphs: readonly string[]): string {
  return paragraphs.join(PARAGRAPH_SEPARATOR);
}

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** Display colours (CSS) for each highlight colour, shared by the reader and the exporters. */
export const HIGHLIGHT_CSS: Record<HighlightColor, string> = {
  yellow: '#fde68a',
  green: '#bbf7d0',
  blue: '#bfdbfe',
  pink: '#fbcfe8',
  purple: '#ddd6fe',
};

export const TextQuoteSelectorSchema = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: v.string(),
  prefix: v.string(),
  suffix: v.string(),
});
export type TextQuoteSelector = v.InferOutput<typeof TextQuoteSelectorSchema>;

export const TextPositionSelectorSchema = v.object({
  type: v.literal('TextPositionSelector'),
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type TextPositionSelector = v.InferOutput<typeof TextPositionSelectorSchema>;

export const HighlightSchema = v.object({
  id: v.string(),
  clippingId: v.string(),
  color: v.picklist(HIGHLIGHT_COLORS),
  note: v.string(),
  tags: v.array(v.string()),
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema,
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type Highlight = v.InferOutput<typeof HighlightSchema>;

export const ArticleNoteSchema = v.object({
  clippingId: v.string(),
  text: v.string(),
  updatedAt: v.string(),
});
export type ArticleNote = v.InferOutput<typeof ArticleNoteSchema>;

/** Tag names are case-preserving, compared case-insensitively; '/' builds a hierarchy. */
export function normalizeTag(raw: string): string {
  return raw
    .split('/')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('/');
}

/** `politics` covers `politics` and `politics/europe`, not `politicsx`. */
export function tagCovers(parent: string, tag: string): boolean {
  const p = parent.toLowerCase();
  const t = tag.toLowerCase();
  return t === p || t.startsWith(`${p}/`);
}

/** What the user calls each colour ("quote", "claim", "error"); unnamed colours are absent. */
export type ColorNames = Partial<Record<HighlightColor, string>>;

export const COLOR_NAME_MAX = 60;

/** A colour as people read it: its given name, else the colour word ("Yellow"). */
export function colorLabel(color: HighlightColor, names: ColorNames = {}): string {
  const name = names[color]?.trim();
  return name || color.charAt(0).toUpperCase() + color.slice(1);
}
