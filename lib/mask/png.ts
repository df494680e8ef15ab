import { ZlibWriter } from './zlib-writer';

/**
 * The mask PNG that image-edit APIs (gpt-image style) expect: RGBA, 8 bit, exactly the base size,
 * RGB black, A = alpha (0 = repaint, 255 = keep, soft edges in between).
 *
 * Why a hand-made encoder: the mask editor exports 4096 × 4096 masks and the target is an export within 1.5 × sharp
 * (native libpng + zlib, ~30–50 ms on that size here). Chromium's OffscreenCanvas PNG took ~140 ms in the worker,
 * CompressionStream 430–830 ms, fast-png's JS deflate ~1 s, and fflate's `zlibSync` on the same filtered
 * scanlines 18–49 × sharp (level 1 or 6, on a loaded machine). A mask is mostly long runs of one alpha value, so
 * nothing here searches for repeats: the alpha bytes are scanned for runs (4 at a time) and each run goes
 * straight to the deflate stream as a literal and matches; the Adler-32 of a run is computed in closed form.
 * Measured in Node (scripts/bench/mask-editor/encode-png.ts): 200 hard-edged strokes ~10 ms and 127 KB (sharp
 * 226 KB); the same feathered by 48 px ~30 ms and 395 KB (sharp 520 KB).
 */
export function encodeMaskPng(width: number, height: number, alpha: Uint8Array): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`a mask PNG needs a positive integer size, got ${width}×${height}`);
  }
  if (width > MAX_SIDE || height > MAX_SIDE) {
    throw new RangeError(`a PNG side is at most ${MAX_SIDE} px, got ${width}×${height}`);
  }
  if (alpha.length !== width * height) {
    throw new RangeError(`alpha has ${alpha.length} bytes, expected ${width}×${height}`);
  }
  const zlib = deflateScanlines(width, height, alpha);
  if (zlib.length > MAX_CHUNK)
    throw new RangeError(`the mask's image data (${zlib.length} bytes) overflows a PNG chunk`);
  const png = new Uint8Array(SIGNATURE.length + 25 + 12 + zlib.length + 12);
  png.set(SIGNATURE);
  let at = SIGNATURE.length;
  const header = new Uint8Array(13);
  writeUint32(header, 0, width);
  writeUint32(header, 4, height);
  header.set(IHDR_TAIL, 8);
  at = writeChunk(png, at, IHDR, header);
  at = writeChunk(png, at, IDAT, zlib);
  writeChunk(png, at, IEND, new Uint8Array(0));
  return png;
}

/** True when at least one pixel is marked (even partly) for repainting. */
export function hasRepaintArea(alpha: Uint8Array): boolean {
  // Four pixels per comparison where the buffer allows it: this runs after every committed change.
  const words = alpha.byteOffset % 4 === 0 ? Math.floor(alpha.length / 4) : 0;
  const view = words > 0 ? new Uint32Array(alpha.buffer, alpha.byteOffset, words) : null;
  for (let i = 0; i < words; i++) if (view![i] !== 0xffffffff) return true;
  for (let i = words * 4; i < alpha.length; i++) if (alpha[i] !== 255) return true;
  return false;
}

const MAX_SIDE = 0x7fffffff;
const MAX_CHUNK = 0x7fffffff;
const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const IHDR = 0x49484452;
const IDAT = 0x49444154;
const IEND = 0x49454e44;
const IHDR_TAIL = Uint8Array.of(8, 6, 0, 0, 0); // 8-bit, RGBA, deflate, adaptive filtering, no interlace
const ADLER_MOD = 65521;

/**
 * The zlib stream of the PNG's scanlines: a filter byte, then (0,0,0,f) per pixel where f is the filtered alpha.
 * Each row takes whichever of two PNG filters leaves it fewer runs of equal f:
 * - "Sub" (f = alpha − alpha to the left): a run of k pixels of alpha a becomes one pixel (0,0,0,a − left) and
 *   k − 1 pixels of zeros; a feathered gradient becomes a few small values.
 * - "Up" (f = alpha − alpha above): a row like the one above is one run of zeros, and a soft edge that moves
 *   little from row to row leaves long runs of one small difference.
 * The scan for Up's runs stops once it has as many as Sub's, so a hard-edged row costs little more than one scan.
 * Either way a run's bytes go out as "0,0,0" (a length-3 match four bytes back; five at a row start, past the
 * filter byte into the row above), the literal f, then matches for the rest: one byte back over Sub's zeros,
 * four bytes back over Up's repeated pixel. The first row uses Sub (there is no row above) and starts with three
 * literal zeros (there is nothing five bytes back).
 */
