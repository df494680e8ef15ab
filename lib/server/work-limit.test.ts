import { describe, expect, it } from 'vitest';
import { createWorkLimit } from './work-limit';

describe('work limit', () => {
  it('runs `concurrency` at once, queues `queue` more in order, and refuses the rest at once', async () => {
    const limit = createWorkLimit({ concurrency: 2, queue: 1 });
    const a = await limit.acquire();
    const b = await limit.acquire();
    expect(a && b).toBeTruthy();
    let thirdStarted = false;
    const third = limit.acquire().then((release) => {
      thirdStarted = true;
      return release;
    });
    expect(await limit.acquire()).toBeNull(); // busy: both slots and the one waiting place are taken
    expect(limit.load()).toEqual({ running: 2, waiting: 1 });
    await Promise.resolve();
    expect(thirdStarted).toBe(false);
    a!();
    a!(); // releasing twice gives back one slot, not two
    const releaseThird = await third;
    expect(thirdStarted).toBe(true);
    expect(limit.load()).toEqual({ running: 2, waiting: 0 });
    b!();
    releaseThird!();
    expect(limit.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('a waiter whose client left gives its place back', async () => {
    const limit = createWorkLimit({ concurrency: 1, queue: 1 });
    const held = await limit.acquire();
    const controller = new AbortController();
    const waiting = limit.acquire(controller.signal);
    expect(limit.load().waiting).toBe(1);
    controller.abort();
    expect(await waiting).toBeNull();
    expect(limit.load()).toEqual({ running: 1, waiting: 0 });
    held!();
    expect(limit.load().running).toBe(0);
    expect(await limit.acquire(AbortSignal.abort())).toBeNull();
  });
});
