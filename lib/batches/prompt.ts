/** Placeholders a recipe's prompt may use, filled per image. */
export const PROMPT_PLACEHOLDERS = ['filename', 'name', 'index', 'ratio'] as const;

export interface PromptContext {
  /** The original file name, `chair.jpg`. */
  filename: string;
  /** 1-based position of the image in the batch. */
  index: number;
  /** The ratio of this task, or the options' ratio. */
  ratio: string;
}

/**
 * `{filename}` → `chair.jpg`, `{name}` → `chair`, `{index}` → `3`, `{ratio}` → `16:9`. Unknown placeholders stay
 * as written, so a prompt that means braces literally ("{logo}") is sent unchanged.
 */
export function fillPrompt(prompt: string, context: PromptContext): string {
  const values: Record<(typeof PROMPT_PLACEHOLDERS)[number], string> = {
    filename: context.filename,
    name: context.filename.replace(/\.[^.]+$/, ''),
    index: String(context.index),
    ratio: context.ratio,
  };
  return prompt.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? values[key as keyof typeof values] : whole,
  );
}
