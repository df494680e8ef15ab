import 'server-only';
import { sql, type SQL } from 'drizzle-orm';

/**
 * Every place an asset id is kept, as one SQL query of ids: what the collector must never free. A new column or
 * table that keeps an asset id (or a blob's sha256) MUST be added here (or to `BLOB_REFERENCES`);
 * `references.test.ts` walks the schema and fails for a column it does not know.
 */
export const LIVE_ASSET_IDS: SQL = sql`
  select jsonb_array_elements_text(reference_ids) from jobs
  union select mask_id from jobs where mask_id is not null
  union select asset_id from job_results
  union select jsonb_array_elements_text(reference_ids) from drafts
  union select mask_id from drafts where mask_id is not null
  union select expand ->> 'baseId' from drafts where expand is not null
  union select source_id from job_expansions
  union select painted_mask_id from job_expansions where painted_mask_id is not null
  union select generated_asset_id from result_restores
  union select jsonb_array_elements_text(reference_ids) from recipes
  union select mask_id from recipes where mask_id is not null
  union select jsonb_array_elements_text(recipe -> 'referenceIds') from batches
  union select mask_id from batches where mask_id is not null
  union select asset_id from batch_items`;

/** Where blobs are named: an asset's bytes and its thumbnail, and a share link's stored preview image. */
export const BLOB_REFERENCES = [
  'assets.sha256',
  'assets.thumb_sha256',
  'assets.small_thumb_sha256',
  'share_previews.preview_sha256',
] as const;

/** Columns that keep an asset id, by table (for the schema walk in the test). */
export const ASSET_ID_COLUMNS = {
  jobs: ['reference_ids', 'mask_id'],
  job_results: ['asset_id'],
  drafts: ['reference_ids', 'mask_id', 'expand'],
  job_expansions: ['source_id', 'painted_mask_id'],
  result_restores: ['generated_asset_id'],
  recipes: ['reference_ids', 'mask_id'],
  batches: ['recipe', 'mask_id'],
  batch_items: ['asset_id'],
} as const;
