/**
 * The window's key handler, built from the shortcuts table: a key runs a command only when
 * the table lists it, so the help sheet and the keys cannot disagree.
 */
import { SHORTCUTS, windowKeys, type Chord, type KeyCommand, type Shortcut } from './shortcuts';

/** A command run by a key; `false` when it did not apply (the key then does its default). */
export type KeyCommands = Record<KeyCommand, () => boolean | void>;

/** What a key handler reads of a key event. */
export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
  preventDefault(): void;
}

export interface KeyHandlerOptions {
  /** True while keys belong to something else (a dialog is open). */
  blocked(): boolean;
  /** True when the event comes from a text field. */
  typing(target: EventTarget | null): boolean;
}

interface Binding {
  chord: Chord;
  run: KeyCommand;
  whileTyping: boolean;
}

const BINDINGS: readonly Binding[] = (SHORTCUTS as readonly Shortcut[]).flatMap((shortcut) => {
  const run = shortcut.run;
  if (!run) return [];
  return windowKeys(shortcut).map((chord) => ({
    chord,
    run,
    whileTyping: shortcut.whileTyping ?? false,
  }));
});

/**
 * Whether the event is the chord. Alt never is; Ctrl and ⌘ both are `Mod`. A single character
 * without Mod ignores Shift (`?` is Shift+/ on many layouts), other keys must match it.
 */
export function isChord(event: KeyEventLike, chord: Chord): boolean {
  if (event.altKey || chord.mod !== (event.ctrlKey || event.metaKey)) return false;
  if (chord.mod)
    return event.shiftKey === chord.shift && event.key.toLowerCase() === chord.key.toLowerCase();
  if (chord.key.length === 1) return event.key === chord.key;
  return event.shiftKey === chord.shift && event.key === chord.key;
}

export function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function createKeyHandler(
  commands: KeyCommands,
  options: KeyHandlerOptions,
): (event: KeyEventLike) => void {
  return (event) => {
    if (options.blocked()) return;
    const binding = BINDINGS.find((b) => isChord(event, b.chord));
    if (!binding) return;
    if (!binding.whileTyping && options.typing(event.target)) return;
    if (commands[binding.run]() !== false) event.preventDefault();
  };
}
