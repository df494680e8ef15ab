import 'server-only';
import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '@/lib/errors';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,100}$/;

/**
 * The stored key for a create call's `Idempotency-Key` header, or null without one. Scoped to the person (two
 * people's keys never meet) and to what is created (`kind`), and hashed, so the stored value says nothing of it.
 */
export function idempotencyKeyOf(request: Request, personId: string, kind: 'task' | 'batch'): Result<string | null> {
  const key = request.headers.get('idempotency-key');
  if (key === null) return ok(null);
  if (!IDEMPOTENCY_KEY.test(key)) {
    return fail('form:invalid', 'Idempotency-Key: use 8–100 visible ASCII characters.', { field: 'Idempotency-Key' });
  }
  // Tasks keep the scheme they were stored under before batches had keys.
  const scope = kind === 'task' ? `${personId}\n${key}` : `${kind}\n${personId}\n${key}`;
  return ok(`api-${createHash('sha256').update(scope).digest('hex').slice(0, 40)}`);
}
