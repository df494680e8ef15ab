/**
 * A typed example client for the Overpaint API (/api/v1): upload a reference, create an inpainting task with a
 * mask, wait for it, download the result, list recent tasks. Types come from the same zod schemas the server uses.
 *
 *   OVERPAINT_URL=http://127.0.0.1:3000 OVERPAINT_TOKEN=op_… \
 *     npx tsx scripts/api/example-client.ts photo.png mask.png "Remove the cup from the table" out.png
 *
 * Or run a recipe saved in the studio over a few photos as a batch, and wait for it:
 *
 *   OVERPAINT_TOKEN=op_… npx tsx scripts/api/example-client.ts batch "Beach backdrop" a.jpg b.jpg c.jpg
 *
 * The token needs the write scope (Settings → Access tokens). The mask is a PNG the size of the photo, alpha 0
 * where the image should change.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type {
  apiAssetSchema,
  apiErrorSchema,
  apiRecipeListSchema,
  apiTaskPageSchema,
  ApiBatch,
  ApiTask,
  ApiTaskInput,
} from '../../lib/api/schemas';

type Asset = z.infer<typeof apiAssetSchema>;
type RecipeList = z.infer<typeof apiRecipeListSchema>;
type ApiError = z.infer<typeof apiErrorSchema>;
type TaskPage = z.infer<typeof apiTaskPageSchema>;

class OverpaintClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call<T>(route: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v1${route}`, {
      ...init,
      headers: { Authorization: `Bearer ${this.token}`, ...init.headers },
    });
    if (response.status === 429) {
      const wait = Number(response.headers.get('retry-after') ?? '5');
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      return this.call(route, init);
    }
    if (!response.ok) {
      const { error } = (await response.json()) as ApiError;
      throw new Error(`${response.status} ${error.code}: ${error.message}`);
    }
    return (await response.json()) as T;
  }

  async uploadReference(file: string): Promise<Asset> {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await readFile(file))]), path.basename(file));
    return this.call('/references', { method: 'POST', body: form });
  }

  /** `idempotencyKey`: the same key on a retried call creates the task once. */
  async createTask(input: ApiTaskInput, mask: Buffer | null, idempotencyKey: string): Promise<ApiTask> {
    const form = new FormData();
    form.set('payload', JSON.stringify(input));
    if (mask) form.set('mask', new Blob([new Uint8Array(mask)], { type: 'image/png' }), 'mask.png');
    return this.call('/tasks', { method: 'POST', body: form, headers: { 'Idempotency-Key': idempotencyKey } });
  }

  getTask(id: string): Promise<ApiTask> {
    return this.call(`/tasks/${id}`);
  }

  async waitForTask(id: string, timeoutMs = 10 * 60_000): Promise<ApiTask> {
    const until = Date.now() + timeoutMs;
    for (let delay = 1000; Date.now() < until; delay = Math.min(delay * 1.5, 10_000)) {
      const task = await this.getTask(id);
      if (['completed', 'failed', 'uncertain'].includes(task.status)) return task;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    throw new Error(`Task ${id} did not finish within ${timeoutMs / 1000} s.`);
  }

  async download(link: string): Promise<Buffer> {
    const response = await fetch(`${this.baseUrl}${link}`, { headers: { Authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`Download failed: ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  listTasks(filter: Record<string, string> = {}): Promise<TaskPage> {
    return this.call(`/tasks?${new URLSearchParams(filter)}`);
  }

  listRecipes(): Promise<RecipeList> {
    return this.call('/recipes');
  }

  /** A recipe over uploaded images; the same key on a retried call starts the batch once. */
  startBatch(recipeId: string, imageIds: string[], idempotencyKey: string): Promise<ApiBatch> {
    return this.call('/batches', {
      method: 'POST',
      body: JSON.stringify({ recipeId, imageIds }),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    });
  }

  async waitForBatch(id: string, timeoutMs = 60 * 60_000): Promise<ApiBatch> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const batch = await this.call<ApiBatch>(`/batches/${id}`);
      if (batch.state === 'done' || batch.state === 'cancelled') return batch;
      console.log(`${batch.progress.done}/${batch.progress.total} done, ${batch.progress.failed} failed`);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    throw new Error(`Batch ${id} did not finish within ${timeoutMs / 60_000} min.`);
  }
}

async function runBatch(client: OverpaintClient, recipeName: string, photos: string[]): Promise<void> {
  const recipe = (await client.listRecipes()).recipes.find((r) => r.name === recipeName);
  if (!recipe) throw new Error(`No recipe named ${JSON.stringify(recipeName)}; save one in the studio first.`);
  const images = [];
  for (const photo of photos) images.push(await client.uploadReference(photo));
  const key = `example-batch-${images.map((image) => image.sha256.slice(0, 6)).join('')}`.slice(0, 100);
  const started = await client.startBatch(
    recipe.id,
    images.map((image) => image.id),
    key,
  );
  const batch = await client.waitForBatch(started.id);
  for (const item of batch.items) console.log(`${item.filename}  ${item.status}  ${item.taskId ?? item.error ?? ''}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const token = process.env.OVERPAINT_TOKEN;
  if (!token) throw new Error('Set OVERPAINT_TOKEN to an access token (Settings → Access tokens).');
  const client = new OverpaintClient(process.env.OVERPAINT_URL ?? 'http://127.0.0.1:3000', token);
  if (args[0] === 'batch') {
    const [, recipeName, ...photos] = args;
    if (!recipeName || photos.length === 0) throw new Error('Usage: example-client.ts batch "<recipe>" <photo>…');
    return runBatch(client, recipeName, photos);
  }
  const [photo, mask, prompt, out = 'result.png'] = args;
  if (!photo || !mask || !prompt) {
    throw new Error('Usage: OVERPAINT_TOKEN=op_… example-client.ts <photo> <mask.png> "<prompt>" [out.png]');
  }
  const reference = await client.uploadReference(photo);
  const created = await client.createTask(
    { prompt, referenceIds: [reference.id], startPoint: 'inpaint' },
    await readFile(mask),
    `example-${reference.sha256.slice(0, 16)}-${Buffer.from(prompt).toString('base64url').slice(0, 40)}`,
  );
  console.log(`Task ${created.id}: ${created.status}`);
  const task = await client.waitForTask(created.id);
  if (task.status !== 'completed') throw new Error(`Task ${task.status}: ${task.error?.message ?? ''}`);
  await writeFile(out, await client.download(task.results[0]!.download));
  console.log(`Saved ${out}`);
  const page = await client.listTasks({ by: 'mine', limit: '5' });
  for (const t of page.tasks) console.log(`${t.createdAt}  ${t.status.padEnd(11)}  ${t.prompt.slice(0, 60)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
