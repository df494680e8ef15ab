'use client';

import { useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { putRecipe } from '@/app/(studio)/recipe-actions';
import { MASK_RULE_LABELS, type MaskRuleKind } from '@/lib/batches/mask-rule';
import { FIXED_RATIOS, type FixedRatio } from '@/lib/jobs/options';
import { useMaskExport } from '@/components/studio/use-mask-export';
import { useStudioStore } from '@/components/studio/use-studio';
import { DEFAULT_RULE_NUMBERS, MaskRuleFields, ruleOf, type RuleNumbers } from './mask-rule-fields';
import { recipesQuery } from './recipes-query';

const fieldClass = 'min-w-0 flex-1 rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100';
const buttonClass =
  'rounded-lg bg-zinc-800 px-3 py-1.5 text-sm font-medium text-zinc-100 hover:bg-zinc-700 disabled:opacity-60';

/**
 * Save as recipe: the studio's prompt, options and references after the base (the base is what each batch image
 * replaces), with a mask rule for each image. Shared with the team on the Batch page.
 */
export function SaveRecipe() {
  const id = useId();
  const store = useStudioStore();
  const queryClient = useQueryClient();
  const { exportMask } = useMaskExport();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [rule, setRule] = useState<MaskRuleKind>('background');
  const [ruleNumbers, setRuleNumbers] = useState<RuleNumbers>(DEFAULT_RULE_NUMBERS);
  // Empty: one task per image at the studio's ratio. Otherwise one task per image and ratio.
  const [ratios, setRatios] = useState<FixedRatio[]>([]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function save() {
    const { prompt, options, references } = store.getState();
    const body = new FormData();
    body.set(
      'payload',
      JSON.stringify({
        name,
        prompt,
        options,
        referenceIds: references.slice(1).map((reference) => reference.id),
        ratios,
        maskRule: ruleOf(rule, ruleNumbers),
      }),
    );
    const mask = rule === 'current' && references.length > 0 ? await exportMask() : null;
    if (mask) body.set('mask', mask, 'mask.png');
    const result = await putRecipe(body).catch(() => null);
    if (!result) return setMessage({ error: true, text: 'The studio could not reach the server; try again.' });
    if (!result.ok) return setMessage({ error: true, text: result.error.message });
    await queryClient.invalidateQueries({ queryKey: recipesQuery.queryKey });
    setMessage({ error: false, text: `Recipe “${result.data.name}” saved. Run it on the Batch page.` });
    setOpen(false);
    setName('');
    setRatios([]);
  }

  return (
    <div className="flex flex-col gap-2 rounded-lg border border-zinc-800 p-2.5">
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-zinc-400">Run this edit over many images with a recipe.</p>
        <button type="button" className={buttonClass} aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          Save as recipe
        </button>
      </div>
      {open && (
        <div className="flex flex-col gap-2">
          <label htmlFor={`${id}-name`} className="text-xs font-medium text-zinc-300">
            Recipe name
          </label>
          <input
            id={`${id}-name`}
            className={fieldClass}
            placeholder="e.g. Summer backdrop"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <label htmlFor={`${id}-rule`} className="text-xs font-medium text-zinc-300">
            Mask for each image
          </label>
          <select
            id={`${id}-rule`}
            className={fieldClass}
            value={rule}
            onChange={(event) => setRule(event.target.value as MaskRuleKind)}
          >
            {(Object.keys(MASK_RULE_LABELS) as MaskRuleKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {MASK_RULE_LABELS[kind]}
              </option>
            ))}
          </select>
          <MaskRuleFields kind={rule} numbers={ruleNumbers} onChange={setRuleNumbers} />
          <fieldset className="flex flex-col gap-1">
            <legend className="text-xs font-medium text-zinc-300">
              Ratio set (optional: one task per image and ratio)
            </legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {FIXED_RATIOS.map((ratio) => (
                <label key={ratio} className="flex min-h-6 items-center gap-1.5 text-xs text-zinc-200">
                  <input
                    type="checkbox"
                    className="h-4 w-4"
                    checked={ratios.includes(ratio)}
                    onChange={(event) =>
                      setRatios((list) =>
                        event.target.checked ? [...list, ratio] : list.filter((item) => item !== ratio),
                      )
                    }
                  />
                  {ratio}
                </label>
              ))}
            </div>
          </fieldset>
          <p className="text-xs text-zinc-400">
            The prompt may use {'{name}'}, {'{filename}'}, {'{index}'} and {'{ratio}'}; each image fills them in.
          </p>
          <button type="button" className={buttonClass} onClick={() => void save()}>
            Save recipe
          </button>
        </div>
      )}
      <p role="status" className={`text-xs empty:hidden ${message?.error ? 'text-red-300' : 'text-zinc-400'}`}>
        {message?.text}
      </p>
    </div>
  );
}
