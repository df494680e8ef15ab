'use client';

import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { usePagePermissions } from '@/components/auth/permissions';
import { MAX_REFERENCES } from '@/lib/jobs/options';
import { ACCEPT_ATTRIBUTE } from '@/lib/references/rules';
import { ReferenceItem } from './reference-item';
import { ReferenceNotices } from './reference-notices';
import { useReferenceUploads } from './use-reference-uploads';
import { useStudio, useStudioStore } from './use-studio';

const INTERNAL = 'application/x-overpaint-reference';

/**
 * Drop zone + file picker (`Add reference images`), the `References` list (first = base), refusals and
 * duplicates. Pasting an image anywhere in the studio (outside a text field) adds it too.
 */
export function ReferenceTray() {
  const store = useStudioStore();
  const uploads = useReferenceUploads();
  const references = useStudio((state) => state.references);
  const pending = useStudio((state) => state.pending);
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const dragFrom = useRef<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const count = references.length + pending.length;
  // A viewer may look at the studio but not add references (uploading is part of generating); the server refuses too.
  const { generateRefusal } = usePagePermissions();
  const addFiles = useCallback(
    (files: File[]) => {
      if (generateRefusal) setAnnouncement(generateRefusal);
      else void uploads.addFiles(files);
    },
    [generateRefusal, uploads],
  );

  useEffect(() => {
    function onPaste(event: ClipboardEvent) {
      const files = [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith('image/'));
      if (files.length === 0) return;
      // Pasting rich text (which may carry an image too) into a text field is typing, not adding a reference.
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, [contenteditable="true"]');
      if (typing && event.clipboardData?.types.includes('text/plain')) return;
      event.preventDefault();
      addFiles(
        files.map((file, i) =>
          file.name && file.name !== 'image.png'
            ? file
            : new File([file], `pasted-${Date.now()}-${i + 1}.png`, { type: file.type }),
        ),
      );
    }
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [addFiles]);

  function move(from: number, to: number) {
    const item = references[from];
    if (!item || to < 0 || to >= references.length || to === from) return;
    store.moveReference(from, to);
    setAnnouncement(
      `${item.filename} moved to position ${to + 1} of ${references.length}${to === 0 ? ', now the base' : ''}.`,
    );
    // Keep the keyboard on the item it moved.
    requestAnimationFrame(() =>
      listRef.current?.querySelector<HTMLElement>(`[data-reference-handle="${item.id}"]`)?.focus(),
    );
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.types.includes(INTERNAL)) return;
    const files = [...event.dataTransfer.files];
    if (files.length > 0) addFiles(files);
  }

  return (
    <section aria-labelledby={`${inputId}-heading`} className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between">
        <h2 id={`${inputId}-heading`} className="text-sm font-semibold text-zinc-100">
          Reference images
        </h2>
        <span className="text-xs tabular-nums text-zinc-400" aria-label={`${count} of ${MAX_REFERENCES} references`}>
          {count} / {MAX_REFERENCES}
        </span>
      </div>

      <div
        data-testid="reference-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          if (!event.dataTransfer.types.includes(INTERNAL)) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-xl border border-dashed p-4 text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-violet-400 ${
          dragging ? 'border-violet-400 bg-violet-500/10' : 'border-zinc-700 bg-zinc-900/60'
        }`}
      >
        <input
          id={inputId}
          aria-describedby={`${inputId}-hint`}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          disabled={generateRefusal !== null}
          className="peer sr-only"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) addFiles(files);
          }}
        />
        {/* The label is the control's name alone ("Add reference images": tests and screen readers find it by
            it); the hint is its description. */}
        <label
          htmlFor={inputId}
          className="inline-block cursor-pointer rounded-lg bg-zinc-800 px-3 py-1.5 text-sm font-medium text-zinc-100 hover:bg-zinc-700 peer-disabled:cursor-not-allowed peer-disabled:opacity-60"
        >
          Add reference images
        </label>
        <p id={`${inputId}-hint`} className="mt-2 text-xs text-zinc-400">
          {generateRefusal ?? (
            <>
              or drop or paste images (PNG, JPEG, WebP, AVIF, TIFF, BMP, GIF, HEIC) · up to {MAX_REFERENCES}, 50 MB each
              · the first is the base
            </>
          )}
        </p>
      </div>

      <ReferenceNotices />

      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <ol ref={listRef} aria-label="References" className="flex max-h-[50dvh] flex-col gap-2 overflow-y-auto">
        {references.map((reference, index) => (
          <ReferenceItem
            key={reference.id}
            reference={reference}
            index={index}
            count={references.length}
            onMove={move}
            onMakeBase={(id) =>
              move(
                references.findIndex((item) => item.id === id),
                0,
              )
            }
            onRemove={(id) => store.removeReference(id)}
            onDragStart={(from) => (dragFrom.current = from)}
            onDropAt={(to) => {
              if (dragFrom.current !== null) move(dragFrom.current, to);
              dragFrom.current = null;
            }}
          />
        ))}
        {pending.map((upload) => (
          <li
            key={upload.key}
            className="flex items-center gap-3 rounded-lg border border-zinc-800 bg-zinc-900/50 p-2 text-sm text-zinc-400"
          >
            <span className="size-12 shrink-0 animate-pulse rounded-md bg-zinc-800" aria-hidden="true" />
            <span className="truncate">Uploading {upload.name}…</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
