/** The events an admin can subscribe an endpoint to, with the words Settings shows. */
export const WEBHOOK_EVENTS = [
  'task.completed',
  'task.failed',
  'batch.finished',
  'review.decided',
  'budget.nearly_used',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'task.completed': 'Task completed',
  'task.failed': 'Task failed',
  'batch.finished': 'Batch finished',
  'review.decided': 'Client decided on a result',
  'budget.nearly_used': 'Budget nearly used (80 %)',
};

/** A budget counts as nearly used once this share of it is spent or reserved (`budget.nearly_used`, once a month). */
export const BUDGET_NEARLY_USED_SHARE = 0.8;

/** True when a reservation takes a budget from below the nearly-used line to on or above it. */
export function crossesNearlyUsed(limitMicros: number, usedBefore: number, usedAfter: number): boolean {
  const line = limitMicros * BUDGET_NEARLY_USED_SHARE;
  return limitMicros > 0 && usedBefore < line && usedAfter >= line;
}

/** When a failed attempt is tried again: quickly at first, then spread out, for a day in all. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000];
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/** The delay before attempt `attempts + 1`, or null once a day has passed since the event. */
export function nextAttemptDelay(attempts: number, ageMs: number): number | null {
  const delay = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)] ?? RETRY_DELAYS_MS[0]!;
  return ageMs + delay > GIVE_UP_AFTER_MS ? null : delay;
}
