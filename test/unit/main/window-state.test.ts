import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  fitToDisplays,
  loadWindowState,
  parseWindowState,
  revealWhenReady,
  saveWindowState,
  type RevealedWindow,
  trackWindowState,
  type TrackedWindow,
  type WindowState,
} from '../../../src/main/window-state';

const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitorRight = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
const monitorLeft = { workArea: { x: -1920, y: 0, width: 1920, height: 1040 } };

describe('fitting a saved window to the displays there are now', () => {
  it('centres the default size on the primary display when nothing was saved', () => {
    expect(fitToDisplays(null, [laptop, monitorRight])).toEqual({
      x: 80,
      y: 25 + 28,
      width: 1280,
      height: 820,
      maximized: false,
    });
  });

  it('keeps a window that is on a display where it was', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(fitToDisplays(saved, [laptop, monitorRight])).toEqual(saved);
  });

  it('keeps a window on a display left of the primary (negative coordinates)', () => {
    const saved = { x: -1800, y: 40, width: 1200, height: 800, maximized: true };
    expect(fitToDisplays(saved, [laptop, monitorLeft])).toEqual(saved);
  });

  it('moves a window from an unplugged monitor back onto the primary display', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    const fitted = fitToDisplays(saved, [laptop]);
    expect(fitted).toEqual({ x: 0, y: 25, width: 1440, height: 875, maximized: true });
  });

  it('pulls a window that hangs off an edge fully into the work area', () => {
    const fitted = fitToDisplays({ x: 1300, y: 700, width: 800, height: 600, maximized: false }, [
      laptop,
    ]);
    expect(fitted).toEqual({ x: 640, y: 300, width: 800, height: 600, maximized: false });
  });

  it('does not keep a window whose title bar is above the screen', () => {
    const fitted = fitToDisplays({ x: 100, y: -500, width: 800, height: 700, maximized: false }, [
      laptop,
    ]);
    expect(fitted.y).toBeGreaterThanOrEqual(25);
    expect(fitted.x).toBe(320);
  });

  it('never goes below the minimum size and survives no displays at all', () => {
    expect(fitToDisplays({ width: 10, height: 10, maximized: false }, [laptop])).toMatchObject({
      width: 720,
      height: 480,
    });
    expect(fitToDisplays(null, [])).toMatchObject({ x: 0, y: 0, width: 1280, height: 820 });
  });

  it('always returns a window inside some display (property over random states)', () => {
    const displays = [laptop, monitorRight, monitorLeft];
    for (let i = 0; i < 2_000; i++) {
      const saved: WindowState = {
        x: Math.round((Math.random() - 0.5) * 12_000),
        y: Math.round((Math.random() - 0.5) * 6_000),
        width: Math.round(Math.random() * 5_000) + 1,
        height: Math.round(Math.random() * 3_000) + 1,
        maximized: false,
      };
      const w = fitToDisplays(saved, displays);
      const inside = displays.some(
        ({ workArea: a }) =>
          w.x >= a.x &&
          w.y >= a.y &&
          w.x + w.width <= a.x + a.width &&
          w.y + w.height <= a.y + a.height,
      );
      expect(inside, JSON.stringify({ saved, w })).toBe(true);
    }
  });
});

describe('reading and writing the state file', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    vi.useRealTimers();
  });

  it('round-trips and ignores broken or implausible files', () => {
    dir = mkdtempSync(join(tmpdir(), 'clipbook-ws-'));
    const file = join(dir, 'nested', 'window-state.json');
    expect(loadWindowState(file)).toBeNull();
    saveWindowState(file, { x: 5, y: 6, width: 900, height: 700, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 5, y: 6, width: 900, height: 700, maximized: true });
    writeFileSync(file, '{"width": 900, "hei');
    expect(loadWindowState(file)).toBeNull();
    expect(parseWindowState('{"width": -1, "height": 500}')).toBeNull();
    expect(parseWindowState('{"width": "big", "height": 500}')).toBeNull();
    expect(parseWindowState('{"width": 800, "height": 500, "x": null}')).toEqual({
      width: 800,
      height: 500,
      maximized: false,
    });
  });

  function fakeWindow(bounds = { x: 10, y: 20, width: 1000, height: 700 }) {
    const emitter = new EventEmitter();
    const state = { maximized: false, minimized: false, bounds };
    const window = Object.assign(emitter, {
      getNormalBounds: () => state.bounds,
      isMaximized: () => state.maximized,
      isMinimized: () => state.minimized,
      isFullScreen: () => false,
    });
    return { window: window as unknown as TrackedWindow & EventEmitter, state };
  }

  it('saves once per burst of moves, and again on close', () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const { window, state } = fakeWindow();
    trackWindowState(window, { file: '/x/state.json', delayMs: 500, save });
    for (let i = 0; i < 20; i++) {
      state.bounds = { ...state.bounds, x: state.bounds.x + 1 };
      window.emit('move');
    }
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith('/x/state.json', {
      x: 30,
      y: 20,
      width: 1000,
      height: 700,
      maximized: false,
    });
    state.maximized = true;
    window.emit('maximize');
    window.emit('close');
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1]?.[1]).toMatchObject({ maximized: true, width: 1000 });
  });

  it('does not record minimised bounds', () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const { window, state } = fakeWindow();
    trackWindowState(window, { file: 'f', save });
    state.minimized = true;
    state.bounds = { x: -32000, y: -32000, width: 160, height: 28 };
    window.emit('close');
    expect(save).not.toHaveBeenCalled();
  });

  it('writes a real file through the default saver', () => {
    dir = mkdtempSync(join(tmpdir(), 'clipbook-ws-'));
    const file = join(dir, 'window-state.json');
    const { window } = fakeWindow();
    trackWindowState(window, { file });
    window.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1000, height: 700 });
  });
});

describe('showing the window', () => {
  function fakeWindow() {
    const events = new EventEmitter();
    const calls: string[] = [];
    const window = {
      once: (event: string, listener: () => void) => events.once(event, listener),
      maximize: () => calls.push('maximize'),
      show: () => calls.push('show'),
    } as unknown as RevealedWindow;
    return { window, calls, paint: () => events.emit('ready-to-show') };
  }

  it('maximises a window restored maximised only after its first frame is painted', () => {
    const { window, calls, paint } = fakeWindow();
    revealWhenReady(window, true);
    // maximize() would show the blank window, and ready-to-show would then never fire.
    expect(calls).toEqual([]);
    paint();
    expect(calls).toEqual(['maximize', 'show']);
  });

  it('shows a normal window once painted, without maximising it', () => {
    const { window, calls, paint } = fakeWindow();
    revealWhenReady(window, false);
    expect(calls).toEqual([]);
    paint();
    paint();
    expect(calls).toEqual(['show']);
  });
});
