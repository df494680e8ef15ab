/**
 * The public API through its real route handlers on real PGlite in a temporary DATA_DIR: tokens (hashed, scoped,
 * revocable), each refusal as JSON naming the problem, upload + create with a mask + idempotency, list and read,
 * and the per-token rate limit counted in the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processSingleton } from '@/lib/process-singleton';
import { LOCAL_OWNER } from '../auth/actor';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-api-'));
const BASE = 'http://127.0.0.1:3000/api/v1';

beforeAll(() => {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '', AUTH_MODE: 'open', APP_PASSWORD: '' });
  processSingleton('server-env', () => undefined).take();
});

afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

const noContext = { params: Promise.resolve({}) };

async function routes() {
  const [tasks, references, tokens, schema, db] = await Promise.all([
    import('@/app/api/v1/tasks/route'),
    import('@/app/api/v1/references/route'),
    import('./tokens'),
    import('../storage/schema'),
    import('../storage/db'),
  ]);
  return { tasks, references, tokens, schema, db };
}

async function token(scope: 'read' | 'write'): Promise<string> {
  const { tokens } = await routes();
  const made = await tokens.createApiToken(LOCAL_OWNER, { name: `test ${scope}`, scope });
  if (!made.ok) throw new Error(made.error.message);
  return made.data.token;
}

const auth = (value: string) => ({ Authorization: `Bearer ${value}` });

async function png(width: number, height: number, alpha = false): Promise<Blob> {
  const channels = alpha ? 4 : 3;
  const bytes = await sharp({
    create: { width, height, channels, background: alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 40, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: 'image/png' });
}

describe('tokens', () => {
  it('stores only the hash, and a revoked token stops working', async () => {
    const { tokens, schema, db } = await routes();
    const value = await token('read');
    const rows = await (await db.getDb()).select().from(schema.apiTokens);
    expect(rows.some((row) => row.tokenHash === tokens.hashToken(value))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(value);
    expect(await tokens.resolveApiToken(value)).toMatchObject({ scope: 'read', actor: { id: 'local' } });
    const listed = await tokens.listApiTokens(LOCAL_OWNER);
    const id = listed.find((t) => value.startsWith(t.hint))!.id;
    expect((await tokens.revokeApiToken(LOCAL_OWNER, id)).ok).toBe(true);
    expect(await tokens.resolveApiToken(value)).toBeNull();
  });

  it('names the field when a token cannot be made', async () => {
    const { tokens } = await routes();
    const made = await tokens.createApiToken(LOCAL_OWNER, { name: ' ', scope: 'read' });
    expect(made).toMatchObject({ ok: false, error: { code: 'form:invalid', field: 'name' } });
  });
});

describe('refusals', () => {
  it('answers 401 without a token and with an unknown one, as JSON naming the header', async () => {
    const { tasks } = await routes();
    const none = await tasks.GET(new Request(`${BASE}/tasks`), noContext);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'api:token_required', field: 'Authorization' } });
    const unknown = await tasks.GET(new Request(`${BASE}/tasks`, { headers: auth('op_nope') }), noContext);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: { code: 'api:token_invalid' } });
  });

  it('refuses a read-only token that creates (403), and lets it read', async () => {
    const { tasks } = await routes();
    const read = await token('read');
    const create = await tasks.POST(
      new Request(`${BASE}/tasks`, {
        method: 'POST',
        headers: { ...auth(read), 'Content-Type': 'application/json' },
        body: JSON.stringify({ prompt: 'x' }),
      }),
      noContext,
    );
    expect(create.status).toBe(403);
    expect(await create.json()).toMatchObject({ error: { code: 'api:read_only' } });
    expect((await tasks.GET(new Request(`${BASE}/tasks`, { headers: auth(read) }), noContext)).status).toBe(200);
  });

  it('names the field of an invalid task and refuses a body over the cap', async () => {
    const { tasks } = await routes();
    const write = await token('write');
    const bad = await tasks.POST(
      new Request(`${BASE}/tasks`, {
        method: 'POST',
        headers: { ...auth(write), 'Content-Type': 'application/json' },
        body: JSON.stringify({ prompt: 'ok', options: { size: '7:1' } }),
      }),
      noContext,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'form:invalid', field: 'options.size' } });
    const huge = await tasks.POST(
      new Request(`${BASE}/tasks`, {
        method: 'POST',
        headers: { ...auth(write), 'Content-Type': 'application/json' },
        body: JSON.stringify({ prompt: 'x'.repeat(300 * 1024) }),
      }),
      noContext,
    );
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'api:too_large' } });
  });

  it('limits requests per token in the database and says when to come back', async () => {
    const { takeApiHit } = await import('./rate-limit');
    const now = Date.parse('2026-12-05T12:00:10Z');
    expect(await takeApiHit('token-a', 2, now)).toEqual({ allowed: true });
    expect(await takeApiHit('token-a', 2, now)).toEqual({ allowed: true });
    expect(await takeApiHit('token-a', 2, now)).toEqual({ allowed: false, retryAfterS: 50 });
    expect(await takeApiHit('token-b', 2, now)).toEqual({ allowed: true });
    // The next minute is a new window.
    expect(await takeApiHit('token-a', 2, now + 60_000)).toEqual({ allowed: true });
  });
});

describe('the flow', () => {
  it('uploads a reference, creates a task with a mask once per Idempotency-Key, and lists it', async () => {
    const { tasks, references } = await routes();
    const write = await token('write');
    const upload = new FormData();
    upload.set('file', new File([await png(64, 48)], 'base.png', { type: 'image/png' }));
    const uploaded = await references.POST(
      new Request(`${BASE}/references`, { method: 'POST', headers: auth(write), body: upload }),
      noContext,
    );
    expect(uploaded.status).toBe(201);
    const asset = (await uploaded.json()) as { id: string; width: number; url?: string };
    expect(asset).toMatchObject({ width: 64 });
    expect(asset.url).toBeUndefined();

    const create = async (mask: Blob) => {
      const form = new FormData();
      form.set(
        'payload',
        JSON.stringify({ prompt: 'Remove the cup', referenceIds: [asset.id], startPoint: 'inpaint' }),
      );
      form.set('mask', new File([mask], 'mask.png', { type: 'image/png' }));
      return tasks.POST(
        new Request(`${BASE}/tasks`, {
          method: 'POST',
          headers: { ...auth(write), 'Idempotency-Key': 'nightly-feed-0001' },
          body: form,
        }),
        noContext,
      );
    };
    const wrongMask = await create(await png(10, 10, true));
    expect(wrongMask.status).toBe(400);
    expect(await wrongMask.json()).toMatchObject({ error: { code: 'mask:size_mismatch', field: 'mask' } });

    const first = await create(await png(64, 48, true));
    expect(first.status).toBe(201);
    const task = (await first.json()) as { id: string; hasMask: boolean; options: { size: string } };
    expect(task).toMatchObject({ hasMask: true, options: { size: 'auto' } });
    const again = await create(await png(64, 48, true));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(task.id);

    const listed = await tasks.GET(new Request(`${BASE}/tasks?q=cup`, { headers: auth(write) }), noContext);
    const page = (await listed.json()) as { tasks: { id: string }[] };
    expect(page.tasks.map((t) => t.id)).toEqual([task.id]);
    const filtered = await tasks.GET(new Request(`${BASE}/tasks?status=bogus`, { headers: auth(write) }), noContext);
    expect(filtered.status).toBe(400);
    expect(await filtered.json()).toMatchObject({ error: { field: 'status' } });
  });
});

describe('recipes and batches', () => {
  it('lists recipes, creates a task by a recipe over a base, and names what is wrong', async () => {
    const { tasks, references } = await routes();
    const recipesRoute = await import('@/app/api/v1/recipes/route');
    const { saveRecipe } = await import('../batches/recipes');
    const { DEFAULT_OPTIONS } = await import('@/lib/jobs/options');
    const write = await token('write');
    const recipe = async (name: string, ratios: string[] = []) => {
      const saved = await saveRecipe(
        {
          name,
          prompt: 'New backdrop behind {name}',
          options: { ...DEFAULT_OPTIONS, quality: 'low' },
          referenceIds: [],
          ratios,
          maskRule: { kind: 'rect', x: 0, y: 0, width: 1, height: 0.5 },
        },
        null,
        LOCAL_OWNER,
      );
      if (!saved.ok) throw new Error(saved.error.message);
      return saved.data;
    };
    const topHalf = await recipe('Top half');
    const social = await recipe('Social', ['1:1', '9:16']);

    const listed = await recipesRoute.GET(new Request(`${BASE}/recipes`, { headers: auth(write) }), noContext);
    const names = ((await listed.json()) as { recipes: { id: string; name: string; maskRule: { kind: string } }[] })
      .recipes;
    expect(names).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: topHalf.id,
          name: 'Top half',
          maskRule: expect.objectContaining({ kind: 'rect' }),
        }),
      ]),
    );

    const upload = new FormData();
    upload.set('file', new File([await png(64, 48)], 'shoe.png', { type: 'image/png' }));
    const asset = (await (
      await references.POST(
        new Request(`${BASE}/references`, { method: 'POST', headers: auth(write), body: upload }),
        noContext,
      )
    ).json()) as { id: string };
    const create = (body: unknown) =>
      tasks.POST(
        new Request(`${BASE}/tasks`, {
          method: 'POST',
          headers: { ...auth(write), 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
        noContext,
      );

    // The recipe's prompt with the image's name, its options, and its rule's mask at the base's size.
    const byRecipe = await create({ recipeId: topHalf.id, referenceIds: [asset.id] });
    expect(byRecipe.status, await byRecipe.clone().text()).toBe(201);
    expect(await byRecipe.json()).toMatchObject({
      prompt: 'New backdrop behind shoe',
      hasMask: true,
      startPoint: 'inpaint',
      options: { quality: 'low' },
      references: [expect.objectContaining({ id: asset.id })],
    });
    // What the caller names wins over the recipe.
    const overridden = await create({
      recipeId: topHalf.id,
      referenceIds: [asset.id],
      prompt: 'A red shoe',
      options: { quality: 'high' },
    });
    expect(await overridden.json()).toMatchObject({ prompt: 'A red shoe', options: { quality: 'high' } });

    const refusals = [
      [await create({ recipeId: 'no-such-recipe', referenceIds: [asset.id] }), 404, 'recipeId'],
      [await create({ recipeId: social.id, referenceIds: [asset.id] }), 400, 'recipeId'],
      [await create({ recipeId: topHalf.id, referenceIds: [] }), 400, 'referenceIds'],
      [await create({ referenceIds: [asset.id] }), 400, 'prompt'],
    ] as const;
    for (const [response, status, field] of refusals) {
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { field } });
    }
  });

  it('runs a recipe over uploaded images as a batch, once per Idempotency-Key, and reads its items back', async () => {
    const { references } = await routes();
    const batchesRoute = await import('@/app/api/v1/batches/route');
    const batchRoute = await import('@/app/api/v1/batches/[id]/route');
    const { listRecipes } = await import('../batches/recipes');
    const write = await token('write');
    const read = await token('read');
    const recipe = (await listRecipes()).find((r) => r.name === 'Social')!;
    const ids: string[] = [];
    for (const name of ['one.png', 'two.png']) {
      const upload = new FormData();
      upload.set('file', new File([await png(40 + ids.length, 30)], name, { type: 'image/png' }));
      const response = await references.POST(
        new Request(`${BASE}/references`, { method: 'POST', headers: auth(write), body: upload }),
        noContext,
      );
      ids.push(((await response.json()) as { id: string }).id);
    }
    const start = (token: string, body: unknown, key = 'catalogue-2026-12') =>
      batchesRoute.POST(
        new Request(`${BASE}/batches`, {
          method: 'POST',
          headers: { ...auth(token), 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify(body),
        }),
        noContext,
      );

    const first = await start(write, { recipeId: recipe.id, imageIds: ids });
    expect(first.status, await first.clone().text()).toBe(201);
    const batch = (await first.json()) as { id: string; progress: { total: number } };
    // Two images × two ratios.
    expect(batch.progress.total).toBe(4);
    const again = await start(write, { recipeId: recipe.id, imageIds: ids });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(batch.id);

    const readBack = await batchRoute.GET(new Request(`${BASE}/batches/${batch.id}`, { headers: auth(read) }), {
      params: Promise.resolve({ id: batch.id }),
    });
    expect(readBack.status).toBe(200);
    expect(await readBack.json()).toMatchObject({
      id: batch.id,
      recipeName: 'Social',
      state: 'running',
      items: [
        { position: 0, filename: 'one.png', ratio: '1:1', status: 'queued', taskId: null },
        { position: 1, filename: 'one.png', ratio: '9:16' },
        { position: 2, filename: 'two.png', ratio: '1:1' },
        { position: 3, filename: 'two.png', ratio: '9:16' },
      ],
    });

    const readOnly = await start(read, { recipeId: recipe.id, imageIds: ids }, 'catalogue-read-only');
    expect(readOnly.status).toBe(403);
    const noImages = await start(write, { recipeId: recipe.id, imageIds: [] }, 'catalogue-empty');
    expect(noImages.status).toBe(400);
    expect(await noImages.json()).toMatchObject({ error: { field: 'imageIds' } });
    const noRecipe = await start(write, { recipeId: 'gone', imageIds: ids }, 'catalogue-gone');
    expect(noRecipe.status).toBe(404);
    expect(await noRecipe.json()).toMatchObject({ error: { field: 'recipeId' } });
    const missing = await batchRoute.GET(
      new Request(`${BASE}/batches/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`, { headers: auth(read) }),
      {
        params: Promise.resolve({ id: `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}` }),
      },
    );
    expect(missing.status).toBe(404);
  });
});
