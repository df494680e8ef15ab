import type { MaskEditorCore, MaskEditorSnapshot } from './editor-core';
import { matchesShortcut, type KeyInput } from './shortcuts';

export type MaskCommandName =
  | 'brush'
  | 'eraser'
  | 'rectangle'
  | 'ellipse'
  | 'lasso'
  | 'polygon'
  | 'fill'
  | 'move'
  | 'swap'
  | 'grow'
  | 'shrink'
  | 'feather'
  | 'zoom-actual'
  | 'shortcuts'
  | 'undo'
  | 'redo'
  | 'invert'
  | 'clear'
  | 'brush-smaller'
  | 'brush-larger'
  | 'brush-softer'
  | 'brush-harder'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-fit'
  | 'cancel';

/**
 * One user action, defined once and used by the toolbar, the keyboard and the tests, so a
 * shortcut can never drift from its button.
 */
export interface MaskCommand {
  readonly name: MaskCommandName;
  /** Accessible name of its button. */
  readonly label: string;
  /** Main shortcut (shown in tooltips), see `shortcuts.ts` for the syntax. */
  readonly shortcut: string | null;
  /** Other shortcuts for the same command (e.g. Ctrl+Y for redo on Windows). */
  readonly aliases?: readonly string[];
  enabled(snapshot: MaskEditorSnapshot): boolean;
  /** For toggle buttons (tools): whether it is the current one. */
  pressed?(snapshot: MaskEditorSnapshot): boolean;
  run(editor: MaskEditorCore): void;
}

const hasBase = (s: MaskEditorSnapshot) => s.base !== null;

