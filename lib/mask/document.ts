import {
  applyOperation,
  compositeCoverage,
  createAlpha,
  operationBounds,
  type CoverageLayout,
  type PixelRect,
} from './rasterize';
import { isWholeReset, normalizeOperation, type MaskOperation, type MaskSource } from './types';

export interface MaskDocumentOptions {
  /** Most undo + redo entries kept; older operations are flattened into the floor bitmap. */
  historyLimit?: number;
  /** A checkpoint bitmap is kept after every N-th operation (while the budget allows). */
  checkpointInterval?: number;
  /** Bytes all checkpoints together may use; the oldest checkpoints go first. */
  checkpointBudgetBytes?: number;
  /** Bytes that bitmap operations (imports, segmentation) in the history may hold together. */
  operationBudgetBytes?: number;
  /** Starting alpha (e.g. a mask kept or rescaled from the previous base); it is not undoable. */
  initial?: Uint8Array | null;
}

/**
 * A stroke's coverage rasterised while it was drawn (`StrokeStamper`), so pushing it only composites.
 * It must be the coverage of exactly the stroke pushed with it.
 */
export interface PreparedCoverage {
  readonly coverage: Uint8Array;
  readonly layout: CoverageLayout;
  /** The pixels the coverage touches, inside the image. */
  readonly rect: PixelRect;
}

/** What the last push/undo/redo changed, so a view can redraw only that rectangle. */
export interface MaskChange {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly rect: PixelRect | null;
}

export const DEFAULT_HISTORY_LIMIT = 100;
export const DEFAULT_CHECKPOINT_INTERVAL = 8;
export const DEFAULT_CHECKPOINT_BUDGET_BYTES = 48 * 1024 * 1024;
export const DEFAULT_OPERATION_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * The editable mask: an ordered list of operations with undo/redo.
 *
 * Memory is bounded whatever the user does: the history is an array of small operations (capped),
 * plus one `floor` bitmap (operations that fell off the cap), one bitmap for the current state and
 * a few checkpoint bitmaps within `checkpointBudgetBytes`. Undo replays at most
 * `checkpointInterval - 1` operations from the nearest checkpoint (or the whole history when the
 * image is too big for any checkpoint to fit the budget).
 *
 * Implements `MaskSource`, so `rasterizeMask(doc)` replays it from scratch (the tests compare both).
 */
export class MaskDocument implements MaskSource {
  readonly width: number;
  readonly height: number;
  readonly historyLimit: number;
  readonly checkpointInterval: number;
  readonly checkpointBudgetBytes: number;
  readonly operationBudgetBytes: number;

  #lastChange: MaskChange | null = null;
  #history: MaskOperation[] = [];
  /** Number of applied operations: history[0, cursor) is done, history[cursor…] can be redone. */
  #cursor = 0;
  #floor: Uint8Array | null = null;
  /** key n → alpha after history[0, n) applied on the floor. */
  #checkpoints = new Map<number, Uint8Array>();
  #current: Uint8Array;
  /** The history index `#current` shows, or -1 when it must be rebuilt. */
  #currentAt = 0;
  #version = 0;

  constructor(width: number, height: number, options: MaskDocumentOptions = {}) {
    this.#current = createAlpha(width, height); // validates the size
    this.width = width;
    this.height = height;
    this.historyLimit = Math.max(1, Math.floor(options.historyLimit ?? DEFAULT_HISTORY_LIMIT));
    this.checkpointInterval = Math.max(1, Math.floor(options.checkpointInterval ?? DEFAULT_CHECKPOINT_INTERVAL));
    this.checkpointBudgetBytes = Math.max(0, options.checkpointBudgetBytes ?? DEFAULT_CHECKPOINT_BUDGET_BYTES);
    this.operationBudgetBytes = Math.max(0, options.operationBudgetBytes ?? DEFAULT_OPERATION_BUDGET_BYTES);
    if (options.initial) {
      if (options.initial.length !== width * height) {
        throw new RangeError(`initial alpha has ${options.initial.length} bytes, expected ${width * height}`);
      }
      this.#floor = options.initial.slice();
      this.#current.set(this.#floor);
    }
  }

  /** The last change (push, undo or redo) and the pixels it touched. */
  get lastChange(): MaskChange | null {
    return this.#lastChange;
  }

