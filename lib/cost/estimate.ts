/**
 * What a submission will cost, computed from exactly what will be sent: n × the output's price, plus each input image
 * once per task. The same functions price a single task, a ratio set (every ratio, with 4k falling back to 2k where
 * a ratio has none, as the set really sends it), a Retry (the same task again) and a batch (every item).
 */
import { withAspectRatio, type AspectRatio, type GenerationOptions } from '@/lib/jobs/options';
import { formatMoney, toMicros } from './money';
import { FREE_PRICES, pricesForModel, type ModelPrices, type PriceTable } from './prices';

/** The prices one submission is estimated with, and the currency they are in. */
export interface Pricing {
  currency: string;
  prices: ModelPrices;
}

/** The part of a task that decides its price. */
export interface PricedTask {
  options: Pick<GenerationOptions, 'resolution' | 'quality' | 'n'> & { size?: AspectRatio };
  /** Images sent with the task (references, the base); a mask is not billed as an image. */
  inputImages: number;
}

export interface CostEstimate {
  micros: number;
  images: number;
  tasks: number;
  currency: string;
}

/** The pricing for the engine in use: the offline engine runs here and costs nothing. */
export function pricingFor(table: PriceTable, model: string, engine: 'toapis' | 'offline'): Pricing {
  return { currency: table.currency, prices: engine === 'offline' ? FREE_PRICES : pricesForModel(table, model) };
}

/** One task's estimated cost in micros. */
export function taskCostMicros(prices: ModelPrices, task: PricedTask): number {
  const { quality, resolution, n } = task.options;
  const perImage = prices.perImage[quality][resolution];
  return n * toMicros(perImage) + Math.max(0, task.inputImages) * toMicros(prices.perInputImage);
}

export function estimateTask(pricing: Pricing, task: PricedTask): CostEstimate {
  return {
    micros: taskCostMicros(pricing.prices, task),
    images: task.options.n,
    tasks: 1,
    currency: pricing.currency,
  };
}

/** A ratio set: one task per ratio, each with the same n, as `lib/server/expand/submit.ts` sends them. */
export function estimateRatioSet(pricing: Pricing, task: PricedTask, ratios: readonly AspectRatio[]): CostEstimate {
  return estimateTasks(
    pricing,
    ratios.map((ratio) => ({
      ...task,
      options: withAspectRatio({ ...task.options, size: ratio }, ratio),
    })),
  );
}

/** Several tasks at once (a batch, a ratio set): the sum of each. */
export function estimateTasks(pricing: Pricing, tasks: readonly PricedTask[]): CostEstimate {
  let micros = 0;
  let images = 0;
  for (const task of tasks) {
    micros += taskCostMicros(pricing.prices, task);
    images += task.options.n;
  }
  return { micros, images, tasks: tasks.length, currency: pricing.currency };
}

/** "≈ $0.38 for 2 images", "≈ $1.30 for 26 images in 13 tasks". */
export function formatEstimate(estimate: CostEstimate): string {
  const images = `${estimate.images} ${estimate.images === 1 ? 'image' : 'images'}`;
  const tasks = estimate.tasks > 1 ? ` in ${estimate.tasks} tasks` : '';
  return `≈ ${formatMoney(estimate.micros, estimate.currency)} for ${images}${tasks}`;
}
