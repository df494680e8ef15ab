/**
 * The collector frees assets and blobs nothing references; "nothing" is the list in references.ts. This walks the
 * whole schema so a column added later that may keep an asset id or a blob hash cannot be forgotten there.
 */
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../storage/schema';
import { ASSET_ID_COLUMNS, BLOB_REFERENCES } from './references';

/** Columns whose names look like references but are not to our assets (upstream URLs, ids of other things). */
const NOT_ASSET_REFERENCES = new Set([
  'upstream_tasks.image_urls',
  'upstream_tasks.mask_url',
  'jobs.upstream_result_urls',
  // Lineage notes on an asset (cascade-deleted with it): a reference's origin never keeps the reference alive.
  'asset_origins.asset_id',
  // A person's picture: a URL their identity provider gives, never one of our assets.
  'people.image',
  // A recipe's mask rule is a shape or a word (subject, background); its painted mask is in recipes.mask_id.
  'recipes.mask_rule',
  // How many images a cost entry paid for: a count, not an asset.
  'cost_ledger.images',
]);
const REFERENCE_WORDS = new Set([
  'asset',
  'mask',
  'reference',
  'source',
  'base',
  'thumb',
  'sha256',
  'image',
  'expand',
  'blob',
  'file',
  'preview',
  'og',
]);
const looksLikeAReference = (column: string) =>
  column.split('_').some((word) => REFERENCE_WORDS.has(word.replace(/s$/, '')));

describe('what the storage collector counts as referenced', () => {
  it('names every column in the schema that may keep an asset id or a blob hash', () => {
    const known = new Set([
      ...Object.entries(ASSET_ID_COLUMNS).flatMap(([table, columns]) => columns.map((column) => `${table}.${column}`)),
      ...BLOB_REFERENCES,
      'assets.id',
    ]);
    const unknown: string[] = [];
    let tables = 0;
    for (const value of Object.values(schema)) {
      if (!(value instanceof PgTable)) continue;
      tables += 1;
      const config = getTableConfig(value);
      for (const column of config.columns) {
        const name = `${config.name}.${column.name}`;
        if (known.has(name) || NOT_ASSET_REFERENCES.has(name)) continue;
        if (looksLikeAReference(column.name)) unknown.push(name);
      }
    }
    expect(tables).toBeGreaterThan(10);
    // A failure here: add the column to lib/server/gc/references.ts (LIVE_ASSET_IDS and ASSET_ID_COLUMNS, or
    // BLOB_REFERENCES and the blob sweep in collect.ts), or to NOT_ASSET_REFERENCES above if it is not ours.
    expect(unknown).toEqual([]);
  });
});
