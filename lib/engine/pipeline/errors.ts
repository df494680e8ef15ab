/** A failure with a sentence fit for the user ("The mask is 300×200 but…"); becomes the task's error message. */
export class PipelineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineError';
  }
}
