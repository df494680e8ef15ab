/** Versions: the chain an image came from, as the browser sees it. */
import type { AssetView } from './types';

/** One step of a chain: the first image (a reference) or a result of a task. */
export type LineageStep =
  | { kind: 'base'; asset: AssetView }
  | { kind: 'result'; asset: AssetView; jobId: string; position: number; prompt: string };

/** How the strip names a step: the base, then v1, v2 … in the order they were made. */
export function stepLabel(steps: readonly LineageStep[], index: number): string {
  const first = steps[0]?.kind === 'base' ? 1 : 0;
  return steps[index]?.kind === 'base' ? 'Base' : `v${index - first + 1}`;
}
