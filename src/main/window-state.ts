/**
 * The main window's size, position and maximised state, kept across launches in a small JSON
 * file in userData. Fitting a saved state to the current displays is a pure function, so a
 * monitor that was unplugged since last time never strands the window off-screen.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** What fitting needs of Electron's Display. */
export interface DisplayArea {
  workArea: Rectangle;
}

export interface WindowLimits {
  defaultWidth: number;
  defaultHeight: number;
  minWidth: number;
  minHeight: number;
}

export const WINDOW_LIMITS: WindowLimits = {
  defaultWidth: 1280,
  defaultHeight: 820,
  minWidth: 720,
  minHeight: 480,
};

/** How much of the window must show on a display to count as "on" it (a grabbable title bar). */
const MIN_VISIBLE = 48;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Places a saved window state on the displays there are now. `displays[0]` is the primary
 * display (the fallback). The window keeps its size when it fits, shrinks to the work area when
 * it does not, and keeps its place when enough of it shows on some display; otherwise it is
 * centred on the primary display. With no saved state, the default size is centred.
 */
export function fitToDisplays(
  saved: WindowState | null,
  displays: readonly DisplayArea[],
  limits: WindowLimits = WINDOW_LIMITS,
): Required<WindowState> {
  const primary = displays[0]?.workArea ?? {
    x: 0,
    y: 0,
    width: limits.defaultWidth,
    height: limits.defaultHeight,
  };
  const wanted = {
    width: Math.max(limits.minWidth, Math.round(saved?.width ?? limits.defaultWidth)),
    height: Math.max(limits.minHeight, Math.round(saved?.height ?? limits.defaultHeight)),
  };
  let area = primary;
  let keepPlace = false;
  if (saved && saved.x !== undefined && saved.y !== undefined) {
    const bounds = { x: saved.x, y: saved.y, ...wanted };
    let best = 0;
    for (const display of displays) {
      const o = overlap(bounds, display.workArea);
      // The top edge must be on this display: a window whose title bar is off-screen cannot
      // be moved back by the user.
      const titleBarShows =
        saved.y >= display.workArea.y - 8 &&
        saved.y < display.workArea.y + display.workArea.height - MIN_VISIBLE / 2;
      if (o.width < MIN_VISIBLE || o.height < MIN_VISIBLE / 2 || !titleBarShows) continue;
      const visible = o.width * o.height;
      if (visible > best) {
        best = visible;
        area = display.workArea;
        keepPlace = true;
      }
    }
  }
  const width = Math.min(wanted.width, Math.max(area.width, 1));
  const height = Math.min(wanted.height, Math.max(area.height, 1));
  const x = keepPlace
    ? clamp(Math.round(saved?.x ?? 0), area.x, area.x + area.width - width)
    : area.x + Math.round((area.width - width) / 2);
  const y = keepPlace
    ? clamp(Math.round(saved?.y ?? 0), area.y, area.y + area.height - height)
    : area.y + Math.round((area.height - height) / 2);
  return { x, y, width, height, maximized: saved?.maximized === true };
}

/** Reads a saved state; anything missing, unreadable or implausible is treated as none. */
export function parseWindowState(text: string): WindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const finite = (n: unknown): n is number =>
    typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1_000_000;
  if (!finite(v['width']) || !finite(v['height']) || v['width'] <= 0 || v['height'] <= 0) {
    return null;
  }
  const state: WindowState = {
    width: v['width'],
    height: v['height'],
    maximized: v['maximized'] === true,
  };
  if (finite(v['x']) && finite(v['y'])) {
    state.x = v['x'];
    state.y = v['y'];
  }
  return state;
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename, so a crash mid-write never leaves half a file.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

/** The parts of BrowserWindow the tracker uses (a fake in tests). */
export type TrackedWindow = Pick<
  BrowserWindow,
  'on' | 'getNormalBounds' | 'isMaximized' | 'isMinimized' | 'isFullScreen'
>;

export interface TrackOptions {
  file: string;
  /** Moves and resizes arrive in bursts; one write per pause is plenty. */
  delayMs?: number;
  save?: (file: string, state: WindowState) => void;
}

/** Saves the window's normal bounds and maximised state, debounced, and once more on close. */
export function trackWindowState(window: TrackedWindow, options: TrackOptions): () => void {
  const save = options.save ?? saveWindowState;
  const delay = options.delayMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: WindowState | null = null;

  const snapshot = (): WindowState | null => {
    // Minimised or full-screen bounds are not where the user wants the window next time;
    // getNormalBounds gives the restored size even while maximised.
    if (window.isMinimized() || window.isFullScreen()) return last;
    const bounds = window.getNormalBounds();
    return { ...bounds, maximized: window.isMaximized() };
  };
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    const state = snapshot();
    if (!state) return;
    last = state;
    try {
      save(options.file, state);
    } catch {
      // A read-only profile must not break the window; the state is simply not kept.
    }
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delay);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
    window.on(event as 'resize', schedule);
  }
  window.on('close', flush);
  return flush;
}

/** The parts of BrowserWindow that showing it uses (a fake in tests). */
export type RevealedWindow = Pick<BrowserWindow, 'once' | 'maximize' | 'show'>;

/**
 * Shows the window once its first frame is painted, maximised if it was. Not maximize()
 * before then: it shows the window at once (a blank frame), and ready-to-show, which only
 * fires for a window not yet shown, then never comes (electron/electron#8861, #7779).
 */
export function revealWhenReady(window: RevealedWindow, maximized: boolean): void {
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    // maximize() shows without focus (and on some macOS versions not at all): show() does both.
    window.show();
  });
}
