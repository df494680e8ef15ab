import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { LineageStep } from '@/lib/jobs/lineage';
import { assetView, findAsset } from '../assets';
import { findExpansions } from '../expand/repository';
import { findJobRow } from '../jobs/repository';
import { getDb } from '../storage/db';
import { assetOrigins, jobResults, type AssetRow } from '../storage/schema';

/** A chain longer than this is cut at its oldest end: the strip stays readable and the walk bounded. */
export const MAX_LINEAGE_STEPS = 32;

async function resultAsset(jobId: string, position: number): Promise<AssetRow | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(jobResults)
    .where(and(eq(jobResults.jobId, jobId), eq(jobResults.position, position)))
    .limit(1);
  return row ? findAsset(row.assetId) : null;
}

/**
 * The chain a result came from, oldest first: the first base, then each result that became the next task's base,
 * ending with this result. An expanded task's base is the original the user expanded, not the padded frame.
 * Null when the result does not exist.
 */
export async function lineageOf(jobId: string, position: number): Promise<LineageStep[] | null> {
  const db = await getDb();
  const steps: LineageStep[] = [];
  const seen = new Set<string>();
  let current: { jobId: string; position: number } | null = { jobId, position };
  while (current && steps.length < MAX_LINEAGE_STEPS && !seen.has(current.jobId)) {
    seen.add(current.jobId);
    const job = await findJobRow(current.jobId);
    const asset = job && (await resultAsset(current.jobId, current.position));
    if (!job || !asset) break;
    steps.unshift({
      kind: 'result',
      asset: assetView(asset),
      jobId: job.id,
      position: current.position,
      prompt: job.prompt,
    });
    const expansion = (await findExpansions([job.id])).get(job.id);
    const baseId = expansion?.source?.id ?? job.referenceIds[0];
    if (!baseId) break;
    const [origin] = await db.select().from(assetOrigins).where(eq(assetOrigins.assetId, baseId)).limit(1);
    if (origin) {
      current = { jobId: origin.fromJobId, position: origin.fromPosition };
      continue;
    }
    const base = await findAsset(baseId);
    if (base) steps.unshift({ kind: 'base', asset: assetView(base) });
    current = null;
  }
  return steps.length > 0 ? steps : null;
}
