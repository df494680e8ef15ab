import { startFakeToapis, type FakeToapis, type RecordedRequest } from './support/fake-toapis';
import { expect, test, type AppServer } from './support/fixtures';
import { testPostgres } from './support/postgres';
import { startS3, type TestS3 } from './support/s3-server';
import { StudioPage } from './pages/studio-page';

// A team's deployment: two instances on one PostgreSQL and one S3 bucket, behind no balancer but the test itself.
// Skipped without PostgreSQL on a laptop (saying why); in CI (CI=true) testPostgres() fails instead.

interface GalleryJob {
  id: string;
  status: string;
  prompt: string;
  results: { asset: { url: string } }[];
}

let fake: FakeToapis;
let s3: TestS3;
let databaseUrl: string | null = null;
let skipReason = '';

test.beforeAll(async () => {
  const postgres = await testPostgres();
  if (!postgres.ok) {
    skipReason = postgres.reason;
    return;
  }
  databaseUrl = await postgres.pg.createDatabase('overpaint_e2e');
  s3 = await startS3();
  fake = await startFakeToapis({ apiKey: 'sk-e2e-team', completeAfterPolls: 2 });
});
test.afterAll(async () => {
  await fake?.close();
  await s3?.close();
});

const creates = () => fake.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/images/generations');
const statusCalls = () => fake.state.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/images/generations/'));

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

test('two instances share the work: one create per task, a killed instance taken over, results on both', async ({ launchApp, browser }) => {
  test.skip(!databaseUrl, `needs PostgreSQL: ${skipReason}`);
  test.setTimeout(90_000);
  const env = {
    TOAPIS_API_KEY: 'sk-e2e-team',
    TOAPIS_BASE_URL: fake.url,
    DATABASE_URL: databaseUrl!,
    JOB_LEASE_SECONDS: '5',
    ...s3.env,
  };
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

function groupBy(requests: RecordedRequest[], key: (r: RecordedRequest) => string): Map<string, RecordedRequest[]> {
  const groups = new Map<string, RecordedRequest[]>();
  for (const request of requests) groups.set(key(request), [...(groups.get(key(request)) ?? []), request]);
  return groups;
}
