/**
 * Input and output of every exporter. Exporters are pure functions of these values, so the
 * renderer, the main process and the CLI produce identical files.
 */
import type { ColorNames, Highlight } from '../annotations';
import type { Clipping } from '../clipping';
import type { ChartDocument } from '../coverage/charts';
import type { RasteriseSvg, ReportSettings } from './report-options';

export interface ExportItem {
  clipping: Clipping;
  /** In text order. */
  highlights: Highlight[];
  /** The article note ('' when none). */
  note: string;
  /** The story the clipping is in, when it shares one with other copies. */
  story?: ExportStory;
}

export interface ExportStory {
  /** The story's id (its original's clipping id). */
  id: string;
  /** Other copies in the story. */
  copies: number;
  /** Outlets of the other copies, in story order. */
  alsoIn: string[];
  /** The user's split/merge choices about this clipping, so a JSON import keeps them. */
  choices: { kind: 'apart' | 'together'; with: string }[];
}

export interface ExportOptions {
  title?: string;
  subtitle?: string;
  /** Full body text; otherwise only the excerpt (first paragraph). */
  includeBody?: boolean;
  /** ISO 8601 instant, injected so that output is deterministic. */
  generatedAt: string;
  /** The user's names for the highlight colours, shown where an export names colours. */
  colorNames?: ColorNames;
  /** The library's tags with their descriptions and colours: the codebook. */
  tags?: readonly TagInfo[];
  /** Clip books: one entry per story (its first copy), with "Also in: …" the others. */
  onePerStory?: boolean;
  /** Report clip books: summary, contents, grouping, what of each clipping is printed. */
  report?: ReportSettings;
  /** BCP 47 locale for the report's dates and numbers (the user's); 'en-GB' when absent. */
  locale?: string;
  /** Where the report's charts are drawn: the window's document, or linkedom's in Node. */
  chartDocument?: ChartDocument;
  /** Word reports: draws a chart's SVG as PNG (canvas in the app, resvg in Node). */
  rasterise?: RasteriseSvg;
}

export interface TagInfo {
  name: string;
  description: string;
  /** A CSS colour, or '' for the default. */
  color: string;
}

export interface ExportFile {
  /** Relative path inside the target folder, already safe (see file-names.ts). */
  name: string;
  data: string | Uint8Array;
  mediaType: string;
}
