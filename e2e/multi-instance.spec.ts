import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Request } from '@playwright/test';
import pg from 'pg';
import { startFakeToapis, type FakeToapis, type RecordedRequest } from '../lib/testing/fake-toapis/server';
import { expect, samplePath, test, type AppServer } from './support/fixtures';
import { saveRecipeFromStudio } from './support/recipes';
import { createAccessToken } from './support/access-tokens';
import { testPostgres, type TestPostgres } from '../lib/testing/postgres';
import { startRoundRobin } from './support/round-robin';
import { startS3, type TestS3 } from '../lib/testing/s3-server';
import { StudioPage } from './pages/studio-page';
import { saveCostSettings } from './support/costs';

// A team's deployment: two instances on one PostgreSQL and one S3 bucket, behind the test itself or a round-robin
// balancer (support/round-robin.ts). Each test has a database of its own.
// Skipped without PostgreSQL on a laptop (saying why); in CI (CI=true) testPostgres() fails instead.

interface GalleryJob {
  id: string;
  status: string;
  prompt: string;
  results: { asset: { url: string } }[];
}

let fake: FakeToapis;
let s3: TestS3;
let postgres: TestPostgres | null = null;
let skipReason = '';

test.beforeAll(async () => {
  const found = await testPostgres();
  if (!found.ok) {
    skipReason = found.reason;
    return;
  }
  postgres = found.pg;
  s3 = await startS3();
  fake = await startFakeToapis({ apiKey: 'sk-e2e-team', completeAfterPolls: 2 });
});
test.afterAll(async () => {
  await fake?.close();
  await s3?.close();
});

const creates = () => fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');
const statusCalls = () =>
  fake.state.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/images/generations/'));

async function gallery(app: AppServer): Promise<GalleryJob[]> {
  const response = await fetch(`${app.url}/api/jobs`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { jobs: GalleryJob[] }).jobs;
}

async function generate(studio: StudioPage, prompt: string): Promise<void> {
  await studio.prompt.fill(prompt);
  await studio.generate.click();
  await expect(studio.gallery.getByText(prompt, { exact: true })).toBeVisible();
}

/** A team's settings on a fresh database: the fake upstream's key, PostgreSQL, the bucket. */
async function teamEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    TOAPIS_API_KEY: 'sk-e2e-team',
    TOAPIS_BASE_URL: fake.url,
    DATABASE_URL: await postgres!.createDatabase('overpaint_e2e'),
    ...s3.env,
    ...extra,
  };
}

