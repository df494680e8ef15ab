import { describe, expect, it } from 'vitest';
import { commandForKey } from './commands';
import { ariaKeyShortcuts, formatShortcut, isTextEntryTarget, matchesShortcut, type KeyInput } from './shortcuts';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  code: mods.code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('matches modifiers exactly, with Ctrl or ⌘ as Mod', () => {
    expect(matchesShortcut(key('z', { ctrlKey: true }), 'Mod+Z')).toBe(true);
    expect(matchesShortcut(key('z', { metaKey: true }), 'Mod+Z')).toBe(true);
    expect(matchesShortcut(key('Z', { metaKey: true, shiftKey: true }), 'Mod+Z')).toBe(false);
    expect(matchesShortcut(key('Z', { metaKey: true, shiftKey: true }), 'Mod+Shift+Z')).toBe(true);
    expect(matchesShortcut(key('z'), 'Mod+Z')).toBe(false);
    expect(matchesShortcut(key('b', { ctrlKey: true }), 'B')).toBe(false);
  });

  it('finds symbols by physical key when Shift changes them, and letters on other layouts', () => {
    expect(matchesShortcut(key('{', { shiftKey: true, code: 'BracketLeft' }), 'Shift+[')).toBe(true);
    expect(matchesShortcut(key('['), '[')).toBe(true);
    expect(matchesShortcut(key('и', { code: 'KeyB' }), 'B')).toBe(true);
  });

  it('maps keys to the registry commands', () => {
    expect(commandForKey(key('b'))?.name).toBe('brush');
    expect(commandForKey(key('E', { shiftKey: false }))?.name).toBe('eraser');
    expect(commandForKey(key(']'))?.name).toBe('brush-larger');
    expect(commandForKey(key('['))?.name).toBe('brush-smaller');
    expect(commandForKey(key('z', { ctrlKey: true }))?.name).toBe('undo');
    expect(commandForKey(key('z', { metaKey: true, shiftKey: true }))?.name).toBe('redo');
    expect(commandForKey(key('y', { ctrlKey: true }))?.name).toBe('redo');
    expect(commandForKey(key('x'))?.name).toBe('swap');
    expect(commandForKey(key('V', { shiftKey: true }))?.name).toBe('invert');
    expect(commandForKey(key('i', { ctrlKey: true }))?.name).toBe('invert');
    expect(commandForKey(key('0', { metaKey: true }))?.name).toBe('zoom-fit');
    expect(commandForKey(key('1', { ctrlKey: true }))?.name).toBe('zoom-actual');
    expect(commandForKey(key('?', { shiftKey: true }))?.name).toBe('shortcuts');
    expect(commandForKey(key('q'))).toBeUndefined();
  });

  it('formats shortcuts for tooltips and aria-keyshortcuts', () => {
    expect(formatShortcut('Mod+Shift+Z', true)).toBe('⇧⌘Z');
    expect(formatShortcut('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(ariaKeyShortcuts('Mod+Z')).toBe('Control+Z Meta+Z');
    expect(ariaKeyShortcuts('B')).toBe('B');
  });

  it('recognises text fields but not buttons or sliders', () => {
    expect(isTextEntryTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextEntryTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextEntryTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTextEntryTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTextEntryTarget({ tagName: 'INPUT', type: 'range' })).toBe(false);
    expect(isTextEntryTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextEntryTarget(null)).toBe(false);
  });
});
