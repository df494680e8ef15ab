import { afterEach, describe, expect, it, vi } from 'vitest';
import { UpstreamError } from './errors';
import { normalizeUpstreamTask } from './normalize';

afterEach(() => vi.restoreAllMocks());

const completedDoc = {
  id: 'img_5b8b',
  object: 'generation.task',
  model: 'gpt-image-1.5-official',
  status: 'completed',
  progress: 100,
  created_at: 1768381010,
  completed_at: 1768381063,
  expires_at: 1768467463,
  result: { type: 'image', data: [{ url: 'https://files.toapis.com/generated/1768381061_c55c1bbb.jpg' }] },
};

describe('normalizeUpstreamTask', () => {
  it('reads the documented completed task', () => {
    const task = normalizeUpstreamTask(completedDoc);
    expect(task).toEqual({
      id: 'img_5b8b',
      status: 'completed',
      statusKnown: true,
      rawStatus: 'completed',
      progress: 100,
      resultUrls: ['https://files.toapis.com/generated/1768381061_c55c1bbb.jpg'],
      error: null,
      // The documented image task carries no cost: the estimate stands.
      actualCost: null,
      createdAt: new Date(1768381010 * 1000),
      completedAt: new Date(1768381063 * 1000),
      expiresAt: new Date(1768467463 * 1000),
    });
  });

  it('keeps the cost a relay reports, on the task or around it', () => {
    expect(normalizeUpstreamTask({ ...completedDoc, usage: { total_cost: 0.05 } }).actualCost).toEqual({
      micros: 50_000,
      currency: null,
      source: 'usage.total_cost',
    });
    expect(
      normalizeUpstreamTask({ code: 200, data: { ...completedDoc }, billing: { amount: '0.2' } }).actualCost,
    ).toMatchObject({ micros: 200_000 });
  });

  it.each([
    ['submitted', 'queued'],
    ['queued', 'queued'],
    ['pending', 'queued'],
    ['processing', 'in_progress'],
    ['in_progress', 'in_progress'],
    ['running', 'in_progress'],
    ['IN_PROGRESS', 'in_progress'],
    ['failed', 'failed'],
    ['failure', 'failed'],
    ['error', 'failed'],
    ['cancelled', 'failed'],
    ['canceled', 'failed'],
  ] as const)('maps status %s to %s', (word, expected) => {
    const task = normalizeUpstreamTask({ id: 't1', status: word });
    expect(task.status).toBe(expected);
    expect(task.rawStatus).toBe(word.toLowerCase());
  });

  it.each(['completed', 'succeeded', 'success', 'SUCCESS'])('maps %s with a URL to completed', (word) => {
    const task = normalizeUpstreamTask({ id: 't1', status: word, url: 'https://files.toapis.com/a.png' });
    expect(task.status).toBe('completed');
  });

  it('says who cancelled', () => {
    expect(normalizeUpstreamTask({ id: 't', status: 'cancelled' }).error).toEqual({
      code: 'cancelled',
      message: 'Cancelled upstream',
    });
  });

  it('treats an unknown word as in_progress and warns once per word', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(normalizeUpstreamTask({ id: 't', status: 'thinking_hard' }).status).toBe('in_progress');
    expect(normalizeUpstreamTask({ id: 't', status: 'thinking_hard' }).statusKnown).toBe(false);
    expect(normalizeUpstreamTask({ id: 't', status: 'in_progress' }).statusKnown).toBe(true);
    normalizeUpstreamTask({ id: 't', status: 'thinking_hard' });
    normalizeUpstreamTask({ id: 't', status: 'Thinking_Hard' });
    expect(warn).toHaveBeenCalledTimes(1);
    normalizeUpstreamTask({ id: 't', status: 'dreaming' });
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('accepts task_id and APIMart/kie style envelopes', () => {
    expect(normalizeUpstreamTask({ task_id: 'abc', status: 'submitted' }).id).toBe('abc');
    expect(normalizeUpstreamTask({ code: 200, data: [{ status: 'submitted', task_id: 'arr1' }] }).id).toBe('arr1');
    const wrapped = normalizeUpstreamTask({
      code: 200,
      data: { id: 'wrapped', status: 'completed', result: { images: [{ url: ['https://x.test/1.png'] }] } },
    });
    expect(wrapped).toMatchObject({ id: 'wrapped', status: 'completed', resultUrls: ['https://x.test/1.png'] });
  });

  it('reads webhook-style payloads (SUCCESS, "100%")', () => {
    const inner = normalizeUpstreamTask({
      data: {
        task_id: 'task_9',
        status: 'SUCCESS',
        progress: '100%',
        result: { data: [{ url: 'https://f.test/r.png' }] },
      },
    });
    expect(inner).toMatchObject({
      id: 'task_9',
      status: 'completed',
      progress: 100,
      resultUrls: ['https://f.test/r.png'],
    });
  });

  it('parses progress numbers and percent strings, and drops out-of-range values', () => {
    expect(normalizeUpstreamTask({ id: 't', status: 'in_progress', progress: 50 }).progress).toBe(50);
    expect(normalizeUpstreamTask({ id: 't', status: 'in_progress', progress: '50%' }).progress).toBe(50);
    expect(normalizeUpstreamTask({ id: 't', status: 'in_progress', progress: ' 12.5 ' }).progress).toBe(12.5);
    expect(normalizeUpstreamTask({ id: 't', status: 'in_progress', progress: 140 }).progress).toBeNull();
    expect(normalizeUpstreamTask({ id: 't', status: 'in_progress', progress: -1 }).progress).toBeNull();
    expect(normalizeUpstreamTask({ id: 't', status: 'in_progress', progress: 'lots' }).progress).toBeNull();
    expect(normalizeUpstreamTask({ id: 't', status: 'in_progress' }).progress).toBeNull();
  });

  it('finds URLs in every documented spot, dedupes them and keeps only http(s)', () => {
    const task = normalizeUpstreamTask({
      id: 't',
      status: 'completed',
      url: 'https://files.toapis.com/a.png',
      result: {
        data: [
          { url: 'https://files.toapis.com/a.png' },
          { url: 'https://files.toapis.com/b.png' },
          'https://files.toapis.com/c.png',
        ],
        images: ['https://files.toapis.com/d.png', 'javascript:alert(1)'],
      },
      data: [{ url: 'data:image/png;base64,AAAA' }, { url: 'https://files.toapis.com/e.png' }],
      output: ['ftp://nope/x.png', 'https://files.toapis.com/f.png'],
    });
    expect(task.resultUrls).toEqual([
      'https://files.toapis.com/a.png',
      'https://files.toapis.com/b.png',
      'https://files.toapis.com/c.png',
      'https://files.toapis.com/d.png',
      'https://files.toapis.com/e.png',
      'https://files.toapis.com/f.png',
    ]);
  });

  it('reads a kie-style resultJson string', () => {
    const task = normalizeUpstreamTask({
      taskId: 'k1',
      state: 'success',
      resultJson: '{"resultUrls":["https://k.test/1.png"]}',
    });
    expect(task).toMatchObject({ id: 'k1', status: 'completed', resultUrls: ['https://k.test/1.png'] });
  });

  it('turns completed-without-URL into a failure', () => {
    const task = normalizeUpstreamTask({ id: 't', status: 'completed', result: { data: [] } });
    expect(task.status).toBe('failed');
    expect(task.rawStatus).toBe('completed');
    expect(task.error).toEqual({ code: 'no_result', message: 'The task completed without an image' });
    expect(task.resultUrls).toEqual([]);
  });

  it('reads failures with string or integer codes, fail_reason, and strips HTML', () => {
    expect(
      normalizeUpstreamTask({
        id: 't',
        status: 'failed',
        error: { code: 'generation_failed', message: 'call upstream API failed' },
      }).error,
    ).toEqual({ code: 'generation_failed', message: 'call upstream API failed' });
    expect(normalizeUpstreamTask({ id: 't', status: 'failed', error: { code: 422, message: 'policy' } }).error).toEqual(
      {
        code: '422',
        message: 'policy',
      },
    );
    expect(normalizeUpstreamTask({ id: 't', status: 'failed', fail_reason: 'out of credits' }).error?.message).toBe(
      'out of credits',
    );
    const html = normalizeUpstreamTask({ id: 't', status: 'failed', error: '<html><b>bad</b> thing</html>' }).error;
    expect(html?.message).toBe('bad thing');
    expect(normalizeUpstreamTask({ id: 't', status: 'failed' }).error).toEqual({
      code: 'generation_failed',
      message: 'The task failed upstream',
    });
  });

  it('reads timestamps in seconds, milliseconds and ISO form', () => {
    const task = normalizeUpstreamTask({
      id: 't',
      status: 'completed',
      url: 'https://x.test/a.png',
      created_at: 1768381010123,
      completed_at: '1768381063',
      expires_at: '2026-01-15T10:00:00Z',
    });
    expect(task.createdAt?.getTime()).toBe(1768381010123);
    expect(task.completedAt?.getTime()).toBe(1768381063000);
    expect(task.expiresAt?.toISOString()).toBe('2026-01-15T10:00:00.000Z');
  });

  it('never throws on weird objects that have an id', () => {
    const weird = [
      { id: 't', status: 42, progress: {}, result: 'nonsense', error: [1, 2], created_at: 'yesterday-ish' },
      { id: 7, status: null, result: { data: { url: 5 } } },
      { id: 't', result: [[[['https://deep.test/x.png']]]] },
      { id: 't', status: 'completed', result: '{broken json' },
    ];
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const value of weird) expect(() => normalizeUpstreamTask(value)).not.toThrow();
    expect(normalizeUpstreamTask({ id: 7 }).id).toBe('7');
  });

  it('throws a malformed UpstreamError only when there is no id', () => {
    for (const value of [null, undefined, 'task', 42, [], {}, { status: 'completed' }, { data: { status: 'x' } }]) {
      try {
        normalizeUpstreamTask(value);
        expect.unreachable(`no throw for ${JSON.stringify(value)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(UpstreamError);
        expect((error as UpstreamError).kind).toBe('malformed');
      }
    }
  });
});
