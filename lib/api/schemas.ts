/**
 * The public API's request and response shapes (/api/v1), as zod schemas. The route handlers parse with them and
 * shape their answers through them, and the OpenAPI document (openapi.ts) is generated from them with
 * `z.toJSONSchema`, so the document cannot drift from what the server does.
 */
import { z } from 'zod';
import { MAX_BATCH_IMAGES } from '@/lib/batches/feeder';
import { maskRuleSchema } from '@/lib/batches/mask-rule';
import { BATCH_STATES, ITEM_STATUSES } from '@/lib/batches/progress';
import { FIXED_RATIOS } from '@/lib/jobs/options';
import { APPROVAL_FILTERS } from '@/lib/jobs/gallery-filter';
import { generationOptionsSchema, MAX_PROMPT_CHARS, MAX_REFERENCES } from '@/lib/jobs/options';
import { startPointSchema } from '@/lib/jobs/start-points';

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable code, `area:reason`, e.g. `form:invalid`, `api:read_only`.' }),
      message: z.string().meta({ description: 'A sentence fit for a person, naming the field and why.' }),
      field: z.string().optional().meta({ description: 'The request field it is about (`prompt`, `options.size`).' }),
      file: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const apiAssetSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    mime: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
    width: z.number().int(),
    height: z.number().int(),
  })
  .meta({ id: 'Asset' });

/**
 * A task to create: the studio's Generate form. `options` may name only what differs from the studio's defaults.
 * Sent as the JSON body, or as the `payload` part of a multipart body whose `mask` part is the mask PNG.
 */
export const apiTaskInputSchema = z
  .object({
    prompt: z
      .string()
      .trim()
      .min(1)
      .max(MAX_PROMPT_CHARS)
      .optional()
      .meta({ description: "What to change. Required, unless `recipeId` is given: then it replaces the recipe's." }),
    referenceIds: z
      .array(z.string().min(1))
      .max(MAX_REFERENCES)
      .default([])
      .meta({ description: 'Ids from POST /references, in order; the first is the base (the mask applies to it).' }),
    options: z
      .object(generationOptionsSchema.shape)
      .partial()
      .optional()
      .meta({ description: 'Aspect ratio, resolution, quality, count, format; unnamed ones take the defaults.' }),
    startPoint: startPointSchema
      .optional()
      .meta({ description: '`inpaint` refuses a task without a base and a mask instead of sending a plain edit.' }),
    recipeId: z.string().min(1).optional().meta({
      description:
        "A recipe (GET /recipes) applied to the base (`referenceIds[0]`): its prompt, options, references and mask rule. `prompt`, `options` and a `mask` part given here win over the recipe's.",
    }),
  })
  .refine((input) => input.prompt !== undefined || input.recipeId !== undefined, {
    path: ['prompt'],
    message: 'describe the edit, or name a recipe with recipeId',
  })
  .meta({ id: 'TaskInput' });
export type ApiTaskInput = z.infer<typeof apiTaskInputSchema>;

export const apiResultSchema = z
  .object({
    position: z.number().int(),
    asset: apiAssetSchema,
    download: z.string().meta({ description: 'The result as the gallery shows it (restored when it was).' }),
    generatedDownload: z
      .string()
      .nullable()
      .meta({ description: "The model's own output, when Keep unmasked pixels restored the shown one." }),
    restore: z
      .object({ state: z.string(), reason: z.string().optional(), changedShare: z.number().optional() })
      .nullable(),
  })
  .meta({ id: 'Result' });

export const apiTaskSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'in_progress', 'completed', 'failed', 'uncertain']),
    progress: z.number(),
    prompt: z.string(),
    options: generationOptionsSchema,
    startPoint: startPointSchema.nullable(),
    references: z.array(apiAssetSchema),
    hasMask: z.boolean(),
    results: z.array(apiResultSchema),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'Task' });
export type ApiTask = z.infer<typeof apiTaskSchema>;

