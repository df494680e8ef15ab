'use client';

import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { referenceFromResult } from '@/app/(studio)/asset-actions';
import { Gallery, type GalleryActions } from '@/components/gallery/gallery';
import type { MaskEditorHandle } from '@/components/mask/mask-editor';
import { ExpandPanel } from '@/components/expand/expand-panel';
import { MaskEditorLazy } from '@/components/mask/mask-editor-lazy';
import { RatioSetDialog } from '@/components/expand/ratio-set-dialog';
import { conformFrame } from '@/lib/expand/frame';
import type { ExpandFrame } from '@/lib/expand/geometry';
import { DEFAULT_OPTIONS, withAspectRatio, type GenerationOptions } from '@/lib/jobs/options';
import { GALLERY_KEY, type GalleryFilter } from '@/lib/jobs/queries';
import type { StartPoint } from '@/lib/jobs/start-points';
import type { AssetView, EngineKind } from '@/lib/jobs/types';
import { GenerateForm } from './generate-form';
import { OptionsForm } from './options-form';
import { PresetPicker } from './preset-picker';
import { ReferenceTray } from './reference-tray';
import { CollapsibleMaskEditor } from './start/collapsible-mask-editor';
import { StartGuide } from './start/start-guide';
import { StartSection } from './start/start-section';
import { useStartPoint } from './start/use-start-point';
import { useMaskLoader } from './use-mask-loader';
import { useReferenceUploads } from './use-reference-uploads';
import { useStudioDraft } from './use-studio-draft';

/**
 * The studio: references on the left, the mask editor in the middle, the gallery on the right. Holds the draft
 * (references, prompt, options; saved on the server) and takes results back from the gallery (Use as reference,
 * Make base, Edit again).
 */
