import { applyPatch, copyRect, encodePatch } from './history-patches';
import {
  applyOperation,
  compositeCoverage,
  createAlpha,
  operationBounds,
  type CoverageLayout,
  type PixelRect,
} from './rasterize';
import { normalizeOperation, type MaskOperation, type MaskReplace, type MaskSource } from './types';

export interface MaskDocumentOptions {
  /** Most undo + redo entries kept; the oldest entry is dropped past it. */
  historyLimit?: number;
  /** Bytes all history patches may hold together; the oldest entries are dropped past it (the newest stays). */
  historyBudgetBytes?: number;
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
export const DEFAULT_HISTORY_BUDGET_BYTES = 64 * 1024 * 1024;

/** A replace as the history keeps it: its bitmap lives in the patch, not twice. */
type RecordedOperation = Exclude<MaskOperation, MaskReplace> | { readonly kind: 'replace'; readonly label: string };

/** One undo step: what was done, the rectangle it changed and that rectangle's before XOR after. */
interface HistoryEntry {
  readonly op: RecordedOperation;
  readonly rect: PixelRect | null;
  readonly patch: Uint8Array;
}

/**
 * The editable mask: the current alpha plus a history of patches (`history-patches.ts`).
 *
 * Each entry keeps the rectangle its operation changed as before XOR after, so undo and redo XOR that rectangle
 * back and forth: no replay, the same cost at any depth. Dropping the oldest entry (past `historyLimit` or the
 * byte budget) just forgets it, since nothing later depends on it. Memory: the current bitmap, one scratch copy
 * of the largest rectangle edited so far, and at most `historyBudgetBytes` of patches.
 *
 * Implements `MaskSource` for tests: `operations` and `floor` are rebuilt on demand by rewinding the patches, so
 * `rasterizeMask(doc)` replays to `doc.alpha()`.
 */
export class MaskDocument implements MaskSource {
  readonly width: number;
  readonly height: number;
  readonly historyLimit: number;
  readonly historyBudgetBytes: number;

  #lastChange: MaskChange | null = null;
  #entries: HistoryEntry[] = [];
  /** Number of applied entries: entries[0, cursor) are done, entries[cursor…] can be redone. */
  #cursor = 0;
  #current: Uint8Array;
  /** The "before" bytes of the rectangle being edited; kept between pushes so strokes allocate nothing big. */
  #scratch: Uint8Array | null = null;
  #historyBytes = 0;
  /** Whether the state under the oldest entry is anything but blank (an initial mask, or entries dropped). */
  #hasFloor = false;
  #version = 0;

  constructor(width: number, height: number, options: MaskDocumentOptions = {}) {
    this.#current = createAlpha(width, height); // validates the size
    this.width = width;
    this.height = height;
    this.historyLimit = Math.max(1, Math.floor(options.historyLimit ?? DEFAULT_HISTORY_LIMIT));
    this.historyBudgetBytes = Math.max(0, options.historyBudgetBytes ?? DEFAULT_HISTORY_BUDGET_BYTES);
    if (options.initial) {
      if (options.initial.length !== width * height) {
        throw new RangeError(`initial alpha has ${options.initial.length} bytes, expected ${width * height}`);
      }
      this.#current.set(options.initial);
      this.#hasFloor = true;
    }
  }

  /** The last change (push, undo or redo) and the pixels it touched. */
  get lastChange(): MaskChange | null {
    return this.#lastChange;
  }
  /** Increases on every change; cheap to compare for "did the mask change?". */
  get version(): number {
    return this.#version;
  }
  get canUndo(): boolean {
    return this.#cursor > 0;
  }
  get canRedo(): boolean {
    return this.#cursor < this.#entries.length;
  }
  get undoDepth(): number {
    return this.#cursor;
  }
  get redoDepth(): number {
    return this.#entries.length - this.#cursor;
  }
  /** Bytes held by the history's patches (≤ `historyBudgetBytes` unless the newest entry alone is bigger). */
  get historyBytes(): number {
    return this.#historyBytes;
  }
  /** All bytes the document holds: current + scratch + patches. */
  get retainedBytes(): number {
    return this.#current.byteLength + (this.#scratch?.byteLength ?? 0) + this.#historyBytes;
  }

