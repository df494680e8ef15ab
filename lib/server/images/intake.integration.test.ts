/**
 * Reference intake through its real parts: the header checks, the decoder child process, PGlite in a temporary
 * DATA_DIR and the blob store. Files are real ones made with sharp (and bmp-ts), plus hand-made hostile headers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encode as encodeBmp } from 'bmp-ts';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heicHeaderOnly, hostileJpeg, pngHeaderOnly } from '@/lib/testing/hostile-images';

const samples = path.resolve(__dirname, '../../../../shared/samples');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'overpaint-intake-'));

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: dataDir, TOAPIS_API_KEY: '' });
  // PGlite's first start (migrations) takes seconds, longer on a loaded machine: not part of any one test.
  const { getDb } = await import('../storage/db');
  await getDb();
}, 120_000);

afterAll(async () => {
  const { closeDb } = await import('../storage/db');
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

async function modules() {
  const [assets, blobs, decoder] = await Promise.all([
    import('../assets'),
    import('../storage/blobs'),
    import('./decoder'),
  ]);
  return { ...assets, ...blobs, ...decoder };
}

/** 48 × 32 RGBA with a gradient and a transparent corner: every pixel differs, so a lossy step would show. */
async function sourcePixels() {
  const width = 48;
  const height = 32;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data.set([x * 5, y * 7, (x * y) % 256, x < 8 && y < 8 ? 0 : 255], o);
    }
  return { width, height, data };
}

async function storedPixels(sha256: string) {
  const { blobStore } = await modules();
  const bytes = await blobStore().read(sha256);
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, info, bytes };
}

