'use client';

import { useRef } from 'react';
import type { MaskEditorCore } from '@/lib/canvas/editor-core';
import { decodeMaskPng } from '@/lib/mask/import';
import { useEditorValue } from './use-editor-value';

/** Says how the file was read, so a mask that comes out inverted is explained rather than a surprise. */
function importedLabel(name: string, source: 'alpha' | 'luminance'): string {
  return source === 'luminance'
    ? `Imported ${name}: no transparency, so read as black and white — white is repainted`
    : `Imported ${name}: read by its transparency — transparent areas are repainted`;
}

/**
 * Imports a mask PNG from a file: transparent PNGs by alpha (0 = repaint), opaque black-and-white
 * ones with white = repaint. The size must equal the base's displayed size; otherwise the error
 * says both sizes (and whether it looks rotated by EXIF).
 */
export function MaskImportButton({
  editor,
  onError,
}: {
  editor: MaskEditorCore;
  onError: (message: string | null) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const disabled = useEditorValue(editor, (s) => s.base === null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const mask = decodeMaskPng(new Uint8Array(await file.arrayBuffer()));
      editor.loadMask(mask, importedLabel(file.name, mask.source));
      onError(null);
    } catch (error) {
      onError(`${file.name}: ${error instanceof Error ? error.message : 'the mask could not be read.'}`);
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/png"
        aria-label="Import mask PNG"
        className="sr-only"
        tabIndex={-1}
        onChange={(e) => void onFile(e.currentTarget.files?.[0])}
      />
      <button
        type="button"
        disabled={disabled}
        onClick={() => input.current?.click()}
        className="inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 font-medium text-zinc-100 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 disabled:cursor-not-allowed disabled:text-zinc-500"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.8}
          className="size-4"
        >
          <path
            d="M12 15V3m0 12-4-4m4 4 4-4M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        Import mask
      </button>
    </>
  );
}
