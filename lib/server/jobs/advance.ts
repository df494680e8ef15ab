import 'server-only';
import { errorBackoffMs, MAX_TRANSIENT_ATTEMPTS, upstreamPollDelayMs } from '@/lib/jobs/polling';
import { UpstreamError } from '@/lib/toapis/errors';
import { findAssets, storeGeneratedAsset } from '../assets';
import { blobStore } from '../storage/blobs';
import type { JobRow } from '../storage/schema';
import { prepareMask, prepareReference } from './prepare-inputs';
import { addJobResult, findJobRow, resultPositions, updateJob } from './repository';
import { upstreamClient } from './upstream';

/**
 * Moves one job one step along upload → create → poll → download → done, recording each step in the database
 * before acting on it, so a restart at any moment resumes from the row. Never throws: every failure becomes either
 * a scheduled retry or a failed job with a reason in words.
 */
export async function advanceJob(jobId: string): Promise<void> {
  const job = await findJobRow(jobId);
  if (!job || job.phase === 'done') return;
  try {
    switch (job.phase) {
      case 'upload':
        return await uploadAndCreate(job);
      case 'create':
        // A create was in flight when this process stopped: upstream may or may not have the task. Submitting
        // again could make a duplicate the user pays for twice, so say so instead of guessing.
        return await failJob(
          job,
          'uncertain',
          'The server restarted while submitting this task, so it may or may not have been created. Nothing was resubmitted; use Retry to submit it again.',
        );
      case 'poll':
        return await poll(job);
      case 'download':
        return await mirrorResults(job);
    }
  } catch (error) {
    await handleError(job, error);
  }
}

async function uploadAndCreate(job: JobRow): Promise<void> {
  const client = upstreamClient();
  const store = blobStore();
  const references = await findAssets(job.referenceIds);
  if (references.length !== job.referenceIds.length) {
    return failJob(job, 'missing_reference', 'A reference image of this task is no longer stored.');
  }
  const imageUrls: string[] = [];
  for (const reference of references) {
    const file = await prepareReference(reference, await store.read(reference.sha256));
    imageUrls.push((await client.uploadImage(file)).url);
  }
  let maskUrl: string | undefined;
  if (job.maskId) {
    const [mask] = await findAssets([job.maskId]);
    if (!mask) return failJob(job, 'missing_mask', 'The mask of this task is no longer stored.');
    maskUrl = (await client.uploadImage(prepareMask(mask, await store.read(mask.sha256)))).url;
  }

  await updateJob(job.id, { phase: 'create', attempts: 0 });
  let task;
  try {
    task = await client.createGeneration({
      prompt: job.prompt,
      size: job.options.size,
      resolution: job.options.resolution,
      quality: job.options.quality,
      n: job.options.n,
      outputFormat: job.options.outputFormat,
      outputCompression: job.options.outputFormat === 'jpeg' ? job.options.outputCompression : undefined,
      imageUrls,
      maskUrl,
    });
  } catch (error) {
    // Only a create that certainly never reached upstream may be sent again.
    if (error instanceof UpstreamError && error.reachedUpstream === 'no') {
      await updateJob(job.id, { phase: 'upload' });
      return handleError({ ...job, phase: 'upload' }, error);
    }
    if (error instanceof UpstreamError && error.reachedUpstream === 'yes') {
      return failJob(job, error.kind, error.userMessage);
    }
    return failJob(
      job,
      'uncertain',
      'The engine did not confirm the task (the connection failed mid-request), so it may or may not have been created. Nothing was resubmitted; use Retry to submit it again.',
    );
  }
  await updateJob(job.id, {
    phase: task.status === 'completed' ? 'download' : 'poll',
    upstreamId: task.id,
    status: task.status === 'completed' ? 'in_progress' : task.status,
    progress: task.progress ?? 0,
    upstreamResultUrls: task.resultUrls,
    attempts: 0,
    polls: 0,
    nextCheckAt: new Date(Date.now() + upstreamPollDelayMs(job.engine, 0)),
  });
  if (task.status === 'failed') {
    await failJob(job, task.error?.code ?? 'failed', task.error?.message ?? 'The engine reported the task as failed.');
  }
}

async function poll(job: JobRow): Promise<void> {
  if (!job.upstreamId) return failJob(job, 'lost', 'The task has no upstream id.');
  const task = await upstreamClient().getGeneration(job.upstreamId);
  if (task.status === 'failed') {
    return failJob(job, task.error?.code ?? 'failed', task.error?.message ?? 'The engine reported the task as failed.');
  }
  if (task.status === 'completed') {
    await updateJob(job.id, {
      phase: 'download',
      status: 'in_progress',
      progress: 99,
      upstreamResultUrls: task.resultUrls,
      attempts: 0,
      nextCheckAt: new Date(),
    });
    const fresh = await findJobRow(job.id);
    return fresh ? mirrorResults(fresh) : undefined;
  }
  await updateJob(job.id, {
    status: task.status,
    progress: Math.max(job.progress, Math.min(99, task.progress ?? job.progress)),
    polls: job.polls + 1,
    attempts: 0,
    nextCheckAt: new Date(Date.now() + upstreamPollDelayMs(job.engine, job.polls + 1)),
  });
}

/** Upstream URLs expire after 24 h: results are copied into our store as soon as the task completes. */
async function mirrorResults(job: JobRow): Promise<void> {
  const client = upstreamClient();
  const done = await resultPositions(job.id);
  const extension = job.options.outputFormat === 'jpeg' ? 'jpg' : 'png';
  for (const [position, url] of job.upstreamResultUrls.entries()) {
    if (done.has(position)) continue;
    const file = await client.downloadResult(url);
    const asset = await storeGeneratedAsset({
      kind: 'result',
      bytes: file.bytes,
      filename: `overpaint-${job.id.slice(0, 8)}-${position + 1}.${extension}`,
    });
    await addJobResult(job.id, position, asset.id);
  }
  await updateJob(job.id, {
    phase: 'done',
    status: 'completed',
    progress: 100,
    attempts: 0,
    completedAt: new Date(),
  });
}

async function failJob(job: JobRow, code: string, message: string): Promise<void> {
  await updateJob(job.id, { phase: 'done', status: 'failed', errorCode: code, errorMessage: message });
}

const TRANSIENT_KINDS = new Set(['timeout', 'network', 'server', 'rate_limited', 'unavailable', 'malformed']);

async function handleError(job: JobRow, error: unknown): Promise<void> {
  const upstream = error instanceof UpstreamError ? error : null;
  const transient = upstream ? TRANSIENT_KINDS.has(upstream.kind) : false;
  const attempts = job.attempts + 1;
  if (!upstream) console.error(`[overpaint] job ${job.id} (${job.phase}) failed unexpectedly:`, error);
  else console.warn(`[overpaint] job ${job.id} (${job.phase}): upstream ${upstream.kind} ${upstream.status ?? ''}`);

  if (upstream && !transient) return failJob(job, upstream.kind, upstream.userMessage);
  if (attempts >= MAX_TRANSIENT_ATTEMPTS) {
    return failJob(
      job,
      upstream?.kind ?? 'server_error',
      upstream
        ? `Gave up after ${attempts} attempts: ${upstream.userMessage}`
        : 'The server could not process this task.',
    );
  }
  await updateJob(job.id, {
    attempts,
    nextCheckAt: new Date(Date.now() + errorBackoffMs(attempts, upstream?.retryAfterMs)),
  });
}
