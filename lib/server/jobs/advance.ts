import 'server-only';
import { errorBackoffMs, MAX_TRANSIENT_ATTEMPTS, upstreamPollDelayMs } from '@/lib/jobs/polling';
import type { UpstreamTask } from '@/lib/jobs/types';
import { isUpstreamError, type UpstreamError } from '@/lib/toapis/errors';
import { findAssets, storeGeneratedAsset } from '../assets';
import { recordActualCost } from '../cost/ledger';
import { serverEnv } from '../env';
import { restoreMirroredResult } from '../restore/restore-result';
import { blobStore } from '../storage/blobs';
import type { JobRow } from '../storage/schema';
import { prepareMask, prepareReference } from './prepare-inputs';
import { addJobResult, findJobRow, resultPositions } from './repository';
import { upstreamClient } from './upstream-client';
import { clearAccountProblem, noteAccountProblem } from './account-problem';
import { clearUnknown, findUpstreamState, noteUnknown, saveUploads, updateJobInPhase } from './task-records';

/** A task whose state stays unknown this long (502s, timeouts, status words we do not know) is given up on. */
export const UNKNOWN_LIMIT_MS = 10 * 60_000;
/** Result downloads are retried (a CDN 404 right after completion, a reset) this many times before failing. */
export const MAX_DOWNLOAD_ATTEMPTS = 8;
/** Upload URLs are re-used after a restart only this long: their lifetime upstream is undocumented. */
const UPLOAD_REUSE_MS = 60 * 60_000;

export const UNCERTAIN_RESTART =
  'The server restarted while submitting this task, so it may or may not have been created. Nothing was resubmitted; use Retry to submit it again.';
export const UNCERTAIN_CREATE =
  'The image service did not confirm the task (the connection failed or it answered with a server error), so it may or may not have been created. Nothing was resubmitted; use Retry to submit it again.';

/**
 * Moves one job one step along upload → create → poll → download → done, recording each step in the database
 * before acting on it, so a restart at any moment resumes from the row. Never throws: every failure becomes either
 * a scheduled retry or a failed (or uncertain) job with a reason in words.
 */
export async function advanceJob(jobId: string): Promise<void> {
  const job = await findJobRow(jobId);
  if (!job || job.phase === 'done') return;
  if (await pastDeadline(job)) return;
  try {
    switch (job.phase) {
      case 'upload':
        return await uploadAndCreate(job);
      case 'create':
        // A create was in flight when this process stopped: upstream may or may not have the task. Submitting
        // again could make a duplicate the user pays for twice, so say so instead of guessing.
        return await markUncertain(job, UNCERTAIN_RESTART);
      case 'poll':
        return await poll(job);
      case 'download':
        return await mirrorResults(job);
    }
  } catch (error) {
    // The step may have moved the job on (poll → download) before failing: handle it where it now is.
    await handleError((await findJobRow(jobId)) ?? job, error);
  }
}

/**
 * A task upstream keeps calling `queued` would otherwise be followed forever. Past the deadline it fails with Retry.
 * A task whose images are made (phase `download`) is let finish: its own attempt limit ends it.
 */
async function pastDeadline(job: JobRow): Promise<boolean> {
  const deadlineMs = serverEnv().taskDeadlineMs;
  if (job.phase === 'download' || Date.now() - job.createdAt.getTime() < deadlineMs) return false;
  const minutes = Math.round(deadlineMs / 60_000);
  await failJob(
    job,
    'deadline',
    `Stopped following it after ${minutes} minutes: the image service had not finished it (it may still finish and bill it). Use Retry to submit it again.`,
  );
  return true;
}

