'use client';

import type { AssetView } from '@/lib/jobs/types';
import type { LightboxItem } from './lightbox-item';

export interface CompareChoice {
  asset: AssetView;
  /** How the other image is named: its alt text, the option, the difference's sentence. */
  label: string;
}

/**
 * What the shown image can be compared with: its task's references (the base first), then every other result the
 * gallery has loaded. Each image once, by asset id.
 */
export function compareChoices(
  shown: LightboxItem,
  items: readonly LightboxItem[],
  versions: readonly CompareChoice[],
): CompareChoice[] {
  const choices: CompareChoice[] = [
    ...shown.references.map((asset, index) => ({
      asset,
      label: index === 0 ? `Base: ${asset.filename}` : `Reference ${index + 1}: ${asset.filename}`,
    })),
    ...versions,
    ...items.map((item) => ({ asset: item.asset, label: `${item.label}: ${item.prompt}` })),
  ];
  const seen = new Set([shown.asset.id]);
  return choices.filter((choice) => !seen.has(choice.asset.id) && seen.add(choice.asset.id));
}

/** The "Compare with" picker: any result or reference against the one shown. */
export function ComparePicker({
  choices,
  value,
  onChange,
}: {
  choices: CompareChoice[];
  value: string | null;
  onChange(id: string): void;
}) {
  return (
    <label className="flex min-w-0 items-center gap-2 text-xs text-zinc-300">
      <span className="shrink-0">Compare with</span>
      <select
        value={value ?? ''}
        disabled={choices.length === 0}
        onChange={(event) => onChange(event.target.value)}
        className="min-w-0 max-w-64 truncate rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-xs text-zinc-100"
      >
        {choices.length === 0 && <option value="">Nothing to compare with</option>}
        {choices.map((choice) => (
          <option key={choice.asset.id} value={choice.asset.id}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
