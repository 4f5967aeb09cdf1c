/** The summary page's content, as both report writers (PDF and Word) print it. */

export interface ReportFigure {
  label: string;
  value: string;
}

export interface ReportChart {
  title: string;
  /** A self-contained SVG document (vector in the PDF, rasterised for Word). */
  svg: string;
  width: number;
  height: number;
  /** The chart's numbers: the Word report prints them beside the picture, the PDF under it. */
  table: { head: string[]; rows: string[][] };
}

export interface ReportSummary {
  figures: ReportFigure[];
  charts: ReportChart[];
}
