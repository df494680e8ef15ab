import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
});

describe('rasterMimeType', () => {
  it('names raster images and nothing else', () => {
    expect(rasterMimeType(head('coffee.png'))).toBe('image/png');
    expect(rasterMimeType(head('rocket.jpg'))).toBe('image/jpeg');
    expect(rasterMimeType(bytes('<!DOCTYPE html><html>'))).toBeNull();
    expect(rasterMimeType(bytes('<svg xmlns="x"/>'))).toBeNull();
  });
});
