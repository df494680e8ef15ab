import type { PixelRect } from './types';

/**
 * History patches: what one edit changed in a rectangle of the mask, stored as the XOR of the bytes before and
 * after it, run-length encoded. XOR-ing the patch into the mask turns "after" into "before" (undo) and "before"
 * into "after" (redo), so one patch serves both directions, and pixels the edit left alone are 0 — runs that cost
 * a byte or two and are skipped, not touched, when the patch is applied.
 *
 * Encoding, over the rectangle's bytes row by row (a run may cross rows): a sequence of tokens, each a varint
 * header `h` and maybe a payload —
 *   `h & 1 = 0`: `h >> 1` zero bytes (unchanged pixels), no payload;
 *   `h & 3 = 1`: `h >> 2` copies of the next byte;
 *   `h & 3 = 3`: `h >> 2` literal bytes follow.
 * Why not fflate: a mask is mostly 0/255, so a soft stroke's delta is zeros, runs and short ramps. Measured on a
 * soft 246 px stroke across a 4096² mask (~2870 × 410 px, 2.4 MB before + after), this makes ~260 KB in ~4.5 ms;
 * fflate's deflate level 1 made ~160 KB in ~17 ms, and the commit of a stroke must stay inside a frame
 * (`scripts/bench/mask-editor/history.ts` and its README).
 */

/** Runs shorter than this stay inside a literal: a run token costs 2–4 bytes, and breaking a literal costs more. */
const MIN_RUN = 4;

/**
 * Copies the rectangle's bytes of `alpha` (row stride `width`) into `into` (packed, row after row), growing it
 * when it is too small; returns the buffer holding them. Call before an edit, then `encodePatch` after it.
 */
export function copyRect(alpha: Uint8Array, width: number, rect: PixelRect, into: Uint8Array | null): Uint8Array {
  const bw = rect.x1 - rect.x0;
  const size = bw * (rect.y1 - rect.y0);
  const out = into && into.length >= size ? into : new Uint8Array(size);
  if (bw === width) {
    out.set(alpha.subarray(rect.y0 * width, rect.y1 * width));
    return out;
  }
  for (let y = rect.y0, at = 0; y < rect.y1; y++, at += bw) {
    const row = y * width + rect.x0;
    out.set(alpha.subarray(row, row + bw), at);
  }
  return out;
}

/**
 * Encodes `before` (from `copyRect`) XOR the rectangle of `after` (row stride `width`) as one patch. `before` is
 * overwritten with that XOR (it is the caller's scratch copy).
 */
export function encodePatch(before: Uint8Array, after: Uint8Array, width: number, rect: PixelRect): Uint8Array {
  const bw = rect.x1 - rect.x0;
  const length = bw * (rect.y1 - rect.y0);
  // First the XOR in place, row by row (a tight loop), then one scan of a single packed buffer whose zero runs can
  // be skipped a word at a time and whose literals are copied as they are: a soft 246 px stroke on 4096² encoded
  // in 4.6 ms this way against 5.2 ms comparing the two buffers while encoding.
  for (let y = rect.y0, at = 0; y < rect.y1; y++, at += bw) {
    const row = y * width + rect.x0 - at;
    for (let i = at; i < at + bw; i++) before[i] = before[i]! ^ after[row + i]!;
  }
  return encodeDelta(before, length);
}

function encodeDelta(delta: Uint8Array, length: number): Uint8Array {
  const writer = new TokenWriter(Math.max(64, length >> 6));
  // Zero runs (unchanged pixels, most of a stroke's rectangle) are skipped a word at a time.
  const words = delta.byteOffset % 4 === 0 ? new Uint32Array(delta.buffer, delta.byteOffset, length >> 2) : null;
  let literalFrom = -1; // start of the bytes waiting to be written as one literal, -1 when none
  let at = 0;
  while (at < length) {
    const d = delta[at]!;
    let to = at + 1;
    if (d === 0 && words) {
      while (to < length && to & 3 && delta[to] === 0) to++;
      if (!(to & 3)) {
        let w = to >> 2;
        while (w < words.length && words[w] === 0) w++;
        to = w << 2;
      }
    }
    while (to < length && delta[to] === d) to++;
    // [at, to) is one maximal run of d: a token of its own when long enough, else part of a literal.
    if (to - at >= MIN_RUN) {
      if (literalFrom >= 0) writer.literal(delta, literalFrom, at);
      literalFrom = -1;
      if (d === 0) {
        if (to < length) writer.header((to - at) * 2); // trailing zeros need no token
      } else {
        writer.run(to - at, d);
      }
    } else if (literalFrom < 0) {
      literalFrom = at;
    }
    at = to;
  }
  if (literalFrom >= 0) writer.literal(delta, literalFrom, length);
  return writer.finish();
}

