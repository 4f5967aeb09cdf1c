/**
 * Draws a chart's SVG into a canvas and returns it as PNG bytes, for the Word report (Word
 * shows pictures, not SVG). The SVG is our own chart (src/shared/coverage), loaded as a data:
 * image, which the window's CSP allows and which cannot run script.
 */
export async function rasteriseSvg(
  svg: string,
  size: { width: number; height: number },
): Promise<Uint8Array> {
  const image = new Image(size.width, size.height);
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This window cannot draw the report’s charts (no 2D canvas).');
  // White behind the transparent chart, as on paper.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(image, 0, 0, size.width, size.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('A chart of the report could not be drawn.');
  return new Uint8Array(await blob.arrayBuffer());
}