export const maskCommands: readonly MaskCommand[] = Object.freeze([
  {
    name: 'brush',
    label: 'Brush',
    shortcut: 'B',
    enabled: hasBase,
    pressed: (s) => s.tool === 'brush',
    run: (e) => e.setTool('brush'),
  },
  {
    name: 'eraser',
    label: 'Eraser',
    shortcut: 'E',
    enabled: hasBase,
    pressed: (s) => s.tool === 'eraser',
    run: (e) => e.setTool('eraser'),
  },
  {
    name: 'rectangle',
    label: 'Rectangle',
    shortcut: 'M',
    enabled: hasBase,
    pressed: (s) => s.tool === 'rectangle',
    run: (e) => e.setTool('rectangle'),
  },
  {
    name: 'ellipse',
    label: 'Ellipse',
    shortcut: 'Shift+M',
    enabled: hasBase,
    pressed: (s) => s.tool === 'ellipse',
    run: (e) => e.setTool('ellipse'),
  },
  {
    name: 'lasso',
    label: 'Lasso',
    shortcut: 'L',
    enabled: hasBase,
    pressed: (s) => s.tool === 'lasso',
    run: (e) => e.setTool('lasso'),
  },
  {
    name: 'polygon',
    label: 'Polygon lasso',
    shortcut: 'Shift+L',
    enabled: hasBase,
    pressed: (s) => s.tool === 'polygon',
    run: (e) => e.setTool('polygon'),
  },
  {
    name: 'fill',
    label: 'Fill',
    shortcut: 'G',
    enabled: hasBase,
    pressed: (s) => s.tool === 'fill',
    run: (e) => e.setTool('fill'),
  },
  {
    // Photoshop's Move tool key. Only while expanding: it drags the original inside the expanded canvas.
    name: 'move',
    label: 'Move original',
    shortcut: 'V',
    enabled: (s) => hasBase(s) && s.expanding,
    pressed: (s) => s.tool === 'move',
    run: (e) => e.setTool('move'),
  },
  {
    name: 'swap',
    label: 'Swap paint and erase',
    shortcut: 'X',
    enabled: hasBase,
    run: (e) => e.swapMode(),
  },
  {
    name: 'undo',
    label: 'Undo',
    shortcut: 'Mod+Z',
    enabled: (s) => s.canUndo,
    run: (e) => e.undo(),
  },
  {
    name: 'redo',
    label: 'Redo',
    shortcut: 'Mod+Shift+Z',
    aliases: ['Mod+Y'],
    enabled: (s) => s.canRedo,
    run: (e) => e.redo(),
  },
  {
    name: 'invert',
    label: 'Invert mask',
    shortcut: 'Shift+V',
    aliases: ['Mod+I', 'Shift+I'],
    enabled: hasBase,
    run: (e) => e.invert(),
  },
  {
    name: 'clear',
    label: 'Clear mask',
    shortcut: 'Shift+C',
    enabled: (s) => s.hasMask,
    run: (e) => e.clear(),
  },
  {
    name: 'grow',
    label: 'Grow mask',
    shortcut: 'Alt+]',
    enabled: (s) => s.hasMask,
    run: (e) => e.grow(1),
  },
  {
    name: 'shrink',
    label: 'Shrink mask',
    shortcut: 'Alt+[',
    enabled: (s) => s.hasMask,
    run: (e) => e.grow(-1),
  },
  {
    name: 'feather',
    label: 'Feather mask',
    shortcut: 'Alt+F',
    enabled: (s) => s.hasMask,
    run: (e) => e.feather(),
  },
  {
    name: 'brush-smaller',
    label: 'Smaller brush',
    shortcut: '[',
    enabled: (s) => hasBase(s) && s.brushSize > s.minBrushSize,
    run: (e) => e.stepBrushSize(-1),
  },
  {
    name: 'brush-larger',
    label: 'Larger brush',
    shortcut: ']',
    enabled: (s) => hasBase(s) && s.brushSize < s.maxBrushSize,
    run: (e) => e.stepBrushSize(1),
  },
  {
    name: 'brush-softer',
    label: 'Softer brush',
    shortcut: 'Shift+[',
    enabled: (s) => hasBase(s) && s.brushHardness > 0,
    run: (e) => e.setBrushHardness(e.getSnapshot().brushHardness - 0.1),
  },
  {
    name: 'brush-harder',
    label: 'Harder brush',
    shortcut: 'Shift+]',
    enabled: (s) => hasBase(s) && s.brushHardness < 1,
    run: (e) => e.setBrushHardness(e.getSnapshot().brushHardness + 0.1),
  },
  {
    name: 'zoom-in',
    label: 'Zoom in',
    shortcut: '=',
    aliases: ['Shift+='],
    enabled: hasBase,
    run: (e) => e.zoomBy(1.25),
  },
  {
    name: 'zoom-out',
    label: 'Zoom out',
    shortcut: '-',
    enabled: hasBase,
    run: (e) => e.zoomBy(0.8),
  },
  {
    name: 'zoom-fit',
    label: 'Fit to view',
    shortcut: 'Mod+0',
    aliases: ['0'],
    enabled: (s) => hasBase(s) && !s.isFitted,
    run: (e) => e.fitToView(),
  },
  {
    name: 'zoom-actual',
    label: 'Actual size',
    shortcut: 'Mod+1',
    aliases: ['1'],
    enabled: (s) => hasBase(s) && Math.round(s.zoom * 100) !== 100, // as the status line shows it
    run: (e) => e.zoomToActualSize(),
  },
  {
    name: 'shortcuts',
    label: 'Keyboard shortcuts',
    shortcut: '?',
    enabled: () => true,
    pressed: (s) => s.shortcutSheet,
    run: (e) => e.setShortcutSheet(!e.getSnapshot().shortcutSheet),
  },
  {
    name: 'cancel',
    label: 'Cancel stroke',
    shortcut: 'Escape',
    enabled: (s) => s.interaction !== 'idle',
    run: (e) => e.cancelInteraction(),
  },
] satisfies MaskCommand[]);

export function getMaskCommand(name: MaskCommandName): MaskCommand {
  const command = maskCommands.find((c) => c.name === name);
  if (!command) throw new Error(`unknown mask command ${name}`);
  return command;
}

/** The command a key press asks for (enabled or not), or undefined. */
export function commandForKey(event: KeyInput): MaskCommand | undefined {
  return maskCommands.find((command) =>
    [command.shortcut, ...(command.aliases ?? [])].some(
      (shortcut) => shortcut !== null && matchesShortcut(event, shortcut),
    ),
  );
}

/** Runs a command if it is enabled now. Returns whether it ran. */
export function runMaskCommand(editor: MaskEditorCore, name: MaskCommandName): boolean {
  const command = getMaskCommand(name);
  if (!command.enabled(editor.getSnapshot())) return false;
  command.run(editor);
  return true;
}
