/**
 * One value React reads with `useSyncExternalStore`, published by the view from its animation frame. `set` notifies
 * only when `key` of the new value differs, so React renders when what it shows changed, never per frame.
 */
export class ValueStore<T> {
  #value: T;
  #key: string;
  readonly #listeners = new Set<() => void>();

  constructor(
    initial: T,
    private readonly key: (value: T) => string,
  ) {
    this.#value = initial;
    this.#key = key(initial);
  }

  get = (): T => this.#value;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  set(value: T): void {
    const key = this.key(value);
    if (key === this.#key) return;
    this.#value = value;
    this.#key = key;
    for (const listener of [...this.#listeners]) listener();
  }
}