async function uploadAndCreate(job: JobRow): Promise<void> {
  const client = upstreamClient();
  const inputs = await uploadInputs(job);
  if (!inputs) return;

  // Phase-guarded: a job cancelled meanwhile (phase `done`) stays cancelled and nothing is created for it.
  if (!(await updateJobInPhase(job.id, 'upload', { phase: 'create', attempts: 0 }))) return;
  let task: UpstreamTask;
  try {
    task = await client.createGeneration({
      prompt: job.prompt,
      size: job.options.size,
      resolution: job.options.resolution,
      quality: job.options.quality,
      n: job.options.n,
      outputFormat: job.options.outputFormat,
      outputCompression: job.options.outputFormat === 'jpeg' ? job.options.outputCompression : undefined,
      imageUrls: inputs.imageUrls,
      maskUrl: inputs.maskUrl ?? undefined,
    });
  } catch (error) {
    // Only a create that certainly never reached upstream (429, 503, connection refused) may be sent again.
    if (isUpstreamError(error) && error.reachedUpstream === 'no') {
      await updateJobInPhase(job.id, 'create', { phase: 'upload' });
      return handleError({ ...job, phase: 'upload' }, error);
    }
    if (isUpstreamError(error) && error.reachedUpstream === 'yes') {
      await noteAccountProblem(error);
      return failJob(job, error.kind, error.userMessage);
    }
    return markUncertain(job, UNCERTAIN_CREATE);
  }
  await clearAccountProblem();
  await updateJobInPhase(job.id, 'create', {
    phase: 'poll',
    upstreamId: task.id,
    status: task.status === 'completed' ? 'in_progress' : task.status,
    progress: task.progress ?? 0,
    attempts: 0,
    polls: 0,
    nextCheckAt: new Date(Date.now() + upstreamPollDelayMs(job.engine, 0)),
  });
  const fresh = await findJobRow(job.id);
  if (fresh && (task.status === 'completed' || task.status === 'failed')) await applyTask(fresh, task);
}

/** Uploads references (base first) and mask, or re-uses the URLs a previous process already made. */
async function uploadInputs(job: JobRow): Promise<{ imageUrls: string[]; maskUrl: string | null } | null> {
  const saved = await findUpstreamState(job.id);
  if (saved?.imageUrls && saved.uploadedAt && Date.now() - saved.uploadedAt.getTime() < UPLOAD_REUSE_MS) {
    return { imageUrls: saved.imageUrls, maskUrl: saved.maskUrl };
  }
  const client = upstreamClient();
  const store = blobStore();
  const references = await findAssets(job.referenceIds);
  if (references.length !== job.referenceIds.length) {
    await failJob(job, 'missing_reference', 'A reference image of this task is no longer stored.');
    return null;
  }
  const base = references[0];
  const imageUrls: string[] = [];
  let baseSent: { width: number; height: number } | undefined;
  for (const reference of references) {
    const file = await prepareReference(reference, await store.read(reference.sha256));
    if (reference === base) baseSent = { width: file.width, height: file.height };
    imageUrls.push((await client.uploadImage(file)).url);
  }
  let maskUrl: string | null = null;
  if (job.maskId) {
    const [mask] = await findAssets([job.maskId]);
    if (!mask) {
      await failJob(job, 'missing_mask', 'The mask of this task is no longer stored.');
      return null;
    }
    // The mask must match the first image as sent: if that had to be scaled down, the mask follows, losslessly.
    const file = await prepareMask(mask, await store.read(mask.sha256), baseSent);
    maskUrl = (await client.uploadImage(file)).url;
  }
  await saveUploads(job.id, imageUrls, maskUrl);
  return { imageUrls, maskUrl };
}

async function poll(job: JobRow): Promise<void> {
  if (!job.upstreamId) return failJob(job, 'lost', 'The task has no upstream id.');
  const task = await upstreamClient().getGeneration(job.upstreamId);
  await applyTask(job, task);
}

/**
 * Applies what upstream said about a task (from a poll or a webhook). `mirrorNow: false` leaves the download to the
 * runner (a webhook answers within upstream's 10 s timeout).
 */
