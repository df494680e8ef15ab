import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type FixedRatio } from '@/lib/jobs/options';
import type { Job } from '@/lib/jobs/types';
import { groupSets } from './group';

function job(id: string, createdAt: string, ratio: FixedRatio, setId: string | null): Job {
  return {
    id,
    status: 'completed',
    progress: 100,
    prompt: 'p',
    options: { ...DEFAULT_OPTIONS, size: ratio },
    engine: 'offline',
    references: [],
    hasMask: true,
    mask: null,
    results: [],
    error: null,
    createdAt,
    updatedAt: createdAt,
    completedAt: null,
    startPoint: null,
    expansion: setId
      ? {
          setId,
          ratio,
          frame: { ratio, canvas: { width: 1, height: 1 }, offset: { x: 0, y: 0 } },
          placement: { x: 0.5, y: 0.5 },
          canvas: { width: 1, height: 1 },
          offset: { x: 0, y: 0 },
          scale: 1,
          source: null,
          paintedMask: null,
        }
      : null,
  };
}

describe('groupSets', () => {
  it('folds a set into one item where it first appears, newest task per ratio, others untouched', () => {
    const items = groupSets([
      job('retry', '2026-01-01T00:00:09Z', '1:1', 'set-a'),
      job('solo', '2026-01-01T00:00:08Z', '3:2', null),
      job('b', '2026-01-01T00:00:03Z', '16:9', 'set-a'),
      job('a', '2026-01-01T00:00:02Z', '1:1', 'set-a'),
    ]);
    expect(items.map((item) => item.key)).toEqual(['set-a', 'solo']);
    const set = items[0];
    expect(set?.kind === 'set' && set.jobs.map((j) => j.id)).toEqual(['retry', 'b']);
  });
});
