'use client';

import { useId } from 'react';
import {
  ASPECT_RATIOS,
  FOUR_K_RATIOS,
  isFourKAllowed,
  MAX_IMAGES_PER_TASK,
  OUTPUT_FORMATS,
  outputSize,
  QUALITIES,
  RESOLUTIONS,
  effectiveRatio,
  type GenerationOptions,
} from '@/lib/jobs/options';
import { KeepUnmaskedField } from './keep-unmasked-field';
import { useBase, useStudio, useStudioStore } from './use-studio';

const fieldClass =
  'w-full rounded-lg border border-zinc-700 bg-zinc-950 px-2.5 py-1.5 text-sm text-zinc-100 disabled:cursor-not-allowed disabled:opacity-50';
const labelClass = 'mb-1 block text-xs font-medium text-zinc-300';

/** The API's options, offering only combinations that exist, and the pixel size the choice will produce. */
export function OptionsForm() {
  const id = useId();
  const store = useStudioStore();
  const options = useStudio((state) => state.options);
  const base = useBase();
  const set = (patch: Partial<GenerationOptions>) => store.patchOptions(patch);
  const fourK = isFourKAllowed(options.size);
  const size = outputSize(options.size, options.resolution, base);
  const ratio = effectiveRatio(options.size, base);

  return (
    <fieldset className="grid grid-cols-2 gap-3">
      <legend className="sr-only">Output options</legend>
      <div>
        <label htmlFor={`${id}-size`} className={labelClass}>
          Aspect ratio
        </label>
        <select
          id={`${id}-size`}
          className={fieldClass}
          value={options.size}
          onChange={(event) => store.setRatio(event.target.value as GenerationOptions['size'])}
        >
          {ASPECT_RATIOS.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-resolution`} className={labelClass}>
          Resolution
        </label>
        <select
          id={`${id}-resolution`}
          className={fieldClass}
          value={options.resolution}
          aria-describedby={fourK ? undefined : `${id}-4k-note`}
          onChange={(event) => set({ resolution: event.target.value as GenerationOptions['resolution'] })}
        >
          {RESOLUTIONS.map((value) => (
            <option key={value} value={value} disabled={value === '4k' && !fourK}>
              {value}
            </option>
          ))}
        </select>
      </div>
      <SelectField
        id={`${id}-quality`}
        label="Quality"
        value={options.quality}
        values={QUALITIES}
        onChange={(quality) => set({ quality })}
      />
      <div>
        <label htmlFor={`${id}-n`} className={labelClass}>
          Number of images
        </label>
        <input
          id={`${id}-n`}
          type="number"
          min={1}
          max={MAX_IMAGES_PER_TASK}
          step={1}
          className={fieldClass}
          value={options.n}
          onChange={(event) => {
            const n = Math.round(Number(event.target.value));
            if (Number.isFinite(n)) set({ n: Math.min(MAX_IMAGES_PER_TASK, Math.max(1, n)) });
          }}
        />
      </div>
      <SelectField
        id={`${id}-format`}
        label="Output format"
        value={options.outputFormat}
        values={OUTPUT_FORMATS}
        onChange={(outputFormat) => set({ outputFormat })}
      />
      <div>
        <label htmlFor={`${id}-compression`} className={labelClass}>
          JPEG compression
        </label>
        <input
          id={`${id}-compression`}
          type="number"
          min={0}
          max={100}
          className={fieldClass}
          value={options.outputCompression}
          disabled={options.outputFormat !== 'jpeg'}
          aria-describedby={`${id}-compression-note`}
          onChange={(event) => {
            const value = Math.round(Number(event.target.value));
            if (Number.isFinite(value)) set({ outputCompression: Math.min(100, Math.max(0, value)) });
          }}
        />
        <p id={`${id}-compression-note`} className="mt-1 text-xs text-zinc-400">
          {options.outputFormat === 'jpeg' ? '0–100, sent as the API’s setting' : 'Only for JPEG output'}
        </p>
      </div>
      <p className="col-span-2 text-xs tabular-nums text-zinc-400" aria-live="polite">
        {options.size === 'auto' ? `auto (${base ? `base ≈ ${ratio}` : '1:1'})` : options.size} · {options.resolution} →{' '}
        <span className="text-zinc-200">{size ? `${size.width} × ${size.height}` : 'not available'}</span>
      </p>
      {!fourK && (
        <p id={`${id}-4k-note`} className="col-span-2 -mt-2 text-xs text-zinc-400">
          4k is available only for {FOUR_K_RATIOS.join(', ')}.
        </p>
      )}
      <KeepUnmaskedField size={size} />
    </fieldset>
  );
}

/** A labelled native select over a list of API values (the option value is the value sent). */
function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  values: readonly T[];
  onChange(value: T): void;
}) {
  return (
    <div>
      <label htmlFor={props.id} className={labelClass}>
        {props.label}
      </label>
      <select
        id={props.id}
        className={fieldClass}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as T)}
      >
        {props.values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </div>
  );
}
