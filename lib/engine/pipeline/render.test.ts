import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_SIZES, outputSize, type FixedRatio, type Resolution } from '@/lib/jobs/options';
import { PipelineError } from './errors';
import { placeholderSvg } from './placeholder';
import { render, type RenderInput } from './render';

const SAMPLES = '/work/shared/samples';
let coffee: Buffer;
let coffeeMask: Buffer;
let feathered: Buffer;
let portrait: Buffer;

beforeAll(async () => {
  const load = (name: string) => readFile(`${SAMPLES}/${name}`);
  [coffee, coffeeMask, feathered, portrait] = await Promise.all([
    load('coffee.png'),
    load('coffee-mask.png'),
    load('coffee-mask-feathered.png'),
    load('portrait-exif-orientation-6.jpg'),
  ]);
});

function input(overrides: Partial<RenderInput>): RenderInput {
  return {
    prompt: 'a red bicycle leaning on a wall',
    size: '1:1',
    resolution: '1k',
    n: 1,
    outputFormat: 'png',
    outputCompression: null,
    base: null,
    mask: null,
    ...overrides,
  };
}

async function dims(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  return { width: meta.width, height: meta.height, format: meta.format };
}

/** What the engine must keep outside the mask: the same cover-resize, done here independently. */
async function expectedBase(bytes: Buffer, width: number, height: number) {
  return sharp(bytes)
    .rotate()
    .resize({ width, height, fit: 'cover', position: 'centre' })
    .removeAlpha()
    .raw()
    .toBuffer();
}

async function expectedAlpha(bytes: Buffer, width: number, height: number) {
  return sharp(bytes)
    .ensureAlpha()
    .resize({ width, height, fit: 'cover', position: 'centre' })
    .extractChannel(3)
    .raw()
    .toBuffer();
}

async function rawRgb(bytes: Buffer) {
  return sharp(bytes).removeAlpha().raw().toBuffer();
}

describe('render: output sizes', () => {
  it.each([
    ['1:1', '1k', 1024, 1024],
    ['16:9', '2k', 2048, 1152],
    ['16:9', '4k', 3840, 2160],
    ['9:21', '2k', 1152, 2688],
    ['5:4', '2k', 2560, 2048],
    ['2:3', '1k', 1024, 1536],
  ] as const)('text-only %s %s is %i×%i', async (size, resolution, width, height) => {
    const out = await render(input({ size, resolution }));
    expect(out.images).toHaveLength(1);
    expect(await dims(out.images[0]!)).toEqual({ width, height, format: 'png' });
  });

  it.each([
    ['auto', '1k', 1536, 1024],
    ['16:9', '2k', 2048, 1152],
    ['1:2', '1k', 1024, 2048],
    ['21:9', '4k', 3840, 1648],
  ] as const)('edit of the 600×400 coffee at %s %s is %i×%i', async (size, resolution, width, height) => {
    const out = await render(input({ size, resolution, base: coffee }));
    expect(await dims(out.images[0]!)).toEqual({ width, height, format: 'png' });
  });

  it('gives the exact size of every ratio × tier in the docs’ table, from a base and with none', async () => {
    const pairs = Object.entries(OUTPUT_SIZES).flatMap(([ratio, tiers]) =>
      Object.entries(tiers).map(([tier, size]) => [ratio as FixedRatio, tier as Resolution, size] as const),
    );
    expect(pairs).toHaveLength(13 * 2 + 6);
    for (const [size, resolution, expected] of pairs) {
      const withBase = await render(input({ size, resolution, base: coffee, outputFormat: 'jpeg' }));
      expect(await dims(withBase.images[0]!), `${size} ${resolution}`).toEqual({ ...expected, format: 'jpeg' });
    }
    // Text only goes through the placeholder: one 4k and one 2k size are enough to show it honours the table.
    for (const [size, resolution] of [
      ['9:21', '4k'],
      ['4:5', '2k'],
    ] as const) {
      const out = await render(input({ size, resolution, outputFormat: 'jpeg' }));
      expect(await dims(out.images[0]!)).toEqual({ ...outputSize(size, resolution)!, format: 'jpeg' });
    }
  }, 120_000);

  it('applies EXIF orientation before choosing the auto ratio', async () => {
    // Stored 427×320 with Orientation=6: displays 320×427, nearest ratio 3:4.
    const out = await render(input({ size: 'auto', base: portrait }));
    expect(outputSize('auto', '1k', { width: 320, height: 427 })).toEqual({ width: 768, height: 1024 });
    expect(await dims(out.images[0]!)).toMatchObject({ width: 768, height: 1024 });
  });

  it('writes JPEG when asked', async () => {
    const out = await render(input({ outputFormat: 'jpeg', outputCompression: 70 }));
    expect((await dims(out.images[0]!)).format).toBe('jpeg');
  });
});

