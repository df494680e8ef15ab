import {
  defaultBrushSize,
  maxBrushSize,
  MIN_BRUSH_SIZE,
  type MaskMode,
  type MaskTool,
  type OverlayPattern,
} from './editor-types';
import type { Size } from './camera';
import { DEFAULT_OVERLAY } from './overlay';

export interface OverlaySettings {
  readonly color: string;
  readonly opacity: number;
  readonly pattern: OverlayPattern;
}

/**
 * What the user chose, apart from the mask: the tool, brush, shape mode, adjust radius, overlay look, the `?` sheet
 * and Space-to-pan. Plain values with their clamping rules; `changed` tells the editor to publish a new snapshot.
 * The brush's upper limit depends on the base, so it is read through `base()`.
 */
export class EditorSettings {
  tool: MaskTool = 'brush';
  shapeMode: MaskMode = 'add';
  brushSize = defaultBrushSize(null);
  brushHardness = 1;
  adjustRadius = 8;
  overlay: OverlaySettings = { ...DEFAULT_OVERLAY };
  shortcutSheet = false;
  panMode = false;

  constructor(
    private readonly base: () => Size | null,
    private readonly changed: () => void,
  ) {}

  get maxBrushSize(): number {
    return maxBrushSize(this.base());
  }

  /** X: brush ⇄ eraser; for shapes, lasso and fill, add ⇄ subtract. */
  swapMode(): void {
    if (this.tool === 'brush') this.tool = 'eraser';
    else if (this.tool === 'eraser') this.tool = 'brush';
    else this.shapeMode = flipMode(this.shapeMode);
    this.changed();
  }

  setShapeMode(mode: MaskMode): void {
    this.shapeMode = mode;
    this.changed();
  }

  setBrushSize(size: number): void {
    if (!Number.isFinite(size)) return;
    this.brushSize = Math.min(this.maxBrushSize, Math.max(MIN_BRUSH_SIZE, Math.round(size)));
    this.changed();
  }

  /** `[` / `]`: about 20 % a step, at least 1 px. */
  stepBrushSize(direction: 1 | -1): void {
    const size = this.brushSize;
    this.setBrushSize(direction > 0 ? Math.max(size + 1, size * 1.2) : Math.min(size - 1, size / 1.2));
  }

  /** A new base of another size gets a brush sized to it. */
  resetBrushFor(base: Size): void {
    this.brushSize = defaultBrushSize(base);
  }

  setBrushHardness(hardness: number): void {
    if (!Number.isFinite(hardness)) return;
    this.brushHardness = Math.round(Math.min(1, Math.max(0, hardness)) * 100) / 100;
    this.changed();
  }

  setAdjustRadius(radius: number): void {
    if (!Number.isFinite(radius)) return;
    this.adjustRadius = Math.min(256, Math.max(1, Math.round(radius)));
    this.changed();
  }

  setOverlay(overlay: Partial<OverlaySettings>): void {
    const next = { ...this.overlay, ...overlay };
    if (!/^#[0-9a-f]{6}$/i.test(next.color)) next.color = this.overlay.color;
    next.opacity = Math.min(1, Math.max(0.1, Number.isFinite(next.opacity) ? next.opacity : 0.55));
    this.overlay = next;
    this.changed();
  }

  /** `?`: the sheet listing every shortcut (UI state, kept here so keys and buttons share it). */
  setShortcutSheet(open: boolean): void {
    this.shortcutSheet = open;
    this.changed();
  }

  setPanMode(on: boolean): void {
    if (this.panMode === on) return;
    this.panMode = on;
    this.changed();
  }
}

export function flipMode(mode: MaskMode): MaskMode {
  return mode === 'add' ? 'subtract' : 'add';
}
