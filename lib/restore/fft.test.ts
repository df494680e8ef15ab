import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/testing/random';
import { fft, fft2d, nextPowerOfTwo } from './fft';

/** The textbook O(n²) transform, to check the fast one against. */
function naiveDft(re: number[], im: number[]) {
  const n = re.length;
  const outRe = new Array<number>(n).fill(0);
  const outIm = new Array<number>(n).fill(0);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const angle = (-2 * Math.PI * k * t) / n;
      outRe[k]! += re[t]! * Math.cos(angle) - im[t]! * Math.sin(angle);
      outIm[k]! += re[t]! * Math.sin(angle) + im[t]! * Math.cos(angle);
    }
  }
  return { outRe, outIm };
}

describe('fft', () => {
  it('matches the naive DFT on random input', () => {
    const random = seededRandom(7);
    for (const n of [1, 2, 8, 64]) {
      const re = Array.from({ length: n }, () => random() * 2 - 1);
      const im = Array.from({ length: n }, () => random() * 2 - 1);
      const { outRe, outIm } = naiveDft(re, im);
      const fastRe = Float64Array.from(re);
      const fastIm = Float64Array.from(im);
      fft(fastRe, fastIm);
      for (let k = 0; k < n; k++) {
        expect(fastRe[k]).toBeCloseTo(outRe[k]!, 9);
        expect(fastIm[k]).toBeCloseTo(outIm[k]!, 9);
      }
    }
  });

  it('inverse undoes forward, in 2-D too', () => {
    const random = seededRandom(11);
    const [w, h] = [16, 8];
    const original = Float64Array.from({ length: w * h }, () => random());
    const re = Float64Array.from(original);
    const im = new Float64Array(w * h);
    fft2d(re, im, w, h);
    fft2d(re, im, w, h, true);
    for (let i = 0; i < w * h; i++) {
      expect(re[i]).toBeCloseTo(original[i]!, 10);
      expect(im[i]).toBeCloseTo(0, 10);
    }
  });

  it('puts a 2-D cosine at its frequency', () => {
    const [w, h] = [32, 16];
    const re = new Float64Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) re[y * w + x] = Math.cos((2 * Math.PI * 3 * x) / w);
    const im = new Float64Array(w * h);
    fft2d(re, im, w, h);
    expect(re[3]).toBeCloseTo((w * h) / 2, 6);
    expect(re[w - 3]).toBeCloseTo((w * h) / 2, 6);
    expect(Math.abs(re[w + 3]!)).toBeLessThan(1e-6);
  });

  it('refuses a length that is not a power of two', () => {
    expect(() => fft(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
    expect(nextPowerOfTwo(300)).toBe(512);
    expect(nextPowerOfTwo(256)).toBe(256);
  });
});
