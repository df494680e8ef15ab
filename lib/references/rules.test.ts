import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDimensions, checkReferenceCount, checkReferenceFile } from './rules';

const samples = path.resolve(__dirname, '../../../shared/samples');
const head = (name: string) => new Uint8Array(readFileSync(path.join(samples, name)).subarray(0, 16));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('checkReferenceFile', () => {
  it('accepts a JPEG even when it is named .png', () => {
    expect(checkReferenceFile({ name: 'photo.png', size: 1000, head: head('rocket.jpg') })).toBeNull();
  });

  it.each([
    ['empty.png', 0, head('coffee.png'), 'reference:empty', /empty/],
    ['huge.png', 50 * 1024 * 1024 + 1, head('coffee.png'), 'reference:too_large', /at most 50\.0 MB/],
    ['anim.gif', 10, bytes('GIF89a'), 'reference:unsupported_type', /a GIF; only PNG and JPEG/],
    ['logo.svg', 10, bytes('<svg>'), 'reference:unsupported_type', /an SVG drawing/],
    ['notes.txt', 10, bytes('hello'), 'reference:unsupported_type', /not an image/],
  ])('refuses %s, naming the file and the reason', (name, size, fileHead, code, message) => {
    const error = checkReferenceFile({ name, size, head: fileHead });
    expect(error?.code).toBe(code);
    expect(error?.file).toBe(name);
    expect(error?.message).toContain(name);
    expect(error?.message).toMatch(message);
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
    expect(checkDimensions('bomb.png', 12_000, 12_000)?.message).toMatch(/bomb\.png is 12000 × 12000 px/);
  });
});
