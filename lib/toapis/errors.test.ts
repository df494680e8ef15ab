import { describe, expect, it } from 'vitest';
import {
  UpstreamError,
  cleanMessage,
  kindForStatus,
  parseErrorBody,
  parseRetryAfter,
  reachedForStatus,
} from './errors';

describe('parseErrorBody', () => {
  it('reads error.message with an integer or a string code', () => {
    expect(parseErrorBody(404, '{"error":{"code":404,"message":"Task not found","type":"not_found_error"}}')).toEqual({
      message: 'Task not found',
      code: '404',
      type: 'not_found_error',
    });
    expect(
      parseErrorBody(429, '{"error":{"code":"rate_limit_exceeded","message":"Async task request rate exceeded"}}'),
    ).toEqual({
      message: 'Async task request rate exceeded',
      code: 'rate_limit_exceeded',
    });
  });

  it('falls back message → fail_reason → title → HTTP status', () => {
    expect(parseErrorBody(400, '{"success":false,"message":"Image too large. Maximum size is 10MB"}').message).toBe(
      'Image too large. Maximum size is 10MB',
    );
    expect(parseErrorBody(500, '{"fail_reason":"model overloaded"}').message).toBe('model overloaded');
    expect(
      parseErrorBody(
        504,
        '<html><head><title>504 Gateway Time-out</title></head><body><h1>504</h1></body></html>',
        'text/html',
      ).message,
    ).toBe('504 Gateway Time-out');
    expect(parseErrorBody(502, '<html><body><h1>Bad</h1></body></html>', 'text/html').message).toBe('HTTP 502');
    expect(parseErrorBody(500, '').message).toBe('HTTP 500');
    expect(parseErrorBody(500, '{}').message).toBe('HTTP 500');
    expect(parseErrorBody(502, 'Bad Gateway', 'text/plain').message).toBe('Bad Gateway');
  });

  it('never lets HTML through, even escaped or inside JSON', () => {
    const sneaky = parseErrorBody(
      400,
      JSON.stringify({ error: { message: '<img src=x onerror=alert(1)>bad &lt;script&gt;' } }),
    );
    expect(sneaky.message).not.toMatch(/[<>]/);
    expect(parseErrorBody(502, `<title>${'<b>'.repeat(3)}Oops</title>`, 'text/html').message).toBe('Oops');
  });

  it('scrubs the API key and bearer tokens', () => {
    const body = JSON.stringify({
      error: { message: 'Invalid key sk-live-abcdef123456 (Bearer abcdefghijklmnop), key=my-secret-key' },
    });
    const parsed = parseErrorBody(401, body, 'application/json', ['my-secret-key']);
    expect(parsed.message).not.toContain('my-secret-key');
    expect(parsed.message).not.toContain('sk-live-abcdef123456');
    expect(parsed.message).not.toContain('abcdefghijklmnop');
  });

  it('caps long messages', () => {
    expect(cleanMessage('x'.repeat(5000)).length).toBeLessThanOrEqual(300);
  });
});

describe('status rules', () => {
  it.each([
    [400, 'bad_request', 'yes'],
    [401, 'auth', 'yes'],
    [402, 'quota', 'yes'],
    [403, 'auth', 'yes'],
    [404, 'not_found', 'yes'],
    [413, 'too_large', 'yes'],
    [422, 'bad_request', 'yes'],
    [429, 'rate_limited', 'no'],
    [500, 'server', 'unknown'],
    [502, 'server', 'unknown'],
    [503, 'unavailable', 'no'],
    [504, 'server', 'unknown'],
  ] as const)('%i → %s, reached %s', (status, kind, reached) => {
    expect(kindForStatus(status)).toBe(kind);
    expect(reachedForStatus(status)).toBe(reached);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter('2.5', now)).toBe(2500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('99999999', now)).toBe(86_400_000);
  });
});

describe('UpstreamError', () => {
  it('carries a user message per kind, with the upstream sentence for refusals', () => {
    const e = new UpstreamError({
      kind: 'bad_request',
      message: "The 'prompt' field is required.",
      reachedUpstream: 'yes',
      param: 'prompt',
    });
    expect(e.userMessage).toBe("The image service refused the request. The 'prompt' field is required.");
    expect(new UpstreamError({ kind: 'server', message: 'HTTP 502', reachedUpstream: 'unknown' }).userMessage).toBe(
      'The image service had an internal error.',
    );
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('UpstreamError');
  });
});

describe('upstream errors across duplicated modules', () => {
  it('are recognised by their brand when the class was bundled twice (instanceof is not)', async () => {
    const { vi } = await import('vitest');
    const first = await import('./errors');
    vi.resetModules();
    const second = await import('./errors');
    expect(second.UpstreamError).not.toBe(first.UpstreamError);
    const error = new first.UpstreamError({ kind: 'rate_limited', message: 'HTTP 429', reachedUpstream: 'no' });
    expect(error instanceof second.UpstreamError).toBe(false);
    expect(second.isUpstreamError(error)).toBe(true);
    expect(second.isUpstreamError(new Error('plain'))).toBe(false);
    expect(second.isUpstreamError({ kind: 'auth' })).toBe(false);
    expect(second.isUpstreamError(null)).toBe(false);
  });
});

describe('secrets scrubbed by value', () => {
  it('removes a registered key or engine secret that matches no pattern, in every copy of the module', async () => {
    const { vi } = await import('vitest');
    const first = await import('./errors');
    const key = 'plainkey0123456789abcdef';
    const engineSecret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    first.registerSecret(key);
    vi.resetModules();
    const second = await import('./errors');
    second.registerSecret(engineSecret);
    const text = `upstream said: token ${key} refused; engine ${engineSecret} busy`;
    for (const copy of [first, second]) {
      const cleaned = copy.cleanMessage(text);
      expect(cleaned).not.toContain(key);
      expect(cleaned).not.toContain(engineSecret);
      expect(cleaned).toContain('[redacted]');
      expect(copy.parseErrorBody(400, JSON.stringify({ error: { message: text } })).message).not.toContain(key);
    }
    const { normalizeUpstreamTask } = await import('@/lib/toapis/normalize');
    const task = normalizeUpstreamTask({ id: 't1', status: 'failed', fail_reason: `call failed for ${key}` });
    expect(task.error?.message).not.toContain(key);
  });
});