describe('formats people have are converted to PNG on the way in', () => {
  it.each([
    ['photo.webp', (img: Sharp) => img.webp({ lossless: true, exact: true })],
    ['scan.tiff', (img: Sharp) => img.tiff({ compression: 'lzw' })],
  ])('%s (lossless) is stored as a PNG with the same pixels', async (name, encode) => {
    const { storeReference } = await modules();
    const source = await sourcePixels();
    const file = await encode(
      sharp(source.data, { raw: { width: source.width, height: source.height, channels: 4 } }),
    ).toBuffer();
    const result = await storeReference(new File([file], name));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({
      mime: 'image/png',
      width: 48,
      height: 32,
      filename: name.replace(/\.\w+$/, '.png'),
    });
    const stored = await storedPixels(result.data.sha256);
    expect(stored.bytes.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(Buffer.compare(stored.data, source.data)).toBe(0);
  });

  it('a BMP (which sharp cannot read) is decoded by the kept decoder, pixels kept', async () => {
    const { storeReference } = await modules();
    const source = await sourcePixels();
    // bmp-ts takes ABGR; a 24-bit BMP has no alpha, so compare colour only.
    const abgr = Buffer.alloc(source.data.length);
    for (let i = 0; i < source.data.length; i += 4)
      abgr.set([255, source.data[i + 2]!, source.data[i + 1]!, source.data[i]!], i);
    const bmp = encodeBmp({ data: abgr, width: source.width, height: source.height, bitPP: 24 }).data;
    const result = await storeReference(new File([new Uint8Array(bmp)], 'paint.bmp'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({ mime: 'image/png', width: 48, height: 32, filename: 'paint.png' });
    const stored = await storedPixels(result.data.sha256);
    for (let i = 0; i < source.data.length; i += 4) {
      expect([...stored.data.subarray(i, i + 3)]).toEqual([...source.data.subarray(i, i + 3)]);
      expect(stored.data[i + 3]).toBe(255);
    }
  });

  it('an animated GIF gives its first frame', async () => {
    const { storeReference } = await modules();
    const red = sharp({ create: { width: 20, height: 10, channels: 3, background: '#f00' } });
    const frames = Buffer.concat([
      await red.clone().raw().toBuffer(),
      await sharp({ create: { width: 20, height: 10, channels: 3, background: '#00f' } })
        .raw()
        .toBuffer(),
    ]);
    const gif = await sharp(frames, { raw: { width: 20, height: 20, channels: 3, pageHeight: 10 } } as SharpOptions)
      .gif({ loop: 0, delay: [100, 100] })
      .toBuffer();
    const result = await storeReference(new File([gif], 'anim.gif'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({ mime: 'image/png', width: 20, height: 10 });
    const stored = await storedPixels(result.data.sha256);
    expect([...stored.data.subarray(0, 3)]).toEqual([255, 0, 0]);
  });

  it('an AVIF photo is read and stored as PNG', async () => {
    const { storeReference } = await modules();
    const avif = await sharp(readFileSync(path.join(samples, 'coffee.png')))
      .avif({ quality: 60 })
      .toBuffer();
    const result = await storeReference(new File([avif], 'coffee.avif'));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data).toMatchObject({ mime: 'image/png', filename: 'coffee.png' });
  });

  it('PNG and JPEG are still stored byte for byte', async () => {
    const { storeReference, blobStore } = await modules();
    const jpeg = readFileSync(path.join(samples, 'rocket.jpg'));
    const result = await storeReference(new File([jpeg], 'rocket.jpg'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.mime).toBe('image/jpeg');
    expect(Buffer.compare(await blobStore().read(result.data.sha256), jpeg)).toBe(0);
  });

  it('a HEIC photo this platform cannot decode gets the HEIC sentence, not "not an image"', async () => {
    const { storeReference } = await modules();
    const result = await storeReference(new File([new Uint8Array(heicHeaderOnly())], 'IMG_0001.HEIC'));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(/IMG_0001\.HEIC: HEIC photos can't be read here; export it as JPEG/);
  });
});

describe('the right reason', () => {
  it('a PNG above sharp’s 268 MP default is "too large (W × H)", not damaged', async () => {
    const { storeReference } = await modules();
    const result = await storeReference(new File([new Uint8Array(pngHeaderOnly(20_000, 16_000))], 'poster.png'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('reference:dimensions');
      expect(result.error.message).toMatch(/poster\.png is too large \(20000 × 16000 px\)/);
    }
  });

  it('a hostile progressive header is refused before the decoder is asked', async () => {
    const { storeReference } = await modules();
    const started = performance.now();
    const result = await storeReference(new File([hostileJpeg()], 'bomb.jpg'));
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/progressive JPEG of 10000 × 10000 px/);
  });

  it('a progressive JPEG with hundreds of scans is refused from its markers, before decoding', async () => {
    const { storeReference } = await modules();
    const result = await storeReference(
      new File([hostileJpeg({ width: 4096, height: 4096, scans: 400 })], 'layers.jpg'),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('reference:too_complex');
      expect(result.error.message).toMatch(/layers\.jpg has 400 progressive scans; at most 100/);
    }
  });

  it('a 12-bit JPEG is "a JPEG type we can\'t read"', async () => {
    const { storeReference } = await modules();
    const result = await storeReference(
      new File([hostileJpeg({ sof: 0xc1, precision: 12, width: 64, height: 64 })], 'ct.jpg'),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/ct\.jpg is a JPEG type we can't read \(a 12-bit JPEG\)/);
  });
});

describe('the decoder is bounded', () => {
  it('stops a decode at its deadline, and the next one still works', async () => {
    const { imageDecoder } = await modules();
    const big = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#888' } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const slow = await imageDecoder().decode({ bytes: big, type: 'png', pixels: 36_000_000, convert: true }, 50);
    expect(slow).toMatchObject({ ok: false, reason: 'timeout' });
    const png = readFileSync(path.join(samples, 'coffee.png'));
    const next = await imageDecoder().decode({ bytes: png, type: 'png', pixels: 1e8, convert: false });
    expect(next.ok).toBe(true);
  });

  it('answers "busy" instead of queueing without end', async () => {
    const { imageDecoder, MAX_WAITING } = await modules();
    const png = readFileSync(path.join(samples, 'coffee.png'));
    const outcomes = await Promise.all(
      Array.from({ length: MAX_WAITING + 4 }, () =>
        imageDecoder().decode({ bytes: png, type: 'png', pixels: 1e8, convert: true }),
      ),
    );
    const busy = outcomes.filter((o) => !o.ok && o.reason === 'busy').length;
    expect(busy).toBeGreaterThanOrEqual(3);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThanOrEqual(MAX_WAITING);
  });
});
