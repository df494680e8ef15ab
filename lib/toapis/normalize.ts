/**
 * The ONE place that turns upstream task JSON (ToAPIs, the offline engine, relays with other envelopes) into an
 * `UpstreamTask`. Permissive by design (api-contract.md §3, §7.3, open questions 3–5): unknown status words become
 * 'in_progress' with one logged warning, moved result URLs are looked for in every documented spot, and nothing
 * short of a missing id throws.
 */
import { readActualCost } from '@/lib/cost/actual-cost';
import { UpstreamError, cleanMessage } from './errors';
import type { UpstreamStatus, UpstreamTask } from '@/lib/jobs/types';

type Rec = Record<string, unknown>;

const STATUS_WORDS: Record<string, UpstreamStatus> = {
  submitted: 'queued',
  queued: 'queued',
  pending: 'queued',
  waiting: 'queued',
  queuing: 'queued',
  processing: 'in_progress',
  in_progress: 'in_progress',
  running: 'in_progress',
  generating: 'in_progress',
  completed: 'completed',
  succeeded: 'completed',
  success: 'completed',
  failed: 'failed',
  failure: 'failed',
  fail: 'failed',
  error: 'failed',
  cancelled: 'failed',
  canceled: 'failed',
};

const warnedWords = new Set<string>();

/** Where result URLs may live, in the order they are read (api-contract.md open question 3). */
const RESULT_SPOTS = ['data', 'url', 'urls', 'images', 'output', 'outputs', 'resultUrls'] as const;
const TOP_SPOTS = ['url', 'urls', 'data', 'images', 'output', 'outputs', 'resultUrls'] as const;

/** Turn any upstream task JSON into an `UpstreamTask`. Throws `UpstreamError` ('malformed') only when no id exists. */
export function normalizeUpstreamTask(raw: unknown): UpstreamTask {
  const task = unwrapEnvelope(raw);
  const id = task ? idOf(task) : undefined;
  if (!task || !id) {
    throw new UpstreamError({
      kind: 'malformed',
      message: 'Upstream task has no id',
      reachedUpstream: 'yes',
    });
  }

  const resultUrls = collectResultUrls(task);
  const rawStatus = statusWord(task);
  let status = mapStatus(rawStatus, task, resultUrls);
  let error: UpstreamTask['error'] = null;

  if (status === 'failed') {
    error = errorOf(task, rawStatus);
  } else if (status === 'completed' && resultUrls.length === 0) {
    status = 'failed';
    error = { code: 'no_result', message: 'The task completed without an image' };
  }

  return {
    id,
    status,
    statusKnown: STATUS_WORDS[rawStatus] !== undefined || (!rawStatus && (resultUrls.length > 0 || !!task.error)),
    rawStatus,
    progress: progressOf(task),
    resultUrls: status === 'completed' ? resultUrls : [],
    error,
    actualCost: readActualCost(task) ?? (raw === task ? null : readActualCost(raw)),
    createdAt: timeOf(task, ['created_at', 'created', 'createdAt', 'submitted_at', 'submit_time']),
    completedAt: timeOf(task, ['completed_at', 'finished_at', 'completedAt', 'finish_time', 'completed']),
    expiresAt: timeOf(task, ['expires_at', 'expiresAt']) ?? timeOf(asRecord(task.result) ?? {}, ['expires_at']),
  };
}

/** `{code:200, data:{…}}`, `{data:[{…}]}` and webhook `{data:{task_id…}}` envelopes, but only when the top has no id. */
function unwrapEnvelope(raw: unknown): Rec | undefined {
  const top = asRecord(raw);
  if (!top) return Array.isArray(raw) ? firstTaskIn(raw) : undefined;
  if (idOf(top)) return top;
  const data = top.data;
  if (Array.isArray(data)) return firstTaskIn(data) ?? top;
  const inner = asRecord(data);
  return inner && idOf(inner) ? inner : top;
}

function firstTaskIn(items: unknown[]): Rec | undefined {
  for (const item of items) {
    const rec = asRecord(item);
    if (rec && idOf(rec)) return rec;
  }
  return undefined;
}