/** XORs a patch from `encodePatch` into the rectangle of `alpha` (row stride `width`): undo or redo of that edit. */
export function applyPatch(alpha: Uint8Array, width: number, rect: PixelRect, patch: Uint8Array): void {
  // A full-width rectangle (whole-image commands, imports) is one contiguous span: one "row" of it all.
  const span = rect.x0 === 0 && rect.x1 === width;
  const bw = span ? width * (rect.y1 - rect.y0) : rect.x1 - rect.x0;
  // Long runs of one value (an invert, a clear) XOR 4 pixels at a time through the mask's 32-bit view.
  const words = alpha.byteOffset % 4 === 0 ? new Uint32Array(alpha.buffer, alpha.byteOffset, alpha.length >> 2) : null;
  const end = patch.length;
  let p = 0; // read position in the patch
  let row = rect.y0 * width + rect.x0; // index in `alpha` of the current row's first pixel
  let x = 0; // column inside the row
  while (p < end) {
    let h = patch[p++]!;
    if (h & 0x80) {
      h &= 0x7f;
      let scale = 0x80;
      let b: number;
      do {
        b = patch[p++]!;
        h += (b & 0x7f) * scale;
        scale *= 0x80;
      } while (b & 0x80);
    }
    // Headers stay below 2^31 (a count is at most the pixel count, 4 × that fits), so shifts are safe.
    if ((h & 1) === 0) {
      x += h >>> 1;
      if (x >= bw) {
        const rows = Math.floor(x / bw);
        row += rows * width;
        x -= rows * bw;
      }
      continue;
    }
    let count = h >>> 2;
    if ((h & 3) === 1 && x + count <= bw) {
      // The common case: a run inside one row.
      xorRun(alpha, words, row + x, row + x + count, patch[p++]!);
      x += count;
      if (x === bw) {
        x = 0;
        row += width;
      }
      continue;
    }
    const literal = (h & 3) === 3;
    const value = literal ? 0 : patch[p++]!;
    while (count > 0) {
      const n = Math.min(count, bw - x);
      const start = row + x;
      if (literal) {
        for (let i = 0; i < n; i++) alpha[start + i] = alpha[start + i]! ^ patch[p + i]!;
        p += n;
      } else {
        xorRun(alpha, words, start, start + n, value);
      }
      count -= n;
      x += n;
      if (x === bw) {
        x = 0;
        row += width;
      }
    }
  }
}

function xorRun(alpha: Uint8Array, words: Uint32Array | null, from: number, to: number, value: number): void {
  let i = from;
  if (words && to - from >= 16) {
    for (; i & 3; i++) alpha[i] = alpha[i]! ^ value;
    const word = (value * 0x01010101) >>> 0;
    const w1 = to >> 2;
    for (let w = i >> 2; w < w1; w++) words[w] = words[w]! ^ word;
    i = w1 << 2;
  }
  for (; i < to; i++) alpha[i] = alpha[i]! ^ value;
}

/** A growable byte buffer that writes tokens; `finish` returns exactly the bytes written. */
class TokenWriter {
  #bytes: Uint8Array;
  #length = 0;

  constructor(capacity: number) {
    this.#bytes = new Uint8Array(capacity);
  }

  header(h: number): void {
    this.#reserve(8);
    const bytes = this.#bytes;
    while (h >= 0x80) {
      bytes[this.#length++] = (h % 0x80) | 0x80;
      h = Math.floor(h / 0x80);
    }
    bytes[this.#length++] = h;
  }

  run(count: number, value: number): void {
    this.header(count * 4 + 1);
    this.#bytes[this.#length++] = value; // header reserved room for it
  }

  literal(source: Uint8Array, from: number, to: number): void {
    this.header((to - from) * 4 + 3);
    this.#reserve(to - from);
    this.#bytes.set(source.subarray(from, to), this.#length);
    this.#length += to - from;
  }

  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  #reserve(extra: number): void {
    if (this.#length + extra <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + extra));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }
}
