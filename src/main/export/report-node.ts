/**
 * What a report needs outside a window (the CLI, benchmarks, tests): a document for the
 * charts (linkedom, as src/shared/coverage's tests use) and an SVG rasteriser for Word's
 * pictures (resvg, a native module used only here: it is left out of the app's archive).
 */
import { parseHTML } from 'linkedom';
import type { ChartDocument } from '@shared/coverage/charts';
import type { RasteriseSvg } from '@shared/export/report-options';

export function nodeChartDocument(): ChartDocument {
  return parseHTML('<!doctype html><html><body></body></html>')
    .document as unknown as ChartDocument;
}

export const rasteriseWithResvg: RasteriseSvg = async (svg, size) => {
  const { Resvg } = await import('@resvg/resvg-js');
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: size.width },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
};