test('two instances share the work: one create per task, a killed instance taken over, results on both', async ({
  launchApp,
  browser,
}) => {
  test.skip(!postgres, `needs PostgreSQL: ${skipReason}`);
  test.setTimeout(90_000);
  fake.control({ reset: true, completeAfterPolls: 2 });
  const env = await teamEnv({ JOB_LEASE_SECONDS: '5' });
  // Both start together: one applies the migrations, the other waits for it.
  const [first, second] = await Promise.all([launchApp({ env }), launchApp({ env })]);
  for (const app of [first, second]) {
    expect(await (await fetch(`${app.url}/api/health`)).json()).toEqual({ ok: true, database: 'ok', blobs: 'ok' });
  }

  fake.control({ hold: true });
  const pageA = await browser.newPage();
  const pageB = await browser.newPage();
  const studioA = new StudioPage(pageA);
  const studioB = new StudioPage(pageB);
  await studioA.goto(first.url);
  await studioB.goto(second.url);
  await generate(studioA, 'A lighthouse at dusk');
  await generate(studioB, 'A fox in the snow');
  await generate(studioA, 'A harbour in fog');
  await generate(studioB, 'A desert road');
  await expect.poll(() => creates().length, { timeout: 20_000 }).toBe(4);

  // One consistent studio: the gallery of each instance shows the tasks submitted through the other.
  await pageB.reload();
  await expect(studioB.gallery.getByText('A lighthouse at dusk', { exact: true })).toBeVisible();

  // Let every task be polled at least once, then kill the first instance outright (no goodbye, leases left).
  await expect.poll(() => new Set(statusCalls().map((r) => r.path)).size, { timeout: 20_000 }).toBe(4);
  await first.stop('SIGKILL');
  fake.control({ release: true });

  await expect
    .poll(async () => (await gallery(second)).filter((job) => job.status === 'completed').length, { timeout: 45_000 })
    .toBe(4);
  expect(creates()).toHaveLength(4);

  // No task was ever polled by both at once: per task, consecutive status queries keep the policy's spacing
  // (≥ 3 s; 2.5 s allows for timer slack), as one instance alone would space them.
  for (const [path, calls] of groupBy(statusCalls(), (r) => r.path)) {
    const gaps = calls.slice(1).map((call, i) => call.at - calls[i]!.at);
    expect(Math.min(...gaps, Infinity), `status queries of ${path}`).toBeGreaterThanOrEqual(2500);
  }

  // Results are in the bucket, so the restarted instance serves the same bytes as the one that stored them.
  await first.restart();
  const [jobsA, jobsB] = [await gallery(first), await gallery(second)];
  expect(jobsA.map((job) => [job.id, job.status])).toEqual(jobsB.map((job) => [job.id, job.status]));
  const url = jobsB[0]!.results[0]!.asset.url;
  const read = async (app: AppServer) => Buffer.from(await (await fetch(`${app.url}${url}`)).arrayBuffer());
  const [bytesA, bytesB] = await Promise.all([read(first), read(second)]);
  expect(bytesA.length).toBeGreaterThan(100);
  expect(Buffer.compare(bytesA, bytesB)).toBe(0);

  // Graceful shutdown is bounded.
  const stopping = Date.now();
  await second.stop('SIGTERM');
  expect(Date.now() - stopping).toBeLessThan(9_000);
  await pageA.close();
  await pageB.close();
});

test('a task submitted through one instance appears in a Gallery open on the other, without a reload', async ({
  launchApp,
  browser,
}) => {
  test.skip(!postgres, `needs PostgreSQL: ${skipReason}`);
  test.setTimeout(150_000);
  fake.control({ reset: true, completeAfterPolls: 2 });
  const env = await teamEnv();
  const [first, second] = await Promise.all([launchApp({ env }), launchApp({ env })]);
  const pageA = await browser.newPage();
  const pageB = await browser.newPage();
  const studioA = new StudioPage(pageA);
  const studioB = new StudioPage(pageB);
  await studioB.goto(second.url);
  await studioA.goto(first.url);
  await generate(studioA, 'A tram in the rain');
  // B's gallery learns of it from the shared database's change stamp, not from a reload or its own runner.
  await expect(studioB.task('A tram in the rain')).toBeVisible({ timeout: 8_000 });
  await expect(studioB.task('A tram in the rain').getByRole('img', { name: /^Result 1/ })).toBeVisible({
    timeout: 30_000,
  });
  expect(creates()).toHaveLength(1);
  // Two galleries watching add no upstream traffic once the task is done.
  const before = fake.state.requests.length;
  await pageB.waitForTimeout(7_000);
  expect(fake.state.requests.length).toBe(before);
  await pageA.close();
  await pageB.close();
});

function groupBy(requests: RecordedRequest[], key: (r: RecordedRequest) => string): Map<string, RecordedRequest[]> {
  const groups = new Map<string, RecordedRequest[]>();
  for (const request of requests) groups.set(key(request), [...(groups.get(key(request)) ?? []), request]);
  return groups;
}

