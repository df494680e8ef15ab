/**
 * The actual cost an upstream task reports, when it reports one. The documented image task carries none
 * (api-contract §3.3), but relays and video tasks add `usage`, `cost` or billing fields with several spellings, so
 * every likely spot is read and the first money figure wins. Tokens alone are not money: they are not converted.
 */
import { toMicros } from './money';

export interface ActualCost {
  micros: number;
  /** The currency the answer names, upper-cased; null when it names none (then it is taken as the team's). */
  currency: string | null;
  /** Where it was found, e.g. `usage.total_cost`, for the operator's log. */
  source: string;
}

/** Containers a cost may sit in, outermost first; `''` is the task itself. */
const CONTAINERS = ['', 'usage', 'billing', 'cost', 'data', 'data.usage', 'data.billing', 'result.usage', 'metadata'];
/** Names a money figure goes by, most specific first. */
const AMOUNT_KEYS = [
  'total_cost',
  'totalCost',
  'cost_usd',
  'costUsd',
  'cost',
  'price',
  'amount',
  'charge',
  'charged',
  'billed',
  'billed_amount',
  'quota_cost',
];
const CURRENCY_KEYS = ['currency', 'currency_code', 'currencyCode', 'unit'];

export function readActualCost(json: unknown): ActualCost | null {
  for (const path of CONTAINERS) {
    const box = path === '' ? json : at(json, path);
    if (!isRecord(box)) continue;
    for (const key of AMOUNT_KEYS) {
      const amount = asAmount(box[key]);
      if (amount === null) continue;
      const usdByName = /usd/i.test(key);
      const currency = usdByName ? 'USD' : (readCurrency(box) ?? (path === '' ? null : readCurrency(json)));
      return { micros: toMicros(amount), currency, source: path ? `${path}.${key}` : key };
    }
  }
  return null;
}

function readCurrency(box: unknown): string | null {
  if (!isRecord(box)) return null;
  for (const key of CURRENCY_KEYS) {
    const value = box[key];
    if (typeof value === 'string' && /^[A-Za-z]{3}$/.test(value.trim())) return value.trim().toUpperCase();
  }
  return null;
}

/** A finite, non-negative number, or a numeric string ("0.04", "$0.04"); anything else is not an amount. */
function asAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value === 'string') {
    const match = /^\s*[$€£]?\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
    return match ? Number(match[1]) : null;
  }
  return null;
}

function at(json: unknown, path: string): unknown {
  let here: unknown = json;
  for (const key of path.split('.')) {
    if (!isRecord(here)) return undefined;
    here = here[key];
  }
  return here;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