  /**
   * The operations currently applied (oldest first), on top of `floor`. Rebuilt by rewinding the patches
   * (a replace gets its bitmap back that way): for tests and replay checks, not for every frame.
   */
  get operations(): readonly MaskOperation[] {
    return this.#rewind().operations;
  }
  /**
   * The alpha under the oldest applied entry, or null when that is the blank mask (no initial mask and nothing
   * dropped from the history). Rebuilt by rewinding the patches, like `operations`.
   */
  get floor(): Uint8Array | null {
    return this.#hasFloor ? this.#rewind().floor : null;
  }

  /**
   * Records one finished stroke or command as one history entry and drops anything redoable.
   * Returns false (and records nothing) when the operation cannot change the mask. A stroke may come
   * with its `prepared` coverage, so the commit only composites.
   */
  push(operation: MaskOperation, prepared?: PreparedCoverage | null): boolean {
    const op = normalizeOperation(operation);
    if (!op) return false;
    this.#dropRedo();

    const stroke = prepared && (op.kind === 'paint' || op.kind === 'erase');
    const bounds = stroke ? prepared.rect : operationBounds(op, this.width, this.height);
    const rect = bounds && Object.freeze({ x0: bounds.x0, y0: bounds.y0, x1: bounds.x1, y1: bounds.y1 });
    let patch: Uint8Array = EMPTY;
    if (rect) {
      this.#scratch = copyRect(this.#current, this.width, rect, this.#scratch);
      if (stroke) {
        compositeCoverage(this.#current, this.width, rect, prepared.coverage, op.kind === 'paint', prepared.layout);
      } else {
        applyOperation(this.#current, this.width, this.height, op);
      }
      patch = encodePatch(this.#scratch, this.#current, this.width, rect);
    }
    const recorded: RecordedOperation =
      op.kind === 'replace' ? Object.freeze({ kind: 'replace', label: op.label }) : op;
    this.#entries.push({ op: recorded, rect, patch });
    this.#historyBytes += patch.byteLength;
    this.#cursor += 1;
    while (this.#entries.length > this.historyLimit) this.#dropOldest();
    while (this.#entries.length > 1 && this.#historyBytes > this.historyBudgetBytes) this.#dropOldest();
    this.#changed(rect);
    return true;
  }

  /** Steps back one entry. Returns false when there is nothing to undo. */
  undo(): boolean {
    if (!this.canUndo) return false;
    this.#cursor -= 1;
    this.#toggle(this.#entries[this.#cursor]!);
    return true;
  }

  /** Steps forward one entry. Returns false when there is nothing to redo. */
  redo(): boolean {
    if (!this.canRedo) return false;
    this.#toggle(this.#entries[this.#cursor]!);
    this.#cursor += 1;
    return true;
  }

  /**
   * The current alpha (length width × height, 255 keep, 0 repaint). This is the document's own
   * buffer: read it, never write it; it changes on the next push/undo/redo.
   */
  alpha(): Uint8Array {
    return this.#current;
  }

  /** Undoes or redoes `entry`: its patch turns either state of its rectangle into the other. */
  #toggle(entry: HistoryEntry): void {
    if (entry.rect) applyPatch(this.#current, this.width, entry.rect, entry.patch);
    this.#changed(entry.rect);
  }

  #changed(rect: PixelRect | null): void {
    const fromVersion = this.#version;
    this.#version += 1;
    this.#lastChange = { fromVersion, toVersion: this.#version, rect };
  }

  #dropRedo(): void {
    for (let i = this.#cursor; i < this.#entries.length; i++) this.#historyBytes -= this.#entries[i]!.patch.byteLength;
    this.#entries.length = this.#cursor;
  }

  /** Forgets the oldest entry: the current mask already holds its effect, and no later patch depends on it. */
  #dropOldest(): void {
    const oldest = this.#entries.shift();
    if (!oldest) return;
    this.#historyBytes -= oldest.patch.byteLength;
    this.#cursor = Math.max(0, this.#cursor - 1);
    this.#hasFloor = true;
  }

  /** Walks the applied entries back from the current mask: the floor, and each replace with its bitmap. */
  #rewind(): { floor: Uint8Array; operations: MaskOperation[] } {
    const alpha = this.#current.slice();
    const operations: MaskOperation[] = new Array<MaskOperation>(this.#cursor);
    for (let i = this.#cursor - 1; i >= 0; i--) {
      const { op, rect, patch } = this.#entries[i]!;
      operations[i] = op.kind === 'replace' ? Object.freeze({ ...op, alpha: alpha.slice() }) : op;
      if (rect) applyPatch(alpha, this.width, rect, patch);
    }
    return { floor: alpha, operations };
  }
}

const EMPTY = new Uint8Array(0);