test('one studio behind a load balancer: the draft, a repeated submit and a revoked share agree on every instance; SIGTERM mid-step hands the task over at once', async ({
  launchApp,
  browser,
}) => {
  test.skip(!postgres, `needs PostgreSQL: ${skipReason}`);
  test.setTimeout(150_000);
  fake.control({ reset: true, completeAfterPolls: 2 });
  // A lease far longer than the test waits below: a task taken over that fast was handed back, not left to expire.
  const env = await teamEnv({ JOB_LEASE_SECONDS: '60' });
  const [first, second] = await Promise.all([launchApp({ env }), launchApp({ env })]);
  const balancer = await startRoundRobin([first.url, second.url]);
  const context = await browser.newContext({ baseURL: balancer.url });
  const page = await context.newPage();
  const studio = new StudioPage(page);

  // The draft: saved through one instance, restored by whichever answers each reload.
  await studio.goto();
  await studio.addFiles(samplePath('coffee.png'));
  await expect(studio.references.getByRole('listitem')).toHaveCount(1);
  await studio.prompt.fill('Paint the cup blue');
  await studio.select('Quality').selectOption('high');
  await page.waitForTimeout(1200); // the draft is saved a moment after the last change
  for (let reload = 0; reload < 3; reload++) {
    await page.reload();
    await expect(studio.prompt).toHaveValue('Paint the cup blue');
    await expect(studio.references.getByRole('listitem')).toHaveCount(1);
    await expect(studio.select('Quality')).toHaveValue('high');
  }
  expect(Math.min(...balancer.served), 'both instances answered the browser').toBeGreaterThan(5);

  // One click, one task: the same submit (same idempotency key) sent again to each instance gives the same task.
  const submitted = page.waitForRequest(
    // The submit, not a draft save that also carries the prompt: only a submit carries an idempotency key.
    (r) =>
      r.method() === 'POST' &&
      !!r.headers()['next-action'] &&
      (r.postData() ?? '').includes('Paint the cup blue') &&
      (r.postData() ?? '').includes('idempotencyKey'),
  );
  await studio.generate.click();
  const submit = await submitted;
  const host = new URL(balancer.url).host;
  const [again, andAgain] = [jobIdIn(await replay(submit, first, host)), jobIdIn(await replay(submit, second, host))];
  const task = studio.task('Paint the cup blue');
  await expect(task).toContainText('Completed', { timeout: 45_000 });
  expect(creates().filter((r) => JSON.stringify(r.body).includes('Paint the cup blue'))).toHaveLength(1);
  const made = (await gallery(first)).filter((job) => job.prompt === 'Paint the cup blue');
  expect(made.map((job) => job.id)).toEqual([again]);
  expect(andAgain).toBe(again);

  // A share link made through the balancer opens on both instances; revoked, it is gone on both at once.
  await task.getByRole('button', { name: 'Share result 1' }).click();
  const link = page.getByRole('dialog', { name: 'Share result 1' }).getByRole('textbox', { name: 'Share link' });
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  const sharePath = new URL(await link.inputValue()).pathname;
  await page.keyboard.press('Escape');
  for (const app of [first, second]) {
    expect((await fetch(`${app.url}${sharePath}`)).status).toBe(200);
    expect((await fetch(`${app.url}${sharePath}/image/0`)).status).toBe(200);
  }
  await page.goto('/shares');
  const row = page.getByRole('listitem', { name: 'Result 1: Paint the cup blue' });
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await expect(row).toContainText('Revoked');
  for (const app of [first, second]) {
    expect((await fetch(`${app.url}${sharePath}`)).status).toBe(404);
    expect((await fetch(`${app.url}${sharePath}/image/0`)).status).toBe(404);
  }

  // SIGTERM while a step is in flight: the next status query hangs; the instance running it is stopped.
  fake.control({ faults: [{ on: 'status', delayMs: 25_000 }] });
  await studio.goto('/');
  await expect(studio.prompt).toHaveValue('Paint the cup blue'); // the draft is back: typing now is not overwritten
  await studio.prompt.fill('A kite over the dunes');
  await studio.generate.click();
  await expect(studio.gallery.getByText('A kite over the dunes', { exact: true })).toBeVisible();
  await expect.poll(() => fake.state.faults.length, { timeout: 20_000 }).toBe(0);
  const kite = (await gallery(first)).find((job) => job.prompt === 'A kite over the dunes')!;
  const holder = await leaseHolder(env.DATABASE_URL!, kite.id);
  const [busy, other] = serverPid(first) === holder ? [first, second] : [second, first];
  expect(serverPid(busy)).toBe(holder);
  const stopping = Date.now();
  await busy.stop('SIGTERM');
  // Within the bound, cleanly (steps in flight get 5 s, then the leases go back), and not killed by the harness.
  expect(Date.now() - stopping).toBeLessThan(9_000);
  expect(busy.logs()).toMatch(/--- server exited \(code 0\) ---\s*$/);
  expect(await leaseHolder(env.DATABASE_URL!, kite.id)).not.toBe(holder);
  // The other instance takes the task over at once, not after the 60 s lease: one create, completed.
  await expect
    .poll(async () => (await gallery(other)).find((job) => job.id === kite.id)?.status, { timeout: 25_000 })
    .toBe('completed');
  expect(Date.now() - stopping).toBeLessThan(35_000);
  expect(creates().filter((r) => JSON.stringify(r.body).includes('A kite over the dunes'))).toHaveLength(1);

  await context.close();
  await balancer.close();
});

