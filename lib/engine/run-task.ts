/**
 * Runs one stored task through the pipeline and records every stage on disk. Never throws for a bad input: the
 * task fails with a reason in words. An abort (the engine closing) leaves the task as it is, to be resumed.
 */
import { isPipelineError, PipelineError } from './pipeline/errors';
import { render } from './pipeline/render';
import { describeWriteFailure, type EngineStore, type EngineTask } from './store';

/** Result URLs live 24 h upstream (api-contract.md §6); the engine reports the same. */
export const RESULT_TTL_SECONDS = 86_400;

function isWriteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

export async function runTask(store: EngineStore, id: string, signal: AbortSignal): Promise<void> {
  const task = await store.loadTask(id);
  if (!task || task.status === 'completed' || task.status === 'failed') return;
  let current: EngineTask = { ...task, status: 'in_progress', progress: Math.max(task.progress, 1) };
  await store.saveTask(current);
  let saving: Promise<void> = Promise.resolve();

  try {
    const { request } = task;
    const [baseFile] = request.imageFiles;
    const base = baseFile ? await store.readFile(baseFile) : null;
    if (baseFile && !base) throw new PipelineError('The first reference image is no longer stored by the engine');
    const references: Buffer[] = [];
    for (const [index, name] of request.imageFiles.slice(1).entries()) {
      const bytes = await store.readFile(name);
      if (!bytes) throw new PipelineError(`Reference image ${index + 2} is no longer stored by the engine`);
      references.push(bytes);
    }
    const mask = request.maskFile ? await store.readFile(request.maskFile) : null;
    if (request.maskFile && !mask) throw new PipelineError('The mask is no longer stored by the engine');

    const output = await render(
      {
        prompt: request.prompt,
        size: request.size,
        resolution: request.resolution,
        n: request.n,
        outputFormat: request.outputFormat,
        outputCompression: request.outputCompression,
        base,
        mask,
        references,
      },
      {
        signal,
        onProgress: (progress) => {
          if (progress <= current.progress) return saving;
          current = { ...current, progress };
          const snapshot = current;
          // Worker progress arrives without being awaited: chain the writes so an older one never lands last.
          saving = saving.then(() => store.saveTask(snapshot));
          return saving;
        },
      },
    );
    await saving;

    const ext = output.format === 'jpeg' ? 'jpg' : 'png';
    const resultFiles: string[] = [];
    for (const [index, bytes] of output.images.entries()) {
      signal.throwIfAborted();
      const name = `res_${task.id.slice(4)}_${index}.${ext}`;
      await store.writeResult(name, bytes);
      resultFiles.push(name);
    }
    const now = Math.floor(Date.now() / 1000);
    await store.saveTask({
      ...current,
      status: 'completed',
      progress: 100,
      completedAt: now,
      expiresAt: now + RESULT_TTL_SECONDS,
      resultFiles,
      error: null,
    });
  } catch (error) {
    await saving.catch(() => {});
    if (signal.aborted) return;
    const saveFailed = isWriteError(error);
    const message = isPipelineError(error)
      ? error.message
      : saveFailed
        ? `The offline engine could not save its work: ${describeWriteFailure(error)}.`
        : 'The offline engine could not process this image';
    if (!isPipelineError(error)) console.error(`[engine] task ${id} failed:`, error);
    // A small failed record often fits where the results did not. When even that cannot be written, this throws:
    // the queue puts the task back and tries again later, so it is never left queued on disk with nobody on it.
    await store.saveTask({
      ...current,
      status: 'failed',
      error: { code: saveFailed ? 'storage_failed' : 'generation_failed', message },
    });
  }
}
