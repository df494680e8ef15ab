/**
 * Lines the model's output up with the base before any paste-back. Generated frames are often a few pixels off, or
 * a hair larger or smaller; pasting the base over such a frame doubles every edge along the mask. We estimate one
 * global scale (about the centre) and translation on the kept area, by phase correlation (`fft.ts`) on downscaled
 * grey images: first a scale search at 256 px, then the translation at 512 px with a sub-pixel peak fit. The
 * estimate is accepted only when it makes the kept area's edges agree (high-pass residual, `RESIDUAL_LIMIT`).
 */
import { fft2d, nextPowerOfTwo } from './fft';
import { boxBlur, greyOf, planeOf, sampleGrey, type Grey } from './grey';

/** Output position of base point p: `c + scale·(p − c) + (dx, dy)`, c the image centre; in full-size pixels. */
export interface Alignment {
  dx: number;
  dy: number;
  scale: number;
}

export interface AlignmentEstimate extends Alignment {
  /** False when the output cannot be lined up with the base (then nothing is pasted back). */
  ok: boolean;
  /** 1 − edge correlation on the kept area after alignment (`residualOf`). */
  residual: number;
  reason?: string;
}

export const IDENTITY: Alignment = { dx: 0, dy: 0, scale: 1 };
/** A model that moved the frame further than this (share of the size) did not "keep" anything: refused. */
const MAX_SHIFT_SHARE = 0.05;
const SCALES = [0.97, 0.98, 0.99, 0.995, 1, 1.005, 1.01, 1.02, 1.03];
/** A scale-1 correlation peak this high is a plain shift: the scale search is skipped. */
const CLEAR_PEAK = 0.2;
/** Kept-area residual below this: the output is already in place. */
const ALREADY_ALIGNED = 0.02;
/** Above this (edge correlation below 0.4) the kept area's edges still disagree after alignment: a paste-back would ghost. */
export const RESIDUAL_LIMIT = 0.6;
/** Mean high-pass amplitude (grey levels) below which the kept area has no texture to misalign. */
const FLAT_ENERGY = 0.6;

/** Estimates the output's offset and scale against the base on the kept area (`keep`: 0–255, 255 = kept). */
export function estimateAlignment(
  base: Uint8Array,
  output: Uint8Array,
  keep: Uint8Array,
  width: number,
  height: number,
): AlignmentEstimate {
  const fine = analysisSet(base, output, keep, width, height, 512);
  const identityResidual = residualOf(fine, IDENTITY);
  // Flat kept area (nothing to misalign), or already in place (the offline engine): paste as is.
  if (identityResidual === null || identityResidual < ALREADY_ALIGNED) {
    return { ...IDENTITY, ok: true, residual: identityResidual ?? 0 };
  }

  const coarse = analysisSet(base, output, keep, width, height, 256);
  const coarseBase = spectrumOf(coarse.base, coarse.weight);
  let best = { scale: 1, peak: phaseCorrelate(coarseBase, coarse.output, coarse.weight).peak };
  // A clear peak at scale 1 means a plain shift (the common case); only a weak one is worth the scale search.
  if (best.peak < CLEAR_PEAK) {
    for (const scale of SCALES) {
      if (scale === 1) continue;
      const { peak } = phaseCorrelate(coarseBase, scaled(coarse.output, scale), coarse.weight);
      if (peak > best.peak) best = { scale, peak };
    }
  }
  const shift = phaseCorrelate(fine.base, scaled(fine.output, best.scale), fine.weight);
  // The scaled candidate is the base moved by d; in output coordinates that is a move of scale·d.
  const estimate: Alignment = {
    dx: shift.dx * best.scale * fine.factor,
    dy: shift.dy * best.scale * fine.factor,
    scale: best.scale,
  };
  const tooFar = Math.abs(estimate.dx) > MAX_SHIFT_SHARE * width || Math.abs(estimate.dy) > MAX_SHIFT_SHARE * height;
  const residual = tooFar ? Infinity : (residualOf(fine, estimate) ?? 0);
  const chosen = residual < identityResidual ? { ...estimate, residual } : { ...IDENTITY, residual: identityResidual };
  if (chosen.residual > RESIDUAL_LIMIT) {
    return {
      ...chosen,
      ok: false,
      reason: tooFar
        ? 'the model moved the picture too far to line it up with the base'
        : 'the model changed the kept area too much to line it up with the base',
    };
  }
  return { ...chosen, ok: true };
}

interface AnalysisSet {
  base: Grey;
  output: Grey;
  /** 0–1, kept pixels only, tapered at the mask's edge so it does not correlate with itself. */
  weight: Grey;
  /** Full-size pixels per analysis pixel. */
  factor: number;
}

function analysisSet(
  base: Uint8Array,
  output: Uint8Array,
  keep: Uint8Array,
  w: number,
  h: number,
  side: number,
): AnalysisSet {
  const b = greyOf(base, w, h, side);
  const o = greyOf(output, w, h, side);
  const k = planeOf(keep, w, h, b.width, b.height);
  const tapered = boxBlur(k, 3);
  for (let i = 0; i < tapered.data.length; i++) tapered.data[i] = Math.min(tapered.data[i]!, k.data[i]!) ** 2;
  return { base: b, output: o, weight: tapered, factor: w / b.width };
}

/** The output as it would be at this scale about the centre (what the base looks like if the model zoomed by it). */
function scaled(g: Grey, scale: number): Grey {
  if (scale === 1) return g;
  const data = new Float32Array(g.data.length);
  const cx = (g.width - 1) / 2;
  const cy = (g.height - 1) / 2;
  for (let y = 0; y < g.height; y++)
    for (let x = 0; x < g.width; x++)
      data[y * g.width + x] = sampleGrey(g, cx + scale * (x - cx), cy + scale * (y - cy));
  return { data, width: g.width, height: g.height };
}

