import 'server-only';
import type { AppError, Result } from '@/lib/errors';
import { apiError } from './token-check';

/** The HTTP status for a refusal: the code's area and reason decide it; anything else a caller sent wrong is 400. */
function statusFor(error: AppError): number {
  if (error.code === 'api:too_large' || error.code === 'reference:too_large') return 413;
  if (error.code.endsWith(':not_found')) return 404;
  // A budget is a rule of the team, not a malformed call: the same answer a role refusal gets.
  if (error.code === 'auth:forbidden' || error.code.startsWith('budget:')) return 403;
  if (error.code.endsWith(':busy')) return 503;
  if (error.code === 'server:error') return 500;
  return 400;
}

/** A result as a JSON answer: the data (optionally reshaped) with `status`, or `{ error }` with its own status. */
export function apiResponse<T>(
  result: Result<T>,
  status = 200,
  shape: (data: T) => unknown = (data) => data,
): Response {
  if (!result.ok) {
    const code = statusFor(result.error);
    return apiError(code, result.error, code === 503 ? { 'Retry-After': '5' } : {});
  }
  return Response.json(shape(result.data), { status, headers: { 'Cache-Control': 'no-store' } });
}
