import type { LineageStep } from '@/lib/jobs/lineage';
import type { AssetView, Job, JobResultView } from '@/lib/jobs/types';

/** One image the lightbox can show: a result from the gallery, or a version from a result's chain. */
export interface LightboxItem {
  key: string;
  asset: AssetView;
  /** "Result 2 of 3", "Base: coffee.png", "v1" … : the dialog's name. */
  label: string;
  /** Short name inside sentences: "result 2". */
  short: string;
  prompt: string;
  /** The task's references (base first), for Compare; empty for a version shown from the strip. */
  references: AssetView[];
  /** The result this is, for its chain; null for a base. */
  result: { jobId: string; position: number } | null;
  /** The gallery's own view of the result (restoration, the model's own output); absent for a version from the strip. */
  view?: JobResultView;
}

/** Every result the gallery has loaded, in its order: the lightbox's arrow keys walk this list. */
export function galleryItems(jobs: readonly Job[]): LightboxItem[] {
  return jobs.flatMap((job) =>
    job.results.map((result, index) => ({
      key: `${job.id}/${result.position}`,
      asset: result.asset,
      label: `Result ${index + 1} of ${job.results.length}`,
      short: `result ${index + 1}`,
      prompt: job.prompt,
      references: job.references,
      result: { jobId: job.id, position: result.position },
      view: result,
    })),
  );
}

/** A version from the strip that the gallery has not loaded (an older page), shown on its own. */
export function stepItem(step: LineageStep, label: string): LightboxItem {
  return step.kind === 'base'
    ? {
        key: step.asset.id,
        asset: step.asset,
        label: `Base: ${step.asset.filename}`,
        short: 'the base',
        prompt: '',
        references: [],
        result: null,
      }
    : {
        key: `${step.jobId}/${step.position}`,
        asset: step.asset,
        label: `Version ${label}`,
        short: label,
        prompt: step.prompt,
        references: [],
        result: { jobId: step.jobId, position: step.position },
      };
}
