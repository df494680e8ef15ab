/**
 * The offline engine: the ToAPIs HTTP contract over a disk store, a small work queue and a classical image
 * pipeline. Framework-agnostic (`Request` in, `Response` out); see README.md.
 */
import { createHttpHandler } from './http';
import { probe } from './pipeline/raw-image';
import { defaultPoolSize } from './pipeline/worker-pool';
import { createWorkQueue } from './queue';
import { runTask } from './run-task';
import { createEngineStore, type EngineStoreIo } from './store';

export interface EngineOptions {
  /** The app's data directory; the engine keeps its files under `${dataDir}/engine/`. */
  dataDir: string;
  /** The bearer token every request must carry. */
  secret: string;
  /** Where the engine is reachable, mount included (e.g. `http://127.0.0.1:3000/engine`); used in file URLs. */
  publicBaseUrl: string;
  /** Tasks processed at once. Default: the worker pool's size (cores − 1), so waiting tasks stay `queued`. */
  concurrency?: number;
  /** Accept and store tasks but do not process them (tests, maintenance). */
  paused?: boolean;
  /** The store's disk writes (tests inject a full disk). */
  io?: EngineStoreIo;
  /** First wait before re-running a task that could not record its own end. Default 2 s. */
  retryDelayMs?: number;
}

export interface Engine {
  handle(req: Request): Promise<Response>;
  /** Resolves when no task is running or waiting (tests). */
  idle(): Promise<void>;
  /** Stop taking requests, stop work at the next stage boundary; unfinished tasks resume on the next start. */
  close(): Promise<void>;
}

/** Create an engine on `dataDir`. Tasks left queued or in progress by an earlier engine are re-queued. */
export function createEngine(options: EngineOptions): Engine {
  if (!options.secret) throw new Error('createEngine: a secret is required');
  const store = createEngineStore(options.dataDir, options.io);
  let closed = false;
  const queue = createWorkQueue({
    concurrency: Math.max(1, options.concurrency ?? defaultPoolSize()),
    paused: options.paused ?? false,
    ...(options.retryDelayMs !== undefined && { retryDelayMs: options.retryDelayMs }),
    run: (id, signal) => runTask(store, id, signal),
  });

  const ready = (async () => {
    await store.init();
    const unfinished = (await store.listTasks())
      .filter((task) => task.status === 'queued' || task.status === 'in_progress')
      .sort((a, b) => a.createdAt - b.createdAt);
    for (const task of unfinished) {
      // Restart the stages from the top: partial results of a stopped run are simply overwritten.
      if (task.status !== 'queued' || task.progress !== 0)
        await store.saveTask({ ...task, status: 'queued', progress: 0 });
      queue.push(task.id);
    }
    if (unfinished.length > 0) console.info(`[engine] resumed ${unfinished.length} unfinished task(s)`);
  })();
  // Surface a broken data directory on the first request, not as an unhandled rejection.
  ready.catch(() => {});

  const handler = createHttpHandler({
    store,
    secret: options.secret,
    publicBaseUrl: options.publicBaseUrl,
    enqueue: (id) => queue.push(id),
    isClosed: () => closed,
    sizeOf: async (name) => {
      const bytes = await store.readFile(name);
      if (!bytes) return null;
      try {
        return await probe(bytes, 'image');
      } catch {
        return null;
      }
    },
  });

  return {
    async handle(req) {
      try {
        await ready;
      } catch (error) {
        console.error('[engine] could not open its data directory:', error);
        return Response.json(
          {
            error: { code: 500, message: 'The offline engine could not open its data directory', type: 'server_error' },
          },
          { status: 500 },
        );
      }
      return handler(req);
    },
    async idle() {
      await ready;
      await queue.idle();
    },
    async close() {
      closed = true;
      await ready.catch(() => {});
      await queue.close();
    },
  };
}
