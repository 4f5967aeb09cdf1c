import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../src/main/menu';
import {
  createKeyHandler,
  type KeyCommands,
  type KeyEventLike,
} from '../../../src/renderer/src/lib/key-handler';
import {
  accelerator,
  keyOf,
  parseKey,
  placedKeys,
  SHORTCUTS,
  shortcutLabels,
  windowKeys,
  type KeyCommand,
  type Shortcut,
} from '../../../src/renderer/src/lib/shortcuts';

const TABLE: readonly Shortcut[] = SHORTCUTS;

/** Commands that record what ran. */
function recorder(): { commands: KeyCommands; ran: KeyCommand[] } {
  const ran: KeyCommand[] = [];
  const commands = new Proxy({} as KeyCommands, {
    get: (_target, name) => () => {
      ran.push(name as KeyCommand);
    },
  });
  return { commands, ran };
}

function keyEvent(
  key: string,
  mods: Partial<Pick<KeyEventLike, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>> = {},
  target: EventTarget | null = null,
): KeyEventLike & { prevented: boolean } {
  const event = {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
    target,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

const FIELD = { tagName: 'INPUT' } as unknown as EventTarget;

function handler(commands: KeyCommands, blocked = false) {
  return createKeyHandler(commands, {
    blocked: () => blocked,
    typing: (target) => target === FIELD,
  });
}

/** The label the sheet would show for an event, written independently of the table code. */
function eventLabel(event: KeyEventLike): string {
  const names: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };
  const mod = event.ctrlKey || event.metaKey;
  const single = event.key.length === 1;
  const key = names[event.key] ?? (mod && single ? event.key.toUpperCase() : event.key);
  // A character says its Shift itself (? is Shift+/), so Shift is only named with Ctrl or a
  // named key.
  const shift = event.shiftKey && (mod || !single);
  return [...(mod ? ['Ctrl'] : []), ...(shift ? ['Shift'] : []), key].join('+');
}

describe('the shortcuts table', () => {
  it('runs every window-wide key it lists, and only its own command', () => {
    for (const shortcut of TABLE) {
      for (const chord of windowKeys(shortcut)) {
        for (const mod of chord.mod ? ['ctrlKey', 'metaKey'] : [null]) {
          const { commands, ran } = recorder();
          const event = keyEvent(chord.key, {
            shiftKey: chord.shift,
            ...(mod ? { [mod]: true } : {}),
          });
          handler(commands)(event);
          expect(ran, `${shortcut.id}: ${chord.key}`).toEqual([shortcut.run]);
          expect(event.prevented).toBe(true);
        }
      }
    }
  });

  it('runs a key typed in a text field only when the shortcut says so', () => {
    for (const shortcut of TABLE) {
      for (const chord of windowKeys(shortcut)) {
        const { commands, ran } = recorder();
        handler(commands)(
          keyEvent(chord.key, { shiftKey: chord.shift, ctrlKey: chord.mod }, FIELD),
        );
        expect(ran, shortcut.id).toEqual(shortcut.whileTyping ? [shortcut.run] : []);
      }
    }
  });

  it('lets no key through while a dialog is open', () => {
    const { commands, ran } = recorder();
    for (const chord of TABLE.flatMap(windowKeys))
      handler(commands, true)(keyEvent(chord.key, { shiftKey: chord.shift, ctrlKey: chord.mod }));
    expect(ran).toEqual([]);
  });

  it('runs nothing the sheet does not show for that key', () => {
    const keys = [
      ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
      ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
      ...['Enter', 'Escape', 'Delete', 'Backspace', 'Tab', 'Home', 'End', 'PageUp', 'PageDown'],
      ...['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'],
    ];
    const modifiers = [
      {},
      { shiftKey: true },
      { ctrlKey: true },
      { metaKey: true },
      { altKey: true },
      { ctrlKey: true, shiftKey: true },
      { ctrlKey: true, altKey: true },
    ];
    let runs = 0;
    for (const key of keys) {
      for (const mods of modifiers) {
        const { commands, ran } = recorder();
        const event = keyEvent(key, mods);
        handler(commands)(event);
        expect(ran.length).toBeLessThanOrEqual(1);
        const command = ran[0];
        if (!command) {
          expect(event.prevented, eventLabel(event)).toBe(false);
          continue;
        }
        runs += 1;
        const listed = TABLE.filter((s) => s.run === command).flatMap((s) =>
          shortcutLabels(s).map((label) => label.replace('⌘', 'Ctrl')),
        );
        expect(listed, `${eventLabel(event)} ran ${command}`).toContain(eventLabel(event));
      }
    }
    // Ctrl and ⌘ both count, and a character runs with or without Shift.
    expect(runs).toBeGreaterThanOrEqual(TABLE.flatMap(windowKeys).length);
  });

  it('shows keys as the sheet always has', () => {
    const labels = (id: string) => shortcutLabels(TABLE.find((s) => s.id === id) as Shortcut);
    expect(labels('import-folder')).toEqual(['Ctrl+Shift+O']);
    expect(labels('next')).toEqual(['j', '↓']);
    expect(labels('select-several')).toEqual(['Shift+↓', 'Shift+↑', 'Ctrl+click', 'Shift+click']);
    expect(labels('previous-hit')).toEqual(['Shift+Enter', 'Shift+F3']);
    expect(labels('highlight')).toEqual(['1–5', 'h']);
    expect(labels('escape')).toEqual(['Esc']);
  });

  it('gives the reader its highlight keys', () => {
    expect(placedKeys('highlight', 'reader')).toEqual(['1', '2', '3', '4', '5', 'h']);
  });

  it('has one entry per id and names a command wherever keys are window-wide', () => {
    expect(new Set(TABLE.map((s) => s.id)).size).toBe(TABLE.length);
    for (const shortcut of TABLE)
      expect(windowKeys(shortcut).length > 0, shortcut.id).toBe(!!shortcut.run);
  });
});

describe('the shortcuts table and the application menu', () => {
  type Item = MenuItemConstructorOptions;
  const flatten = (items: readonly Item[]): Item[] =>
    items.flatMap((item) => [
      item,
      ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : []),
    ]);

  it.each(['darwin', 'linux', 'win32'] as const)(
    'agree on every accelerator of an app command on %s',
    (platform) => {
      const items = flatten(
        appMenuTemplate({ platform, appName: 'Clipbook', isDev: false, command: () => {} }),
      ).filter((item) => item.id && item.accelerator);
      // Every accelerator of the menu is a key of the table's entry for that command.
      for (const item of items) {
        const entry = TABLE.find((s) => s.menu === item.id);
        expect(entry, String(item.id)).toBeDefined();
        expect(entry?.keys.map(accelerator), String(item.id)).toContain(item.accelerator);
      }
      // Every key the table leaves to the menu is an accelerator of its item.
      for (const s of TABLE)
        for (const spec of s.keys)
          if (typeof spec !== 'string' && spec.in === 'menu') {
            const item = items.find((i) => i.id === s.menu);
            expect(item?.accelerator, keyOf(spec)).toBe(accelerator(spec));
          }
    },
  );

  it('writes accelerators as Electron does', () => {
    expect(accelerator('Mod+Shift+O')).toBe('CmdOrCtrl+Shift+O');
    expect(accelerator('F1')).toBe('F1');
    expect(parseKey('Shift+F3')).toEqual({ key: 'F3', mod: false, shift: true });
  });
});
