import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { fakeFaults } from '../lib/testing/fake-toapis/faults';
import { startFakeToapis, type FakeToapis } from '../lib/testing/fake-toapis/server';
import { REPO_ROOT } from './support/app-server';
import { expect, expectNoSeriousA11yViolations, samplePath, test } from './support/fixtures';
import { openRecipeForm, saveRecipeFromStudio } from './support/recipes';
import { createAccessToken } from './support/access-tokens';

// A recipe with Select background over a folder of sample photos, against a local server speaking the ToAPIs
// contract: bad files refused by name, pause and resume, the app killed mid-batch and finishing after a restart,
// a failed item retried alone, and the ZIP named after the originals.

let fake: FakeToapis;
test.beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'sk-e2e-batch', completeAfterPolls: 1 });
});
test.afterAll(async () => fake?.close());

const PHOTOS = ['coffee.png', 'chelsea.png', 'rocket.jpg'];

test('a recipe runs over a folder: pause, resume, a killed app, Retry failed, Download ZIP', async ({
  launchApp,
  page,
}) => {
  test.setTimeout(420_000);
  const app = await launchApp({ env: { TOAPIS_API_KEY: 'sk-e2e-batch', TOAPIS_BASE_URL: fake.url } });

  // Save as recipe from the studio.
  await page.goto(app.url);
  await saveRecipeFromStudio(page, {
    prompt: 'A sunny beach behind {name}',
    name: 'Beach backdrop',
    rule: 'background',
  });

  // The Batch page: the photos and one file that is not an image.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Batch' }).click();
  await expect(page.getByRole('heading', { name: 'Batch', level: 1 })).toBeVisible();
  await page
    .getByLabel('Add batch images')
    .setInputFiles([
      ...PHOTOS.map((name) => ({ name, mimeType: 'image/*', buffer: readFileSync(samplePath(name)) })),
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image at all') },
    ]);
  await expect(page.getByRole('region', { name: 'Files not added' })).toContainText('notes.txt');
  const images = page.getByRole('list', { name: 'Batch images' }).getByRole('listitem');
  await expect(images).toHaveCount(3);
  await expect(images.filter({ hasText: 'Ready' })).toHaveCount(3, { timeout: 60_000 });
  await page.getByRole('combobox', { name: 'Recipe' }).selectOption({ label: 'Beach backdrop · Select background' });
  await expect(page.getByRole('region', { name: 'Cost estimate' })).toContainText('3 images ready · 3 tasks');
  await expectNoSeriousA11yViolations(page);

  // Upstream holds every task in progress; the first create is refused for good (a failed item to retry later).
  fake.control({ reset: true, hold: true, completeAfterPolls: 1, faults: [fakeFaults.badRequest('prompt')] });
  await page.getByRole('button', { name: 'Start batch' }).click();
  await page.waitForURL(/\/batch\/[0-9a-f-]{36}$/);
  const counts = page.locator('[data-batch-counts]');
  await expect(counts).toContainText('1 failed', { timeout: 180_000 });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(counts).toContainText('2 running', { timeout: 180_000 });
  await expectNoSeriousA11yViolations(page);

  // Killed mid-batch (no shutdown: its leases stay until they expire), then started again.
  await app.stop('SIGKILL');
  fake.control({ hold: false, release: true });
  await app.restart();
  await page.reload();
  await expect(counts).toContainText('2 done · 0 running · 1 failed · 0 to go', { timeout: 120_000 });

  await page.getByRole('button', { name: 'Retry failed' }).click();
  await expect(counts).toContainText('3 done · 0 running · 0 failed · 0 to go', { timeout: 120_000 });
  await expect(page.getByRole('list', { name: 'Batch tasks' }).getByRole('img', { name: /^Result:/ })).toHaveCount(3);
  const creates = fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');
  // Three images, one of them twice (its first create refused): never again for the ones that were under way.
  expect(creates).toHaveLength(4);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download ZIP' }).click(),
  ]);
  const names = Object.keys(unzipSync(new Uint8Array(readFileSync(await download.path())))).sort();
  expect(names).toEqual(['chelsea.png', 'coffee.png', 'rocket.png']);

  // One card in the gallery for the whole batch.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studio' }).click();
  const card = page.getByRole('article', { name: 'Batch Beach backdrop' });
  await expect(card.getByRole('progressbar', { name: 'Batch progress: Beach backdrop' })).toBeVisible();
  await expect(card).toContainText('3 done');
});

