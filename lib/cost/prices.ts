/**
 * The price table: what one image costs per model, by quality × resolution, plus what one input image adds, in the
 * team's currency. Every figure is an estimate: the provider bills what it bills, and an actual figure reported on a
 * task (`actual-cost.ts`) wins over these. Plain TypeScript, shared by the form, the server and the batch.
 */
import { z } from 'zod';
import { QUALITIES, RESOLUTIONS, type Quality, type Resolution } from '@/lib/jobs/options';

/** Prices are typed in currency units (0.05); the largest one image can reasonably cost is far below this. */
const MAX_PRICE = 1000;

const priceSchema = z
  .number({ message: 'Enter a price as a number, for example 0.05.' })
  .finite()
  .min(0, 'A price cannot be negative.')
  .max(MAX_PRICE, `A price can be at most ${MAX_PRICE}.`);

const byResolution = z.object(
  Object.fromEntries(RESOLUTIONS.map((r) => [r, priceSchema])) as Record<Resolution, typeof priceSchema>,
);

export const modelPricesSchema = z.object({
  /** Price of one output image: `perImage[quality][resolution]`. */
  perImage: z.object(
    Object.fromEntries(QUALITIES.map((q) => [q, byResolution])) as Record<Quality, typeof byResolution>,
  ),
  /** What each input image (a reference, the base) adds to a task, once per task: providers bill input tokens. */
  perInputImage: priceSchema,
});
export type ModelPrices = z.infer<typeof modelPricesSchema>;

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'The currency is a three-letter code such as USD or EUR.')
  .refine(
    (code) => isKnownCurrency(code),
    'This currency code is not one the browser can show; use ISO 4217 (USD, EUR, GBP…).',
  );

export const priceTableSchema = z.object({
  currency: currencySchema,
  /** Keyed by the model id sent upstream (`TOAPIS_MODEL`). */
  models: z.record(z.string().trim().min(1).max(200), modelPricesSchema),
});
export type PriceTable = z.infer<typeof priceTableSchema>;

export const DEFAULT_MODEL = 'gpt-image-1.5-official';

/**
 * Where the default figures come from (shown in Settings next to the table):
 * - 1k: OpenAI's published per-image prices for GPT Image 1.5 (openai.com/api/pricing, as listed from its launch on
 *   16 December 2025 and still on 24 March 2026): 1024×1024 low $0.009 / medium $0.034 / high $0.133, and
 *   1536×1024 or 1024×1536 low $0.013 / medium $0.05 / high $0.20. Most 1k ratios here are larger than a square, so
 *   the table takes the larger row.
 * - 2k and 4k: OpenAI publishes no row for them; they are the 1k price scaled by pixel count (a 2k image has about
 *   3 × the pixels of a 1536×1024 one, a 4k image about 5 ×). An assumption, rounded up.
 * - Input images: input image tokens at $8 per million, about 1,300 tokens for one image: about $0.01.
 * ToAPIs resells the model at its own price, which may differ: admins should enter what their account is charged.
 */
export const DEFAULT_PRICES_SOURCE =
  'Defaults (USD) from OpenAI’s published GPT Image 1.5 per-image prices as of March 2026 (1k = the 1536×1024 row: ' +
  'low $0.013, medium $0.05, high $0.20), with 2k and 4k scaled by pixel count (×3 and ×5, an assumption) and about ' +
  '$0.01 per input image (input tokens at $8 per million). ToAPIs may charge differently: enter your own prices.';
export const DEFAULT_PRICES_AS_OF = '2026-03-24';

const DEFAULT_MODEL_PRICES: ModelPrices = {
  perImage: {
    low: { '1k': 0.013, '2k': 0.039, '4k': 0.065 },
    medium: { '1k': 0.05, '2k': 0.15, '4k': 0.25 },
    high: { '1k': 0.2, '2k': 0.6, '4k': 1.0 },
  },
  perInputImage: 0.01,
};

export const DEFAULT_PRICE_TABLE: PriceTable = {
  currency: 'USD',
  models: { [DEFAULT_MODEL]: DEFAULT_MODEL_PRICES },
};

/** A price table in which everything is free: the offline engine runs on this machine and bills nothing. */
export const FREE_PRICES: ModelPrices = {
  perImage: {
    low: { '1k': 0, '2k': 0, '4k': 0 },
    medium: { '1k': 0, '2k': 0, '4k': 0 },
    high: { '1k': 0, '2k': 0, '4k': 0 },
  },
  perInputImage: 0,
};

/** The prices for a model: its own row, else the table's first row, else the documented default. */
export function pricesForModel(table: PriceTable, model: string): ModelPrices {
  return table.models[model] ?? Object.values(table.models)[0] ?? DEFAULT_MODEL_PRICES;
}

function isKnownCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}