describe('render: inpainting', () => {
  it('keeps every pixel outside the mask exactly and changes the inside', async () => {
    const { width, height } = outputSize('16:9', '1k')!;
    const out = await render(input({ size: '16:9', base: coffee, mask: coffeeMask }));
    const [got, base, alpha] = await Promise.all([
      rawRgb(out.images[0]!),
      expectedBase(coffee, width, height),
      expectedAlpha(coffeeMask, width, height),
    ]);
    expect(got.length).toBe(width * height * 3);
    let outsideMismatch = 0;
    let inside = 0;
    let insideDiff = 0;
    for (let p = 0; p < width * height; p++) {
      const a = alpha[p]!;
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(got[p * 3 + c]! - base[p * 3 + c]!);
        if (a === 255 && d !== 0) outsideMismatch++;
        if (a === 0) {
          inside++;
          insideDiff += d;
        }
      }
    }
    expect(outsideMismatch).toBe(0);
    expect(inside).toBeGreaterThan(100_000);
    // The cup is gone: on average the repainted area differs clearly from the original.
    expect(insideDiff / inside).toBeGreaterThan(10);
  });

  it('blends a feathered edge and still keeps opaque pixels exactly', async () => {
    const { width, height } = outputSize('3:2', '1k')!;
    const out = await render(input({ size: '3:2', base: coffee, mask: feathered }));
    const [got, base, alpha] = await Promise.all([
      rawRgb(out.images[0]!),
      expectedBase(coffee, width, height),
      expectedAlpha(feathered, width, height),
    ]);
    for (let p = 0; p < width * height; p++) {
      if (alpha[p] !== 255) continue;
      if (got[p * 3] !== base[p * 3] || got[p * 3 + 1] !== base[p * 3 + 1] || got[p * 3 + 2] !== base[p * 3 + 2]) {
        throw new Error(`pixel ${p} changed outside the mask`);
      }
    }
  });

  it('places a second reference into the hole, and blends references without a mask', async () => {
    const rocket = await readFile(`${SAMPLES}/rocket.jpg`);
    const { width, height } = outputSize('3:2', '1k')!;
    const placed = await render(input({ size: '3:2', base: coffee, mask: coffeeMask, references: [rocket] }));
    const [got, base, alpha] = await Promise.all([
      rawRgb(placed.images[0]!),
      expectedBase(coffee, width, height),
      expectedAlpha(coffeeMask, width, height),
    ]);
    for (let p = 0; p < width * height; p++) {
      if (alpha[p] === 255 && got[p * 3] !== base[p * 3]) throw new Error(`pixel ${p} changed outside the mask`);
    }
    const blended = await render(input({ size: '3:2', base: coffee, references: [rocket], n: 2 }));
    expect(Buffer.compare(blended.images[0]!, blended.images[1]!)).not.toBe(0);
    const blue = async (bytes: Buffer) => {
      const { channels } = await sharp(bytes).stats();
      return channels[2]!.mean - channels[0]!.mean;
    };
    // Full transfer first, then gentler: the first result is the bluest, both bluer than the coffee.
    const [b0, b1, bc] = await Promise.all([blue(blended.images[0]!), blue(blended.images[1]!), blue(coffee)]);
    expect(b0).toBeGreaterThan(b1);
    expect(b1).toBeGreaterThan(bc);
  });

  it('gives n outputs, the extra ones filled differently', async () => {
    const out = await render(input({ size: '3:2', base: coffee, mask: coffeeMask, n: 2 }));
    expect(out.images).toHaveLength(2);
    expect(Buffer.compare(out.images[0]!, out.images[1]!)).not.toBe(0);
  });

  it('returns the resized base when there is no mask', async () => {
    const { width, height } = outputSize('4:3', '1k')!;
    const out = await render(input({ size: '4:3', base: coffee, n: 3 }));
    expect(out.images).toHaveLength(3);
    expect(Buffer.compare(await rawRgb(out.images[0]!), await expectedBase(coffee, width, height))).toBe(0);
  });

  it('reports progress upwards through the stages', async () => {
    const seen: number[] = [];
    await render(input({ size: '3:2', base: coffee, mask: coffeeMask, n: 2 }), {
      onProgress: (p) => void seen.push(p),
    });
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen.at(-1)).toBeLessThan(100);
  });

  it('stops at a stage boundary when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(render(input({ base: coffee, mask: coffeeMask }), { signal: controller.signal })).rejects.toThrow();
  });
});

describe('render: refusals in words', () => {
  it('refuses a mask of another size', async () => {
    const small = await sharp(coffeeMask).resize(300, 200).png().toBuffer();
    await expect(render(input({ base: coffee, mask: small }))).rejects.toThrow(
      new PipelineError('The mask is 300×200 but the first image is 600×400; they must be the same size'),
    );
  });

  it('refuses a mask without alpha', async () => {
    const opaque = await sharp(coffeeMask).removeAlpha().png().toBuffer();
    await expect(render(input({ base: coffee, mask: opaque }))).rejects.toThrow(/no alpha channel/);
  });

  it('refuses an undecodable image', async () => {
    const junk = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    await expect(render(input({ base: junk }))).rejects.toThrow(/could not be decoded/);
  });
});

describe('placeholder', () => {
  it('is deterministic per prompt and escapes the prompt', async () => {
    const a = await render(input({ prompt: 'castle under stars' }));
    const b = await render(input({ prompt: 'castle under stars' }));
    const c = await render(input({ prompt: 'a different castle' }));
    expect(Buffer.compare(a.images[0]!, b.images[0]!)).toBe(0);
    expect(Buffer.compare(a.images[0]!, c.images[0]!)).not.toBe(0);
    const svg = placeholderSvg('<script>alert("x")</script> & friends', { width: 100, height: 100 });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Offline engine · placeholder');
    await expect(render(input({ prompt: '<b>&amp;</b> "quoted" \'single\'' }))).resolves.toBeTruthy();
  });
});
