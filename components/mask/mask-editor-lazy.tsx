'use client';

import dynamic from 'next/dynamic';
import type { MaskEditorProps } from './mask-editor';

/** Placeholder while the Konva bundle loads; deliberately not labelled "Mask editor". */
function MaskEditorLoading() {
  return (
    <div className="flex min-h-[420px] flex-1 items-center justify-center rounded-xl border border-zinc-800 bg-zinc-900 text-sm text-zinc-400">
      Loading the mask editor…
    </div>
  );
}

const MaskEditorClient = dynamic(() => import('./mask-editor').then((m) => m.MaskEditor), {
  ssr: false,
  loading: MaskEditorLoading,
});

/** The mask editor, loaded only in the browser (Konva needs a DOM). Same props as `MaskEditor`. */
export function MaskEditorLazy(props: MaskEditorProps) {
  return <MaskEditorClient {...props} />;
}
