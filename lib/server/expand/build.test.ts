import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { moveOriginal, resizeFrame, type FrameHandle } from '@/lib/expand/frame';
import {
  CENTRE,
  expandLayout,
  FIXED_RATIOS,
  frameForRatio,
  layoutFrame,
  PLACEMENTS,
  ratioValue,
  type ExpandLayout,
} from '@/lib/expand/geometry';
import { buildExpandedMask, buildPaddedBase } from './build';

const W = 30;
const H = 20;

/** A 30 × 20 image where every pixel differs, so a shifted or resampled original cannot pass. */
async function original(): Promise<{ png: Buffer; raw: Buffer }> {
  const raw = Buffer.alloc(W * H * 3);
  for (let i = 0; i < W * H; i++) raw.set([(i * 7) % 256, (i * 13 + 50) % 256, (i * 29 + 100) % 256], i * 3);
  return {
    png: await sharp(raw, { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer(),
    raw,
  };
}

/** A mask at the original's size: opaque, with a painted (alpha 0) 5 × 4 block at (10, 6). */
async function paintedMask(): Promise<Buffer> {
  const raw = Buffer.alloc(W * H * 4, 255);
  for (let y = 6; y < 10; y++) for (let x = 10; x < 15; x++) raw[(y * W + x) * 4 + 3] = 0;
  return sharp(raw, { raw: { width: W, height: H, channels: 4 } })
    .png()
    .toBuffer();
}

async function rgba(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function insideOriginal(layout: ExpandLayout, x: number, y: number): boolean {
  const { offset, inner } = layout;
  return x >= offset.x && x < offset.x + inner.width && y >= offset.y && y < offset.y + inner.height;
}

/**
 * Builds the padded image, the bare mask and the mask with the painted block for `layout`, and checks every pixel:
 * all three at the canvas size, the original's pixels unchanged at its offset, alpha 0 exactly over the new area and
 * the painted block, 255 elsewhere.
 */
async function expectPaddedPair(layout: ExpandLayout, png: Buffer, raw: Buffer, painted: Buffer) {
  const image = await rgba(await buildPaddedBase(png, layout));
  const bare = await rgba(await buildExpandedMask(null, layout));
  const mask = await rgba(await buildExpandedMask(painted, layout));
  for (const out of [image, bare, mask])
    expect([out.width, out.height]).toEqual([layout.canvas.width, layout.canvas.height]);

  let originalChecked = 0;
  for (let y = 0; y < layout.canvas.height; y++) {
    for (let x = 0; x < layout.canvas.width; x++) {
      const at = (y * layout.canvas.width + x) * 4;
      const inside = insideOriginal(layout, x, y);
      if (inside) {
        const ox = x - layout.offset.x;
        const oy = y - layout.offset.y;
        const src = (oy * W + ox) * 3;
        expect([...image.data.subarray(at, at + 3)]).toEqual([...raw.subarray(src, src + 3)]);
        originalChecked++;
        expect(bare.data[at + 3]).toBe(255);
        const wasPainted = ox >= 10 && ox < 15 && oy >= 6 && oy < 10;
        expect(mask.data[at + 3]).toBe(wasPainted ? 0 : 255);
      } else {
        expect(bare.data[at + 3]).toBe(0);
        expect(mask.data[at + 3]).toBe(0);
      }
    }
  }
  expect(originalChecked).toBe(W * H);
}

describe('padded image and mask', async () => {
  const { png, raw } = await original();
  const painted = await paintedMask();
  const cases = FIXED_RATIOS.flatMap((ratio) =>
    Object.entries(PLACEMENTS).map(([name, placement]) => ({ ratio, name, placement })),
  );

  it.each(cases)('$ratio placed $name', async ({ ratio, placement }) => {
    const layout = expandLayout({ width: W, height: H }, { ratio, placement });
    expect(layout.scale).toBe(1);
    // The canvas has the ratio's shape (to a pixel of rounding) and holds the whole original.
    expect(Math.abs(layout.canvas.width / layout.canvas.height - ratioValue(ratio))).toBeLessThan(
      1 / Math.min(layout.canvas.width, layout.canvas.height),
    );
    expect(layout.canvas.width).toBeGreaterThanOrEqual(W);
    expect(layout.canvas.height).toBeGreaterThanOrEqual(H);
    await expectPaddedPair(layout, png, raw, painted);
  });

  // Frames the editor's handles make: larger than the smallest canvas, the original off-centre.
  const dragged: {
    name: string;
    handle: FrameHandle;
    delta: { x: number; y: number };
    ratioLocked: boolean;
    move: { x: number; y: number };
  }[] = [
    {
      name: 'right edge out, unlocked (snaps to 21:9), original moved right',
      handle: 'e',
      delta: { x: 9, y: 0 },
      ratioLocked: false,
      move: { x: 5, y: 0 },
    },
    {
      name: 'bottom edge out, locked 16:9, original moved down and left',
      handle: 's',
      delta: { x: 0, y: 14 },
      ratioLocked: true,
      move: { x: -3, y: 9 },
    },
    {
      name: 'top-left corner out, unlocked, original to the bottom right',
      handle: 'nw',
      delta: { x: -25, y: -30 },
      ratioLocked: false,
      move: { x: 99, y: 99 },
    },
    {
      name: 'left edge out, locked, original left where the drag put it',
      handle: 'w',
      delta: { x: -17, y: 0 },
      ratioLocked: true,
      move: { x: 0, y: 0 },
    },
  ];
  it.each(dragged)('edge-dragged frame: $name', async ({ handle, delta, ratioLocked, move }) => {
    const size = { width: W, height: H };
    const frame = moveOriginal(
      resizeFrame(frameForRatio(size, '16:9', CENTRE), size, handle, delta, { ratioLocked }),
      size,
      move,
    );
    const layout = layoutFrame(size, frame);
    expect(layout).toEqual({ canvas: frame.canvas, inner: size, offset: frame.offset, scale: 1 });
    // Not the centred smallest canvas a ratio pick gives: the case the old (ratio, placement) model could not send.
    expect(frame.offset).not.toEqual(frameForRatio(size, frame.ratio, CENTRE).offset);
    await expectPaddedPair(layout, png, raw, painted);
  });
});

describe('expandLayout', () => {
  it('places 3:2 centred in 16:9 with equal margins', () => {
    const layout = expandLayout({ width: 1500, height: 1000 }, { ratio: '16:9', placement: PLACEMENTS.centre! });
    expect(layout.canvas).toEqual({ width: 1778, height: 1000 });
    expect(layout.offset).toEqual({ x: 139, y: 0 });
  });

  it('scales a canvas past the caps down as a whole, keeping the shape', () => {
    const layout = expandLayout({ width: 6000, height: 4000 }, { ratio: '9:16', placement: PLACEMENTS.top! });
    expect(layout.scale).toBeLessThan(1);
    expect(Math.max(layout.canvas.width, layout.canvas.height)).toBeLessThanOrEqual(4096);
    expect(layout.inner.width).toBe(layout.canvas.width);
    expect(layout.offset).toEqual({ x: 0, y: 0 });
  });
});
