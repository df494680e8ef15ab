import 'server-only';
import type { UpstreamError } from '@/lib/toapis/errors';

/**
 * The last account-level refusal the runner met (401 key rejected, 402 out of credit), kept in memory so the
 * settings page can say so: the model list alone cannot tell that the balance has run out.
 */
export interface AccountProblem {
  kind: 'auth' | 'quota';
  at: Date;
  message: string;
}

const globalForHealth = globalThis as unknown as { __overpaintAccountProblem?: AccountProblem | null };

export function noteAccountProblem(error: UpstreamError): void {
  if (error.kind !== 'auth' && error.kind !== 'quota') return;
  globalForHealth.__overpaintAccountProblem = { kind: error.kind, at: new Date(), message: error.userMessage };
}

/** A task that went through fine means the account is usable again. */
export function clearAccountProblem(): void {
  globalForHealth.__overpaintAccountProblem = null;
}

export function lastAccountProblem(): AccountProblem | null {
  return globalForHealth.__overpaintAccountProblem ?? null;
}
