import { describe, expect, it } from 'vitest';
import { announceKey, describeChanges } from './announce';
import type { Job } from './types';

const job = (id: string, patch: Partial<Job>): Job =>
  ({ id, prompt: `task ${id}`, status: 'queued', progress: 0, results: [], ...patch }) as Job;

describe('describeChanges', () => {
  it('announces status changes and progress by quarters, not every percent', () => {
    const a = job('a', { status: 'in_progress', progress: 30 });
    const before = new Map([['a', announceKey(a)]]);
    expect(describeChanges(before, [{ ...a, progress: 45 }])).toBeNull();
    expect(describeChanges(before, [{ ...a, progress: 52 }])).toBe('“task a” in progress, 52 %.');
    expect(
      describeChanges(before, [{ ...a, status: 'completed', progress: 100, results: [{}, {}] as Job['results'] }]),
    ).toBe('“task a” completed with 2 results.');
    expect(describeChanges(before, [{ ...a, status: 'failed' }])).toBe('“task a”: Failed.');
  });

  it('announces a new running task but not a page of finished history', () => {
    expect(describeChanges(new Map(), [job('b', {})])).toBe('“task b”: Queued.');
    expect(describeChanges(new Map(), [job('c', { status: 'completed', progress: 100 })])).toBeNull();
  });
});
