import 'server-only';
import { and, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import { budgetRefusal, monthPeriod, wouldCross, type BudgetState } from '@/lib/cost/budget';
import type { ActualCost } from '@/lib/cost/actual-cost';
import { fromMicros } from '@/lib/cost/money';
import { crossesNearlyUsed } from '@/lib/webhooks/events';
import { serverEnv } from '../env';
import { getDb, type Db } from '../storage/db';
import { enqueueWebhookEvent } from '../webhooks/enqueue';
import { budgets, costLedger, jobs, type CostLedgerRow, type JobRow, WORK_KINDS } from '../storage/schema';
import { personScope, TEAM_SCOPE } from './settings';

/*
 * The ledger's life: a task's estimate is reserved in the same transaction that records the task (so a submission
 * that would cross a budget is refused before anything exists, and a dying instance cannot leave a reservation
 * without its task); it is settled (spent: the actual figure when upstream gave one) or released (not billed) when
 * the task ends; a sweep on every instance settles or releases what a dead instance left reserved.
 */

export type WorkKind = (typeof WORK_KINDS)[number];

export interface Reservation {
  personId: string;
  kind: WorkKind;
  estimateMicros: number;
  images: number;
  currency: string;
}

type Queryable = Pick<Db, 'select' | 'insert' | 'update'>;
type NewJobRow = Omit<typeof jobs.$inferInsert, 'status' | 'phase'>;

/** The budgets that apply to this person, with what this month already used (spent + reserved). */
async function budgetStates(db: Queryable, personId: string, now: Date): Promise<BudgetState[]> {
  const { start } = monthPeriod(now);
  const personKey = personScope(personId);
  const limits = await db
    .select()
    .from(budgets)
    .where(inArray(budgets.scope, [TEAM_SCOPE, personKey]));
  const used = sql<string>`coalesce(sum(coalesce(${costLedger.actualMicros}, ${costLedger.estimateMicros})), 0)`;
  const counted = and(ne(costLedger.state, 'released'), gte(costLedger.createdAt, start));
  const states: BudgetState[] = [];
  // The team's first: when both would be crossed, the wider one is named.
  for (const scope of [TEAM_SCOPE, personKey]) {
    const limit = limits.find((row) => row.scope === scope)?.limitMicros;
    if (limit === null || limit === undefined) continue;
    const [row] = await db
      .select({ used })
      .from(costLedger)
      .where(scope === TEAM_SCOPE ? counted : and(counted, eq(costLedger.personId, personId)));
    states.push({
      name: scope === TEAM_SCOPE ? teamBudgetName() : 'your monthly budget',
      scope,
      limitMicros: limit,
      usedMicros: Number(row?.used ?? 0),
    });
  }
  return states;
}

function teamBudgetName(): string {
  return serverEnv().authMode === 'accounts' ? 'the team’s monthly budget' : 'the studio’s monthly budget';
}

function refusalIfCrossing(states: BudgetState[], micros: number, currency: string, now: Date): Result<void> {
  const crossed = states.find((state) => wouldCross(state, micros));
  if (!crossed) return ok(undefined);
  return fail('budget:exceeded', budgetRefusal(crossed, micros, currency, monthPeriod(now)), { field: 'budget' });
}

/**
 * Would spending `micros` more now cross a budget of this person or the team? A read without locks, for refusing
 * early (before a mask is stored or a batch starts); the reservation itself checks again under the lock.
 */
export async function checkBudget(personId: string, micros: number, currency: string): Promise<Result<void>> {
  const db = await getDb();
  const now = new Date();
  return refusalIfCrossing(await budgetStates(db, personId, now), micros, currency, now);
}

/**
 * Records a task and reserves its estimate in one transaction, under a lock on the team's budget row: two instances
 * reserving at once take turns, so they cannot both spend the last of a budget. The same idempotency key finds the
 * task already made (and reserves nothing again). Refused, it records nothing.
 */
export async function insertJobReserving(
  db: Db,
  job: NewJobRow,
  reservation: Reservation,
): Promise<Result<{ row: JobRow; created: boolean }>> {
  return db.transaction(async (tx) => {
    const existing = await findByKey(tx, job.idempotencyKey);
    if (existing) return ok({ row: existing, created: false });
    await tx.insert(budgets).values({ scope: TEAM_SCOPE, limitMicros: null }).onConflictDoNothing();
    await tx.select({ scope: budgets.scope }).from(budgets).where(eq(budgets.scope, TEAM_SCOPE)).for('update');
    const now = new Date();
    const states = await budgetStates(tx, reservation.personId, now);
    const allowed = refusalIfCrossing(states, reservation.estimateMicros, reservation.currency, now);
    if (!allowed.ok) return allowed;
    const [row] = await tx
      .insert(jobs)
      .values({ ...job, status: 'queued', phase: 'upload' })
      .onConflictDoNothing({ target: jobs.idempotencyKey })
      .returning();
    if (!row) {
      const raced = await findByKey(tx, job.idempotencyKey);
      if (!raced) throw new Error('Job vanished between insert and select');
      return ok({ row: raced, created: false });
    }
    await tx.insert(costLedger).values({
      jobId: row.id,
      personId: reservation.personId,
      kind: reservation.kind,
      engine: row.engine,
      currency: reservation.currency,
      images: reservation.images,
      estimateMicros: reservation.estimateMicros,
    });
    // Only the reservation that crosses the line tells (under the lock, so once; again only if released work
    // brought the budget back below it).
    for (const state of states) {
      const after = state.usedMicros + reservation.estimateMicros;
      if (!crossesNearlyUsed(state.limitMicros, state.usedMicros, after)) continue;
      await enqueueWebhookEvent(tx, 'budget.nearly_used', {
        budget: state.scope === TEAM_SCOPE ? 'team' : 'person',
        personId: state.scope === TEAM_SCOPE ? null : reservation.personId,
        limit: fromMicros(state.limitMicros),
        used: fromMicros(after),
        currency: reservation.currency,
        resetsAt: monthPeriod(now).resetsAt.toISOString(),
      });
    }
    return ok({ row, created: true });
  });
}

async function findByKey(db: Queryable, key: string): Promise<JobRow | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.idempotencyKey, key)).limit(1);
  return row ?? null;
}

