'use client';

import { useId, useState, type DragEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { startBatchAction } from '@/app/batch/actions';
import type { CostContext } from '@/components/cost/cost-context';
import { estimateBatch } from '@/lib/batches/estimate';
import { MAX_BATCH_IMAGES } from '@/lib/batches/feeder';
import { formatEstimate } from '@/lib/cost/estimate';
import { formatMoney } from '@/lib/cost/money';
import { ACCEPT_ATTRIBUTE } from '@/lib/references/rules';
import { DroppedList } from './dropped-list';
import { recipesQuery } from './recipes-query';
import { useBatchUploads } from './use-batch-uploads';

const buttonClass =
  'rounded-xl bg-violet-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-violet-600 disabled:cursor-not-allowed disabled:opacity-60';

/**
 * The Batch page: drop or pick up to 500 images (each checked at once, then stored through the reference intake,
 * a few at a time), choose a recipe, see what the batch will cost, Start batch.
 */
export function BatchDrop({ cost }: { cost: CostContext }) {
  const id = useId();
  const router = useRouter();
  const { data: recipes = [] } = useQuery(recipesQuery);
  const [recipeId, setRecipeId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [over, setOver] = useState(false);
  const { images, add } = useBatchUploads(setError);

  async function start() {
    setError(null);
    if (!recipeId) return setError('Recipe: choose a recipe first (save one from the studio with Save as recipe).');
    const ready = images.filter((item) => item.status === 'ready' && item.assetId);
    const chosen = recipes.find((item) => item.id === recipeId);
    const estimate = chosen && estimateBatch(cost.pricing, chosen, ready.length);
    if (estimate && cost.confirmAboveMicros != null && estimate.micros > cost.confirmAboveMicros) {
      const amount = formatMoney(estimate.micros, estimate.currency);
      const threshold = formatMoney(cost.confirmAboveMicros, estimate.currency);
      // Above the admin's threshold the click alone does not spend: the amount is stated and confirmed first.
      if (!window.confirm(`This batch is estimated at ≈ ${amount} (above ${threshold}). Start it anyway?`)) return;
    }
    setStarting(true);
    const result = await startBatchAction({ recipeId, imageIds: ready.map((item) => item.assetId!) }).catch(() => null);
    setStarting(false);
    if (!result) return setError('The studio could not reach the server; try again.');
    if (!result.ok) return setError(result.error.message);
    router.push(`/batch/${result.data.id}`);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    void add([...event.dataTransfer.files]);
  }

  const recipe = recipes.find((item) => item.id === recipeId);
  const ready = images.filter((item) => item.status === 'ready').length;
  const pending = images.filter((item) => ['checking', 'waiting', 'uploading'].includes(item.status)).length;
  const tasks = ready * (recipe?.tasksPerImage ?? 1);
  const estimate = recipe && ready > 0 ? estimateBatch(cost.pricing, recipe, ready) : null;

  return (
    <div className="flex flex-col gap-4">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center gap-2 rounded-2xl border-2 border-dashed p-8 text-center ${over ? 'border-violet-400 bg-violet-950/30' : 'border-zinc-700'}`}
      >
        <p className="text-sm text-zinc-200">Drop up to {MAX_BATCH_IMAGES} images here, or</p>
        <label className="cursor-pointer rounded-lg bg-zinc-800 px-3 py-1.5 text-sm font-medium text-zinc-100 hover:bg-zinc-700">
          Add batch images
          <input
            type="file"
            multiple
            accept={ACCEPT_ATTRIBUTE}
            className="sr-only"
            onChange={(event) => {
              void add([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
        </label>
        <p className="text-xs text-zinc-400">
          PNG, JPEG, WebP and the other reference formats; a file that is not accepted is listed with its reason.
        </p>
      </div>
      <DroppedList images={images} />
      <div className="flex flex-col gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-60 flex-1 flex-col gap-1">
            <label htmlFor={`${id}-recipe`} className="text-sm font-semibold text-zinc-100">
              Recipe
            </label>
            <select
              id={`${id}-recipe`}
              value={recipeId}
              onChange={(event) => setRecipeId(event.target.value)}
              className="rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100"
            >
              <option value="">{recipes.length === 0 ? 'No recipes yet' : 'Choose a recipe…'}</option>
              {recipes.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name} · {item.maskLabel}
                </option>
              ))}
            </select>
          </div>
          <section aria-label="Cost estimate" className="min-w-60 flex-1 text-sm text-zinc-300" data-batch-estimate>
            <p>
              {ready} {ready === 1 ? 'image' : 'images'} ready
              {pending > 0 ? `, ${pending} on the way` : ''} · {tasks} {tasks === 1 ? 'task' : 'tasks'}
            </p>
            <p aria-live="polite" className="text-zinc-100 tabular-nums">
              {estimate
                ? formatEstimate(estimate)
                : recipe
                  ? 'Add images to see what the batch will cost.'
                  : 'Choose a recipe to see what the batch will cost.'}
            </p>
            <p className="text-xs text-zinc-400">An estimate from the team’s price table.</p>
          </section>
        </div>
        {recipe && (
          <p className="text-xs text-zinc-400">
            “{recipe.prompt}” · {recipe.maskLabel}
            {recipe.ratios.length > 0 ? ` · ratios ${recipe.ratios.join(', ')}` : ''}
          </p>
        )}
        {error && (
          <p role="alert" className="rounded-lg border border-red-900/60 bg-red-950/40 p-3 text-sm text-red-200">
            {error}
          </p>
        )}
        <button
          type="button"
          className={buttonClass}
          aria-busy={starting}
          disabled={starting || ready === 0 || pending > 0}
          onClick={() => void start()}
        >
          Start batch
        </button>
      </div>
    </div>
  );
}
