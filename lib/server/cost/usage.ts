import 'server-only';
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { daysOf, KIND_LABELS, type UsageFigure, type UsagePeriod, type UsageReport } from '@/lib/cost/usage';
import { peopleNames } from '../people/directory';
import { getDb } from '../storage/db';
import { boardItems, boards, costLedger } from '../storage/schema';
import { loadCostSettings } from './settings';

/** A year of heavy use fits; past this the page says so rather than loading without end. */
export const MAX_USAGE_TASKS = 50_000;

/**
 * Where the money went in a period: per day, per person, per board and per kind of work, and the tasks themselves
 * for the CSV. A task on several boards counts in full on each (a board's spend is what its images cost).
 */
export async function usageReport(period: UsagePeriod): Promise<UsageReport & { truncated: boolean }> {
  const db = await getDb();
  const start = new Date(`${period.from}T00:00:00Z`);
  const end = new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000);
  const rows = await db
    .select()
    .from(costLedger)
    .where(and(gte(costLedger.createdAt, start), lt(costLedger.createdAt, end)))
    .orderBy(asc(costLedger.createdAt), asc(costLedger.jobId))
    .limit(MAX_USAGE_TASKS + 1);
  const truncated = rows.length > MAX_USAGE_TASKS;
  const entries = rows.slice(0, MAX_USAGE_TASKS);

  const jobIds = entries.map((row) => row.jobId);
  const onBoards = new Map<string, { id: string; name: string }[]>();
  for (let i = 0; i < jobIds.length; i += 1000) {
    const chunk = jobIds.slice(i, i + 1000);
    const found = await db
      .selectDistinct({ jobId: boardItems.jobId, boardId: boards.id, name: boards.name })
      .from(boardItems)
      .innerJoin(boards, eq(boards.id, boardItems.boardId))
      .where(inArray(boardItems.jobId, chunk));
    for (const item of found) {
      const list = onBoards.get(item.jobId) ?? [];
      list.push({ id: item.boardId, name: item.name });
      onBoards.set(item.jobId, list);
    }
  }
  const names = await peopleNames(entries.map((row) => row.personId));
  const settings = await loadCostSettings();

  const byDay = new Map(daysOf(period).map((day) => [day, 0]));
  const byPerson = new Map<string, UsageFigure>();
  const byBoard = new Map<string, UsageFigure>();
  const byKind = new Map<string, UsageFigure>();
  const add = (into: Map<string, UsageFigure>, key: string, label: string, micros: number) => {
    const figure = into.get(key) ?? { key, label, micros: 0, tasks: 0 };
    figure.micros += micros;
    figure.tasks += 1;
    into.set(key, figure);
  };
  let totalMicros = 0;
  let inFlightMicros = 0;
  for (const row of entries) {
    if (row.state === 'released') continue;
    const micros = row.actualMicros ?? row.estimateMicros;
    totalMicros += micros;
    if (row.state === 'reserved') inFlightMicros += micros;
    const day = row.createdAt.toISOString().slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + micros);
    add(byPerson, row.personId, names.get(row.personId) ?? 'Someone no longer here', micros);
    add(byKind, row.kind, KIND_LABELS[row.kind] ?? row.kind, micros);
    for (const board of onBoards.get(row.jobId) ?? []) add(byBoard, board.id, board.name, micros);
  }
  let running = 0;
  const days = [...byDay.entries()].map(([day, micros]) => {
    running += micros;
    return { day, micros, cumulativeMicros: running };
  });
  const sorted = (map: Map<string, UsageFigure>) => [...map.values()].sort((a, b) => b.micros - a.micros);
  return {
    currency: settings.prices.currency,
    from: period.from,
    to: period.to,
    totalMicros,
    inFlightMicros,
    byDay: days,
    byPerson: sorted(byPerson),
    byBoard: sorted(byBoard),
    byKind: sorted(byKind),
    budgetMicros: settings.teamBudgetMicros,
    tasks: entries.map((row) => ({
      jobId: row.jobId,
      createdAt: row.createdAt.toISOString(),
      person: names.get(row.personId) ?? row.personId,
      kind: row.kind,
      boards: (onBoards.get(row.jobId) ?? []).map((board) => board.name).join('; '),
      state: row.state,
      estimateMicros: row.estimateMicros,
      actualMicros: row.actualMicros,
    })),
    truncated,
  };
}
