/**
 * Padded canvases are built in the request that asks for them (Expand canvas, a batch item or an API task with a
 * margin rule): with every slot and waiting place taken, each path answers "busy" at once and builds nothing.
 */
import { describe, expect, it } from 'vitest';
import type { AssetRow } from '../storage/schema';
import { canvasBuildLimit } from './build';

const image: AssetRow = {
  id: 'a',
  kind: 'reference',
  sha256: 'never-read',
  mime: 'image/png',
  bytes: 1,
  width: 600,
  height: 400,
  orientation: 1,
  filename: 'coffee.png',
  thumbSha256: null,
  smallThumbSha256: null,
  createdBy: null,
  createdAt: new Date(),
};

describe('the canvas build limit', () => {
  it('answers busy past two builds and four waiting, on every path that pads an image', async () => {
    const limit = canvasBuildLimit();
    const running = [await limit.acquire(), await limit.acquire()];
    const waiting = Array.from({ length: 4 }, () => limit.acquire());
    expect(limit.load()).toEqual({ running: 2, waiting: 4 });

    const { itemMask } = await import('../batches/item-mask');
    const margin = { kind: 'margin', top: 0.1, right: 0, bottom: 0.1, left: 0 } as const;
    // Busy before the image is read: `sha256` names no blob, so any read would throw.
    await expect(itemMask(margin, image, null)).resolves.toEqual({ kind: 'busy' });

    const { submitExpanded } = await import('./submit');
    const refused = await submitExpanded({}, null);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'server:busy', field: 'expand' });

    // Slots pass on to the waiting, then free up: a build may start again.
    for (const release of running) release?.();
    for (const wait of waiting) (await wait)?.();
    expect(limit.load()).toEqual({ running: 0, waiting: 0 });
  });
});
