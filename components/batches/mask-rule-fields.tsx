'use client';

import { useId } from 'react';
import { MASK_RULE_FIELD_LABELS, type MaskRule, type MaskRuleKind } from '@/lib/batches/mask-rule';

/*
 * The numbers a shape or margin rule needs, in percent of each image (so one recipe fits images of any size): where
 * a rectangle or ellipse sits and how large it is, or how far the canvas grows on each side.
 */

export type RuleNumbers = Record<keyof typeof MASK_RULE_FIELD_LABELS, string>;

/** A centred half of the image for shapes; a landscape widening (a quarter each side) for margins. */
export const DEFAULT_RULE_NUMBERS: RuleNumbers = {
  x: '25',
  y: '25',
  width: '50',
  height: '50',
  top: '0',
  right: '25',
  bottom: '0',
  left: '25',
};

const SHAPE_FIELDS = ['x', 'y', 'width', 'height'] as const;
const MARGIN_FIELDS = ['top', 'right', 'bottom', 'left'] as const;

/** The rule the server gets: percent typed here as fractions (the server checks the ranges and names a bad one). */
export function ruleOf(kind: MaskRuleKind, numbers: RuleNumbers): MaskRule {
  const share = (key: keyof RuleNumbers) => Number(numbers[key]) / 100;
  if (kind === 'rect' || kind === 'ellipse') {
    return { kind, x: share('x'), y: share('y'), width: share('width'), height: share('height') };
  }
  if (kind === 'margin') {
    return { kind, top: share('top'), right: share('right'), bottom: share('bottom'), left: share('left') };
  }
  return { kind };
}

export function MaskRuleFields(props: {
  kind: MaskRuleKind;
  numbers: RuleNumbers;
  onChange: (numbers: RuleNumbers) => void;
}) {
  const id = useId();
  const fields =
    props.kind === 'rect' || props.kind === 'ellipse' ? SHAPE_FIELDS : props.kind === 'margin' ? MARGIN_FIELDS : null;
  if (!fields) return null;
  const legend =
    props.kind === 'margin'
      ? 'How far the canvas grows on each side, in percent of the image'
      : `Where the ${props.kind === 'rect' ? 'rectangle' : 'ellipse'} sits, in percent of each image`;
  return (
    <fieldset className="grid grid-cols-2 gap-x-3 gap-y-2">
      <legend className="mb-1 text-xs font-medium text-zinc-300">{legend}</legend>
      {fields.map((key) => (
        <label key={key} htmlFor={`${id}-${key}`} className="flex flex-col gap-0.5 text-xs text-zinc-200">
          {MASK_RULE_FIELD_LABELS[key]}
          <span className="flex items-center gap-1">
            <input
              id={`${id}-${key}`}
              type="number"
              min={0}
              max={100}
              step={1}
              inputMode="decimal"
              value={props.numbers[key]}
              onChange={(event) => props.onChange({ ...props.numbers, [key]: event.target.value })}
              className="w-16 rounded border border-zinc-700 bg-zinc-950 px-1.5 py-1 tabular-nums text-zinc-100"
            />
            <span aria-hidden="true">%</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
