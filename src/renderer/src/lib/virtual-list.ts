/** The arithmetic of the fixed-row-height lists (library, highlights): what to render, how keys move. */

/** Rows above and below the viewport rendered as well, so a fast scroll shows no gap. */
export const OVERSCAN = 6;

/** The rows [first, last) to render for a viewport at `scrollTop` of `height` pixels. */
export function rowWindow(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
): { first: number; last: number } {
  return {
    first: Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN),
    last: Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN),
  };
}

/** How many rows a navigation key moves by (a page is a screenful less one), or undefined. */
export function keyMove(
  key: string,
  height: number,
  rowHeight: number,
  count: number,
): number | undefined {
  const page = Math.max(1, Math.floor(height / rowHeight) - 1);
  const moves: Record<string, number> = {
    ArrowDown: 1,
    ArrowUp: -1,
    PageDown: page,
    PageUp: -page,
    Home: -count,
    End: count,
  };
  return moves[key];
}
