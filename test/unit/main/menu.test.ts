import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { contextMenuTemplate } from '../../../src/main/context-menu';
import { appMenuTemplate } from '../../../src/main/menu';
import { MENU_COMMANDS, parseMenuMessage, type MenuCommand } from '@shared/ipc-channels';

type Item = MenuItemConstructorOptions;

function flatten(items: readonly Item[]): Item[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : []),
  ]);
}

function menuFor(platform: NodeJS.Platform, isDev = false) {
  const command = vi.fn<(c: MenuCommand) => void>();
  const template = appMenuTemplate({ platform, appName: 'Clipbook', isDev, command });
  return { template, items: flatten(template), command };
}

function click(item: Item | undefined): void {
  (item?.click as unknown as () => void)();
}

describe('application menu', () => {
  it.each(['darwin', 'linux', 'win32'] as const)(
    'sends every app command from a menu item on %s',
    (platform) => {
      const { items, command } = menuFor(platform);
      const expected = MENU_COMMANDS.filter(
        (c) => c !== 'highlight-selection' && c !== 'search-selection',
      );
      for (const id of expected) {
        const item = items.find((i) => i.id === id);
        expect(item, id).toBeDefined();
        click(item);
        expect(command).toHaveBeenLastCalledWith(id);
      }
    },
  );

  it('follows macOS conventions: app menu first with About and Quit, Close in File', () => {
    const { template } = menuFor('darwin');
    expect(template[0]?.label).toBe('Clipbook');
    const appItems = flatten([template[0]!]);
    expect(appItems.some((i) => i.id === 'about')).toBe(true);
    expect(appItems.some((i) => i.role === 'quit')).toBe(true);
    const file = template.find((t) => t.label === '&File')!;
    expect(flatten([file]).some((i) => i.role === 'close')).toBe(true);
    expect(flatten([file]).some((i) => i.role === 'quit')).toBe(false);
  });

  it.each(['linux', 'win32'] as const)('puts Quit in File and About in Help on %s', (platform) => {
    const { template } = menuFor(platform);
    expect(template.map((t) => t.label ?? t.role)).toEqual([
      '&File',
      '&Edit',
      '&View',
      'windowMenu',
      '&Help',
    ]);
    expect(flatten([template[0]!]).some((i) => i.role === 'quit')).toBe(true);
    expect(flatten([template[4]!]).some((i) => i.id === 'about')).toBe(true);
  });

  it('uses roles for editing and zoom, and shows dev tools only in development', () => {
    const roles = (items: Item[]) => items.map((i) => i.role).filter(Boolean);
    const { items } = menuFor('linux');
    expect(roles(items)).toEqual(
      expect.arrayContaining([
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'resetZoom',
        'zoomIn',
        'zoomOut',
      ]),
    );
    expect(roles(items)).not.toContain('toggleDevTools');
    expect(roles(menuFor('linux', true).items)).toContain('toggleDevTools');
  });

  it('has no accelerator twice', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const accelerators = menuFor(platform)
        .items.map((i) => i.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });
});

const flags = {
  canUndo: true,
  canRedo: false,
  canCut: true,
  canCopy: true,
  canPaste: true,
  canDelete: true,
  canSelectAll: true,
  canEditRichly: false,
};

