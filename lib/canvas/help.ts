import { getMaskCommand, type MaskCommandName } from './commands';
import { formatShortcut } from './shortcuts';

/** Inputs that are not registry commands: the `?` sheet and the canvas's description list them from here. */
export const MASK_GESTURES: readonly (readonly [keys: string, what: string])[] = [
  ['Shift-click', 'Straight brush line from the last stroke'],
  ['Alt-drag', 'Subtract one shape (or add, in subtract mode)'],
  ['Right-drag', 'Erase'],
  ['Space-drag, middle-drag', 'Pan'],
  ['Wheel, pinch', 'Zoom around the pointer'],
  ['Two fingers', 'Pan and zoom (one finger draws)'],
  ['Enter', 'Rectangle or ellipse: place one with the keyboard, Enter again to apply; polygon lasso: close'],
  ['Arrows, Shift+arrows', 'Move the placed shape by 1 or 10 px'],
  ['Alt+arrows', 'Resize the placed shape'],
  ['Backspace', 'Polygon lasso: remove the last point'],
];

/** The commands the canvas's description names (the `?` sheet lists all of them). */
const DESCRIBED: readonly MaskCommandName[] = [
  'brush',
  'eraser',
  'rectangle',
  'lasso',
  'fill',
  'swap',
  'brush-smaller',
  'brush-larger',
  'undo',
  'redo',
  'zoom-fit',
  'move',
  'shortcuts',
];
/** Gestures the description names, by their keys in `MASK_GESTURES`. */
const DESCRIBED_GESTURES = ['Wheel, pinch', 'Space-drag, middle-drag', 'Enter', 'Arrows, Shift+arrows', 'Alt+arrows'];

/** A shortcut as a screen reader should say it: `Mod` is Ctrl or Command. */
function spoken(shortcut: string): string {
  return formatShortcut(shortcut, false).replace(/^Ctrl\+/, 'Ctrl or Command+');
}

/**
 * The canvas's accessible description, from the command registry and the gesture list (as the `?` sheet is), so it
 * can never name a key the editor does not have.
 */
export function canvasDescription(): string {
  const commands = DESCRIBED.map((name) => {
    const command = getMaskCommand(name);
    const when = name === 'move' ? ' (while expanding the canvas)' : '';
    return `${command.label}${when}: ${spoken(command.shortcut ?? '')}`;
  });
  const gestures = MASK_GESTURES.filter(([keys]) => DESCRIBED_GESTURES.includes(keys)).map(
    ([keys, what]) => `${keys}: ${what.charAt(0).toLowerCase()}${what.slice(1)}`,
  );
  return [
    'Drag to paint the area to repaint.',
    `${commands.join('; ')}.`,
    `${gestures.join('; ')}.`,
    'While expanding the canvas, drag its handles to resize it; the Outpainting panel does the same from the keyboard.',
  ].join(' ');
}