/** The whitening-ready spectrum of a weighted, windowed, zero-padded grey image. */
export interface Spectrum {
  re: Float64Array;
  im: Float64Array;
  W: number;
  H: number;
}

export function spectrumOf(g: Grey, weight: Grey): Spectrum {
  const W = nextPowerOfTwo(g.width);
  const H = nextPowerOfTwo(g.height);
  const { re, im } = windowed(g, weight, W, H);
  fft2d(re, im, W, H);
  return { re, im, W, H };
}

/**
 * Phase correlation: the shift d with `moving(p) ≈ fixed(p − d)`, sub-pixel, and the height of the normalised
 * correlation peak (1 for a pure shift of identical content). Both images are weighted by the same mask and a Hann
 * window, then zero-padded to powers of two.
 */
export function phaseCorrelate(
  fixed: Grey | Spectrum,
  moving: Grey,
  weight: Grey,
): { dx: number; dy: number; peak: number } {
  const a = 'W' in fixed ? fixed : spectrumOf(fixed, weight);
  const b = spectrumOf(moving, weight);
  const { W, H } = a;
  const re = new Float64Array(W * H);
  const im = new Float64Array(W * H);
  for (let i = 0; i < W * H; i++) {
    // moving · conj(fixed), whitened: only the phase (the shift) is left.
    const r = b.re[i]! * a.re[i]! + b.im[i]! * a.im[i]!;
    const m = b.im[i]! * a.re[i]! - b.re[i]! * a.im[i]!;
    const magnitude = Math.sqrt(r * r + m * m) + 1e-9;
    re[i] = r / magnitude;
    im[i] = m / magnitude;
  }
  fft2d(re, im, W, H, true);
  let peakAt = 0;
  for (let i = 1; i < W * H; i++) if (re[i]! > re[peakAt]!) peakAt = i;
  const px = peakAt % W;
  const py = Math.floor(peakAt / W);
  const at = (x: number, y: number) => re[((y + H) % H) * W + ((x + W) % W)]!;
  const subX = parabola(at(px - 1, py), at(px, py), at(px + 1, py));
  const subY = parabola(at(px, py - 1), at(px, py), at(px, py + 1));
  const wrap = (v: number, n: number) => (v > n / 2 ? v - n : v);
  return { dx: wrap(px, W) + subX, dy: wrap(py, H) + subY, peak: re[peakAt]! };
}

function parabola(left: number, centre: number, right: number): number {
  const denominator = left - 2 * centre + right;
  if (Math.abs(denominator) < 1e-12) return 0;
  return Math.max(-0.5, Math.min(0.5, (left - right) / (2 * denominator)));
}

function windowed(g: Grey, weight: Grey, W: number, H: number): { re: Float64Array; im: Float64Array } {
  const { width, height } = g;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < width * height; i++) {
    sum += g.data[i]! * weight.data[i]!;
    total += weight.data[i]!;
  }
  const mean = total > 0 ? sum / total : 0;
  const re = new Float64Array(W * H);
  const hann = Float64Array.from({ length: width }, (_, x) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (x + 0.5)) / width));
  for (let y = 0; y < height; y++) {
    const hy = 0.5 - 0.5 * Math.cos((2 * Math.PI * (y + 0.5)) / height);
    for (let x = 0; x < width; x++) {
      const hx = hann[x]!;
      const i = y * width + x;
      re[y * W + x] = (g.data[i]! - mean) * weight.data[i]! * hx * hy;
    }
  }
  return { re, im: new Float64Array(W * H) };
}

/**
 * 1 − the normalised cross-correlation of the high-passed base and aligned output over the fully kept area: 0 when
 * the edges sit exactly on each other, about 1 for unrelated pictures. Correlation, not a difference, so a model
 * that also turned the hue or the contrast (which rescales the high-pass) is still judged by where its edges are.
 * Null when the kept area is flat (nothing can be misaligned there).
 */
function residualOf(set: AnalysisSet, alignment: Alignment): number | null {
  const { base, weight } = set;
  const highBase = highPass(base);
  const highOut = highPass(warpGrey(set, alignment));
  let ab = 0;
  let aa = 0;
  let bb = 0;
  let energy = 0;
  let count = 0;
  // Pixels a shifted frame would pull in from beyond its edge are not evidence either way.
  const margin = Math.ceil(Math.max(base.width, base.height) * MAX_SHIFT_SHARE);
  for (let y = margin; y < base.height - margin; y++) {
    for (let x = margin; x < base.width - margin; x++) {
      const i = y * base.width + x;
      if (weight.data[i]! < 0.98) continue;
      const a = highBase[i]!;
      const b = highOut[i]!;
      ab += a * b;
      aa += a * a;
      bb += b * b;
      energy += Math.abs(a);
      count++;
    }
  }
  if (count === 0 || energy / count < FLAT_ENERGY) return null;
  return 1 - ab / Math.sqrt(aa * bb + 1e-12);
}

function highPass(g: Grey): Float32Array {
  const low = boxBlur(g, 2);
  const out = new Float32Array(g.data.length);
  for (let i = 0; i < out.length; i++) out[i] = g.data[i]! - low.data[i]!;
  return out;
}

/** The grey output resampled into the base's frame under `alignment` (given in full-size pixels). */
function warpGrey(set: AnalysisSet, alignment: Alignment): Grey {
  const { output: g, factor } = set;
  const { width, height } = g;
  const data = new Float32Array(width * height);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const dx = alignment.dx / factor;
  const dy = alignment.dy / factor;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      data[y * width + x] = sampleGrey(g, cx + alignment.scale * (x - cx) + dx, cy + alignment.scale * (y - cy) + dy);
  return { data, width, height };
}
