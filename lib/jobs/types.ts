/**
 * The one internal vocabulary for tasks. Upstream responses (ToAPIs or the offline engine) are turned into an
 * `UpstreamTask` by `normalize.ts`; the server stores a job row; the browser sees a `Job`.
 */
import type { ExpandFrame, Placement, Size } from '@/lib/expand/geometry';
import type { FixedRatio, GenerationOptions } from './options';
import type { RestoreView } from './restore';
import type { StartPoint } from './start-points';

/** Which engine runs a task: ToAPIs (with a key) or the built-in offline engine. */
export type EngineKind = 'toapis' | 'offline';

/**
 * What the user sees. `queued` also covers "accepted by us, not yet created upstream". `uncertain`: a create may or
 * may not have reached upstream (a timeout, a 5xx, a restart mid-request); it is final (nothing is resubmitted
 * silently) and offers Retry.
 */
export type JobStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'uncertain';

/** The states an upstream task itself can be in; `uncertain` is ours alone. */
export type UpstreamStatus = Exclude<JobStatus, 'uncertain'>;

export const FINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'uncertain'];

/** Failed and uncertain tasks can be submitted again with the same inputs. */
export function isRetryable(status: JobStatus): boolean {
  return status === 'failed' || status === 'uncertain';
}

export function isFinal(status: JobStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export const STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  in_progress: 'In progress',
  completed: 'Completed',
  failed: 'Failed',
  uncertain: 'Uncertain',
};

/** An upstream task, after tolerant parsing. Produced only by `normalizeUpstreamTask`. */
export interface UpstreamTask {
  id: string;
  status: UpstreamStatus;
  /** False when upstream used a status word we do not know (treated as still running). */
  statusKnown: boolean;
  /** The word upstream used, kept for logs ("succeeded", "processing", something new…). */
  rawStatus: string;
  /** 0–100, or null when upstream did not say (or said something out of range). */
  progress: number | null;
  /** Result image URLs in upstream order; empty until completed. */
  resultUrls: string[];
  error: { code: string; message: string } | null;
  /** What upstream said the task cost, when it said (`lib/cost/actual-cost.ts`); none is documented for images. */
  actualCost?: { micros: number; currency: string | null; source: string } | null;
  createdAt: Date | null;
  completedAt: Date | null;
  expiresAt: Date | null;
}

/** A stored image as the browser knows it. URLs are our own origin, never upstream's. */
export interface AssetView {
  id: string;
  filename: string;
  mime: string;
  bytes: number;
  /** SHA-256 of the original bytes: the same image added twice is recognised by content, not by name. */
  sha256: string;
  /** Displayed size, after EXIF orientation. */
  width: number;
  height: number;
  url: string;
  thumbUrl: string;
  /** A result's thumbnails by width (`srcset`), so a small tile loads and decodes the small one. */
  thumbSrcSet?: string;
}

export interface JobResultView {
  position: number;
  /** What the gallery shows, downloads, shares and zips: the restored image when Keep unmasked pixels applied. */
  asset: AssetView;
  downloadUrl: string;
  /** The model's own output ("As generated") when it is kept apart from `asset`; null otherwise. */
  generatedAssetId?: string | null;
  generatedUrl?: string | null;
  generatedDownloadUrl?: string | null;
  /** Keep unmasked pixels: what restoring this result did, and the model's drift outside the mask. */
  restore?: RestoreView;
  /** Stars and the team's decision, as the viewer sees them (gallery pages only). */
  curation?: ResultCuration;
}

/** A result's curation for the person viewing it. */
export interface ResultCuration {
  /** Whether the viewer starred it. */
  starred: boolean;
  /** How many people starred it. */
  stars: number;
  approval: { decision: 'approved' | 'rejected'; byName: string | null; at: string } | null;
}

/** The job as the gallery shows it. */
export interface Job {
  id: string;
  status: JobStatus;
  progress: number;
  prompt: string;
  options: GenerationOptions;
  engine: EngineKind;
  references: AssetView[];
  hasMask: boolean;
  /** The exact mask the task used (alpha 0 = repaint), for Edit again. */
  mask: AssetView | null;
  /** The start point the job was made from; Edit again restores it. */
  startPoint: StartPoint | null;
  results: JobResultView[];
  /** A sentence fit for the user when failed or uncertain; never upstream HTML, never the key. */
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Set when the first image is an expanded canvas (outpainting), and for each task of a ratio set. */
  expansion?: JobExpansion | null;
  /** Who asked for it (a person's id; null: from before people, so the owner's), and their name when known. */
  createdBy?: string | null;
  createdByName?: string | null;
  /**
   * What the task costs in the team's currency (micros): the actual figure upstream reported, else the estimate
   * reserved at submit; `released` when it was never billed (failed before upstream took it). Absent: not recorded.
   */
  cost?: JobCost | null;
}

export interface JobCost {
  micros: number;
  currency: string;
  actual: boolean;
  released: boolean;
}

/** How a task's first image was expanded, as the gallery and Edit again see it. */
export interface JobExpansion {
  /** The ratio set this task belongs to, or null for a single expanded task. */
  setId: string | null;
  ratio: FixedRatio;
  /** The frame as the user set it, in the original's pixels: what Edit again reopens. */
  frame: ExpandFrame;
  placement: Placement;
  /** The padded image's size as sent (the frame, scaled down when it passed the caps). */
  canvas: Size;
  offset: { x: number; y: number };
  scale: number;
  /** The original the user expanded, and the mask painted on it (null: only the new area is repainted). */
  source: AssetView | null;
  paintedMask: AssetView | null;
}
