import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { heicHeaderOnly } from '@/lib/testing/hostile-images';
import { rasterMimeType, sniffImageType } from './sniff';

const samples = path.resolve(__dirname, '../../../shared/samples');
const head = (name: string) => new Uint8Array(readFileSync(path.join(samples, name)).subarray(0, 16));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('sniffImageType', () => {
  it('reads the type from the content, not the name', () => {
    expect(sniffImageType(head('coffee.png'))).toBe('png');
    expect(sniffImageType(head('rocket.jpg'))).toBe('jpeg');
    expect(sniffImageType(bytes('GIF89a........'))).toBe('gif');
    expect(sniffImageType(bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImageType(bytes('  <svg xmlns="'))).toBe('svg');
    expect(sniffImageType(bytes('hello world'))).toBe('unknown');
  });

  it('knows the formats people drop: AVIF, HEIC, TIFF, BMP', () => {
    expect(sniffImageType(new Uint8Array([0, 0, 0, 0x1c, ...bytes('ftypavif')]))).toBe('avif');
    expect(sniffImageType(heicHeaderOnly())).toBe('heic');
    expect(sniffImageType(new Uint8Array([0x49, 0x49, 0x2a, 0]))).toBe('tiff');
    expect(sniffImageType(new Uint8Array([0x4d, 0x4d, 0, 0x2a]))).toBe('tiff');
    const bmp = new Uint8Array(16);
    bmp.set([0x42, 0x4d]);
    bmp[14] = 40;
    expect(sniffImageType(bmp)).toBe('bmp');
    // 'BM' followed by text is not a bitmap.
    expect(sniffImageType(bytes('BMW owners club!'))).toBe('unknown');
  });
});

describe('rasterMimeType', () => {
  it('names raster images and nothing else', () => {
    expect(rasterMimeType(head('coffee.png'))).toBe('image/png');
    expect(rasterMimeType(head('rocket.jpg'))).toBe('image/jpeg');
    expect(rasterMimeType(bytes('<!DOCTYPE html><html>'))).toBeNull();
    expect(rasterMimeType(bytes('<svg xmlns="x"/>'))).toBeNull();
    // A download from upstream must be a web image; a TIFF is not what the API sends.
    expect(rasterMimeType(new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]))).toBeNull();
  });
});