export function Studio({ initialFilter, engine }: { initialFilter?: GalleryFilter; engine: EngineKind }) {
  const uploads = useReferenceUploads();
  const [options, setOptions] = useState<GenerationOptions>(DEFAULT_OPTIONS);
  const [prompt, setPrompt] = useState('');
  /** Expand canvas: the frame the user set and the base it was set on; null when not expanding. */
  const [expand, setExpand] = useState<{ baseId: string; frame: ExpandFrame } | null>(null);
  const [ratioLocked, setRatioLocked] = useState(true);
  const maskEditor = useRef<MaskEditorHandle | null>(null);
  const queryClient = useQueryClient();
  const base = uploads.references[0] ?? null;
  const maskLoader = useMaskLoader(maskEditor, base?.id ?? null);
  const start = useStartPoint({ options, setOptions, base });
  // The frame shown, submitted and dragged: the one set, remade when the ratio was changed elsewhere (the Aspect
  // ratio option, a preset, a draft) or the base changed, so it always matches both. None while the ratio is auto.
  const frame =
    expand && base && options.size !== 'auto'
      ? conformFrame(expand.baseId === base.id ? expand.frame : null, base, options.size)
      : null;

  /** A new frame from the panel or the editor's handles: the Aspect ratio follows its ratio. */
  function changeFrame(next: ExpandFrame | null) {
    if (!next || !base) return setExpand(null);
    setExpand({ baseId: base.id, frame: next });
    if (next.ratio !== options.size) setOptions((now) => withAspectRatio(now, next.ratio));
  }

  function openDraft(draft: {
    references: AssetView[];
    prompt: string;
    options: GenerationOptions;
    mask: AssetView | null;
    startPoint: StartPoint | null;
    expand: { baseId: string; frame: ExpandFrame } | null;
  }) {
    uploads.replaceAll(draft.references);
    setPrompt(draft.prompt);
    setOptions(draft.options);
    setExpand(draft.expand);
    const baseId = draft.references[0]?.id;
    start.restore(draft.startPoint, baseId ?? null);
    if (draft.mask && baseId) maskLoader.load(draft.mask.url, baseId);
  }

  function newEdit() {
    uploads.replaceAll([]);
    setExpand(null);
    setPrompt('');
    setOptions(DEFAULT_OPTIONS);
    start.reset();
  }

  const draft = useStudioDraft({
    state: { references: uploads.references, prompt, options, startPoint: start.startPoint, expand },
    editor: maskEditor,
    onRestore: openDraft,
  });
  const showStart = start.startPoint === null && uploads.references.length === 0 && uploads.pending.length === 0;

  const refreshGallery = () => void queryClient.invalidateQueries({ queryKey: GALLERY_KEY });
  const exportMask = () => maskEditor.current?.exportMaskPng() ?? Promise.resolve(null);

  const actions: GalleryActions = {
    async addAsReference(result, asBase) {
      const made = await referenceFromResult(result.asset.id, result.asset.filename).catch(() => null);
      if (!made?.ok) return made?.error.message ?? 'The studio could not reach the server; try again.';
      if (!uploads.addAsset(made.data, asBase)) return 'The tray already holds 16 references; remove one first.';
      return asBase ? `${made.data.filename} is now the base.` : `${made.data.filename} added to the references.`;
    },
    editAgain(job) {
      // An expanded task reopens on its original, its painted mask and its frame, not on the padded image.
      const expanded = job.expansion?.source ? job.expansion : null;
      const references = expanded?.source ? [expanded.source, ...job.references.slice(1)] : job.references;
      openDraft({
        references,
        prompt: job.prompt,
        options: job.options,
        mask: expanded ? expanded.paintedMask : job.mask,
        startPoint: job.startPoint,
        expand: expanded?.source ? { baseId: expanded.source.id, frame: expanded.frame } : null,
      });
      document.querySelector<HTMLElement>('[data-studio-prompt]')?.focus();
    },
  };

  return (
    <div className="grid flex-1 gap-4 p-4 lg:grid-cols-[minmax(300px,360px)_minmax(0,1fr)] xl:grid-cols-[minmax(300px,360px)_minmax(0,1fr)_minmax(320px,400px)]">
      <section
        aria-label="Edit setup"
        className="flex flex-col gap-5 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4"
      >
        {showStart ? (
          <StartSection
            engine={engine}
            onChoose={start.choose}
            onApplyPreset={(preset) => {
              setOptions(preset.options);
              setPrompt(preset.promptPrefix ? `${preset.promptPrefix} ` : '');
            }}
          />
        ) : (
          <StartGuide
            engine={engine}
            startPoint={start.startPoint}
            maskPainted={start.maskPainted}
            base={base}
            referenceCount={uploads.references.length}
            options={options}
            onUseExample={setPrompt}
            onNewEdit={newEdit}
          />
        )}
        <ReferenceTray uploads={uploads} />
        <GenerateForm
          references={uploads.references}
          options={options}
          prompt={prompt}
          onPromptChange={setPrompt}
          busyUploading={uploads.pending.length > 0}
          startPoint={start.startPoint}
          hasMask={() => maskEditor.current?.hasMask() ?? false}
          // A folded-away mask is never sent: blending means no mask unless the user opens the editor again.
          exportMask={() => (start.startPoint === 'blend' && !start.maskOpen ? Promise.resolve(null) : exportMask())}
          onSubmitted={refreshGallery}
          expand={frame}
        >
          <OptionsForm options={options} base={base} onChange={setOptions} expanding={expand !== null} />
          <ExpandPanel
            base={base}
            options={options}
            on={expand !== null}
            frame={frame}
            onFrameChange={changeFrame}
            ratioLocked={ratioLocked}
            onRatioLockedChange={setRatioLocked}
          >
            <RatioSetDialog
              references={uploads.references}
              prompt={prompt}
              options={options}
              frame={frame}
              exportMask={exportMask}
              onSubmitted={refreshGallery}
            />
          </ExpandPanel>
          <PresetPicker
            options={options}
            prompt={prompt}
            onApply={(next, nextPrompt) => {
              setOptions(next);
              setPrompt(nextPrompt);
            }}
          />
        </GenerateForm>
      </section>

      <div className="flex min-h-[480px] flex-col gap-2 lg:sticky lg:top-[calc(var(--header-height)+1rem)] lg:h-[calc(100dvh-var(--header-height)-2rem)] lg:self-start">
        <CollapsibleMaskEditor
          collapsible={start.startPoint === 'blend'}
          open={start.maskOpen}
          onOpenChange={start.setMaskOpen}
          hint={
            start.startPoint === 'inpaint' && base && !start.maskPainted
              ? 'Paint over what should change: the brush is ready'
              : null
          }
        >
          <MaskEditorLazy
            key={start.session}
            base={base ? { url: base.url, width: base.width, height: base.height } : null}
            controllerRef={maskEditor}
            onMaskChange={() => {
              start.setMaskPainted(maskEditor.current?.hasMask() ?? false);
              draft.onMaskChange();
            }}
            expand={frame ? { frame, ratioLocked } : null}
            onExpandFrameChange={changeFrame}
          />
        </CollapsibleMaskEditor>
        {maskLoader.problem && (
          <p role="status" className="text-sm text-amber-200">
            {maskLoader.problem}
          </p>
        )}
      </div>

      {/* The editor and the gallery stay in view while the setup column scrolls; the gallery scrolls inside itself. */}
      <div className="min-h-0 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4 lg:col-span-2 xl:sticky xl:top-[calc(var(--header-height)+1rem)] xl:col-span-1 xl:h-[calc(100dvh-var(--header-height)-2rem)] xl:self-start">
        <Gallery actions={actions} initialFilter={initialFilter} />
      </div>
    </div>
  );
}
