import type { MaskEditorCore } from '../editor-core';
import type { PointerSample } from '../editor-types';

/**
 * DOM pointer, wheel and context-menu events on the stage's canvas element → the core's input router. Moves are
 * queued per pointer (coalesced events included) and handed over once per animation frame (`flush`), right before
 * the frame draws them; a press or release flushes first so no move lands after it. Listens on the element itself,
 * not through Konva's or React's event systems: nothing sits between the event and the queue.
 */
export class PointerInput {
  readonly #pending = new Map<number, PointerSample[]>();
  #shiftKey = false;

  constructor(
    private readonly element: HTMLElement,
    private readonly core: MaskEditorCore,
    /** Where focus goes on a press (the keyboard shortcuts act on the focused editor). */
    private readonly focusTarget: HTMLElement,
    private readonly requestFrame: () => void,
  ) {
    element.addEventListener('pointerdown', this.#onDown);
    element.addEventListener('pointermove', this.#onMove);
    element.addEventListener('pointerup', this.#onUp);
    element.addEventListener('pointercancel', this.#onCancel);
    element.addEventListener('pointerleave', this.#onLeave);
    element.addEventListener('lostpointercapture', this.#onLostCapture);
    element.addEventListener('wheel', this.#onWheel, { passive: false });
    element.addEventListener('contextmenu', this.#onContextMenu);
  }

  dispose(): void {
    const element = this.element;
    element.removeEventListener('pointerdown', this.#onDown);
    element.removeEventListener('pointermove', this.#onMove);
    element.removeEventListener('pointerup', this.#onUp);
    element.removeEventListener('pointercancel', this.#onCancel);
    element.removeEventListener('pointerleave', this.#onLeave);
    element.removeEventListener('lostpointercapture', this.#onLostCapture);
    element.removeEventListener('wheel', this.#onWheel);
    element.removeEventListener('contextmenu', this.#onContextMenu);
    this.#pending.clear();
  }

  /** Hands the queued moves to the core (once per frame, and before a press or release). */
  flush(): void {
    if (this.#pending.size === 0) return;
    const batches = [...this.#pending];
    this.#pending.clear();
    for (const [pointerId, points] of batches) this.core.pointerMove(pointerId, points, { shiftKey: this.#shiftKey });
  }

  #points(evt: PointerEvent): PointerSample[] {
    const rect = this.element.getBoundingClientRect();
    const events = evt.getCoalescedEvents?.() ?? [];
    const pen = evt.pointerType === 'pen';
    return (events.length > 0 ? events : [evt]).map((e) => ({
      x: e.clientX - rect.left,
      y: e.clientY - rect.top,
      pressure: pen ? e.pressure : undefined,
    }));
  }

  #onDown = (evt: PointerEvent): void => {
    const point = this.#points(evt).at(-1);
    if (!point) return;
    this.focusTarget.focus({ preventScroll: true });
    this.flush();
    const taken = this.core.pointerDown({
      pointerId: evt.pointerId,
      button: evt.button,
      pointerType: evt.pointerType,
      pressure: evt.pressure,
      shiftKey: evt.shiftKey,
      altKey: evt.altKey,
      detail: evt.detail,
      x: point.x,
      y: point.y,
    });
    if (!taken) return;
    evt.preventDefault();
    try {
      this.element.setPointerCapture(evt.pointerId);
    } catch {
      // Synthetic or already-released pointers cannot be captured; the stroke still works inside.
    }
  };

  #onMove = (evt: PointerEvent): void => {
    const points = this.#points(evt);
    this.#shiftKey = evt.shiftKey;
    const list = this.#pending.get(evt.pointerId);
    if (list) list.push(...points);
    else this.#pending.set(evt.pointerId, points);
    this.requestFrame();
  };

  #onUp = (evt: PointerEvent): void => {
    this.flush();
    this.core.pointerUp(evt.pointerId);
  };

  #onCancel = (evt: PointerEvent): void => {
    this.#pending.delete(evt.pointerId);
    this.core.pointerCancel(evt.pointerId);
  };

  /** Fires after a normal pointer-up too; by then the gesture is committed and this is a no-op. */
  #onLostCapture = (evt: PointerEvent): void => {
    this.core.pointerCancel(evt.pointerId);
  };

  /** Hides the brush ring; a finger lifting also "leaves", so the ring never stays behind. */
  #onLeave = (evt: PointerEvent): void => {
    if (this.core.getSnapshot().interaction === 'idle' || evt.pointerType === 'touch') this.core.pointerLeave();
  };

  #onWheel = (evt: WheelEvent): void => {
    if (!this.core.document) return;
    evt.preventDefault();
    const rect = this.element.getBoundingClientRect();
    // Lines (Firefox deltaMode 1) are ~16 px; trackpad pinch arrives as ctrl+wheel with small deltas.
    const delta = evt.deltaY * (evt.deltaMode === 1 ? 16 : 1);
    this.core.zoomBy(Math.exp(-delta * (evt.ctrlKey ? 0.01 : 0.0015)), {
      x: evt.clientX - rect.left,
      y: evt.clientY - rect.top,
    });
  };

  #onContextMenu = (evt: Event): void => {
    if (this.core.document) evt.preventDefault(); // right-drag erases
  };
}