test('a client refused after failing on one instance is refused on the other too (login limits in PostgreSQL)', async ({
  launchApp,
  browser,
}) => {
  test.skip(!postgres, `needs PostgreSQL: ${skipReason}`);
  const env = {
    DATABASE_URL: await postgres!.createDatabase('overpaint_e2e'),
    APP_PASSWORD: 'correct horse battery staple',
  };
  const [first, second] = await Promise.all([launchApp({ env }), launchApp({ env })]);
  const page = await browser.newPage();
  const password = page.getByLabel('Password');
  const refusal = page.getByRole('alert').filter({ hasText: /./ });
  /**
   * Submits the form and waits for the login action's answer (the refusal's text alone repeats). Any POST to /login:
   * the action's fetch once the page is hydrated, the form's own submission before (a loaded machine clicks first).
   */
  const signIn = async (value: string) => {
    await password.fill(value);
    const answered = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login',
    );
    await page.getByRole('button', { name: 'Sign in' }).click();
    await answered;
    // The action is over once React has reset the form; typing before that would be wiped by the reset.
    await expect(password).toHaveValue('');
  };
  await page.goto(`${first.url}/login`);
  for (let attempt = 0; attempt < 5; attempt++) {
    await signIn(`guess ${attempt}`);
    await expect(refusal).toHaveText('That password is not right.');
  }
  // Instance B never saw those guesses, yet refuses even the right password now.
  await page.goto(`${second.url}/login`);
  await signIn('correct horse battery staple');
  await expect(refusal).toHaveText('Too many wrong passwords. Try again in 15 minutes.');
  await expect(page).toHaveURL(/\/login$/);
  await page.close();
});

