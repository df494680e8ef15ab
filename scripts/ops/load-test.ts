/**
 * Load test of the routes a busy studio hits most, the gallery (`GET /api/jobs`) and a task's status
 * (`GET /api/jobs/:id`), on loopback against two instances sharing one PostgreSQL and one S3 bucket.
 *
 *   npm run build && npx tsx scripts/ops/load-test.ts [--seconds 10] [--concurrency 32] [--jobs 2000]
 *
 * Seeds completed tasks (each with a result row) straight into the database, then runs closed-loop
 * clients spread evenly over both instances, and prints requests per second and latency percentiles per route.
 * Results are in scripts/ops/scaling.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { startApp, type AppServer } from '../../e2e/support/app-server';
import { testPostgres } from '../../lib/testing/postgres';
import { startS3 } from '../../lib/testing/s3-server';

const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const SECONDS = Number(args.get('--seconds') ?? 10);
const CONCURRENCY = Number(args.get('--concurrency') ?? 32);
const JOBS = Number(args.get('--jobs') ?? 2000);

async function main(): Promise<void> {
  const postgres = await testPostgres();
  if (!postgres.ok) throw new Error(postgres.reason);
  const databaseUrl = await postgres.pg.createDatabase('overpaint_load');
  const s3 = await startS3();
  const env = { DATABASE_URL: databaseUrl, ...s3.env };
  const apps = await Promise.all([startApp({ env }), startApp({ env })]);
  try {
    const ids = await seed(databaseUrl);
    console.log(
      `seeded ${ids.length} completed tasks; ${CONCURRENCY} clients for ${SECONDS} s per route, over 2 instances`,
    );
    await run('gallery  GET /api/jobs', apps, () => '/api/jobs');
    await run('status   GET /api/jobs/:id', apps, () => `/api/jobs/${ids[Math.floor(Math.random() * ids.length)]}`);
  } finally {
    await Promise.all(apps.map((app) => app.dispose()));
    await s3.close();
  }
  process.exit(0);
}

/** Completed tasks with one result row each (the routes measured read rows, not image bytes). */
async function seed(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sha = randomBytes(32).toString('hex');
  const ids: string[] = [];
  const options = JSON.stringify({
    size: '1:1',
    resolution: '1k',
    quality: 'auto',
    n: 1,
    outputFormat: 'png',
    outputCompression: 100,
  });
  for (let i = 0; i < JOBS; i++) {
    const id = randomUUID();
    const assetId = randomUUID();
    ids.push(id);
    await client.query(
      `insert into assets (id, kind, sha256, mime, bytes, width, height, filename) values ($1, 'result', $2, 'image/png', $3, 64, 64, $4)`,
      [assetId, sha, 4096, `overpaint-${i}.png`],
    );
    await client.query(
      `insert into jobs (id, idempotency_key, status, phase, progress, engine, prompt, options, reference_ids, completed_at)
       values ($1, $2, 'completed', 'done', 100, 'toapis', $3, $4, '[]', now())`,
      [id, randomBytes(8).toString('hex'), `Seeded task ${i}`, options],
    );
    await client.query(`insert into job_results (job_id, position, asset_id) values ($1, 0, $2)`, [id, assetId]);
  }
  await client.end();
  return ids;
}

async function run(label: string, apps: AppServer[], path: () => string): Promise<void> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      const app = apps[client % apps.length]!;
      while (Date.now() < deadline) {
        const started = performance.now();
        const response = await fetch(`${app.url}${path()}`).catch(() => null);
        if (!response || response.status !== 200) errors += 1;
        await response?.arrayBuffer();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  // The machine's load says how much of it the test had: on a shared machine the numbers are floors.
  console.log(
    `${label}: ${(latencies.length / SECONDS).toFixed(0)} req/s, p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, errors ${errors}` +
      ` (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