/** The kind of work a task's ledger row says it was (a Retry is the same kind of work as its original). */
export async function workKindOf(jobId: string): Promise<WorkKind | null> {
  const db = await getDb();
  const [row] = await db.select({ kind: costLedger.kind }).from(costLedger).where(eq(costLedger.jobId, jobId));
  return row?.kind ?? null;
}

/**
 * Keeps what upstream said a task cost. A figure in another currency than the task was estimated in cannot be
 * compared with budgets, so it is logged and the estimate stands.
 */
export async function recordActualCost(jobId: string, cost: ActualCost): Promise<void> {
  const db = await getDb();
  const [row] = await db.select().from(costLedger).where(eq(costLedger.jobId, jobId)).limit(1);
  if (!row) return;
  if (cost.currency && cost.currency !== row.currency) {
    console.warn(
      `[overpaint] job ${jobId}: upstream reported its cost in ${cost.currency} (${cost.source}), the prices are in ${row.currency}; keeping the estimate`,
    );
    return;
  }
  await db.update(costLedger).set({ actualMicros: cost.micros }).where(eq(costLedger.jobId, jobId));
}

/**
 * Failures after which the task may well have been billed: the create may have reached upstream (uncertain), it
 * was left running upstream (deadline, stuck), or the images were made and only the download failed.
 */
const MAYBE_BILLED = new Set(['uncertain', 'deadline', 'stuck', 'download_failed']);

/** What a reservation becomes once its task is in this state; null while the task is still running. */
export function outcomeFor(job: JobRow | null, actualMicros: number | null): 'settled' | 'released' | null {
  if (!job) return 'released'; // vanished: nothing will ever bill through it
  if (job.phase !== 'done') return null;
  if (job.status === 'completed' || actualMicros !== null) return 'settled';
  if (MAYBE_BILLED.has(job.errorCode ?? '')) return 'settled';
  // Cancelled after the create: upstream may still finish it and bill it.
  if (job.errorCode === 'cancelled') return job.upstreamId ? 'settled' : 'released';
  // Failed before a create (upload, refusal) or failed upstream: not billed.
  return 'released';
}

/** Settles or releases a task's reservation if it has ended. Idempotent: only a reserved row changes. */
export async function settleJobCost(jobId: string): Promise<void> {
  const db = await getDb();
  const [entry] = await db
    .select()
    .from(costLedger)
    .where(and(eq(costLedger.jobId, jobId), eq(costLedger.state, 'reserved')))
    .limit(1);
  if (!entry) return;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId)).limit(1);
  await endReservation(db, entry, job ?? null);
}

async function endReservation(db: Queryable, entry: CostLedgerRow, job: JobRow | null): Promise<boolean> {
  const outcome = outcomeFor(job, entry.actualMicros);
  if (!outcome) return false;
  const updated = await db
    .update(costLedger)
    .set({ state: outcome, endedAt: new Date() })
    .where(and(eq(costLedger.jobId, entry.jobId), eq(costLedger.state, 'reserved')))
    .returning({ jobId: costLedger.jobId });
  return updated.length > 0;
}

const SWEEP_BATCH = 200;

/**
 * Settles or releases reservations whose task ended or vanished without it being done at the time (an instance
 * died between the two writes). Safe on every instance at once: each row changes once. Returns how many changed.
 */
export async function sweepReservations(): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ entry: costLedger, job: jobs })
    .from(costLedger)
    .leftJoin(jobs, eq(jobs.id, costLedger.jobId))
    .where(and(eq(costLedger.state, 'reserved'), sql`(${jobs.id} is null or ${jobs.phase} = 'done')`))
    .limit(SWEEP_BATCH);
  let changed = 0;
  for (const { entry, job } of rows) if (await endReservation(db, entry, job)) changed++;
  return changed;
}
