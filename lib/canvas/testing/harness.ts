import type { ExpandFrame } from '@/lib/expand/geometry';
import type { FrameSource } from '@/lib/expand/frame-source';
import { commandForKey, runMaskCommand } from '../commands';
import { MaskEditorCore } from '../editor-core';
import type { PointerInput } from '../editor-types';

/**
 * The expand frame's owner in tests: holds the frame, stores what drags hand it (`committed` lists them) and
 * notifies the editor, the way the studio store does.
 */
export class TestFrameSource implements FrameSource {
  readonly committed: ExpandFrame[] = [];
  #value: { frame: ExpandFrame; ratioLocked: boolean } | null = null;
  readonly #listeners = new Set<() => void>();

  get = () => this.#value;

  set = (frame: ExpandFrame): void => {
    this.committed.push(frame);
    this.show(frame, { ratioLocked: this.#value?.ratioLocked });
  };

  /** The page shows this frame (or none): what choosing a ratio or leaving Expand does. */
  show(frame: ExpandFrame | null, { ratioLocked = true }: { ratioLocked?: boolean } = {}): void {
    this.#value = frame ? { frame, ratioLocked } : null;
    for (const listener of [...this.#listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

type Modifiers = Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>>;
type Extra = Partial<Omit<PointerInput, 'x' | 'y'>>;

/**
 * The headless editor harness (tldraw's `TestEditor`): a base (600 × 400 unless told) fitted in an 800 × 600 stage,
 * an expand frame owner, and helpers that drive pointer input in image or stage coordinates and keys through the
 * command registry. Tests assert on the mask model, the snapshot and the camera.
 */
export function createHarness({
  width = 600,
  height = 400,
  base = true,
  frame = null,
  ratioLocked = true,
}: { width?: number; height?: number; base?: boolean; frame?: ExpandFrame | null; ratioLocked?: boolean } = {}) {
  const editor = new MaskEditorCore();
  const frames = new TestFrameSource();
  editor.setFrameSource(frames);
  editor.setViewport({ width: 800, height: 600 });
  if (base) editor.setBase({ url: 'blob:base', width, height });
  if (frame) frames.show(frame, { ratioLocked });

  /** Image px → stage px with the camera as it is now. */
  const toStage = (x: number, y: number) => {
    const { scale, x: ox, y: oy } = editor.camera;
    return { x: x * scale + ox, y: y * scale + oy };
  };
  /** A press at an image point (pointer 1, primary button unless told). */
  const down = (x: number, y: number, extra: Extra = {}) =>
    editor.pointerDown({ pointerId: 1, button: 0, ...toStage(x, y), ...extra });
  /** Drags between two stage points in `steps` moves; returns whether the press was taken. */
  const dragStage = (
    from: { x: number; y: number },
    to: { x: number; y: number },
    { id = 1, steps = 8, ...extra }: Extra & { id?: number; steps?: number } = {},
  ) => {
    const taken = editor.pointerDown({ pointerId: id, button: 0, ...from, ...extra });
    for (let i = 1; i <= steps; i++)
      editor.pointerMove(id, [
        { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps },
      ]);
    editor.pointerUp(id);
    return taken;
  };
  /** Drags between two image points (the camera as it is at the press). */
  const drag = (from: [number, number], to: [number, number], options: Extra & { id?: number; steps?: number } = {}) =>
    dragStage(toStage(...from), toStage(...to), options);
  const alphaAt = (x: number, y: number) => editor.document!.alpha()[y * editor.document!.width + x]!;
  /** A key press as the keyboard hook hands it to the registry. */
  const key = (k: string, mods: Modifiers = {}) => {
    const command = commandForKey({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    if (!command) throw new Error(`no command for ${k}`);
    return runMaskCommand(editor, command.name);
  };
  return { editor, frames, committed: frames.committed, toStage, down, drag, dragStage, alphaAt, key };
}
