import { describe, expect, it } from 'vitest';
import { isGalleryPages, patchGalleryPages, runningTasks, type GalleryPages } from './live-tasks';
import { DEFAULT_OPTIONS } from './options';
import type { Job, JobStatus } from './types';

const T0 = '2026-11-24T12:00:00.000Z';
const T1 = '2026-11-24T12:00:01.000Z';
const T2 = '2026-11-24T12:00:02.000Z';

function job(id: string, status: JobStatus, progress: number, updatedAt = T1): Job {
  return {
    id,
    status,
    progress,
    prompt: `task ${id}`,
    options: DEFAULT_OPTIONS,
    engine: 'offline',
    references: [],
    hasMask: false,
    mask: null,
    startPoint: null,
    results: [],
    error: null,
    createdAt: T0,
    updatedAt,
    completedAt: null,
  };
}

/** Two pages as the cache holds them: a running task on each, the rest final. */
function gallery(): GalleryPages<{ jobs: Job[]; nextCursor: string | null }> {
  return {
    pages: [
      { jobs: [job('a', 'in_progress', 40), job('b', 'completed', 100)], nextCursor: 'c1' },
      { jobs: [job('c', 'failed', 0), job('d', 'queued', 0)], nextCursor: null },
    ],
    pageParams: [null, 'c1'],
  };
}

describe('patchGalleryPages', () => {
  it('replaces only the jobs that changed, keeping every untouched page and job object', () => {
    const data = gallery();
    const patched = patchGalleryPages(data, [job('a', 'in_progress', 70, T2), job('d', 'queued', 0)]);

    expect(patched).not.toBe(data);
    expect(patched.pageParams).toBe(data.pageParams);
    const [first, second] = patched.pages;
    expect(first).not.toBe(data.pages[0]);
    expect(first?.jobs[0]).toMatchObject({ id: 'a', progress: 70, updatedAt: T2 });
    expect(first?.jobs[1]).toBe(data.pages[0]?.jobs[1]);
    expect(first?.nextCursor).toBe('c1');
    // `d` came back equal (a new object with the same content): its page and its object are kept.
    expect(second).toBe(data.pages[1]);
    expect(second?.jobs[1]).toBe(data.pages[1]?.jobs[1]);
    // The input is never mutated.
    expect(data.pages[0]?.jobs[0]?.progress).toBe(40);
  });

  it('returns the same data when nothing changed, nothing matched, or the answer is older than the page', () => {
    const data = gallery();
    expect(patchGalleryPages(data, [])).toBe(data);
    expect(patchGalleryPages(data, [job('a', 'in_progress', 40), job('b', 'completed', 100)])).toBe(data);
    expect(patchGalleryPages(data, [job('gone', 'in_progress', 90, T2)])).toBe(data);
    expect(patchGalleryPages(data, [job('a', 'in_progress', 10, T0)])).toBe(data);
  });

  it('takes a change that leaves updatedAt alone (a result deleted, a star) and a task that finished', () => {
    const data = gallery();
    const starred = { ...job('b', 'completed', 100), createdByName: 'Ada' };
    const finished = { ...job('a', 'completed', 100, T2), completedAt: T2 };
    const patched = patchGalleryPages(data, [starred, finished]);
    expect(patched.pages[0]?.jobs).toEqual([finished, starred]);
    expect(patched.pages[1]).toBe(data.pages[1]);
  });
});

describe('isGalleryPages', () => {
  it('tells an infinite gallery query from the other data under the gallery key', () => {
    expect(isGalleryPages(gallery())).toBe(true);
    expect(isGalleryPages({ people: [], boards: [] })).toBe(false);
    expect(isGalleryPages(undefined)).toBe(false);
    expect(isGalleryPages(null)).toBe(false);
  });
});

describe('runningTasks', () => {
  it('keeps the queued and in-progress tasks, in gallery order', () => {
    const jobs = gallery().pages.flatMap((page) => page.jobs);
    expect(runningTasks(jobs).map((item) => item.id)).toEqual(['a', 'd']);
    expect(runningTasks([{ ...job('u', 'uncertain', 0) }])).toEqual([]);
  });
});
