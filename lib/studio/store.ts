/**
 * The studio's state in one place, the way `MaskEditorCore` is for the mask: the draft (references, prompt, options,
 * start point, expand frame), the layout it opens (mask editor folded, ratio lock) and the reference uploads in
 * flight. Plain TypeScript: components read it through selector hooks and change it only through these commands;
 * the autosave (`autosave.ts`) is one subscriber among them.
 */
import type { AppError } from '@/lib/errors';
import { conformFrame } from '@/lib/expand/frame';
import type { FrameSource } from '@/lib/expand/frame-source';
import type { ExpandFrame } from '@/lib/expand/geometry';
import { DEFAULT_OPTIONS, withAspectRatio, type AspectRatio, type GenerationOptions } from '@/lib/jobs/options';
import { startPointOptions, type StartPoint } from '@/lib/jobs/start-points';
import type { AssetView, Job } from '@/lib/jobs/types';
import { makeBase, moveItem } from '@/lib/references/order';
import { checkReferenceCount } from '@/lib/references/rules';
import type { Draft, DraftExpand } from './draft-schema';

export interface PendingUpload {
  key: string;
  name: string;
}

/** A file whose bytes are already in the tray: the user chooses to skip it or add it anyway. */
export interface DuplicateFile {
  key: string;
  file: File;
  sameAs: string;
}

/** What the mask editor shows of the expand frame (one stable object per frame and lock, for `FrameSource`). */
export interface EditorFrame {
  frame: ExpandFrame;
  ratioLocked: boolean;
}

export interface StudioState {
  /** The first is the base: the image the mask is painted on and the frame grows. */
  references: AssetView[];
  prompt: string;
  options: GenerationOptions;
  startPoint: StartPoint | null;
  /** Expand canvas as the user set it (the frame and the base it was set on); null when not expanding. */
  expand: DraftExpand | null;
  /** Whether the editor's edge handles keep the frame's ratio. */
  ratioLocked: boolean;
  /**
   * Derived: the frame shown, submitted and dragged. The one set, remade when the ratio was changed elsewhere (the
   * Aspect ratio option, a preset, a draft) or the base changed, so it always matches both. Null while the ratio is
   * auto or nothing is expanding.
   */
  frame: ExpandFrame | null;
  /** Derived: `frame` with the ratio lock, what `frameSource.get()` returns. */
  editorFrame: EditorFrame | null;
  /** The mask editor is unfolded (blending folds it away: it sends no mask unless the user opens it again). */
  maskOpen: boolean;
  /** The base the style-transfer ratio was last fitted to: a new base refits it once, a user's pick then stands. */
  fittedBase: string | null;
  /** A new edit gets a fresh mask editor (empty mask, brush tool): the editor is keyed on this. */
  session: number;
  /** Whether anything is painted (the inpainting hint shows until the first stroke). */
  maskPainted: boolean;
  /** Counts the mask's changes: the autosave saves the mask's pixels when it moves. */
  maskRevision: number;
  /** A stored mask to load once the editor shows the base it was painted on (Edit again, a restored draft). */
  maskToLoad: { url: string; baseId: string } | null;
  /** Why the last stored mask could not be loaded, for the user. */
  maskProblem: string | null;
  pending: PendingUpload[];
  refusals: AppError[];
  duplicates: DuplicateFile[];
}

const INITIAL: StudioState = {
  references: [],
  prompt: '',
  options: DEFAULT_OPTIONS,
  startPoint: null,
  expand: null,
  ratioLocked: true,
  frame: null,
  editorFrame: null,
  maskOpen: true,
  fittedBase: null,
  session: 0,
  maskPainted: false,
  maskRevision: 0,
  maskToLoad: null,
  maskProblem: null,
  pending: [],
  refusals: [],
  duplicates: [],
};