test('/api/health answers 503 naming the blob store or the database once it stops answering', async ({ launchApp }) => {
  test.skip(!postgres, `needs PostgreSQL: ${skipReason}`);
  const ownS3 = await startS3('overpaint-health');
  const databaseUrl = await postgres!.createDatabase('overpaint_health');
  const app = await launchApp({ env: { DATABASE_URL: databaseUrl, ...ownS3.env } });
  const health = async () => {
    const response = await fetch(`${app.url}/api/health`);
    return { status: response.status, body: await response.json() };
  };
  expect(await health()).toEqual({ status: 200, body: { ok: true, database: 'ok', blobs: 'ok' } });
  await ownS3.close();
  expect(await health()).toEqual({ status: 503, body: { ok: false, database: 'ok', blobs: 'unreachable' } });
  // The database goes too: dropped under the instance, its connections cut.
  const admin = new pg.Client({ connectionString: postgres!.url });
  await admin.connect();
  await admin.query(`drop database ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
  await admin.end();
  expect(await health()).toEqual({ status: 503, body: { ok: false, database: 'unreachable', blobs: 'unreachable' } });
});

test('two instances spend the last of a budget at once: one task goes through, and its reservation outlives a killed instance', async ({
  launchApp,
  browser,
}) => {
  test.skip(!postgres, `needs PostgreSQL: ${skipReason}`);
  test.setTimeout(150_000);
  fake.control({ reset: true, completeAfterPolls: 1 });
  const env = await teamEnv({ JOB_LEASE_SECONDS: '5' });
  const [first, second] = await Promise.all([launchApp({ env }), launchApp({ env })]);

  // A medium 1k image with its base costs $0.06; the studio's budget is $0.10, so only one of two fits.
  const page = await browser.newPage();
  await page.goto(`${first.url}/settings`);
  await saveCostSettings(page, { prices: true, budget: '0.10', confirmAbove: '' });
  const token = await createAccessToken(page, 'Race');
  await page.close();
  const form = new FormData();
  form.append('file', new Blob([readFileSync(samplePath('coffee.png'))], { type: 'image/png' }), 'coffee.png');
  const upload = await fetch(`${second.url}/api/v1/references`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  expect(upload.status).toBe(201);
  const reference = ((await upload.json()) as { id: string }).id;

  // One create through each instance, at the same moment.
  fake.control({ hold: true });
  const create = (app: AppServer, key: string) =>
    fetch(`${app.url}/api/v1/tasks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({
        prompt: 'The last of the budget',
        referenceIds: [reference],
        options: { quality: 'medium', resolution: '1k', n: 1 },
      }),
    });
  const answers = await Promise.all([create(first, 'race-first-0001'), create(second, 'race-second-0001')]);
  expect(answers.map((answer) => answer.status).sort()).toEqual([201, 403]);
  const refused = answers.find((answer) => answer.status === 403)!;
  const refusal = (await refused.json()) as { error: { code: string; message: string } };
  expect(refusal.error.code).toBe('budget:exceeded');
  expect(refusal.error.message).toMatch(/^The studio’s monthly budget of \$0\.10 has \$0\.04 left/);

  // The task is out with the upstream; the instance that took it dies without a goodbye.
  await expect.poll(() => creates().length, { timeout: 20_000 }).toBe(1);
  const databaseUrl = env.DATABASE_URL!;
  const [doomed, survivor] = answers[0]!.status === 201 ? [first, second] : [second, first];
  const ledger = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query('select state, estimate_micros from cost_ledger')).rows as unknown[];
    } finally {
      await client.end();
    }
  };
  expect(await ledger()).toEqual([{ state: 'reserved', estimate_micros: '60000' }]);
  await doomed.stop('SIGKILL');
  fake.control({ release: true });

  // The survivor takes the task over once the lease expires, and the reservation settles: nothing leaks.
  await expect.poll(ledger, { timeout: 60_000 }).toEqual([{ state: 'settled', estimate_micros: '60000' }]);
  expect(creates()).toHaveLength(1);
  const usage = await browser.newPage();
  await usage.goto(`${survivor.url}/usage`);
  await expect(usage.locator('[data-usage-total]')).toHaveText('≈ $0.06');
  await usage.close();
});

