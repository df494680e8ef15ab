/**
 * Backup and restore of an embedded studio, through the npm scripts: a studio with a finished task is backed up
 * (server stopped), restored into a fresh DATA_DIR, and opened there: the gallery lists the task and its image
 * serves through the assets route.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeToapis, type FakeToapis } from '@/lib/testing/fake-toapis/server';
import { DEFAULT_OPTIONS } from '@/lib/jobs/options';
import { processSingleton } from '@/lib/process-singleton';

const samples = path.resolve(__dirname, '../../../../shared/samples');
const root = mkdtempSync(path.join(os.tmpdir(), 'overpaint-backup-'));
const original = path.join(root, 'original');
const backup = path.join(root, 'backup');
const restored = path.join(root, 'restored');
let fake: FakeToapis;

beforeAll(async () => {
  fake = await startFakeToapis({ apiKey: 'test-key', completeAfterPolls: 1 });
  Object.assign(process.env, {
    DATA_DIR: original,
    DATABASE_URL: '',
    BLOB_STORE: 'file',
    TOAPIS_API_KEY: 'test-key',
    TOAPIS_BASE_URL: fake.url,
  });
});

afterAll(async () => {
  const { closeDb } = await import('./db');
  await closeDb();
  await fake?.close();
  rmSync(root, { recursive: true, force: true });
});

function npm(script: string, args: string[], dataDir: string) {
  return spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: path.resolve(__dirname, '../../..'),
    env: { ...process.env, DATA_DIR: dataDir, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
}

function resetSingletons(): void {
  processSingleton('server-env', () => undefined).take();
  processSingleton('blob-store', () => undefined).take();
}

describe('npm run backup / npm run restore', () => {
  it(
    'restores a studio with a task into a fresh DATA_DIR, where the gallery lists it and its image serves',
    { timeout: 600_000 },
    async () => {
      const { submitJob } = await import('../jobs/submit');
      const { advanceNow } = await import('../jobs/runner');
      const { findJobRow, updateJob } = await import('../jobs/repository');
      const { storeReference } = await import('../assets');
      const { closeDb } = await import('./db');
      const reference = await storeReference(new File([readFileSync(path.join(samples, 'coffee.png'))], 'coffee.png'));
      if (!reference.ok) throw new Error(reference.error.message);
      const submitted = await submitJob(
        {
          idempotencyKey: 'backup-task',
          prompt: 'Backed up',
          options: DEFAULT_OPTIONS,
          referenceIds: [reference.data.id],
        },
        null,
      );
      if (!submitted.ok) throw new Error(submitted.error.message);
      for (let step = 0; step < 20; step++) {
        const row = await findJobRow(submitted.data.id);
        if (!row || row.phase === 'done') break;
        await updateJob(row.id, { nextCheckAt: new Date(Date.now() - 1000) });
        await advanceNow(row.id);
      }
      expect((await findJobRow(submitted.data.id))?.status).toBe('completed');

      // While the studio holds DATA_DIR, a backup is refused (it would not be consistent).
      const refused = npm('backup', [backup], original);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/already used by another Overpaint server/);

      await closeDb();
      const made = npm('backup', [backup], original);
      expect(made.status, made.stderr).toBe(0);
      expect(`${made.stdout}\n${made.stderr}`).toMatch(/backup of .* written to .*: the database and \d+ blobs/);
      const back = npm('restore', [backup], restored);
      expect(back.status, back.stderr).toBe(0);
      // Never over an existing studio.
      const again = npm('restore', [backup], restored);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/is not empty/);

      // Open the restored studio (the original is gone, so nothing can come from it).
      rmSync(original, { recursive: true, force: true });
      process.env.DATA_DIR = restored;
      resetSingletons();
      const { listGalleryPage } = await import('../gallery/list');
      const page = await listGalleryPage({ limit: 24 });
      const job = page.jobs.find((candidate) => candidate.id === submitted.data.id);
      expect(job?.status).toBe('completed');
      const result = job!.results[0]!;
      const { GET } = await import('@/app/api/assets/[id]/route');
      const response = await GET(new Request(`http://localhost${result.asset.url}`), {
        params: Promise.resolve({ id: result.asset.id }),
      });
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(bytes.length).toBe(result.asset.bytes);
    },
  );
});
