/**
 * Colour transfer (Reinhard, Ashikhmin, Gooch & Shirley 2001) in CIE L*a*b*: the base keeps its structure and
 * takes the per-channel mean and spread of the references' colours. `strength` 1 is the full transfer.
 *
 * Runs in a worker as its own source text (see `worker-pool.ts`): self-contained, no imports.
 */

export interface TransferInput {
  width: number;
  height: number;
  /** The base, RGB. */
  rgb: Uint8Array;
  /** The style references, RGB (any size; small is enough for statistics). */
  references: Uint8Array[];
  strength: number;
}

export interface TransferOutput {
  rgb: Uint8Array;
}

export function transferKernel(input: TransferInput, report: (done: number, total: number) => void): TransferOutput {
  // sRGB <-> linear through tables: a 4k frame is 8 M pixels, and Math.pow per channel would dominate.
  const toLinear = new Float64Array(256);
  for (let i = 0; i < 256; i++) {
    const c = i / 255;
    toLinear[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
  const SRGB_STEPS = 4096;
  const toSrgb = new Uint8Array(SRGB_STEPS + 1);
  for (let i = 0; i <= SRGB_STEPS; i++) {
    const c = i / SRGB_STEPS;
    const v = c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    toSrgb[i] = Math.max(0, Math.min(255, Math.round(v * 255)));
  }
  const Xn = 0.95047;
  const Zn = 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const fInv = (t: number) => (t > 0.206893 ? t * t * t : (t - 16 / 116) / 7.787);

  function toLab(rgb: Uint8Array, lab: Float32Array): void {
    for (let i = 0, j = 0; i < rgb.length; i += 3, j += 3) {
      const r = toLinear[rgb[i]!]!;
      const g = toLinear[rgb[i + 1]!]!;
      const b = toLinear[rgb[i + 2]!]!;
      const fx = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / Xn);
      const fy = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
      const fz = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / Zn);
      lab[j] = 116 * fy - 16;
      lab[j + 1] = 500 * (fx - fy);
      lab[j + 2] = 200 * (fy - fz);
    }
  }

  function stats(lab: Float32Array): { mean: number[]; std: number[] } {
    const mean = [0, 0, 0];
    const sq = [0, 0, 0];
    const n = lab.length / 3;
    for (let i = 0; i < lab.length; i += 3) {
      for (let c = 0; c < 3; c++) {
        const v = lab[i + c]!;
        mean[c]! += v;
        sq[c]! += v * v;
      }
    }
    const m = mean.map((v) => v / n);
    return { mean: m, std: sq.map((v, c) => Math.sqrt(Math.max(1e-6, v / n - m[c]! * m[c]!))) };
  }

  // Pooled statistics of all references: each one weighs by its pixel count.
  const pooled = { n: 0, sum: [0, 0, 0], sq: [0, 0, 0] };
  for (const reference of input.references) {
    const lab = new Float32Array(reference.length);
    toLab(reference, lab);
    const s = stats(lab);
    const n = lab.length / 3;
    pooled.n += n;
    for (let c = 0; c < 3; c++) {
      pooled.sum[c]! += s.mean[c]! * n;
      pooled.sq[c]! += (s.std[c]! * s.std[c]! + s.mean[c]! * s.mean[c]!) * n;
    }
  }
  const out = new Uint8Array(input.rgb.length);
  if (pooled.n === 0) {
    out.set(input.rgb);
    return { rgb: out };
  }
  const targetMean = pooled.sum.map((v) => v / pooled.n);
  const targetStd = pooled.sq.map((v, c) => Math.sqrt(Math.max(1e-6, v / pooled.n - targetMean[c]! ** 2)));

  const lab = new Float32Array(input.rgb.length);
  toLab(input.rgb, lab);
  const source = stats(lab);
  report(1, 3);
  const k = Math.max(0, Math.min(1, input.strength));
  const scale = [0, 1, 2].map((c) => 1 - k + (k * targetStd[c]!) / source.std[c]!);
  const shift = [0, 1, 2].map((c) => k * targetMean[c]! + (1 - k) * source.mean[c]!);

  for (let i = 0; i < lab.length; i += 3) {
    const L = (lab[i]! - source.mean[0]!) * scale[0]! + shift[0]!;
    const A = (lab[i + 1]! - source.mean[1]!) * scale[1]! + shift[1]!;
    const B = (lab[i + 2]! - source.mean[2]!) * scale[2]! + shift[2]!;
    const fy = (L + 16) / 116;
    const X = fInv(fy + A / 500) * Xn;
    const Y = fInv(fy);
    const Z = fInv(fy - B / 200) * Zn;
    const r = 3.2406 * X - 1.5372 * Y - 0.4986 * Z;
    const g = -0.9689 * X + 1.8758 * Y + 0.0415 * Z;
    const b = 0.0557 * X - 0.204 * Y + 1.057 * Z;
    out[i] = toSrgb[Math.round(Math.max(0, Math.min(1, r)) * SRGB_STEPS)]!;
    out[i + 1] = toSrgb[Math.round(Math.max(0, Math.min(1, g)) * SRGB_STEPS)]!;
    out[i + 2] = toSrgb[Math.round(Math.max(0, Math.min(1, b)) * SRGB_STEPS)]!;
    if ((i & 0xfffff) === 0) report(1 + i / lab.length, 3);
  }
  report(3, 3);
  return { rgb: out };
}