test('a margin recipe saved in the studio expands images run through the API, as a batch and as one task', async ({
  launchApp,
  page,
}) => {
  test.setTimeout(240_000);
  // The embedded defaults: the offline engine speaks the ToAPIs contract.
  const app = await launchApp();

  // Save as recipe with a margin: the form asks how far each side grows.
  await page.goto(app.url);
  await openRecipeForm(page, { prompt: 'A wider view around {name}', name: 'Widen', rule: 'margin' });
  await expect(page.getByRole('spinbutton', { name: 'Margin left' })).toHaveValue('25');
  await page.getByRole('spinbutton', { name: 'Margin right' }).fill('150');
  await page.getByRole('button', { name: 'Save recipe' }).click();
  await expect(page.getByText('Margin right: at most 100 % of the image.')).toBeVisible();
  await page.getByRole('spinbutton', { name: 'Margin right' }).fill('25');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Save recipe' }).click();
  await expect(page.getByText('Recipe “Widen” saved.')).toBeVisible();

  // A token, then the API: the recipe by id, two uploads, a batch (once per Idempotency-Key).
  await page.goto(`${app.url}/settings`);
  const token = await createAccessToken(page, 'Catalogue feed');
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${app.url}/api/v1/${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });
  const recipes = (await (await api('recipes')).json()) as {
    recipes: { id: string; name: string; maskRule: unknown }[];
  };
  const widen = recipes.recipes.find((recipe) => recipe.name === 'Widen')!;
  expect(widen.maskRule).toEqual({ kind: 'margin', top: 0, right: 0.25, bottom: 0, left: 0.25 });
  const uploaded: { id: string; width: number; height: number }[] = [];
  for (const name of ['coffee.png', 'rocket.jpg']) {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(samplePath(name))]), name);
    const response = await api('references', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    uploaded.push((await response.json()) as (typeof uploaded)[number]);
  }
  const startBatch = () =>
    api('batches', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'catalogue-widen-0001' },
      body: JSON.stringify({ recipeId: widen.id, imageIds: uploaded.map((image) => image.id) }),
    });
  const started = await startBatch();
  expect(started.status, await started.clone().text()).toBe(201);
  const { id } = (await started.json()) as { id: string };
  expect(((await (await startBatch()).json()) as { id: string }).id).toBe(id);

  type Batch = { state: string; items: { filename: string; status: string; taskId: string | null }[] };
  let batch: Batch = { state: 'running', items: [] };
  await expect
    .poll(
      async () => {
        batch = (await (await api(`batches/${id}`)).json()) as Batch;
        return batch.state;
      },
      { timeout: 150_000, intervals: [1000] },
    )
    .toBe('done');
  expect(batch.items.map((item) => [item.filename, item.status])).toEqual([
    ['coffee.png', 'completed'],
    ['rocket.jpg', 'completed'],
  ]);
  // Each task started from its image grown by a quarter on the left and the right, its prompt filled in.
  for (const [index, item] of batch.items.entries()) {
    const task = (await (await api(`tasks/${item.taskId}`)).json()) as {
      prompt: string;
      hasMask: boolean;
      references: { width: number; height: number }[];
      results: { download: string }[];
    };
    const image = uploaded[index]!;
    const quarter = Math.round(image.width * 0.25);
    expect(task.prompt).toBe(`A wider view around ${item.filename.replace(/\.\w+$/, '')}`);
    expect(task.hasMask).toBe(true);
    expect(task.references[0]).toMatchObject({ width: quarter + image.width + quarter, height: image.height });
    const download = await fetch(`${app.url}${task.results[0]!.download}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
  }

  // The typed example client in scripts/ does the same round trip.
  const client = spawnSync(
    'npx',
    ['tsx', 'scripts/api/example-client.ts', 'batch', 'Widen', samplePath('chelsea.png')],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, OVERPAINT_URL: app.url, OVERPAINT_TOKEN: token },
      encoding: 'utf8',
      timeout: 150_000,
    },
  );
  expect(client.status, client.stderr).toBe(0);
  expect(client.stdout).toMatch(/^chelsea\.png {2}completed {2}[0-9a-f-]{36}$/m);
  expect(client.stdout + client.stderr).not.toContain(token);

  // One task by the same recipe, its prompt given by the caller.
  const single = await api('tasks', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ recipeId: widen.id, referenceIds: [uploaded[0]!.id], prompt: 'A wider café' }),
  });
  expect(single.status, await single.clone().text()).toBe(201);
  expect(await single.json()).toMatchObject({ prompt: 'A wider café', hasMask: true, startPoint: 'inpaint' });
});