describe('reader context menu', () => {
  it('offers Highlight, Copy and Search for selected article text', () => {
    const command = vi.fn();
    const template = contextMenuTemplate(
      { selectionText: '  Putin met Guterres  ', isEditable: false, editFlags: flags },
      { command },
    );
    expect(template.map((i) => i.id ?? i.role ?? i.type)).toEqual([
      'highlight-selection',
      'copy',
      'separator',
      'search-selection',
    ]);
    click(template[0]);
    expect(command).toHaveBeenLastCalledWith('highlight-selection', 'Putin met Guterres');
    click(template[3]);
    expect(command).toHaveBeenLastCalledWith('search-selection', 'Putin met Guterres');
    expect(template[3]?.label).toBe('Search for “Putin met Guterres”');
  });

  it('shortens long selections in the label and the query', () => {
    const command = vi.fn();
    const long = 'word '.repeat(400);
    const template = contextMenuTemplate(
      { selectionText: long, isEditable: false, editFlags: flags },
      { command },
    );
    expect(String(template[3]?.label).length).toBeLessThan(45);
    click(template[3]);
    expect((command.mock.calls[0]?.[1] as string).length).toBe(500);
  });

  it('shows nothing without a selection, and the editing menu in text fields', () => {
    expect(
      contextMenuTemplate(
        { selectionText: ' ', isEditable: false, editFlags: flags },
        { command: vi.fn() },
      ),
    ).toEqual([]);
    const edit = contextMenuTemplate(
      { selectionText: '', isEditable: true, editFlags: flags },
      { command: vi.fn() },
    );
    expect(edit.map((i) => i.role).filter(Boolean)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    expect(edit.find((i) => i.role === 'redo')?.enabled).toBe(false);
  });
});

describe('spelling in the editable-field context menu', () => {
  function spellingMenu(misspelledWord: string, dictionarySuggestions: string[]) {
    const replaceMisspelling = vi.fn<(word: string) => void>();
    const addToDictionary = vi.fn<(word: string) => void>();
    const template = contextMenuTemplate(
      {
        selectionText: '',
        isEditable: true,
        editFlags: flags,
        misspelledWord,
        dictionarySuggestions,
      },
      { command: vi.fn(), replaceMisspelling, addToDictionary },
    );
    return { template, replaceMisspelling, addToDictionary };
  }

  it('offers the suggestions for an underlined word and replaces it with the one chosen', () => {
    const { template, replaceMisspelling } = spellingMenu('goverment', [
      'government',
      'governments',
    ]);
    expect(template.slice(0, 4).map((i) => i.label ?? i.type)).toEqual([
      'government',
      'governments',
      'Add “goverment” to Dictionary',
      'separator',
    ]);
    click(template[1]);
    expect(replaceMisspelling).toHaveBeenCalledWith('governments');
    // The editing items follow.
    expect(
      template
        .slice(4)
        .map((i) => i.role)
        .filter(Boolean),
    ).toContain('paste');
  });

  it('adds the word to the dictionary, and says when there is no suggestion', () => {
    const { template, addToDictionary } = spellingMenu('Guterres', []);
    expect(template[0]).toMatchObject({ label: 'No spelling suggestions', enabled: false });
    click(template.find((i) => i.id === 'spelling-add'));
    expect(addToDictionary).toHaveBeenCalledWith('Guterres');
  });

  it('keeps a long suggestion list short', () => {
    const many = Array.from({ length: 20 }, (_, i) => `word${i}`);
    const { template } = spellingMenu('wrod', many);
    expect(template.filter((i) => i.id?.startsWith('spelling-suggestion-'))).toHaveLength(6);
  });

  it('has no spelling items for a correctly spelled word', () => {
    const { template } = spellingMenu('', ['unused']);
    expect(template.some((i) => i.id?.startsWith('spelling-'))).toBe(false);
    expect(template[0]?.role).toBe('undo');
  });
});

describe('menu messages on the wire', () => {
  it('accepts a bare command or a command with text, and drops anything else', () => {
    expect(parseMenuMessage('about')).toEqual({ command: 'about', text: '' });
    expect(parseMenuMessage({ command: 'search-selection', text: 'Guterres' })).toEqual({
      command: 'search-selection',
      text: 'Guterres',
    });
    expect(parseMenuMessage({ command: 'about', text: 42 })).toEqual({
      command: 'about',
      text: '',
    });
    for (const bad of ['rm -rf', { command: 'nope' }, null, 42, ['about']]) {
      expect(parseMenuMessage(bad)).toBeNull();
    }
  });
});