test('a batch fed by one instance is taken over by the other when that instance is killed, each item created once', async ({
  launchApp,
  browser,
}) => {
  test.skip(!postgres, `needs PostgreSQL: ${skipReason}`);
  test.setTimeout(180_000);
  fake.control({ reset: true, completeAfterPolls: 1 });
  const env = await teamEnv({ JOB_LEASE_SECONDS: '5' });
  const [first, second] = await Promise.all([launchApp({ env }), launchApp({ env })]);

  // A plain-edit recipe saved in the studio, and a token, on the first instance.
  const page = await browser.newPage();
  await page.goto(first.url);
  await saveRecipeFromStudio(page, { prompt: 'Fresh snow on {name}', name: 'Snow', rule: 'none' });
  await page.goto(`${first.url}/settings`);
  const token = await createAccessToken(page, 'Feed');
  await page.close();
  const api = (app: AppServer, route: string, init: RequestInit = {}) =>
    fetch(`${app.url}/api/v1/${route}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });

  // Ten images (more than a batch keeps in flight), uploaded through the second instance.
  const imageIds: string[] = [];
  for (let i = 0; i < 10; i++) {
    const name = ['coffee.png', 'rocket.jpg'][i % 2]!;
    const form = new FormData();
    form.append('file', new Blob([readFileSync(samplePath(name))]), `${i}-${name}`);
    const upload = await api(second, 'references', { method: 'POST', body: form });
    expect(upload.status).toBe(201);
    imageIds.push(((await upload.json()) as { id: string }).id);
  }
  const { recipes } = (await (await api(second, 'recipes')).json()) as { recipes: { id: string; name: string }[] };
  const recipeId = recipes.find((recipe) => recipe.name === 'Snow')!.id;

  // The upstream holds every task; the batch starts through the first instance and its feeder fills the slots.
  fake.control({ hold: true });
  const started = await api(first, 'batches', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'snow-batch-0001' },
    body: JSON.stringify({ recipeId, imageIds }),
  });
  expect(started.status, await started.clone().text()).toBe(201);
  const batchId = ((await started.json()) as { id: string }).id;
  await expect.poll(() => creates().length, { timeout: 30_000 }).toBe(8);

  // Kill the instance that feeds the batch (its lease is on the batch row), then let the upstream finish.
  const databaseUrl = env.DATABASE_URL!;
  const feeder = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ lease_holder: string | null }>(
        'select lease_holder from batches where id = $1',
        [batchId],
      );
      return rows[0]?.lease_holder?.split('-')[0] ?? null;
    } finally {
      await client.end();
    }
  };
  const holder = await feeder();
  const [doomed, survivor] = serverPid(first) === holder ? [first, second] : [second, first];
  expect(serverPid(doomed)).toBe(holder);
  await doomed.stop('SIGKILL');
  fake.control({ release: true });

  // The survivor takes the batch over once the lease expires and finishes it: every item done, each created once.
  type Batch = { state: string; items: { status: string; taskId: string | null }[] };
  await expect
    .poll(async () => ((await (await api(survivor, `batches/${batchId}`)).json()) as Batch).state, {
      timeout: 120_000,
      intervals: [1_000],
    })
    .toBe('done');
  const batch = (await (await api(survivor, `batches/${batchId}`)).json()) as Batch;
  expect(batch.items.map((item) => item.status)).toEqual(Array(10).fill('completed'));
  expect(new Set(batch.items.map((item) => item.taskId)).size).toBe(10);
  expect(creates()).toHaveLength(10);
  expect(await feeder()).toBeNull();
});

/** The job id in a submit action's answer (the RSC payload carries `{"ok":true,"data":{"id":…`). */
function jobIdIn(payload: string): string {
  const id = /"ok":true,"data":\{"id":"([^"]+)"/.exec(payload)?.[1];
  if (!id) throw new Error(`No job in the action's answer: ${payload.slice(0, 300)}`);
  return id;
}

/** Sends a request the browser made through the balancer to one instance, as the balancer would (Host kept). */
function replay(request: Request, app: AppServer, host: string): Promise<string> {
  const headers = { ...request.headers(), host };
  const body = request.postDataBuffer() ?? Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    const url = new URL(request.url());
    const sent = http.request(
      `${app.url}${url.pathname}${url.search}`,
      { method: request.method(), headers },
      (answer) => {
        let text = '';
        answer.on('data', (chunk: Buffer) => (text += chunk.toString()));
        answer.on('end', () => resolve(text));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** The pid of the server an app runs (npm execs `next start`, so it is npm's only child). */
function serverPid(app: AppServer): string {
  return spawnSync('ps', ['-o', 'pid=', '--ppid', String(app.pid)], { encoding: 'utf8' }).stdout.trim();
}

/** The pid part of the instance holding a job's lease (`<pid>-<random>`), or null. */
async function leaseHolder(databaseUrl: string, jobId: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ holder: string }>('select holder from job_leases where job_id = $1', [jobId]);
    return rows[0]?.holder.split('-')[0] ?? null;
  } finally {
    await client.end();
  }
}