export class StudioStore {
  private state: StudioState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Partial<StudioState> = {}) {
    this.state = derive({ ...INITIAL, ...initial }, INITIAL);
  }

  getState = (): StudioState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Applies a patch, re-derives, and tells the subscribers once (nothing when nothing changed). */
  private set(patch: Partial<StudioState>): void {
    const prev = this.state;
    const next = derive({ ...prev, ...patch }, prev);
    if ((Object.keys(next) as (keyof StudioState)[]).every((key) => next[key] === prev[key])) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }

  get base(): AssetView | null {
    return this.state.references[0] ?? null;
  }

  // ---- prompt and options

  setPrompt(prompt: string): void {
    this.set({ prompt });
  }

  setOptions(options: GenerationOptions): void {
    this.set({ options });
  }

  patchOptions(patch: Partial<GenerationOptions>): void {
    this.set({ options: { ...this.state.options, ...patch } });
  }

  /** The Aspect ratio: leaving a 4k-capable ratio drops 4k to the next tier rather than keep an impossible pair. */
  setRatio(size: AspectRatio): void {
    this.set({ options: withAspectRatio(this.state.options, size) });
  }

  /** A preset: its options and the prompt it makes, together. */
  applyPreset(options: GenerationOptions, prompt: string): void {
    this.set({ options, prompt });
  }

  // ---- references

  /** Adds a stored reference (an upload, Use as reference); refuses past the limit, counting uploads in flight. */
  addReference(asset: AssetView, asBase = false): boolean {
    const { references, pending } = this.state;
    const full = checkReferenceCount(asset.filename, references.length + pending.length);
    if (full) {
      this.set({ refusals: [full] });
      return false;
    }
    this.set({ references: asBase ? [asset, ...references] : [...references, asset] });
    return true;
  }

  moveReference(from: number, to: number): void {
    if (from === to) return;
    this.set({ references: moveItem(this.state.references, from, to) });
  }

  makeBase(id: string): void {
    this.set({ references: makeBase(this.state.references, id) });
  }

  removeReference(id: string): void {
    this.set({ references: this.state.references.filter((item) => item.id !== id) });
  }

  replaceReferences(references: AssetView[]): void {
    this.set({ references });
  }

  // ---- uploads in flight (driven by `reference-uploads.ts`)

  uploadStarted(upload: PendingUpload): void {
    this.set({ pending: [...this.state.pending, upload] });
  }

  /** An upload answered: its reference joins the tray, or its refusal is shown. */
  uploadFinished(key: string, result: { ok: true; data: AssetView } | { ok: false; error: AppError }): void {
    const pending = this.state.pending.filter((item) => item.key !== key);
    if (result.ok) this.set({ pending, references: [...this.state.references, result.data] });
    else this.set({ pending, refusals: [...this.state.refusals, result.error] });
  }

  setRefusals(refusals: AppError[]): void {
    this.set({ refusals });
  }

  addDuplicates(found: DuplicateFile[]): void {
    if (found.length > 0) this.set({ duplicates: [...this.state.duplicates, ...found] });
  }

  /** Takes a duplicate off the list (skipped, or about to be added anyway); returns it. */
  takeDuplicate(key: string): DuplicateFile | null {
    const item = this.state.duplicates.find((entry) => entry.key === key) ?? null;
    this.set({ duplicates: this.state.duplicates.filter((entry) => entry.key !== key) });
    return item;
  }

  // ---- start point

  /** Sets the studio up for a start point: its layout and the options the mode implies. */
  chooseStartPoint(point: StartPoint): void {
    const base = this.base;
    this.set({
      startPoint: point,
      maskOpen: point !== 'blend',
      fittedBase: base?.id ?? null,
      options: startPointOptions(point, this.state.options, base),
    });
  }

  /** A start point coming back from a draft or a job (Edit again): its layout, not its option presets. */
  restoreStartPoint(point: StartPoint | null, baseId: string | null): void {
    this.set({ startPoint: point, maskOpen: point !== 'blend', fittedBase: baseId });
  }

  setMaskOpen(maskOpen: boolean): void {
    this.set({ maskOpen });
  }

  // ---- mask

  /** The mask editor's mask changed: whether anything is painted now. */
  maskChanged(painted: boolean): void {
    this.set({ maskPainted: painted, maskRevision: this.state.maskRevision + 1 });
  }

  /** The stored mask was loaded, or could not be (`problem` says so to the user). */
  maskLoadSettled(problem: string | null): void {
    this.set({ maskToLoad: null, maskProblem: problem });
  }

  // ---- expand frame

  /** A new frame from the panel or the editor's handles (null stops expanding): the Aspect ratio follows it. */
  changeFrame(next: ExpandFrame | null): void {
    const base = this.base;
    if (!next || !base) return this.set({ expand: null });
    const { options } = this.state;
    this.set({
      expand: { baseId: base.id, frame: next },
      options: next.ratio !== options.size ? withAspectRatio(options, next.ratio) : options,
    });
  }

  setRatioLocked(ratioLocked: boolean): void {
    this.set({ ratioLocked });
  }

  /** The expand frame for the mask editor: this store is its one owner. */
  readonly frameSource: FrameSource = {
    get: () => this.state.editorFrame,
    set: (frame) => this.changeFrame(frame),
    subscribe: (listener) => this.subscribe(listener),
  };

  // ---- whole drafts

  /** Opens a draft (restored on load, or a task's inputs): everything it holds, its mask loaded once shown. */
  openDraft(draft: Draft): void {
    const baseId = draft.references[0]?.id ?? null;
    this.set({
      references: draft.references,
      prompt: draft.prompt,
      options: draft.options,
      expand: draft.expand,
      startPoint: draft.startPoint,
      maskOpen: draft.startPoint !== 'blend',
      fittedBase: baseId,
      maskToLoad: draft.mask && baseId ? { url: draft.mask.url, baseId } : null,
      maskProblem: null,
    });
  }

  /** Edit again: a task's inputs. An expanded task reopens on its original, its painted mask and its frame. */
  editAgain(job: Job): void {
    const expanded = job.expansion?.source ? job.expansion : null;
    this.openDraft({
      references: expanded?.source ? [expanded.source, ...job.references.slice(1)] : job.references,
      prompt: job.prompt,
      options: job.options,
      mask: expanded ? expanded.paintedMask : job.mask,
      startPoint: job.startPoint,
      expand: expanded?.source ? { baseId: expanded.source.id, frame: expanded.frame } : null,
    });
  }

  /** New edit: back to the Start section with nothing in the studio and a fresh mask editor. */
  newEdit(): void {
    this.set({
      references: [],
      expand: null,
      prompt: '',
      options: DEFAULT_OPTIONS,
      startPoint: null,
      maskOpen: true,
      fittedBase: null,
      maskPainted: false,
      maskToLoad: null,
      session: this.state.session + 1,
    });
  }
}

