/**
 * Keep unmasked pixels, as the browser and the server both speak of it: the states of a result's restoration and
 * the sentence the result card shows. Plain TypeScript.
 */

/**
 * `restored`: the base is back where the mask keeps. `as_generated`: it could not apply (another ratio, a frame
 * that does not line up); the model's output is shown, with the reason. `not_applicable`: no mask, or the option
 * was off. `pending`: not made yet. `failed`: restoring broke; the model's output is shown.
 */
export const RESTORE_STATES = ['restored', 'as_generated', 'not_applicable', 'pending', 'failed'] as const;
export type RestoreState = (typeof RESTORE_STATES)[number];

export interface RestoreView {
  state: RestoreState;
  reason?: string;
  /** 0–1: share of the kept pixels the model changed visibly. */
  changedShare?: number;
  /** Mean absolute per-channel difference on the kept pixels, 0–255. */
  meanDelta?: number;
}

/** Ratios further apart than this cannot be restored (the result is another shape than the base). */
export const RATIO_TOLERANCE = 0.01;

/** True when two sizes differ in shape by more than 1 %. */
export function ratiosDiffer(a: { width: number; height: number }, b: { width: number; height: number }): boolean {
  return Math.abs(Math.log(a.width / a.height) - Math.log(b.width / b.height)) > Math.log1p(RATIO_TOLERANCE);
}

/** "Outside the mask: 38 % changed by the model · restored", or the reason it was shown as generated. */
export function restoreSentence(restore: RestoreView): string {
  const drift =
    restore.changedShare !== undefined
      ? `Outside the mask: ${formatShare(restore.changedShare)} changed by the model`
      : 'Outside the mask';
  switch (restore.state) {
    case 'restored':
      return `${drift} · restored`;
    case 'pending':
      return `${drift} · restoring…`;
    case 'not_applicable':
      return restore.changedShare !== undefined && restore.reason
        ? `${drift} · ${restore.reason}`
        : (restore.reason ?? '');
    default:
      return `${drift} · shown as generated: ${restore.reason ?? 'it could not be restored.'}`;
  }
}

/** Whole percent, but never "0 %" for a few changed pixels nor "100 %" for almost all. */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent > 0 && percent < 1) return '< 1 %';
  if (percent < 100 && percent > 99) return '> 99 %';
  return `${Math.round(percent)} %`;
}