function idOf(task: Rec): string | undefined {
  for (const key of ['id', 'task_id', 'taskId']) {
    const value = task[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

function statusWord(task: Rec): string {
  const value = task.status ?? task.state;
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

function mapStatus(word: string, task: Rec, urls: string[]): UpstreamStatus {
  const known = STATUS_WORDS[word];
  if (known) return known;
  // No status at all: judge by what is there rather than guess.
  if (!word && urls.length > 0) return 'completed';
  if (!word && task.error) return 'failed';
  const label = word || '(missing)';
  if (!warnedWords.has(label)) {
    warnedWords.add(label);
    console.warn(`[normalize] unknown upstream task status "${label.slice(0, 40)}"; treating it as in_progress`);
  }
  return 'in_progress';
}

function progressOf(task: Rec): number | null {
  const value = task.progress;
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*%?\s*$/.test(value)) n = Number.parseFloat(value);
  if (n === undefined || !Number.isFinite(n) || n < 0 || n > 100) return null;
  return n;
}

function errorOf(task: Rec, word: string): { code: string; message: string } {
  if (word === 'cancelled' || word === 'canceled') return { code: 'cancelled', message: 'Cancelled upstream' };
  const err = task.error;
  const errRec = asRecord(err);
  const messageCandidates = [
    errRec?.message,
    typeof err === 'string' ? err : undefined,
    task.fail_reason,
    task.failMsg,
    task.message,
  ];
  const rawMessage = messageCandidates.find((m): m is string => typeof m === 'string' && m.trim() !== '');
  const rawCode = errRec?.code ?? task.failCode ?? task.error_code;
  const code =
    typeof rawCode === 'string' && rawCode.trim()
      ? cleanMessage(rawCode)
      : typeof rawCode === 'number' && Number.isFinite(rawCode)
        ? String(rawCode)
        : 'generation_failed';
  const message = (rawMessage && cleanMessage(rawMessage)) || 'The task failed upstream';
  return { code, message };
}

function collectResultUrls(task: Rec): string[] {
  const found: string[] = [];
  let result: unknown = task.result ?? task.resultJson;
  if (typeof result === 'string' && result.trim().startsWith('{')) {
    try {
      result = JSON.parse(result) as unknown;
    } catch {
      result = undefined;
    }
  }
  const resultRec = asRecord(result);
  if (resultRec) for (const key of RESULT_SPOTS) collectUrls(resultRec[key], found, 0);
  else collectUrls(result, found, 0);
  for (const key of TOP_SPOTS) collectUrls(task[key], found, 0);
  return [...new Set(found)];
}

/** Strings, arrays of strings, `{url}` objects whose `url` is a string or an array (APIMart), nested a little. */
function collectUrls(value: unknown, out: string[], depth: number): void {
  if (depth > 3 || value == null) return;
  if (typeof value === 'string') {
    if (isHttpUrl(value)) out.push(value.trim());
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 100)) collectUrls(item, out, depth + 1);
    return;
  }
  const rec = asRecord(value);
  if (rec) {
    collectUrls(rec.url, out, depth + 1);
    collectUrls(rec.urls, out, depth + 1);
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Seconds or milliseconds (anything above 1e12 is ms), numeric strings, or ISO dates. */
function timeOf(task: Rec, keys: readonly string[]): Date | null {
  for (const key of keys) {
    const value = task[key];
    let ms: number | undefined;
    if (typeof value === 'number') ms = toMs(value);
    else if (typeof value === 'string' && value.trim()) {
      ms = /^\d+(\.\d+)?$/.test(value.trim()) ? toMs(Number(value)) : Date.parse(value);
    }
    if (ms !== undefined && Number.isFinite(ms) && ms > 0) return new Date(ms);
  }
  return null;
}

function toMs(value: number): number {
  return value > 1e12 ? value : value * 1000;
}

function asRecord(value: unknown): Rec | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Rec) : undefined;
}
