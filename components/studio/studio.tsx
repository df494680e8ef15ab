'use client';

import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Gallery } from '@/components/gallery/gallery';
import type { MaskEditorHandle } from '@/components/mask/mask-editor';
import { MaskEditorLazy } from '@/components/mask/mask-editor-lazy';
import { DEFAULT_OPTIONS, type GenerationOptions } from '@/lib/jobs/options';
import { galleryQuery } from '@/lib/jobs/queries';
import { GenerateForm } from './generate-form';
import { OptionsForm } from './options-form';
import { ReferenceTray } from './reference-tray';
import { useReferenceUploads } from './use-reference-uploads';

/**
 * The studio: references on the left, the mask editor in the middle, the gallery on the right. Holds the draft
 * (references, prompt, options) and hands the finished job over to the gallery.
 */
export function Studio() {
  const uploads = useReferenceUploads();
  const [options, setOptions] = useState<GenerationOptions>(DEFAULT_OPTIONS);
  const maskEditor = useRef<MaskEditorHandle | null>(null);
  const queryClient = useQueryClient();
  const base = uploads.references[0] ?? null;

  return (
    <div className="grid flex-1 gap-4 p-4 lg:grid-cols-[minmax(300px,360px)_minmax(0,1fr)] xl:grid-cols-[minmax(300px,360px)_minmax(0,1fr)_minmax(300px,380px)]">
      <section aria-label="Edit setup" className="flex flex-col gap-5 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4">
        <ReferenceTray
          references={uploads.references}
          pending={uploads.pending}
          refusals={uploads.refusals}
          onAddFiles={(files) => void uploads.addFiles(files)}
          onRemove={uploads.remove}
        />
        <GenerateForm
          references={uploads.references}
          options={options}
          busyUploading={uploads.pending.length > 0}
          exportMask={() => maskEditor.current?.exportMaskPng() ?? Promise.resolve(null)}
          onSubmitted={() => void queryClient.invalidateQueries({ queryKey: galleryQuery().queryKey })}
        >
          <OptionsForm options={options} base={base} onChange={setOptions} />
        </GenerateForm>
      </section>

      <div className="flex min-h-[480px] flex-col">
        <MaskEditorLazy base={base ? { url: base.url, width: base.width, height: base.height } : null} controllerRef={maskEditor} />
      </div>

      <div className="rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4 lg:col-span-2 xl:col-span-1">
        <Gallery />
      </div>
    </div>
  );
}
