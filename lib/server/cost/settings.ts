import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { fail, ok, type Result } from '@/lib/errors';
import { pricingFor, type Pricing } from '@/lib/cost/estimate';
import { DEFAULT_PRICE_TABLE, priceTableSchema, type PriceTable } from '@/lib/cost/prices';
import { toMicros } from '@/lib/cost/money';
import { serverEnv } from '../env';
import { getDb } from '../storage/db';
import { budgets, costSettings } from '../storage/schema';

const SETTINGS_ID = 'studio';
export const TEAM_SCOPE = 'team';

export function personScope(personId: string): string {
  return `person:${personId}`;
}

export interface CostSettings {
  prices: PriceTable;
  /** Generate asks for a confirmation above this; null: never. */
  confirmAboveMicros: number | null;
  /** The team's (open studio: the studio's) monthly budget; null: none. */
  teamBudgetMicros: number | null;
}

/** What an admin set, or the documented default prices with no threshold and no budget. */
export async function loadCostSettings(): Promise<CostSettings> {
  const db = await getDb();
  const [row] = await db.select().from(costSettings).where(eq(costSettings.id, SETTINGS_ID)).limit(1);
  const [team] = await db.select().from(budgets).where(eq(budgets.scope, TEAM_SCOPE)).limit(1);
  const prices = row ? priceTableSchema.safeParse(row.prices) : null;
  return {
    prices: prices?.success ? prices.data : DEFAULT_PRICE_TABLE,
    confirmAboveMicros: row?.confirmAboveMicros ?? null,
    teamBudgetMicros: team?.limitMicros ?? null,
  };
}

/** The model the engine in use sends upstream (the offline engine is priced free whatever the model). */
export function pricedModel(): { model: string; engine: 'toapis' | 'offline' } {
  const env = serverEnv();
  return { model: env.toapis.model, engine: env.engine };
}

/** The prices a submission made now is estimated with. */
export async function currentPricing(): Promise<Pricing> {
  const { prices } = await loadCostSettings();
  const { model, engine } = pricedModel();
  return pricingFor(prices, model, engine);
}

export interface CostSettingsInput {
  prices: unknown;
  /** Currency units as typed ("5", "12.50"), or empty for none. */
  confirmAbove: string;
  teamBudget: string;
}

/** Saves prices, threshold and the team budget; each problem names its field. */
export async function saveCostSettings(input: CostSettingsInput, actorId: string): Promise<Result<CostSettings>> {
  const prices = priceTableSchema.safeParse(input.prices);
  if (!prices.success) {
    const issue = prices.error.issues[0];
    const field = issue?.path.join('.') || 'prices';
    const label = priceFieldLabel((issue?.path ?? []).map(String));
    return fail('form:invalid', `${label}: ${issue?.message ?? 'invalid value'}`, { field });
  }
  const confirmAbove = parseAmount(input.confirmAbove, 'Confirm above', 'confirmAbove');
  if (!confirmAbove.ok) return confirmAbove;
  const teamBudget = parseAmount(input.teamBudget, 'Monthly budget', 'teamBudget');
  if (!teamBudget.ok) return teamBudget;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const values = {
      id: SETTINGS_ID,
      prices: prices.data,
      confirmAboveMicros: confirmAbove.data,
      updatedBy: actorId,
      updatedAt: new Date(),
    };
    await tx.insert(costSettings).values(values).onConflictDoUpdate({ target: costSettings.id, set: values });
    await tx
      .insert(budgets)
      .values({ scope: TEAM_SCOPE, limitMicros: teamBudget.data })
      .onConflictDoUpdate({ target: budgets.scope, set: { limitMicros: teamBudget.data, updatedAt: new Date() } });
  });
  return ok(await loadCostSettings());
}

/** Each person's monthly budget, by person id; people without one are absent. */
export async function personBudgets(personIds: readonly string[]): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select()
    .from(budgets)
    .where(inArray(budgets.scope, personIds.map(personScope)));
  const found = new Map<string, number>();
  for (const row of rows) if (row.limitMicros !== null) found.set(row.scope.slice('person:'.length), row.limitMicros);
  return found;
}

/** Sets (or, given an empty field, removes) one person's monthly budget. */
export async function savePersonBudget(personId: string, typed: string): Promise<Result<number | null>> {
  const amount = parseAmount(typed, 'Monthly budget', 'monthlyBudget');
  if (!amount.ok) return amount;
  const db = await getDb();
  await db
    .insert(budgets)
    .values({ scope: personScope(personId), limitMicros: amount.data })
    .onConflictDoUpdate({ target: budgets.scope, set: { limitMicros: amount.data, updatedAt: new Date() } });
  return ok(amount.data);
}

/** "12.50" → micros; "" → null (none). A sentence naming the field otherwise. */
export function parseAmount(typed: string, label: string, field: string): Result<number | null> {
  const text = typed.trim();
  if (text === '') return ok(null);
  if (!/^\d{1,9}(\.\d{1,6})?$/.test(text)) {
    return fail('form:invalid', `${label}: enter an amount such as 25 or 12.50, or leave it empty for none.`, {
      field,
    });
  }
  return ok(toMicros(Number(text)));
}

function priceFieldLabel(parts: string[]): string {
  if (parts[0] === 'currency') return 'Currency';
  // models.<model>.perImage.<quality>.<resolution> | models.<model>.perInputImage
  if (parts[2] === 'perImage') return `Price of one ${parts[3]} quality ${parts[4]} image`;
  if (parts[2] === 'perInputImage') return 'Price per input image';
  return 'Prices';
}