function deflateScanlines(width: number, height: number, alpha: Uint8Array): Uint8Array {
  if (alpha.byteOffset % 4 !== 0) alpha = alpha.slice(); // the 4-byte views need an aligned start
  const words = new Int32Array(alpha.buffer, alpha.byteOffset, alpha.length >>> 2);
  const zlib = new ZlibWriter(1024 + height * (16 + Math.ceil(width / 256)));
  const subEnds = new Int32Array(width);
  const upEnds = new Int32Array(width);
  // Adler-32 kept as exact doubles and reduced only when large (a % per run would cost more than the rest).
  let sumA = 1;
  let sumB = 0;
  for (let y = 0, start = 0; y < height; y++, start += width) {
    const end = start + width;
    const subRuns = alphaRuns(alpha, words, start, end, subEnds);
    const upRuns = y === 0 || subRuns === 1 ? subRuns : differenceRuns(alpha, words, start, width, upEnds, subRuns);
    const up = upRuns < subRuns;
    const runs = up ? upRuns : subRuns;
    const ends = up ? upEnds : subEnds;
    const filter = up ? FILTER_UP : FILTER_SUB;
    zlib.literal(filter);
    sumA += filter;
    sumB += sumA;
    let left = 0;
    for (let r = 0, i = start; r < runs; r++) {
      const next = ends[r]!;
      const k = next - i;
      const a = alpha[i]!;
      const f = (a - (up ? alpha[i - width]! : left)) & 0xff;
      if (i > start) zlib.match(3, 4);
      else if (y > 0) zlib.match(3, 5);
      else for (let z = 0; z < 3; z++) zlib.literal(0);
      zlib.literal(f);
      // Adler-32 of the run's n = 4k bytes, with k taken mod 65521 (plus 65521, to stay positive) once it could
      // reach it: with sumA < 2^26 and kk < 2^17 every term stays below 2^46, so the doubles are exact.
      const kk = k < 16384 ? k : (k % ADLER_MOD) + ADLER_MOD;
      const n = 4 * kk;
      if (up) {
        // k repeats of (0,0,0,f): A += k·f, B += n·A + f·k·(2k − 1).
        if (k > 1) matches(zlib, 4 * (k - 1), 4);
        sumB += n * sumA + f * kk * (2 * kk - 1);
        sumA += f * kk;
      } else {
        // (0,0,0,f) then zeros: A += f, B += n·A + f·(n − 3).
        if (k > 1) {
          zlib.literal(0);
          matches(zlib, 4 * k - 5, 1);
        }
        sumB += n * sumA + f * (n - 3);
        sumA += f;
      }
      if (sumA >= 0x2000000) sumA %= ADLER_MOD;
      if (sumB >= 2 ** 51) sumB %= ADLER_MOD;
      left = alpha[next - 1]!;
      i = next;
    }
  }
  return zlib.finish(((sumB % ADLER_MOD) * 65536 + (sumA % ADLER_MOD)) >>> 0);
}

const FILTER_SUB = 1;
const FILTER_UP = 2;

/** Splits alpha[start, end) into runs of equal alpha; writes each run's end to `ends`, returns how many. */
function alphaRuns(alpha: Uint8Array, words: Int32Array, start: number, end: number, ends: Int32Array): number {
  let runs = 0;
  for (let i = start; i < end;) {
    i = runEnd(alpha, words, i + 1, end, alpha[i]!);
    ends[runs++] = i;
  }
  return runs;
}

/**
 * Splits the row at `start` into runs of equal difference to the row above (mod 256), like alphaRuns; stops and
 * returns `limit` once there are that many (the caller then keeps Sub).
 */
function differenceRuns(
  alpha: Uint8Array,
  words: Int32Array,
  start: number,
  width: number,
  ends: Int32Array,
  limit: number,
): number {
  const end = start + width;
  const aligned = width % 4 === 0;
  let runs = 0;
  for (let i = start; i < end;) {
    if (runs === limit) return limit;
    const difference = (alpha[i]! - alpha[i - width]!) & 0xff;
    i++;
    if (difference === 0 && aligned) {
      // Equal to the row above: compare 4 pixels at a time once aligned.
      while (i < end && (i & 3) !== 0 && alpha[i] === alpha[i - width]) i++;
      if (i < end && (i & 3) === 0) {
        const offset = width >>> 2;
        let w = i >>> 2;
        const wordEnd = end >>> 2;
        while (w < wordEnd && words[w] === words[w - offset]) w++;
        i = w * 4;
      }
    }
    while (i < end && ((alpha[i]! - alpha[i - width]!) & 0xff) === difference) i++;
    ends[runs++] = i;
  }
  return runs;
}

/** `bytes` ≥ 3 as matches at `distance`: 258 at a time, never leaving a remainder of 1–2 (a match is 3..258). */
function matches(zlib: ZlibWriter, bytes: number, distance: number): void {
  const full = Math.floor(bytes / 258);
  const rest = bytes - full * 258;
  if (rest === 0) zlib.match(258, distance, full);
  else if (rest >= 3) {
    if (full > 0) zlib.match(258, distance, full);
    zlib.match(rest, distance);
  } else {
    if (full > 1) zlib.match(258, distance, full - 1);
    zlib.match(255 + rest, distance);
    zlib.match(3, distance);
  }
}

/** The first index in [from, end) whose alpha differs from `value` (or end): 4 bytes per step where aligned. */
function runEnd(alpha: Uint8Array, words: Int32Array, from: number, end: number, value: number): number {
  let i = from;
  while (i < end && (i & 3) !== 0) {
    if (alpha[i] !== value) return i;
    i++;
  }
  if (i >= end) return end;
  const pattern = Math.imul(value, 0x01010101);
  let w = i >>> 2;
  const wordEnd = end >>> 2;
  while (w < wordEnd && words[w] === pattern) w++;
  i = w * 4;
  while (i < end && alpha[i] === value) i++;
  return i;
}

function writeUint32(out: Uint8Array, at: number, value: number): void {
  out[at] = value >>> 24;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}

/** Writes a PNG chunk (length, type, data, CRC of type + data) at `at`; returns the offset after it. */
function writeChunk(out: Uint8Array, at: number, type: number, data: Uint8Array): number {
  writeUint32(out, at, data.length);
  writeUint32(out, at + 4, type);
  out.set(data, at + 8);
  writeUint32(out, at + 8 + data.length, crc32(out, at + 4, at + 8 + data.length));
  return at + 12 + data.length;
}

let crcTable: Int32Array | null = null;

/** CRC-32 (PNG chunks) of bytes[from, to): only the small compressed output, never the raw pixels. */
function crc32(bytes: Uint8Array, from: number, to: number): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const table = crcTable;
  let crc = -1;
  for (let i = from; i < to; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
