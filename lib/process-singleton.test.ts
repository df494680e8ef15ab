import { describe, expect, it, vi } from 'vitest';
import { processSingleton } from './process-singleton';

describe('processSingleton', () => {
  it('makes the value once, on first use, not when declared', () => {
    const make = vi.fn(() => ({ made: true }));
    const one = processSingleton('test-once', make);
    expect(make).not.toHaveBeenCalled();
    expect(one.peek()).toBeUndefined();
    const first = one.get();
    expect(one.get()).toBe(first);
    expect(one.peek()).toBe(first);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('shares one value between copies of a module that use the same key', async () => {
    const first = processSingleton('test-shared', () => ({ copy: 'first' })).get();
    vi.resetModules();
    const { processSingleton: fromAnotherCopy } = await import('./process-singleton');
    const second = fromAnotherCopy('test-shared', () => ({ copy: 'second' }));
    expect(second.get()).toBe(first);
    expect(second.get().copy).toBe('first');
  });

  it('keeps different keys apart', () => {
    expect(processSingleton('test-a', () => 'a').get()).toBe('a');
    expect(processSingleton('test-b', () => 'b').get()).toBe('b');
  });

  it('take forgets the value and returns it; the next get makes a new one', () => {
    let made = 0;
    const counter = processSingleton('test-take', () => ({ n: ++made }));
    const first = counter.get();
    expect(counter.take()).toBe(first);
    expect(counter.peek()).toBeUndefined();
    expect(counter.take()).toBeUndefined();
    expect(counter.get()).toEqual({ n: 2 });
  });

  it('set replaces the value, and an undefined value still counts as made', () => {
    const make = vi.fn((): string | undefined => undefined);
    const value = processSingleton('test-set', make);
    expect(value.get()).toBeUndefined();
    expect(value.get()).toBeUndefined();
    expect(make).toHaveBeenCalledTimes(1);
    value.set('replaced');
    expect(value.get()).toBe('replaced');
  });
});
