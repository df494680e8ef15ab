import { describe, expect, it } from 'vitest';
import { FIXED_RATIOS } from '@/lib/jobs/options';
import { readActualCost } from './actual-cost';
import { budgetRefusal, monthPeriod, remainingMicros, wouldCross } from './budget';
import { estimateRatioSet, estimateTask, estimateTasks, formatEstimate, pricingFor, type PricedTask } from './estimate';
import { formatMoney, toMicros } from './money';
import {
  DEFAULT_MODEL,
  DEFAULT_PRICES_AS_OF,
  DEFAULT_PRICES_SOURCE,
  DEFAULT_PRICE_TABLE,
  priceTableSchema,
  pricesForModel,
} from './prices';

const pricing = pricingFor(DEFAULT_PRICE_TABLE, DEFAULT_MODEL, 'toapis');
const task = (over: Partial<PricedTask['options']> = {}, inputImages = 0): PricedTask => ({
  options: { size: '1:1', resolution: '1k', quality: 'medium', n: 1, ...over },
  inputImages,
});

describe('estimateTask', () => {
  it('is n × the output price plus each input image once', () => {
    expect(estimateTask(pricing, task({ n: 2 })).micros).toBe(100_000);
    expect(estimateTask(pricing, task({ n: 2 }, 3)).micros).toBe(130_000);
    expect(formatEstimate(estimateTask(pricing, task({ n: 2 })))).toBe('≈ $0.10 for 2 images');
  });

  it('changes with quality and resolution', () => {
    const low = estimateTask(pricing, task({ quality: 'low' })).micros;
    const high = estimateTask(pricing, task({ quality: 'high' })).micros;
    const high4k = estimateTask(pricing, task({ quality: 'high', resolution: '4k', size: '16:9' })).micros;
    expect(low).toBeLessThan(high);
    expect(high).toBeLessThan(high4k);
    expect(formatEstimate(estimateTask(pricing, task({ quality: 'high', resolution: '4k', size: '16:9' })))).toBe(
      '≈ $1.00 for 1 image',
    );
  });

  it('costs nothing on the offline engine', () => {
    const free = pricingFor(DEFAULT_PRICE_TABLE, DEFAULT_MODEL, 'offline');
    expect(estimateTask(free, task({ n: 10, quality: 'high' }, 4)).micros).toBe(0);
  });
});

describe('estimateRatioSet', () => {
  it('prices every ratio, and 4k falls back to 2k where the ratio has no 4k, as the set sends it', () => {
    const set = estimateRatioSet(pricing, task({ quality: 'high', resolution: '4k', n: 2 }), ['16:9', '1:1']);
    // 16:9 at 4k (2 × $1.00) + 1:1 at 2k (2 × $0.60)
    expect(set).toEqual({ micros: 3_200_000, images: 4, tasks: 2, currency: 'USD' });
    expect(formatEstimate(set)).toBe('≈ $3.20 for 4 images in 2 tasks');
  });

  it('is the sum of a task per ratio', () => {
    const all = estimateRatioSet(pricing, task({ n: 1 }, 1), FIXED_RATIOS);
    expect(all.tasks).toBe(13);
    expect(all.micros).toBe(13 * (50_000 + 10_000));
  });
});

describe('estimateTasks', () => {
  it('sums a batch item by item', () => {
    const batch = estimateTasks(pricing, [task({ n: 1 }), task({ n: 3, quality: 'low' }), task({ n: 1 }, 2)]);
    expect(batch).toEqual({ micros: 50_000 + 39_000 + 70_000, images: 5, tasks: 3, currency: 'USD' });
    expect(estimateTasks(pricing, []).micros).toBe(0);
  });
});

describe('money', () => {
  it('is exact in micros and never shows a cheap task as free', () => {
    expect(toMicros(0.1) + toMicros(0.2)).toBe(toMicros(0.3));
    expect(formatMoney(9_000, 'USD')).toBe('$0.009');
    expect(formatMoney(380_000, 'USD')).toBe('$0.38');
    expect(formatMoney(380_000, 'EUR')).toBe('€0.38');
    expect(formatMoney(0, 'USD')).toBe('$0.00');
  });
});

