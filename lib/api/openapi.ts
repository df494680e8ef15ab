/**
 * The OpenAPI 3.1 document of /api/v1, built from the schemas the route handlers use (schemas.ts). Served at
 * /api/v1/openapi.json and rendered at /settings/api. A test compares its paths with the route files.
 */
import { z } from 'zod';
// Importing schemas.ts registers every schema with an `id` (Error, Asset, Task…) in zod's global registry.
import {
  apiDownloadQuerySchema,
  apiReferenceUploadSchema,
  apiTaskFilterSchema,
  apiTaskMultipartSchema,
} from './schemas';

export const API_BASE_PATH = '/api/v1';

type JsonSchema = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

function clean(schema: JsonSchema): JsonSchema {
  // Each component is its own JSON Schema document to zod; inside OpenAPI it is part of this one.
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

/** Every schema with an `id` (schemas.ts), requests as they are read and answers as they are written. */
function componentSchemas(): Record<string, JsonSchema> {
  const options = { uri: (id: string) => `#/components/schemas/${id}`, unrepresentable: 'any' as const };
  const outputs = z.toJSONSchema(z.globalRegistry, { ...options, io: 'output' }).schemas;
  const inputs = z.toJSONSchema(z.globalRegistry, { ...options, io: 'input' }).schemas;
  const all: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(outputs)) all[id] = clean(schema as JsonSchema);
  all.TaskInput = clean(inputs.TaskInput as JsonSchema);
  all.BatchInput = clean(inputs.BatchInput as JsonSchema);
  return all;
}

function inline(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  return clean(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema);
}

/** Query parameters from an object schema: one parameter per property, with its description. */
function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const shape = inline(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(shape.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: shape.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const pathParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const idempotencyKeyHeader = (what: string) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: `Any 8–100 visible characters; a retried call with the same key creates ${what} once.`,
  schema: { type: 'string', minLength: 8, maxLength: 100 },
});

const refusals = {
  '400': { description: 'A field is not valid; the error names it.', content: json(ref('Error')) },
  '401': { description: 'No token, or a revoked or unknown one.', content: json(ref('Error')) },
  '403': {
    description:
      "The token is read-only, the person's role does not allow this, or (code budget:exceeded) the task would cross a monthly budget; the message names the budget, what is left and when it resets.",
    content: json(ref('Error')),
  },
  '429': {
    description: 'Too many requests with this token; wait for Retry-After seconds.',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: json(ref('Error')),
  },
};

export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Overpaint API',
      version: '1.0.0',
      description:
        'Upload references, create image edits, follow them and download the results. Authenticate with a personal access token from Settings: `Authorization: Bearer op_…`. Tokens are read or write; the person’s role and the studio’s limits apply.',
    },
    servers: [{ url: API_BASE_PATH }],
    security: [{ accessToken: [] }],
    components: {
      securitySchemes: { accessToken: { type: 'http', scheme: 'bearer', description: 'A personal access token.' } },
      schemas: componentSchemas(),
    },
    paths: {
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'The OpenAPI document.', content: json({ type: 'object' }) } },
        },
      },
      '/references': {
        post: {
          operationId: 'uploadReference',
          summary: 'Upload a reference image',
          requestBody: {
            required: true,
            content: { 'multipart/form-data': { schema: inline(apiReferenceUploadSchema) } },
          },
          responses: {
            '201': { description: 'Stored; use its id in a task.', content: json(ref('Asset')) },
            '413': { description: 'The body is over the cap.', content: json(ref('Error')) },
            ...refusals,
          },
        },
      },
      '/tasks': {
        get: {
          operationId: 'listTasks',
          summary: 'List tasks, newest first, with the gallery’s filters',
          parameters: queryParameters(apiTaskFilterSchema),
          responses: { '200': { description: 'One page.', content: json(ref('TaskPage')) }, ...refusals },
        },
        post: {
          operationId: 'createTask',
          summary: 'Create a task (mask as a PNG part, or a recipe by id)',
          parameters: [idempotencyKeyHeader('the task')],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('TaskInput') },
              'multipart/form-data': { schema: inline(apiTaskMultipartSchema) },
            },
          },
          responses: {
            '201': { description: 'Accepted; follow it with GET /tasks/{id}.', content: json(ref('Task')) },
            '200': { description: 'The same Idempotency-Key was used before: that task.', content: json(ref('Task')) },
            '413': { description: 'The body is over the cap.', content: json(ref('Error')) },
            ...refusals,
          },
        },
      },
      '/tasks/{id}': {
        get: {
          operationId: 'getTask',
          summary: 'Read a task and its results',
          parameters: [pathParameter('id', 'The task id.')],
          responses: {
            '200': { description: 'The task.', content: json(ref('Task')) },
            '404': { description: 'No such task.', content: json(ref('Error')) },
            ...refusals,
          },
        },
      },
      '/tasks/{id}/results/{position}/download': {
        get: {
          operationId: 'downloadResult',
          summary: 'Download a result, restored or as generated',
          parameters: [
            pathParameter('id', 'The task id.'),
            pathParameter('position', 'The result’s position, from 0.'),
            ...queryParameters(apiDownloadQuerySchema),
          ],
          responses: {
            '200': {
              description: 'The image file.',
              content: { 'image/png': { schema: {} }, 'image/jpeg': { schema: {} } },
            },
            '404': { description: 'No such result (or no separate generated image).', content: json(ref('Error')) },
            ...refusals,
          },
        },
      },
      '/recipes': {
        get: {
          operationId: 'listRecipes',
          summary: 'List the team’s recipes',
          responses: { '200': { description: 'Every recipe.', content: json(ref('RecipeList')) }, ...refusals },
        },
      },
      '/batches': {
        post: {
          operationId: 'createBatch',
          summary: 'Run a recipe over uploaded images (a batch)',
          parameters: [idempotencyKeyHeader('the batch')],
          requestBody: { required: true, content: json(ref('BatchInput')) },
          responses: {
            '201': { description: 'Started; follow it with GET /batches/{id}.', content: json(ref('Batch')) },
            '200': {
              description: 'The same Idempotency-Key was used before: that batch.',
              content: json(ref('Batch')),
            },
            '404': { description: 'No such recipe, or an image is not stored.', content: json(ref('Error')) },
            ...refusals,
          },
        },
      },
      '/batches/{id}': {
        get: {
          operationId: 'getBatch',
          summary: 'Read a batch’s progress and each item’s task',
          parameters: [pathParameter('id', 'The batch id.')],
          responses: {
            '200': { description: 'The batch.', content: json(ref('Batch')) },
            '404': { description: 'No such batch.', content: json(ref('Error')) },
            ...refusals,
          },
        },
      },
      '/reviews/{id}/decisions': {
        get: {
          operationId: 'getReviewDecisions',
          summary: 'Read a review’s decisions',
          parameters: [pathParameter('id', 'The review id.')],
          responses: {
            '200': {
              description: 'Each candidate with every reviewer’s decision.',
              content: json(ref('ReviewDecisions')),
            },
            '404': { description: 'No such review.', content: json(ref('Error')) },
            ...refusals,
          },
        },
      },
    },
  };
}
