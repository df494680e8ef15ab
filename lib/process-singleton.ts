/**
 * One value per process, shared by every bundle. Next may load a module more than once (route handlers, server
 * actions and instrumentation can be separate module graphs), so module-level state would exist once per copy;
 * `globalThis` is what they all share. Values are made on first use, never at import, so `next build` opens nothing.
 */
const REGISTRY = Symbol.for('overpaint.process-singletons');

type Registry = Map<string, unknown>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

export interface ProcessSingleton<T> {
  /** The value, made by `make` on the first call in this process. */
  get(): T;
  /** The value if it has been made, else undefined (never makes it). */
  peek(): T | undefined;
  /** Replaces the value (e.g. a cache keyed by a setting that changed). */
  set(value: T): void;
  /** Forgets the value and returns it, so the caller can close it; the next `get` makes a new one. */
  take(): T | undefined;
}

/** `processSingleton('db', () => openDatabase())`: one `key` names one value for the whole process. */
export function processSingleton<T>(key: string, make: () => T): ProcessSingleton<T> {
  return {
    get() {
      const values = registry();
      if (values.has(key)) return values.get(key) as T;
      const value = make();
      values.set(key, value);
      return value;
    },
    peek: () => registry().get(key) as T | undefined,
    set: (value) => void registry().set(key, value),
    take() {
      const values = registry();
      const value = values.get(key) as T | undefined;
      values.delete(key);
      return value;
    },
  };
}
