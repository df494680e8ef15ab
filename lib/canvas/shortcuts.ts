/**
 * Keyboard shortcut strings such as `B`, `[`, `Mod+Z`, `Mod+Shift+Z`, `Shift+]`, `Escape`.
 * `Mod` is Ctrl, or ⌘ on Apple keyboards (either is accepted, so a Mac user pressing Ctrl+Z still
 * undoes). Modifiers must match exactly: `Mod+Z` does not fire on Mod+Shift+Z.
 */

export interface KeyInput {
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

interface ParsedShortcut {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

/** Physical key for symbols whose `key` changes with Shift (Shift+[ types `{` on US layouts). */
const CODES: Record<string, string> = {
  '[': 'BracketLeft',
  ']': 'BracketRight',
  '=': 'Equal',
  '-': 'Minus',
  '0': 'Digit0',
  '1': 'Digit1',
};

function parse(shortcut: string): ParsedShortcut {
  const parts = shortcut.split('+');
  // `Mod++` would be odd; we never use `+` itself as a key.
  const key = parts.pop() ?? '';
  return {
    mod: parts.includes('Mod'),
    shift: parts.includes('Shift'),
    alt: parts.includes('Alt'),
    key: key.length === 1 ? key.toLowerCase() : key,
  };
}

export function matchesShortcut(event: KeyInput, shortcut: string): boolean {
  const want = parse(shortcut);
  const mod = event.ctrlKey || event.metaKey;
  // `?` is Shift+/ on most layouts and unshifted on others: match the character, whatever Shift is.
  if (want.key === '?') return !mod && !event.altKey && event.key === '?';
  if (mod !== want.mod || event.shiftKey !== want.shift || event.altKey !== want.alt) return false;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key === want.key) return true;
  // Non-Latin layouts: B on a Russian keyboard types `и`; fall back to the physical key.
  if (/^[a-z]$/.test(want.key) && !/^[a-z]$/.test(key)) return event.code === `Key${want.key.toUpperCase()}`;
  const code = CODES[want.key];
  return code !== undefined && event.code === code;
}

/** `aria-keyshortcuts` value, e.g. `Control+Shift+Z Meta+Shift+Z`. */
export function ariaKeyShortcuts(shortcut: string): string {
  const { mod, shift, alt, key } = parse(shortcut);
  const tail = [alt ? 'Alt' : '', shift ? 'Shift' : '', key.length === 1 ? key.toUpperCase() : key]
    .filter(Boolean)
    .join('+');
  return mod ? `Control+${tail} Meta+${tail}` : tail;
}

/** Human form for tooltips: `Ctrl+Shift+Z`, or `⌘⇧Z` on Apple. */
export function formatShortcut(shortcut: string, apple: boolean): string {
  const { mod, shift, alt, key } = parse(shortcut);
  const label = key.length === 1 ? key.toUpperCase() : key === 'Escape' ? 'Esc' : key;
  if (apple) return `${alt ? '⌥' : ''}${shift ? '⇧' : ''}${mod ? '⌘' : ''}${label}`;
  return [mod ? 'Ctrl' : '', alt ? 'Alt' : '', shift ? 'Shift' : '', label].filter(Boolean).join('+');
}

const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'hidden',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/**
 * True when a key press belongs to a text field (input, textarea, select, contenteditable), so the
 * editor must leave it alone. Duck-typed so it works without a DOM (tests, workers).
 */
export function isTextEntryTarget(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const element = target as { tagName?: unknown; type?: unknown; isContentEditable?: unknown };
  if (element.isContentEditable === true) return true;
  const tag = typeof element.tagName === 'string' ? element.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = typeof element.type === 'string' ? element.type.toLowerCase() : 'text';
  return !NON_TEXT_INPUTS.has(type);
}
