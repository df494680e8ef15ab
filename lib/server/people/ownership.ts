import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../storage/db';
import { LOCAL_OWNER } from '../auth/actor';

/**
 * Columns that say who made a row (`created_by`). Work made before accounts existed has NULL there, or the built-in
 * owner's id `local`: when the first owner account is created, all of it becomes theirs. One list, so a new
 * attributed table is claimed by adding one entry.
 */
export const CREATOR_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'jobs', column: 'created_by' },
  { table: 'assets', column: 'created_by' },
  { table: 'shares', column: 'created_by' },
  { table: 'presets', column: 'created_by' },
  { table: 'boards', column: 'created_by' },
  { table: 'board_shares', column: 'created_by' },
];

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Inside the owner's creation: every row with no creator (or the built-in owner) becomes `ownerId`'s. */
export async function claimUnownedWork(tx: Tx | Db, ownerId: string): Promise<void> {
  for (const { table, column } of CREATOR_COLUMNS) {
    await tx.execute(
      sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${ownerId}
          where ${sql.identifier(column)} is null or ${sql.identifier(column)} = ${LOCAL_OWNER.id}`,
    );
  }
}
