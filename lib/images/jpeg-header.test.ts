import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkJpegHeader } from '@/lib/references/rules';
import { hostileJpeg } from '@/lib/testing/hostile-images';
import { readJpegHeader } from './jpeg-header';

describe('readJpegHeader', () => {
  it('reads a real progressive JPEG: size, components, several scans', async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c83' } })
      .jpeg({ progressive: true })
      .toBuffer();
    const header = readJpegHeader(photo);
    expect(header).toMatchObject({ coding: 'progressive', precision: 8, width: 64, height: 48, components: 3 });
    expect(header!.scans).toBeGreaterThan(1);
    expect(checkJpegHeader('photo.jpg', header)).toBeNull();
  });

  it('reads a baseline JPEG as one scan', async () => {
    const photo = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    expect(readJpegHeader(photo)).toMatchObject({ coding: 'baseline', scans: 1 });
  });

  it('is null for bytes that are not a JPEG', () => {
    expect(readJpegHeader(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(readJpegHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });
});

describe('checkJpegHeader: hostile headers refused before decoding', () => {
  it('refuses a ~150-byte progressive header claiming 10000 × 10000, fast', () => {
    const bomb = hostileJpeg();
    expect(bomb.byteLength).toBeLessThan(200);
    const started = performance.now();
    const error = checkJpegHeader('bomb.jpg', readJpegHeader(bomb));
    expect(performance.now() - started).toBeLessThan(20);
    expect(error?.code).toBe('reference:dimensions');
    expect(error?.message).toMatch(
      /bomb\.jpg is a progressive JPEG of 10000 × 10000 px; progressive JPEGs can be at most 36 megapixels/,
    );
    // The same size as a baseline JPEG is within the ordinary 100 MP limit.
    expect(checkJpegHeader('big.jpg', readJpegHeader(hostileJpeg({ sof: 0xc0 })))).toBeNull();
  });

  it('refuses a progressive JPEG with hundreds of scans', () => {
    const error = checkJpegHeader('scans.jpg', readJpegHeader(hostileJpeg({ width: 1000, height: 1000, scans: 300 })));
    expect(error?.code).toBe('reference:too_complex');
    expect(error?.message).toMatch(/scans\.jpg has 300 progressive scans; at most 100/);
    expect(checkJpegHeader('ok.jpg', readJpegHeader(hostileJpeg({ width: 1000, height: 1000, scans: 12 })))).toBeNull();
  });

  it('refuses more than four colour components', () => {
    const error = checkJpegHeader('odd.jpg', readJpegHeader(hostileJpeg({ width: 100, height: 100, components: 9 })));
    expect(error?.code).toBe('reference:too_complex');
    expect(error?.message).toMatch(/9 colour components/);
  });

  it.each([
    ['12-bit', { sof: 0xc1, precision: 12 }, /a 12-bit JPEG/],
    ['lossless', { sof: 0xc3 }, /a lossless JPEG/],
    ['hierarchical', { sof: 0xc5 }, /a hierarchical JPEG/],
  ])('says a %s JPEG is "a JPEG type we can\'t read", not damaged', (_, options, kind) => {
    const error = checkJpegHeader('scan.jpg', readJpegHeader(hostileJpeg({ width: 100, height: 100, ...options })));
    expect(error?.code).toBe('reference:unsupported_type');
    expect(error?.message).toMatch(/scan\.jpg is a JPEG type we can't read/);
    expect(error?.message).toMatch(kind);
  });
});