/** A store for one studio (tests make as many as they like). */
export function createStudioStore(initial?: Partial<StudioState>): StudioStore {
  return new StudioStore(initial);
}

/** The derived fields, recomputed on every change and kept the same object while their value is the same. */
function derive(next: StudioState, prev: StudioState): StudioState {
  const base = next.references[0] ?? null;
  // Style transfer fits its 4k ratio to a new base once; the user's own pick then stands.
  if (next.startPoint === 'style' && base && next.fittedBase !== base.id) {
    next = { ...next, fittedBase: base.id, options: startPointOptions('style', next.options, base) };
  }
  const { expand, options } = next;
  const conformed =
    expand && base && options.size !== 'auto'
      ? conformFrame(expand.baseId === base.id ? expand.frame : null, base, options.size)
      : null;
  const frame = sameFrame(conformed, prev.frame) ? prev.frame : conformed;
  const editorFrame =
    frame === null
      ? null
      : prev.editorFrame?.frame === frame && prev.editorFrame.ratioLocked === next.ratioLocked
        ? prev.editorFrame
        : { frame, ratioLocked: next.ratioLocked };
  return { ...next, frame, editorFrame };
}

function sameFrame(a: ExpandFrame | null, b: ExpandFrame | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.ratio === b.ratio &&
    a.canvas.width === b.canvas.width &&
    a.canvas.height === b.canvas.height &&
    a.offset.x === b.offset.x &&
    a.offset.y === b.offset.y
  );
}
