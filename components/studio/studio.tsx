'use client';

import { useMemo } from 'react';
import { referenceFromResult } from '@/app/(studio)/asset-actions';
import { Gallery, type GalleryActions } from '@/components/gallery/gallery';
import { MaskEditorLazy } from '@/components/mask/mask-editor-lazy';
import type { GalleryFilter } from '@/lib/jobs/queries';
import type { EngineKind } from '@/lib/jobs/types';
import { SaveRecipe } from '@/components/batches/save-recipe';
import { ExpandSection } from './expand-section';
import { CostProvider, type CostContext } from '@/components/cost/cost-context';
import { GenerateForm } from './generate-form';
import { OptionsForm } from './options-form';
import { PresetPicker } from './preset-picker';
import { ReferenceTray } from './reference-tray';
import { CollapsibleMaskEditor } from './start/collapsible-mask-editor';
import { StartGuide } from './start/start-guide';
import { StartSection } from './start/start-section';
import { StudioProvider } from './studio-provider';
import { useMaskLoader } from './use-mask-loader';
import { useBase, useMaskEditor, useStudio, useStudioStore } from './use-studio';
import { useStudioAutosave } from './use-studio-autosave';

/**
 * The studio: references on the left, the mask editor in the middle, the gallery on the right. Its state (the
 * draft, saved on the server) lives in one store (`lib/studio`), which every part reads and changes directly.
 */
interface StudioProps {
  initialFilter?: GalleryFilter;
  engine: EngineKind;
  cost?: CostContext;
}

export function Studio(props: StudioProps) {
  return (
    <StudioProvider>
      <CostProvider value={props.cost}>
        <StudioLayout {...props} />
      </CostProvider>
    </StudioProvider>
  );
}

function StudioLayout({ initialFilter, engine }: StudioProps) {
  const store = useStudioStore();
  useStudioAutosave();
  const showStart = useStudio(
    (state) => state.startPoint === null && state.references.length === 0 && state.pending.length === 0,
  );

  // Stable for the studio's life: the gallery's cards are memoised on it.
  const actions = useMemo<GalleryActions>(
    () => ({
      async addAsReference(result, asBase) {
        const made = await referenceFromResult(result.asset.id, result.asset.filename).catch(() => null);
        if (!made?.ok) return made?.error.message ?? 'The studio could not reach the server; try again.';
        if (!store.addReference(made.data, asBase)) return 'The tray already holds 16 references; remove one first.';
        return asBase ? `${made.data.filename} is now the base.` : `${made.data.filename} added to the references.`;
      },
      editAgain(job) {
        store.editAgain(job);
        document.querySelector<HTMLElement>('[data-studio-prompt]')?.focus();
      },
    }),
    [store],
  );

  return (
    <div className="grid flex-1 gap-4 p-4 lg:grid-cols-[minmax(300px,360px)_minmax(0,1fr)] xl:grid-cols-[minmax(300px,360px)_minmax(0,1fr)_minmax(320px,400px)]">
      <section
        aria-label="Edit setup"
        className="flex flex-col gap-5 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4"
      >
        {showStart ? <StartSection engine={engine} /> : <StartGuide engine={engine} />}
        <ReferenceTray />
        <GenerateForm>
          <OptionsForm />
          <ExpandSection />
          <PresetPicker />
          <SaveRecipe />
        </GenerateForm>
      </section>

      <div className="flex min-h-[480px] flex-col gap-2 lg:sticky lg:top-[calc(var(--header-height)+1rem)] lg:h-[calc(100dvh-var(--header-height)-2rem)] lg:self-start">
        <CollapsibleMaskEditor>
          <StudioMaskEditor />
        </CollapsibleMaskEditor>
        <MaskProblem />
      </div>

      {/* The editor and the gallery stay in view while the setup column scrolls; the gallery scrolls inside itself. */}
      <div className="min-h-0 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4 lg:col-span-2 xl:sticky xl:top-[calc(var(--header-height)+1rem)] xl:col-span-1 xl:h-[calc(100dvh-var(--header-height)-2rem)] xl:self-start">
        <Gallery actions={actions} initialFilter={initialFilter} />
      </div>
    </div>
  );
}

/** The mask editor on the studio's base and expand frame; a new edit gets a fresh one (keyed on the session). */
function StudioMaskEditor() {
  const store = useStudioStore();
  const maskEditor = useMaskEditor();
  const session = useStudio((state) => state.session);
  const base = useBase();
  return (
    <MaskEditorLazy
      key={session}
      base={base ? { url: base.url, width: base.width, height: base.height } : null}
      controllerRef={maskEditor}
      onMaskChange={() => store.maskChanged(maskEditor.current?.hasMask() ?? false)}
      frameSource={store.frameSource}
    />
  );
}

/** Why a stored mask could not be loaded (and the loader that tries). */
function MaskProblem() {
  useMaskLoader();
  const problem = useStudio((state) => state.maskProblem);
  if (!problem) return null;
  return (
    <p role="status" className="text-sm text-amber-200">
      {problem}
    </p>
  );
}
