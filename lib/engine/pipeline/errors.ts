/** Registered, so it is the same value in every bundled copy of this module (see isPipelineError). */
const PIPELINE_ERROR_BRAND = Symbol.for('overpaint.pipeline-error');

/** A failure with a sentence fit for the user ("The mask is 300×200 but…"); becomes the task's error message. */
export class PipelineError extends Error {
  readonly [PIPELINE_ERROR_BRAND] = true;

  constructor(message: string) {
    super(message);
    this.name = 'PipelineError';
  }
}

/**
 * Recognises a PipelineError by its brand: the engine is a `globalThis` singleton and the production build copies
 * modules per server layer, so `instanceof` against another layer's class would be false.
 */
export function isPipelineError(value: unknown): value is PipelineError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PIPELINE_ERROR_BRAND] === true
  );
}