describe('price table', () => {
  it('accepts the documented default and refuses negative prices and unknown currencies, naming why', () => {
    expect(priceTableSchema.safeParse(DEFAULT_PRICE_TABLE).success).toBe(true);
    const negative = structuredClone(DEFAULT_PRICE_TABLE);
    negative.models[DEFAULT_MODEL]!.perImage.high['1k'] = -1;
    expect(priceTableSchema.safeParse(negative).error?.issues[0]?.message).toBe('A price cannot be negative.');
    const badCurrency = priceTableSchema.safeParse({ ...DEFAULT_PRICE_TABLE, currency: 'dollars' });
    expect(badCurrency.error?.issues[0]?.message).toMatch(/three-letter code/);
    expect(priceTableSchema.parse({ ...DEFAULT_PRICE_TABLE, currency: 'eur' }).currency).toBe('EUR');
  });

  it('says where the default figures come from and when', () => {
    expect(DEFAULT_PRICES_SOURCE).toMatch(/OpenAI.*GPT Image 1\.5.*March 2026/);
    expect(DEFAULT_PRICES_SOURCE).toMatch(/assumption/);
    expect(DEFAULT_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('falls back to the first row for a model without its own', () => {
    expect(pricesForModel(DEFAULT_PRICE_TABLE, 'another-model')).toBe(DEFAULT_PRICE_TABLE.models[DEFAULT_MODEL]);
  });
});

describe('readActualCost', () => {
  it('reads the spellings relays use', () => {
    expect(readActualCost({ id: 't', cost: 0.04 })).toEqual({ micros: 40_000, currency: null, source: 'cost' });
    expect(readActualCost({ usage: { total_cost: '0.12', currency: 'usd' } })).toEqual({
      micros: 120_000,
      currency: 'USD',
      source: 'usage.total_cost',
    });
    expect(readActualCost({ billing: { amount: 1.5 }, currency: 'EUR' })?.currency).toBe('EUR');
    expect(readActualCost({ cost: { amount: 0.2, currency: 'GBP' } })).toEqual({
      micros: 200_000,
      currency: 'GBP',
      source: 'cost.amount',
    });
    expect(readActualCost({ data: { usage: { cost_usd: 0.3 } } })?.currency).toBe('USD');
  });

  it('finds nothing in the documented image task, in tokens alone, or in nonsense', () => {
    expect(readActualCost({ id: 't', status: 'completed', result: { data: [{ url: 'x' }] } })).toBeNull();
    expect(readActualCost({ usage: { total_tokens: 1200 } })).toBeNull();
    expect(readActualCost({ cost: -1 })).toBeNull();
    expect(readActualCost({ cost: 'free' })).toBeNull();
    expect(readActualCost(null)).toBeNull();
  });
});

describe('budgets', () => {
  it('count calendar months in UTC', () => {
    const period = monthPeriod(new Date('2026-12-05T13:00:00Z'));
    expect(period.start.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(period.resetsAt.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('allow reaching the limit exactly, refuse crossing it, and say so by name', () => {
    const budget = { name: 'the team’s monthly budget', limitMicros: 10_000_000, usedMicros: 9_600_000 };
    expect(wouldCross(budget, 400_000)).toBe(false);
    expect(wouldCross(budget, 400_001)).toBe(true);
    expect(remainingMicros({ ...budget, usedMicros: 11_000_000 })).toBe(0);
    expect(budgetRefusal(budget, 1_200_000, 'USD', monthPeriod(new Date('2026-12-05T00:00:00Z')))).toBe(
      'The team’s monthly budget of $10.00 has $0.40 left, and this would cost ≈ $1.20; it resets on 1 January 2027.',
    );
  });
});
