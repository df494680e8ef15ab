import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDimensions, checkReferenceCount, checkReferenceFile, formatOverLimit } from './rules';

const samples = path.resolve(__dirname, '../../../shared/samples');
const head = (name: string) => new Uint8Array(readFileSync(path.join(samples, name)).subarray(0, 16));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('checkReferenceFile', () => {
  it('accepts a JPEG even when it is named .png', () => {
    expect(checkReferenceFile({ name: 'photo.png', size: 1000, head: head('rocket.jpg') })).toBeNull();
  });

  it.each([
    ['empty.png', 0, head('coffee.png'), 'reference:empty', /empty/],
    [
      'huge.png',
      50 * 1024 * 1024 + 1,
      head('coffee.png'),
      'reference:too_large',
      /is 52,428,801 bytes; references can be at most 52,428,800 bytes/,
    ],
    [
      'big.png',
      50.04 * 1024 * 1024,
      head('coffee.png'),
      'reference:too_large',
      /is 50\.04 MB; references can be at most 50\.00 MB/,
    ],
    ['logo.svg', 10, bytes('<svg>'), 'reference:unsupported_type', /an SVG drawing; use a PNG, JPEG, WebP/],
    ['notes.txt', 10, bytes('hello'), 'reference:unsupported_type', /not an image we can read/],
  ])('refuses %s, naming the file and the reason', (name, size, fileHead, code, message) => {
    const error = checkReferenceFile({ name, size, head: fileHead });
    expect(error?.code).toBe(code);
    expect(error?.file).toBe(name);
    expect(error?.message).toContain(name);
    expect(error?.message).toMatch(message);
  });
});

describe('checkReferenceFile: formats people have', () => {
  it.each([
    ['anim.gif', bytes('GIF89a')],
    ['photo.webp', bytes('RIFF\0\0\0\0WEBPVP8 ')],
    ['scan.tif', new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0])],
    ['iphone.heic', new Uint8Array([0, 0, 0, 0x18, ...bytes('ftypheic')])],
    ['photo.avif', new Uint8Array([0, 0, 0, 0x1c, ...bytes('ftypavif')])],
  ])('lets %s through to the server, which converts it', (name, fileHead) => {
    expect(checkReferenceFile({ name, size: 100, head: fileHead })).toBeNull();
  });
});

describe('formatOverLimit', () => {
  it('never shows an over-limit size equal to the limit', () => {
    const limit = 50 * 1024 * 1024;
    for (const over of [1, 100, 4_000, 60_000, 1024 * 1024]) {
      const [size, max] = formatOverLimit(limit + over, limit);
      expect(size).not.toBe(max);
    }
    expect(formatOverLimit(60 * 1024 * 1024, limit)).toEqual(['60.0 MB', '50.0 MB']);
  });
});

describe('checkReferenceCount', () => {
  it('refuses the 17th reference', () => {
    expect(checkReferenceCount('a.png', 15)).toBeNull();
    expect(checkReferenceCount('q.png', 16)?.message).toMatch(/q\.png was not added: a task takes at most 16/);
  });
});

describe('checkDimensions', () => {
  it('refuses decompression bombs by their declared size', () => {
    expect(checkDimensions('ok.png', 4096, 4096)).toBeNull();
    expect(checkDimensions('wide.png', 20_000, 10)?.code).toBe('reference:dimensions');
    expect(checkDimensions('bomb.png', 12_000, 12_000)?.message).toMatch(/bomb\.png is too large \(12000 × 12000 px\)/);
  });
});