export const apiTaskPageSchema = z
  .object({
    tasks: z.array(apiTaskSchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null at the end.' }),
  })
  .meta({ id: 'TaskPage' });

/** The gallery's filters, as query parameters of GET /tasks. */
export const apiTaskFilterSchema = z.object({
  q: z.string().max(200).optional().meta({ description: 'Text in the prompt.' }),
  status: z.enum(['queued', 'in_progress', 'completed', 'failed']).optional(),
  by: z.string().optional().meta({ description: "`mine`, or a person's id." }),
  starred: z.enum(['1', 'true']).optional().meta({ description: "Only results the token's person starred." }),
  board: z.string().optional().meta({ description: 'A board id.' }),
  approval: z.enum(APPROVAL_FILTERS).optional(),
  client: z.enum(['approved']).optional().meta({ description: 'Only results a client approved in a review.' }),
  from: z.string().optional().meta({ description: 'First day, YYYY-MM-DD.' }),
  to: z.string().optional().meta({ description: 'Last day, YYYY-MM-DD.' }),
  cursor: z.string().optional(),
  limit: z.string().optional().meta({ description: '1–100, default 24.' }),
});

export const apiDownloadQuerySchema = z.object({
  variant: z
    .enum(['restored', 'generated'])
    .default('restored')
    .meta({ description: "`restored`: as the gallery shows it; `generated`: the model's own output." }),
});

export const apiReviewDecisionsSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    items: z.array(
      z.object({
        taskId: z.string(),
        position: z.number().int(),
        label: z.string(),
        decisions: z.array(
          z.object({
            reviewer: z.string(),
            picked: z.boolean(),
            pickedAt: z.string().nullable(),
            verdict: z.string().nullable(),
            verdictAt: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ReviewDecisions' });

/** Upload: one image per request, as the `file` part of a multipart body. */
export const apiReferenceUploadSchema = z.object({
  file: z.string().meta({ format: 'binary', description: 'PNG, JPEG, WebP, AVIF, TIFF, BMP or GIF; 50 MB at most.' }),
});

export const apiTaskMultipartSchema = z.object({
  payload: z.string().meta({ description: 'The TaskInput, as JSON text.' }),
  mask: z
    .string()
    .optional()
    .meta({ format: 'binary', description: 'PNG with alpha, the base image’s size; alpha 0 = repaint.' }),
});

export const apiRecipeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prompt: z.string().meta({ description: 'With `{filename}`, `{name}`, `{index}` and `{ratio}` filled per image.' }),
    maskRule: maskRuleSchema,
    ratios: z.array(z.enum(FIXED_RATIOS)).meta({ description: 'Empty: one task per image; else one per ratio.' }),
    options: generationOptionsSchema,
    references: z.number().int().meta({ description: 'How many references the recipe adds after each image.' }),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Recipe' });

export const apiRecipeListSchema = z.object({ recipes: z.array(apiRecipeSchema) }).meta({ id: 'RecipeList' });

export const apiBatchInputSchema = z
  .object({
    recipeId: z.string().min(1).meta({ description: 'The recipe to run (GET /recipes).' }),
    imageIds: z
      .array(z.string().min(1))
      .min(1)
      .max(MAX_BATCH_IMAGES)
      .meta({ description: `Ids from POST /references, one per image; at most ${MAX_BATCH_IMAGES}.` }),
  })
  .meta({ id: 'BatchInput' });

export const apiBatchSchema = z
  .object({
    id: z.string(),
    recipeName: z.string(),
    state: z.enum(BATCH_STATES),
    createdAt: z.string(),
    progress: z.object({
      total: z.number().int(),
      done: z.number().int(),
      running: z.number().int(),
      failed: z.number().int(),
      cancelled: z.number().int(),
      toGo: z.number().int(),
      secondsLeft: z.number().nullable().meta({ description: 'At the pace so far; null before the first finished.' }),
    }),
    items: z.array(
      z.object({
        position: z.number().int(),
        filename: z.string(),
        ratio: z.string().nullable(),
        status: z.enum(ITEM_STATUSES),
        taskId: z.string().nullable().meta({ description: 'Follow it with GET /tasks/{id} once it is set.' }),
        error: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Batch' });
export type ApiBatch = z.infer<typeof apiBatchSchema>;
