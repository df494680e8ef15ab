/**
 * The draft on the server, kept in step with the store: restored once at start, then saved a moment after the last
 * change. The mask's pixels are saved apart (a PNG asset), a little later, when the mask changes. One subscriber;
 * the storage and the mask export are passed in, so tests drive it with fakes and fake timers.
 */
import type { Draft, DraftInput } from './draft-schema';
import type { StudioState, StudioStore } from './store';

export const SAVE_DELAY_MS = 400;
export const MASK_SAVE_DELAY_MS = 800;

/** Where drafts live, keyed by the browser's id (the server actions, in the app). */
export interface DraftStorage {
  load(browserId: string): Promise<Draft | null>;
  save(browserId: string, input: DraftInput): Promise<unknown>;
  /** Stores the mask PNG for the draft; true when it was stored. */
  saveMask(browserId: string, png: Blob): Promise<boolean>;
}

export interface AutosaveOptions {
  browserId: string;
  storage: DraftStorage;
  /** The painted mask as a PNG (base size, alpha 0 = repaint), null when nothing is painted; undefined: no editor. */
  exportMask(): Promise<Blob | null> | undefined;
  delayMs?: number;
  maskDelayMs?: number;
}

export interface Autosave {
  /** Settles once the saved draft was restored (or there was none); changes before then are not saved. */
  restored: Promise<void>;
  /** Stops listening and drops the saves not yet sent. */
  stop(): void;
}

/** What a draft save carries; compared by value, since a change elsewhere in the store must not save. */
function savedKey(state: StudioState): string {
  const { prompt, options, startPoint, references, expand } = state;
  return JSON.stringify([prompt, options, startPoint, references.map((reference) => reference.id), expand]);
}

export function startAutosave(store: StudioStore, options: AutosaveOptions): Autosave {
  const { browserId, storage, exportMask, delayMs = SAVE_DELAY_MS, maskDelayMs = MASK_SAVE_DELAY_MS } = options;
  let stopped = false;
  let unsubscribe = () => {};
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let maskTimer: ReturnType<typeof setTimeout> | undefined;
  // The base the saved mask was painted on: a mask belongs to it, so a new base drops the saved one.
  let maskBaseId: string | null = null;
  let lastKey = '';
  let lastMaskRevision = 0;

  function input(state: StudioState, clearMask: boolean): DraftInput {
    return {
      prompt: state.prompt,
      options: state.options,
      referenceIds: state.references.map((reference) => reference.id),
      clearMask,
      startPoint: state.startPoint,
      expand: state.expand,
    };
  }

  function scheduleSave() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      const state = store.getState();
      const baseId = state.references[0]?.id ?? null;
      const clearMask = maskBaseId !== null && maskBaseId !== baseId;
      if (clearMask) maskBaseId = null;
      void storage.save(browserId, input(state, clearMask)).catch(() => undefined);
    }, delayMs);
  }

  function scheduleMaskSave() {
    clearTimeout(maskTimer);
    maskTimer = setTimeout(async () => {
      const exported = exportMask();
      if (!exported) return;
      const png = await exported.catch(() => null);
      if (stopped) return;
      const state = store.getState();
      if (!png) {
        // Cleared: the saved mask goes too.
        maskBaseId = null;
        void storage.save(browserId, input(state, true)).catch(() => undefined);
        return;
      }
      const baseId = state.references[0]?.id ?? null;
      if (await storage.saveMask(browserId, png).catch(() => false)) maskBaseId = baseId;
    }, maskDelayMs);
  }

  function onChange() {
    const state = store.getState();
    const key = savedKey(state);
    if (key !== lastKey) {
      lastKey = key;
      scheduleSave();
    }
    if (state.maskRevision !== lastMaskRevision) {
      lastMaskRevision = state.maskRevision;
      scheduleMaskSave();
    }
  }

  // What the studio held before the draft arrived: anything the person changes meanwhile is theirs to keep.
  const before = store.getState();
  const restored = storage
    .load(browserId)
    .catch(() => null)
    .then((draft) => {
      if (stopped) return;
      if (draft) {
        const kept = keepEarlyEdits(draft, before, store.getState());
        maskBaseId = kept.mask ? (kept.references[0]?.id ?? null) : null;
        store.openDraft(kept);
      }
      lastKey = savedKey(store.getState());
      lastMaskRevision = store.getState().maskRevision;
      unsubscribe = store.subscribe(onChange);
      // The draft as restored is saved once too: the first visit's empty draft gets its row.
      scheduleSave();
    });

  return {
    restored,
    stop() {
      stopped = true;
      unsubscribe();
      clearTimeout(saveTimer);
      clearTimeout(maskTimer);
    },
  };
}

/**
 * The saved draft with what the person changed before it arrived (typed a prompt, picked an option, added images
 * while it loaded): those parts stay as they made them, the rest comes from the draft. A slow load never takes
 * typing away.
 */
function keepEarlyEdits(draft: Draft, before: StudioState, now: StudioState): Draft {
  const referencesChanged = now.references !== before.references;
  return {
    ...draft,
    prompt: now.prompt !== before.prompt ? now.prompt : draft.prompt,
    options: now.options !== before.options ? now.options : draft.options,
    startPoint: now.startPoint !== before.startPoint ? now.startPoint : draft.startPoint,
    references: referencesChanged ? now.references : draft.references,
    // The saved mask belongs to the saved base; with other images it would land on the wrong one.
    mask: referencesChanged ? null : draft.mask,
    expand: referencesChanged ? now.expand : draft.expand,
  };
}
