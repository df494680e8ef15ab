'use client';

import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { submitGeneration } from '@/app/(studio)/generate-actions';
import { usePagePermissions } from '@/components/auth/permissions';
import { submitExpandRequest } from '@/components/expand/submit-expanded';
import type { AppError } from '@/lib/errors';
import { useCost } from '@/components/cost/cost-context';
import { estimateTask, formatEstimate } from '@/lib/cost/estimate';
import { formatMoney } from '@/lib/cost/money';
import { outputSize } from '@/lib/jobs/options';
import { GALLERY_KEY } from '@/lib/jobs/queries';
import { useMaskExport } from './use-mask-export';
import { useStudio, useStudioStore } from './use-studio';

interface GenerateFormProps {
  children: ReactNode;
}

/**
 * Prompt, options and Generate. One click is one task: the idempotency key is kept until a submit succeeds, so a
 * double click or a retried request after a network failure finds the same task instead of making another.
 */
export function GenerateForm({ children }: GenerateFormProps) {
  const cost = useCost();
  const id = useId();
  const store = useStudioStore();
  const queryClient = useQueryClient();
  const { hasMask, exportSentMask: exportMask } = useMaskExport();
  const references = useStudio((state) => state.references);
  const options = useStudio((state) => state.options);
  const prompt = useStudio((state) => state.prompt);
  const startPoint = useStudio((state) => state.startPoint);
  const busyUploading = useStudio((state) => state.pending.length > 0);
  // The expanded canvas when Expand canvas is on (its ratio is `options.size`); null otherwise.
  const expand = useStudio((state) => state.frame);
  // A viewer spends nothing: the button is disabled and says why (the server refuses the action regardless).
  const { generateRefusal } = usePagePermissions();
  const [error, setError] = useState<AppError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const promptError = error?.field === 'prompt' ? error : null;
  const formError = error && error.field !== 'prompt' ? error : null;
  const size = outputSize(options.size, options.resolution, references[0]);
  // Exactly what will be sent: one task of n images, with every reference as an input image.
  const estimate = cost ? estimateTask(cost.pricing, { options, inputImages: references.length }) : null;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    if (!prompt.trim()) {
      setError({ code: 'form:invalid', field: 'prompt', message: 'Prompt: describe the edit you want; it is empty.' });
      document.getElementById(`${id}-prompt`)?.focus();
      return;
    }
    // Inpainting without a mask would run as a plain edit: say what is missing instead (the server refuses it too).
    const missing = startPoint === 'inpaint' ? missingForInpaint(references.length > 0, hasMask()) : null;
    if (missing) {
      setError(missing);
      return;
    }
    if (estimate && cost?.confirmAboveMicros != null && estimate.micros > cost.confirmAboveMicros) {
      const amount = formatMoney(estimate.micros, estimate.currency);
      const threshold = formatMoney(cost.confirmAboveMicros, estimate.currency);
      // Above the admin's threshold the click alone does not spend: the amount is stated and confirmed first.
      if (!window.confirm(`This Generate is estimated at ≈ ${amount} (above ${threshold}). Generate anyway?`)) return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const body = new FormData();
      const payload = {
        idempotencyKey: idempotencyKey.current,
        prompt,
        options,
        referenceIds: references.map((r) => r.id),
        startPoint,
      };
      body.set('payload', JSON.stringify(payload));
      const mask = references.length > 0 ? await exportMask() : null;
      if (mask) body.set('mask', mask, 'mask.png');
      const result =
        expand && references.length > 0
          ? await submitExpandRequest({
              ...payload,
              targets: [{ ratio: expand.ratio, canvas: expand.canvas, offset: expand.offset }],
              mask,
            })
          : await submitGeneration(body);
      if (result.ok) {
        idempotencyKey.current = crypto.randomUUID();
        void queryClient.invalidateQueries({ queryKey: GALLERY_KEY });
      } else setError(result.error);
    } catch {
      setError({
        code: 'server:error',
        message: 'The studio could not reach the server. Your work is kept; try again.',
      });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="contents">
      <div>
        <label htmlFor={`${id}-prompt`} className="mb-1 block text-sm font-semibold text-zinc-100">
          Prompt
        </label>
        <textarea
          id={`${id}-prompt`}
          data-studio-prompt
          value={prompt}
          rows={4}
          onChange={(event) => {
            store.setPrompt(event.target.value);
            if (promptError) setError(null);
          }}
          placeholder="Describe the edit: “replace the cup with a glass of orange juice”"
          aria-invalid={promptError ? true : undefined}
          aria-describedby={promptError ? `${id}-prompt-error` : undefined}
          className="w-full resize-y rounded-lg border border-zinc-700 bg-zinc-950 px-3 py-2 text-sm text-zinc-100 placeholder:text-zinc-500 aria-[invalid]:border-red-500"
        />
        {promptError && (
          <p id={`${id}-prompt-error`} role="alert" className="mt-1 text-sm text-red-300">
            {promptError.message}
          </p>
        )}
      </div>
      {children}
      {/* Always in view: the bar sticks to the bottom of the setup column (the form is display: contents, so the
          column, not the form, is what it sticks within) and carries the error that stopped a submit. */}
      <div
        data-generate-bar
        className="sticky bottom-0 z-20 -mx-4 -mb-4 mt-auto flex flex-col gap-2 rounded-b-2xl border-t border-zinc-800 bg-zinc-950/95 px-4 py-3 backdrop-blur"
      >
        {formError && (
          <p role="alert" className="rounded-lg border border-red-900/60 bg-red-950/40 p-3 text-sm text-red-200">
            {formError.message}
          </p>
        )}
        <div className="flex items-baseline justify-between gap-3 text-xs tabular-nums text-zinc-400">
          <p>
            {options.n} {options.n === 1 ? 'image' : 'images'} ·{' '}
            <span className="text-zinc-200">{size ? `${size.width} × ${size.height} px` : 'size not available'}</span> ·{' '}
            {options.outputFormat.toUpperCase()}
            {expand ? ' · expanded canvas' : ''}
          </p>
          {estimate && (
            <p
              data-cost-estimate="generate"
              aria-live="polite"
              className="shrink-0 text-zinc-200"
              title="An estimate from the team’s price table"
            >
              <span className="sr-only">Estimated cost: </span>
              {formatEstimate(estimate)}
            </p>
          )}
        </div>
        {generateRefusal && (
          <p id={`${id}-refusal`} className="text-xs text-amber-200">
            {generateRefusal}
          </p>
        )}
        <button
          type="submit"
          aria-busy={submitting}
          disabled={busyUploading || generateRefusal !== null}
          aria-describedby={generateRefusal ? `${id}-refusal` : undefined}
          className="rounded-xl bg-violet-700 px-4 py-2.5 text-sm font-semibold text-white shadow-lg shadow-violet-950/40 hover:bg-violet-600 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {/* The name stays "Generate" while busy (aria-busy says the rest), so assistive tech never loses it. */}
          Generate
        </button>
      </div>
    </form>
  );
}

function missingForInpaint(hasBase: boolean, hasMask: boolean): AppError | null {
  if (!hasBase)
    return {
      code: 'mask:missing',
      field: 'references',
      message: 'Inpainting needs a base image: add one with Add reference images.',
    };
  if (!hasMask)
    return {
      code: 'mask:missing',
      field: 'mask',
      message: 'No mask painted yet: paint the area to change on the base in the mask editor, then Generate.',
    };
  return null;
}