export async function applyTask(job: JobRow, task: UpstreamTask, { mirrorNow = true } = {}): Promise<void> {
  // Recorded before the task ends, so that settling prefers it over the estimate.
  if (task.actualCost && (task.status === 'completed' || task.status === 'failed')) {
    await recordActualCost(job.id, task.actualCost);
  }
  if (task.status === 'failed') {
    return failJob(
      job,
      task.error?.code ?? 'failed',
      task.error?.message ?? 'The image service reported the task as failed.',
    );
  }
  if (task.status === 'completed') {
    await clearUnknown(job.id);
    const moved = await updateJobInPhase(job.id, 'poll', {
      phase: 'download',
      status: 'in_progress',
      progress: 99,
      upstreamResultUrls: task.resultUrls,
      attempts: 0,
      nextCheckAt: new Date(),
    });
    const fresh = moved && mirrorNow ? await findJobRow(job.id) : null;
    return fresh ? mirrorResults(fresh) : undefined;
  }
  if (!task.statusKnown) {
    if (await givenUp(job, `status "${task.rawStatus.slice(0, 40) || '(none)'}"`)) return;
  } else {
    await clearUnknown(job.id);
  }
  await updateJobInPhase(job.id, 'poll', {
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
    // Keep unmasked pixels: the gallery shows the restored image; the model's own output stays as "As generated".
    const shown = await restoreMirroredResult(job, position, asset, file.bytes);
    await addJobResult(job.id, position, shown.id);
  }
  await updateJobInPhase(job.id, 'download', {
    phase: 'done',
    status: 'completed',
    progress: 100,
    attempts: 0,
    completedAt: new Date(),
  });
}

async function failJob(job: JobRow, code: string, message: string): Promise<void> {
  await updateJobInPhase(job.id, 'not_done', {
    phase: 'done',
    status: 'failed',
    errorCode: code,
    errorMessage: message,
  });
}

/** Stored as failed with code `uncertain`; the job view shows it as its own status (repository.ts). */
async function markUncertain(job: JobRow, message: string): Promise<void> {
  return failJob(job, 'uncertain', message);
}

/** Records an answer that told us nothing; fails the job (true) once that has lasted past the limit. */
async function givenUp(job: JobRow, what: string): Promise<boolean> {
  const since = await noteUnknown(job.id, what);
  const unknownFor = Date.now() - since.getTime();
  if (unknownFor < UNKNOWN_LIMIT_MS) return false;
  await failJob(
    job,
    'stuck',
    `Lost track of this task: for ${Math.round(unknownFor / 60_000)} minutes the image service gave no usable answer about it (last: ${what}). Use Retry to submit it again.`,
  );
  return true;
}

const TRANSIENT_KINDS = new Set(['timeout', 'network', 'server', 'rate_limited', 'unavailable', 'malformed']);
/** A result URL may 404 for a moment after completion (CDN propagation); only these are final for a download. */
const FINAL_DOWNLOAD_KINDS = new Set(['forbidden_host', 'too_large', 'auth']);

async function handleError(job: JobRow, error: unknown): Promise<void> {
  const upstream = isUpstreamError(error) ? error : null;
  const attempts = job.attempts + 1;
  if (!upstream) console.error(`[overpaint] job ${job.id} (${job.phase}) failed unexpectedly:`, error);
  else if (upstream.kind === 'forbidden_host')
    // One line naming the host, so an operator can add it to TOAPIS_FILE_HOSTS (the message never holds the key).
    console.warn(`[overpaint] job ${job.id}: ${upstream.message}; not in TOAPIS_FILE_HOSTS, failing without retry`);
  else
    console.warn(
      `[overpaint] job ${job.id} (${job.phase}): upstream ${upstream.operation ?? ''} ${upstream.kind} ${upstream.status ?? ''}`,
    );
  if (upstream) await noteAccountProblem(upstream);

  if (job.phase === 'download') {
    if (upstream?.kind === 'forbidden_host') {
      return failJob(job, 'download_failed', `The image was made but was not downloaded. ${upstream.userMessage}`);
    }
    if ((upstream && FINAL_DOWNLOAD_KINDS.has(upstream.kind)) || attempts >= MAX_DOWNLOAD_ATTEMPTS) {
      const why = upstream ? upstream.userMessage : 'The result could not be stored.';
      return failJob(
        job,
        'download_failed',
        `The image was made but could not be downloaded after ${attempts} attempts. ${why}`,
      );
    }
  } else if (upstream && !TRANSIENT_KINDS.has(upstream.kind)) {
    return failJob(job, upstream.kind, upstream.userMessage);
  } else if (job.phase === 'poll') {
    // A burst of 502s or timeouts does not fail the task; only a state unknown for too long does.
    if (await givenUp(job, upstream ? describe(upstream) : 'a server error')) return;
  } else if (attempts >= MAX_TRANSIENT_ATTEMPTS) {
    return failJob(
      job,
      upstream?.kind ?? 'server_error',
      upstream
        ? `Gave up after ${attempts} attempts: ${upstream.userMessage}`
        : 'The server could not process this task.',
    );
  }
  await updateJobInPhase(job.id, 'not_done', {
    attempts,
    nextCheckAt: new Date(Date.now() + errorBackoffMs(attempts, upstream?.retryAfterMs)),
  });
}

function describe(error: UpstreamError): string {
  return error.status ? `HTTP ${error.status}` : error.kind === 'timeout' ? 'no answer in time' : error.kind;
}
