import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ZlibWriter } from './zlib-writer';
import { seededRandom } from '@/lib/testing/random';

type Token = { literal: number } | { length: number; distance: number; repeat: number };

/** The bytes a token list stands for (what inflate must give back), and their Adler-32. */
function expand(tokens: Token[]): { bytes: Uint8Array; adler: number } {
  const out: number[] = [];
  for (const token of tokens) {
    if ('literal' in token) out.push(token.literal);
    else
      for (let r = 0; r < token.repeat; r++)
        for (let i = 0; i < token.length; i++) out.push(out[out.length - token.distance]!);
  }
  let a = 1;
  let b = 0;
  for (const byte of out) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return { bytes: Uint8Array.from(out), adler: ((b << 16) | a) >>> 0 };
}

function write(tokens: Token[]): { stream: Uint8Array; bytes: Uint8Array } {
  const { bytes, adler } = expand(tokens);
  const writer = new ZlibWriter(16);
  for (const token of tokens) {
    if ('literal' in token) writer.literal(token.literal);
    else writer.match(token.length, token.distance, token.repeat);
  }
  return { stream: writer.finish(adler), bytes };
}

describe('ZlibWriter', () => {
  it('writes a stream Node’s zlib inflates back to the bytes, with the Adler-32 it was given', () => {
    const tokens: Token[] = [{ literal: 7 }, { literal: 0 }, { literal: 255 }, { length: 3, distance: 1, repeat: 1 }];
    const { stream, bytes } = write(tokens);
    expect(Array.from(bytes)).toEqual([7, 0, 255, 255, 255, 255]);
    expect(Array.from(inflateSync(stream))).toEqual(Array.from(bytes));
    const wrongAdler = new ZlibWriter();
    wrongAdler.literal(1);
    expect(() => inflateSync(wrongAdler.finish(0))).toThrow(/incorrect data check/);
  });

  it('handles every length 3..258 and every distance code up to 32768, over many blocks', () => {
    const next = seededRandom(7);
    const tokens: Token[] = [];
    let size = 0;
    for (; size < 300; size++) tokens.push({ literal: Math.floor(next() * 256) });
    const far = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 24, 25, 100, 257, 1000, 4097, 16385, 24577, 32768];
    for (let i = 0; i < 60_000; i++) {
      if (next() < 0.4) {
        tokens.push({ literal: Math.floor(next() * 256) });
        size++;
        continue;
      }
      const length = i < 256 ? 3 + i : 3 + Math.floor(next() * 256);
      const candidates = far.filter((d) => d <= size);
      const distance = candidates[Math.floor(next() * candidates.length)]!;
      const repeat = next() < 0.05 ? 1 + Math.floor(next() * 5) : 1;
      tokens.push({ length, distance, repeat });
      size += length * repeat;
    }
    const { stream, bytes } = write(tokens); // > 2 blocks of 65 536 token slots
    expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('limits codes to 15 bits when the counts are skewed enough to want longer ones', () => {
    // Fibonacci counts (1 — the end-of-block symbol —, 1, 2, 3, 5, …) make a Huffman tree one level deeper per
    // symbol: 21 levels here.
    const tokens: Token[] = [];
    for (let s = 0, a = 1, b = 2; s < 21; s++) {
      for (let i = 0; i < a; i++) tokens.push({ literal: s * 10 });
      [a, b] = [b, a + b];
    }
    const { stream, bytes } = write(tokens);
    expect(bytes.length).toBeLessThan(65_536); // one block
    expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('writes blocks with a single symbol, with no matches, and with nothing at all', () => {
    for (const tokens of [
      [] as Token[],
      [{ literal: 42 }],
      Array.from({ length: 5000 }, (): Token => ({ literal: 9 })),
      [{ literal: 0 } as Token, { length: 258, distance: 1, repeat: 10_000 }],
    ]) {
      const { stream, bytes } = write(tokens);
      expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('stores a long repeat in a few bytes (a 2-bit code per 258-byte match)', () => {
    const { stream, bytes } = write([{ literal: 0 }, { length: 258, distance: 1, repeat: 10_000 }]);
    expect(bytes.length).toBe(2_580_001);
    expect(stream.length).toBeLessThan(3_000); // 2 bits per match plus the header; fixed Huffman needs ~16 KB
  });
});