  /** Bytes held by bitmap operations in the history (imports, segmentation). */
  get operationBytes(): number {
    let total = 0;
    for (const op of this.#history) if (op.kind === 'replace') total += op.alpha.byteLength;
    return total;
  }

  /** The operations currently applied (oldest first), on top of `floor`. */
  get operations(): readonly MaskOperation[] {
    return this.#history.slice(0, this.#cursor);
  }
  /** Alpha of the operations that fell off the history cap, or null when none did. */
  get floor(): Uint8Array | null {
    return this.#floor;
  }
  /** Increases on every change; cheap to compare for "did the mask change?". */
  get version(): number {
    return this.#version;
  }
  get canUndo(): boolean {
    return this.#cursor > 0;
  }
  get canRedo(): boolean {
    return this.#cursor < this.#history.length;
  }
  get undoDepth(): number {
    return this.#cursor;
  }
  get redoDepth(): number {
    return this.#history.length - this.#cursor;
  }
  /** Bytes held by checkpoint bitmaps (always ≤ `checkpointBudgetBytes`). */
  get checkpointBytes(): number {
    let total = 0;
    for (const bitmap of this.#checkpoints.values()) total += bitmap.byteLength;
    return total;
  }
  /** All bitmap bytes the document holds: current + floor + checkpoints. */
  get retainedBytes(): number {
    return this.#current.byteLength + (this.#floor?.byteLength ?? 0) + this.checkpointBytes + this.operationBytes;
  }

  /**
   * Records one finished stroke or command as one history entry and drops anything redoable.
   * Returns false (and records nothing) when the operation cannot change the mask. A stroke may come
   * with its `prepared` coverage; undo and replays rasterise it again from its points.
   */
  push(operation: MaskOperation, prepared?: PreparedCoverage | null): boolean {
    const op = normalizeOperation(operation);
    if (!op) return false;
    this.#materialize();
    this.#history.length = this.#cursor;
    for (const key of this.#checkpoints.keys()) if (key > this.#cursor) this.#checkpoints.delete(key);

    if (prepared && (op.kind === 'paint' || op.kind === 'erase')) {
      const { rect, coverage, layout } = prepared;
      compositeCoverage(this.#current, this.width, rect, coverage, op.kind === 'paint', layout);
    } else {
      applyOperation(this.#current, this.width, this.height, op);
    }
    this.#history.push(op);
    this.#cursor += 1;
    this.#currentAt = this.#cursor;
    if (this.#cursor % this.checkpointInterval === 0) this.#saveCheckpoint(this.#cursor);
    while (this.#history.length > this.historyLimit) this.#foldOldest();
    // Bitmap operations are big: fold the oldest entries until they fit (the newest always stays).
    while (this.#history.length > 1 && this.operationBytes > this.operationBudgetBytes) this.#foldOldest();
    this.#changed(op);
    return true;
  }

  /** Steps back one entry. Returns false when there is nothing to undo. */
  undo(): boolean {
    if (!this.canUndo) return false;
    this.#cursor -= 1;
    this.#changed(this.#history[this.#cursor]!);
    return true;
  }

  /** Steps forward one entry. Returns false when there is nothing to redo. */
  redo(): boolean {
    if (!this.canRedo) return false;
    this.#cursor += 1;
    this.#changed(this.#history[this.#cursor - 1]!);
    return true;
  }

  #changed(op: MaskOperation): void {
    const fromVersion = this.#version;
    this.#version += 1;
    this.#lastChange = { fromVersion, toVersion: this.#version, rect: operationBounds(op, this.width, this.height) };
  }

  /**
   * The current alpha (length width × height, 255 keep, 0 repaint). This is the document's own
   * cache: read it, never write it; it changes on the next push/undo/redo.
   */
  alpha(): Uint8Array {
    this.#materialize();
    return this.#current;
  }

  #materialize(): void {
    const target = this.#cursor;
    if (this.#currentAt === target) return;
    let from: number;
    if (this.#currentAt >= 0 && this.#currentAt < target) {
      from = this.#currentAt; // redo: keep going from where we are
    } else {
      from = 0;
      for (const key of this.#checkpoints.keys()) if (key <= target && key > from) from = key;
      const checkpoint = this.#checkpoints.get(from);
      if (checkpoint) this.#current.set(checkpoint);
      else if (this.#floor) this.#current.set(this.#floor);
      else this.#current.fill(255);
    }
    // Nothing before the last `clear` / `replace` can show.
    for (let i = target - 1; i >= from; i--) {
      if (isWholeReset(this.#history[i])) {
        this.#current.fill(255);
        from = this.#history[i]!.kind === 'clear' ? i + 1 : i;
        break;
      }
    }
    for (let i = from; i < target; i++) {
      applyOperation(this.#current, this.width, this.height, this.#history[i]!);
    }
    this.#currentAt = target;
  }

  #saveCheckpoint(key: number): void {
    const bytes = this.#current.byteLength;
    if (bytes > this.checkpointBudgetBytes) return;
    // Evict the oldest first (undoing far back is rarer than undoing a few steps), and reuse its
    // buffer: a fresh 16 MB copy every few strokes of a 4096² mask is what made the GC pause.
    let total = this.checkpointBytes + bytes;
    let recycled: Uint8Array | null = null;
    const keys = [...this.#checkpoints.keys()].sort((a, b) => a - b);
    for (const oldest of keys) {
      if (total <= this.checkpointBudgetBytes) break;
      const bitmap = this.#checkpoints.get(oldest)!;
      total -= bitmap.byteLength;
      this.#checkpoints.delete(oldest);
      if (bitmap.byteLength === bytes) recycled = bitmap;
    }
    if (recycled) recycled.set(this.#current);
    this.#checkpoints.set(key, recycled ?? this.#current.slice());
  }

  /** Flattens history[0] into the floor and shifts every index down by one. */
  #foldOldest(): void {
    const oldest = this.#history.shift();
    if (!oldest) return;
    let floor = this.#checkpoints.get(1);
    if (!floor) {
      floor = this.#floor ?? createAlpha(this.width, this.height);
      applyOperation(floor, this.width, this.height, oldest);
    }
    this.#floor = floor;
    const shifted = new Map<number, Uint8Array>();
    for (const [key, bitmap] of this.#checkpoints) if (key > 1) shifted.set(key - 1, bitmap);
    this.#checkpoints = shifted;
    this.#cursor -= 1;
    this.#currentAt = this.#currentAt >= 1 ? this.#currentAt - 1 : -1;
  }
}
