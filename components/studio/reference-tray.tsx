'use client';

import { useId, useState, type DragEvent } from 'react';
import type { AppError } from '@/lib/errors';
import { MAX_REFERENCES } from '@/lib/jobs/options';
import type { AssetView } from '@/lib/jobs/types';
import { formatBytes } from '@/lib/references/rules';
import type { PendingUpload } from './use-reference-uploads';

interface ReferenceTrayProps {
  references: AssetView[];
  pending: PendingUpload[];
  refusals: AppError[];
  onAddFiles(files: File[]): void;
  onRemove(id: string): void;
}

/** Drop zone + file picker (`Add reference images`), the `References` list (first = base), and refusals. */
export function ReferenceTray({ references, pending, refusals, onAddFiles, onRemove }: ReferenceTrayProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const count = references.length + pending.length;

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onAddFiles(files);
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
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-xl border border-dashed p-4 text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-violet-400 ${
          dragging ? 'border-violet-400 bg-violet-500/10' : 'border-zinc-700 bg-zinc-900/60'
        }`}
      >
        <input
          id={inputId}
          type="file"
          multiple
          accept="image/png,image/jpeg"
          className="sr-only"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) onAddFiles(files);
          }}
        />
        <label htmlFor={inputId} className="cursor-pointer">
          <span className="inline-block rounded-lg bg-zinc-800 px-3 py-1.5 text-sm font-medium text-zinc-100 hover:bg-zinc-700">
            Add reference images
          </span>
          <span className="mt-2 block text-xs text-zinc-400">
            or drop PNG / JPEG files here · up to {MAX_REFERENCES}, 50 MB each · the first is the base
          </span>
        </label>
      </div>

      {refusals.length > 0 && (
        <ul role="alert" aria-label="Files not added" className="flex flex-col gap-1 rounded-lg border border-red-900/60 bg-red-950/40 p-3 text-sm text-red-200">
          {refusals.map((refusal, index) => (
            <li key={`${refusal.file ?? ''}-${index}`}>{refusal.message}</li>
          ))}
        </ul>
      )}

      <ol aria-label="References" className="flex flex-col gap-2">
        {references.map((reference, index) => (
          <li key={reference.id} className="flex items-center gap-3 rounded-lg border border-zinc-800 bg-zinc-900 p-2">
            {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route, already small */}
            <img src={reference.thumbUrl} alt={reference.filename} className="size-12 shrink-0 rounded-md object-cover" />
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm text-zinc-100" title={reference.filename}>
                {reference.filename}
              </p>
              <p className="text-xs tabular-nums text-zinc-400">
                {index === 0 && <span className="mr-1.5 rounded bg-violet-500/20 px-1.5 py-0.5 font-medium text-violet-200">Base</span>}
                {reference.width} × {reference.height} · {formatBytes(reference.bytes)}
              </p>
            </div>
            <button
              type="button"
              onClick={() => onRemove(reference.id)}
              className="rounded-md px-2 py-1 text-xs text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100"
            >
              Remove<span className="sr-only"> {reference.filename}</span>
            </button>
          </li>
        ))}
        {pending.map((upload) => (
          <li key={upload.key} className="flex items-center gap-3 rounded-lg border border-zinc-800 bg-zinc-900/50 p-2 text-sm text-zinc-400">
            <span className="size-12 shrink-0 animate-pulse rounded-md bg-zinc-800" aria-hidden="true" />
            <span className="truncate">Uploading {upload.name}…</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
