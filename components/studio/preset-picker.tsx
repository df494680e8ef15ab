'use client';

import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getPresets, putPreset } from '@/app/(studio)/preset-actions';
import type { GenerationOptions } from '@/lib/jobs/options';
import { useStudioStore } from './use-studio';

export interface Preset {
  id: string;
  name: string;
  options: GenerationOptions;
  promptPrefix: string;
}

export const presetsQuery = {
  queryKey: ['presets'] as const,
  queryFn: async (): Promise<Preset[]> => {
    const result = await getPresets();
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  },
};

const fieldClass = 'min-w-0 flex-1 rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100';
const buttonClass =
  'rounded-lg bg-zinc-800 px-3 py-1.5 text-sm font-medium text-zinc-100 hover:bg-zinc-700 disabled:opacity-60';

/** Team presets stored on the server: apply one (options + prompt prefix), or save the current options as one. */
export function PresetPicker() {
  const id = useId();
  const store = useStudioStore();
  const queryClient = useQueryClient();
  const { data: presets = [] } = useQuery(presetsQuery);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [prefix, setPrefix] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  function apply(presetId: string) {
    const preset = presets.find((item) => item.id === presetId);
    if (!preset) return;
    const prefixText = preset.promptPrefix.trim();
    // Read when applied, not rendered: the picker need not re-render on every keystroke in the prompt.
    const now = store.getState().prompt;
    const prompt = !prefixText || now.startsWith(prefixText) ? now : `${prefixText} ${now}`.trim();
    store.applyPreset(preset.options, prompt);
    setMessage({ error: false, text: `Preset “${preset.name}” applied.` });
  }

  async function save() {
    const result = await putPreset({ name, options: store.getState().options, promptPrefix: prefix });
    if (!result.ok) return setMessage({ error: true, text: result.error.message });
    await queryClient.invalidateQueries({ queryKey: presetsQuery.queryKey });
    setMessage({ error: false, text: `Preset “${result.data.name}” saved.` });
    setSaving(false);
    setName('');
    setPrefix('');
  }

  return (
    <div className="flex flex-col gap-2 rounded-lg border border-zinc-800 p-2.5">
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={`${id}-preset`} className="mb-1 block text-xs font-medium text-zinc-300">
            Preset
          </label>
          <select
            id={`${id}-preset`}
            className={`${fieldClass} w-full`}
            value=""
            onChange={(event) => apply(event.target.value)}
          >
            <option value="">{presets.length === 0 ? 'No presets yet' : 'Apply a preset…'}</option>
            {presets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className={buttonClass} aria-expanded={saving} onClick={() => setSaving((open) => !open)}>
          Save as preset
        </button>
      </div>
      {saving && (
        <div className="flex flex-col gap-2">
          <div className="flex gap-2">
            <label htmlFor={`${id}-name`} className="sr-only">
              Preset name
            </label>
            <input
              id={`${id}-name`}
              className={fieldClass}
              placeholder="Preset name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="button" className={buttonClass} onClick={() => void save()}>
              Save preset
            </button>
          </div>
          <label htmlFor={`${id}-prefix`} className="sr-only">
            Prompt prefix
          </label>
          <input
            id={`${id}-prefix`}
            className={fieldClass}
            placeholder="Prompt prefix (optional), e.g. “Brand style:”"
            value={prefix}
            onChange={(e) => setPrefix(e.target.value)}
          />
        </div>
      )}
      <p role="status" className={`text-xs ${message?.error ? 'text-red-300' : 'text-zinc-400'}`}>
        {message?.text}
      </p>
    </div>
  );
}
