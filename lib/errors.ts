/**
 * One error vocabulary from server to page: a stable code (`area:reason`), a sentence fit for the user, and what
 * it is about (a form field, a file). Details for operators are logged on the server, never sent.
 */
export type ErrorCode =
  | 'reference:empty'
  | 'reference:unsupported_type'
  | 'reference:too_large'
  | 'reference:too_many'
  | 'reference:dimensions'
  | 'reference:unreadable'
  | 'reference:not_found'
  | 'reference:too_complex'
  | 'reference:busy'
  | 'form:invalid'
  | 'mask:invalid'
  | 'mask:size_mismatch'
  | 'mask:missing'
  | 'expand:invalid_frame'
  | 'set:not_found'
  | 'set:empty'
  | 'batch:not_found'
  | 'recipe:not_found'
  | 'batch:empty'
  | 'upstream:error'
  | 'job:not_found'
  | 'job:not_retryable'
  | 'job:not_cancellable'
  | 'server:busy'
  | 'auth:required'
  | 'auth:wrong_password'
  | 'auth:rate_limited'
  | 'auth:forbidden'
  | 'auth:exists'
  | 'auth:invitation_invalid'
  | 'auth:reset_invalid'
  | 'people:not_found'
  | 'people:last_owner'
  | 'share:not_found'
  | 'board:not_found'
  | 'result:not_found'
  | 'review:not_found'
  | 'review:empty'
  | 'review:closed'
  | 'review:rate_limited'
  | 'review:no_name'
  | 'budget:exceeded'
  | 'api:token_required'
  | 'api:token_invalid'
  | 'api:read_only'
  | 'api:rate_limited'
  | 'api:too_large'
  | 'api:not_found'
  | 'token:not_found'
  | 'webhook:invalid'
  | 'webhook:not_found'
  | 'server:error';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** The form field it is about (`prompt`, `options.resolution`, …). */
  field?: string;
  /** The file it is about, by the name the user gave it. */
  file?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail<T = never>(
  code: ErrorCode,
  message: string,
  about: { field?: string; file?: string } = {},
): Result<T> {
  return { ok: false, error: { code, message, ...about } };
}
