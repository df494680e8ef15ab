import { describe, expect, it } from 'vitest';
import { readCapped } from './read-capped';

function streamOf(chunks: number[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= chunks.length) return controller.close();
      controller.enqueue(new Uint8Array(chunks[i]!).fill(i + 1));
      i++;
    },
    cancel: () => onCancel?.(),
  });
}

describe('readCapped', () => {
  it('returns the whole body, in order, when it fits', async () => {
    const bytes = await readCapped({ body: streamOf([2, 3]) }, 5);
    expect(Array.from(bytes!)).toEqual([1, 1, 2, 2, 2]);
  });

  it('cancels the transfer and returns null once the body passes the limit', async () => {
    let cancelled = false;
    const bytes = await readCapped({ body: streamOf([4, 4, 4], () => (cancelled = true)) }, 5);
    expect(bytes).toBeNull();
    expect(cancelled).toBe(true);
  });

  it('reads no body as empty', async () => {
    expect((await readCapped({ body: null }, 1))?.byteLength).toBe(0);
  });
});
