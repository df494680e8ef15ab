/**
 * Money as whole millionths of the currency unit ("micros"): sums and comparisons stay exact (0.1 + 0.2 is 0.3),
 * the database stores them as integers, and a $0.009 price keeps its last digit.
 */
export const MICROS_PER_UNIT = 1_000_000;

export function toMicros(amount: number): number {
  return Math.round(amount * MICROS_PER_UNIT);
}

export function fromMicros(micros: number): number {
  return micros / MICROS_PER_UNIT;
}

/**
 * "$0.38", "€12.00". Amounts below a cent that would read as 0.00 keep two significant digits ("$0.009"), so a
 * cheap task never looks free.
 */
export function formatMoney(micros: number, currency: string): string {
  const amount = fromMicros(micros);
  const cents = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = cents.resolvedOptions().maximumFractionDigits ?? 2;
  if (amount !== 0 && Math.abs(amount) < 10 ** -digits) {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumSignificantDigits: 2 }).format(amount);
  }
  return cents.format(amount);
}
