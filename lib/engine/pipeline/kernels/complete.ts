/**
 * Exemplar-based image completion: multi-scale PatchMatch (Barnes et al. 2009) inside the coarse-to-fine
 * expectation–maximisation of Wexler, Shechtman & Irani 2007 ("Space-Time Completion of Video").
 *
 * This function is shipped to worker threads as its own source text (`worker-pool.ts` calls `toString()` on
 * it), so it must be self-contained: no imports, no module-level values, helpers nested inside. Types are
 * erased by the compiler, so type-only references are fine.
 */

export interface CompleteInput {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel. Hole pixels' values are ignored. */
  rgb: Uint8Array;
  /** 1 where the pixel must be synthesised, 0 where it is known. */
  hole: Uint8Array;
  /** Seeds the random initialisation and search: same seed, same result; another seed, another result. */
  seed: number;
  /** Levels whose target count exceeds this skip PatchMatch and only vote with the upsampled field (speed cap). */
  maxSearchTargets?: number;
}

export interface CompleteOutput {
  /** The input's own buffer, its hole pixels synthesised (known pixels unchanged). */
  rgb: Uint8Array;
  levels: number;
}

/** Fill `hole` in `rgb`, in place, and return it; `report(done, total)` is called as work units finish. */
export function completeKernel(input: CompleteInput, report: (done: number, total: number) => void): CompleteOutput {
  // Votes weigh exp(−d / 2σ²) with σ² a quarter of the 75th-percentile match distance. Measured on the samples:
  // Wexler's plain σ² (the percentile itself) averages rival matches into a blur; a quarter keeps texture sharp.
  const SHARPEN = 4;
  const R = 3; // patch radius: 7×7 patches, the size Wexler and content-aware fill use
  const maxSearch = input.maxSearchTargets ?? 1_500_000;

  interface Level {
    w: number;
    h: number;
    img: Uint8Array;
    hole: Uint8Array;
  }

  let rng = (input.seed * 2654435761 + 0x9e3779b9) >>> 0 || 1;
  function random(): number {
    rng ^= rng << 13;
    rng >>>= 0;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    rng >>>= 0;
    return rng / 4294967296;
  }

  function downscale(level: Level): Level {
    const w = (level.w + 1) >> 1;
    const h = (level.h + 1) >> 1;
    const img = new Uint8Array(w * h * 3);
    const hole = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        let n = 0;
        let anyHole = 0;
        for (let dy = 0; dy < 2; dy++) {
          const yy = 2 * y + dy;
          if (yy >= level.h) continue;
          for (let dx = 0; dx < 2; dx++) {
            const xx = 2 * x + dx;
            if (xx >= level.w) continue;
            const p = yy * level.w + xx;
            if (level.hole[p]) {
              anyHole = 1;
              continue;
            }
            r += level.img[p * 3]!;
            g += level.img[p * 3 + 1]!;
            b += level.img[p * 3 + 2]!;
            n++;
          }
        }
        const q = y * w + x;
        // Any hole child makes the coarse pixel a hole: its average would carry unknown colour.
        hole[q] = anyHole;
        if (n > 0) {
          img[q * 3] = Math.round(r / n);
          img[q * 3 + 1] = Math.round(g / n);
          img[q * 3 + 2] = Math.round(b / n);
        }
      }
    }
    return { w, h, img, hole };
  }

  /** Largest chessboard distance from a hole pixel to the nearest known pixel: how thick the hole is. */
  function holeThickness(level: Level): number {
    const { w, h, hole } = level;
    // Two-pass chamfer (chessboard): forward then backward. Distances never exceed w + h, so 16 bits hold a 4k one.
    const big = w + h;
    const dist = big < 65535 ? new Uint16Array(w * h) : new Int32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = y * w + x;
        if (!hole[p]) continue;
        let d = big;
        if (x > 0) d = Math.min(d, dist[p - 1]! + 1);
        if (y > 0) {
          d = Math.min(d, dist[p - w]! + 1);
          if (x > 0) d = Math.min(d, dist[p - w - 1]! + 1);
          if (x < w - 1) d = Math.min(d, dist[p - w + 1]! + 1);
        }
        dist[p] = d;
      }
    }
    let thickest = 0;
    for (let y = h - 1; y >= 0; y--) {
      for (let x = w - 1; x >= 0; x--) {
        const p = y * w + x;
        if (!hole[p]) continue;
        let d = dist[p]!;
        if (x < w - 1) d = Math.min(d, dist[p + 1]! + 1);
        if (y < h - 1) {
          d = Math.min(d, dist[p + w]! + 1);
          if (x < w - 1) d = Math.min(d, dist[p + w + 1]! + 1);
          if (x > 0) d = Math.min(d, dist[p + w - 1]! + 1);
        }
        dist[p] = d;
        if (d > thickest) thickest = d;
      }
    }
    return thickest;
  }

  function holeExtent(level: Level): number {
    let minX = level.w;
    let minY = level.h;
    let maxX = -1;
    let maxY = -1;
    for (let y = 0; y < level.h; y++) {
      for (let x = 0; x < level.w; x++) {
        if (!level.hole[y * level.w + x]) continue;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    return maxX < 0 ? 0 : Math.max(maxX - minX + 1, maxY - minY + 1);
  }

  /**
   * The coarsest level's first guess, by onion-peel exemplar synthesis (Efros & Leung 1999): ring by ring from the
   * rim inwards, each hole pixel copies the centre of the source patch that best matches its already-known
   * neighbours. A smooth first guess (diffusion) would let EM settle on a blur of the surrounding colours; this
   * one starts from real structure. Ties within a few percent are broken by the seed, so n results differ.
   */
  function synthesise(level: Level, validList: Int32Array): void {
    const { w, h, img } = level;
    const known = new Uint8Array(w * h);
    let remaining = 0;
    for (let p = 0; p < w * h; p++) {
      known[p] = level.hole[p] ? 0 : 1;
      if (!known[p]) remaining++;
    }
    // Brute force is fine at the coarsest level; keep it bounded for odd shapes (a long thin scratch).
    const stride = Math.max(1, Math.ceil((remaining * validList.length) / 4_000_000));
    const maskedDistance = (p: number, s: number, cap: number) => {
      const px = p % w;
      const py = (p - px) / w;
      let sum = 0;
      let count = 0;
      for (let dy = -R; dy <= R; dy++) {
        const yy = py + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -R; dx <= R; dx++) {
          const xx = px + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (!known[q]) continue;
          const si = (s + dy * w + dx) * 3;
          const d0 = img[q * 3]! - img[si]!;
          const d1 = img[q * 3 + 1]! - img[si + 1]!;
          const d2 = img[q * 3 + 2]! - img[si + 2]!;
          sum += d0 * d0 + d1 * d1 + d2 * d2;
          count++;
        }
        if (sum > cap * 49) return Infinity;
      }
      return count === 0 ? Infinity : sum / count;
    };
    while (remaining > 0) {
      const ring: number[] = [];
      for (let p = 0; p < w * h; p++) {
        if (known[p]) continue;
        const x = p % w;
        const y = (p - x) / w;
        if (
          (x > 0 && known[p - 1]) ||
          (x < w - 1 && known[p + 1]) ||
          (y > 0 && known[p - w]) ||
          (y < h - 1 && known[p + w])
        )
          ring.push(p);
      }
      if (ring.length === 0 || validList.length === 0) break;
      const chosen: number[] = [];
      for (const p of ring) {
        let best = Infinity;
        const offset = Math.floor(random() * stride);
        for (let i = offset; i < validList.length; i += stride) {
          const d = maskedDistance(p, validList[i]!, best);
          if (d < best) best = d;
        }
        const near: number[] = [];
        const limit = best * 1.1 + 1;
        for (let i = offset; i < validList.length; i += stride) {
          if (maskedDistance(p, validList[i]!, limit) <= limit) near.push(validList[i]!);
        }
        chosen.push(near[Math.floor(random() * near.length)] ?? validList[0]!);
      }
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i]!;
        const s = chosen[i]!;
        img[p * 3] = img[s * 3]!;
        img[p * 3 + 1] = img[s * 3 + 1]!;
        img[p * 3 + 2] = img[s * 3 + 2]!;
        known[p] = 1;
        remaining--;
      }
    }
  }

  /** Onion-peel diffusion: a smooth first guess, from the rim inwards; right for thin holes (scratches). */
  function diffuse(level: Level): void {
    const { w, h, img } = level;
    const known = new Uint8Array(w * h);
    for (let p = 0; p < w * h; p++) known[p] = level.hole[p] ? 0 : 1;
    let remaining = 0;
    for (let p = 0; p < w * h; p++) if (!known[p]) remaining++;
    while (remaining > 0) {
      const ring: number[] = [];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const p = y * w + x;
          if (known[p]) continue;
          let r = 0;
          let g = 0;
          let b = 0;
          let n = 0;
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              const xx = x + dx;
              const yy = y + dy;
              if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
              const q = yy * w + xx;
              if (!known[q]) continue;
              r += img[q * 3]!;
              g += img[q * 3 + 1]!;
              b += img[q * 3 + 2]!;
              n++;
            }
          }
          if (n > 0) ring.push(p, Math.round(r / n), Math.round(g / n), Math.round(b / n));
        }
      }
      if (ring.length === 0) break; // the whole level is hole: nothing to diffuse from
      for (let i = 0; i < ring.length; i += 4) {
        const p = ring[i]!;
        img[p * 3] = ring[i + 1]!;
        img[p * 3 + 1] = ring[i + 2]!;
        img[p * 3 + 2] = ring[i + 3]!;
        known[p] = 1;
        remaining--;
      }
    }
  }

  // ---- the pyramid: halve until the hole is a few patches wide
  // Level 0 is the caller's buffer, filled in place: a 4k region is ~18 MB, and the worker owns its (moved) copy.
  const levels: Level[] = [{ w: input.width, h: input.height, img: input.rgb, hole: input.hole }];
  for (;;) {
    const top = levels[levels.length - 1]!;
    // Depth follows the hole's thickness, not its length: a long scratch needs no coarse levels at all.
    if (
      holeThickness(top) <= 2 * R ||
      holeExtent(top) <= 4 * R + 2 ||
      Math.min(top.w, top.h) < 8 * R ||
      levels.length >= 10
    )
      break;
    levels.push(downscale(top));
  }

  interface Field {
    targets: Int32Array; // pixel indices whose patch overlaps the hole, in scan order
    /** Target index per pixel of the targets' bounding box (x0, y0, bw × bh), or -1; `targetAt` reads it. */
    targetOf: Int32Array;
    x0: number;
    y0: number;
    bw: number;
    bh: number;
    nn: Int32Array; // target -> source centre pixel
    nd: Float64Array; // target -> mean squared distance per pixel-channel
    valid: Uint8Array; // pixel -> 1 when a hole-free patch is centred there
    validCount: number;
    /** Valid pixels before each row (h + 1 entries), so the k-th valid pixel is found without a list of them all. */
    validBefore: Int32Array;
    /** The vote's running sums, four per target (every hole pixel is a target: its own patch overlaps the hole). */
    acc: Float32Array;
  }

  function targetAt(field: Field, x: number, y: number): number {
    const bx = x - field.x0;
    const by = y - field.y0;
    if (bx < 0 || by < 0 || bx >= field.bw || by >= field.bh) return -1;
    return field.targetOf[by * field.bw + bx]!;
  }

  /** The k-th valid pixel in scan order (what a list of them would hold at k): a binary search over rows, then a scan. */
  function nthValid(level: Level, field: Field, k: number): number {
    const { validBefore, valid } = field;
    // An image smaller than a patch has no valid pixel: pixel 0 stands in, as an empty list's lookup did.
    if (k >= field.validCount) return 0;
    let lo = 0;
    let hi = level.h - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (validBefore[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    let left = k - validBefore[lo]!;
    for (let p = lo * level.w; p < valid.length; p++) {
      if (valid[p] && left-- === 0) return p;
    }
    return 0;
  }

  /** Every valid pixel, in scan order: only the coarsest level's first guess needs them all. */
  function validPixels(level: Level, field: Field): Int32Array {
    const list = new Int32Array(field.validCount);
    let v = 0;
    for (let p = 0; p < level.w * level.h; p++) if (field.valid[p]) list[v++] = p;
    return list;
  }

  /**
   * 1 where the patch centred on the pixel overlaps the hole: the hole dilated by R (chessboard), as a sliding
   * window along the rows and then down the columns, in bytes (a 4k region's integral image was 4 bytes a pixel).
   */
  function patchTouchesHole(level: Level): Uint8Array {
    const { w, h, hole } = level;
    const rows = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      const row = y * w;
      let inside = 0; // hole pixels in [x − R, x + R] of this row
      for (let x = 0; x < Math.min(R, w); x++) inside += hole[row + x]!;
      for (let x = 0; x < w; x++) {
        if (x + R < w) inside += hole[row + x + R]!;
        if (x - R - 1 >= 0) inside -= hole[row + x - R - 1]!;
        rows[row + x] = inside > 0 ? 1 : 0;
      }
    }
    const touched = new Uint8Array(w * h);
    const column = new Uint8Array(w); // rows in [y − R, y + R] whose window holds hole, per column
    for (let y = 0; y < Math.min(R, h); y++) for (let x = 0; x < w; x++) column[x] = column[x]! + rows[y * w + x]!;
    for (let y = 0; y < h; y++) {
      const enter = y + R < h ? (y + R) * w : -1;
      const leave = y - R - 1 >= 0 ? (y - R - 1) * w : -1;
      for (let x = 0; x < w; x++) {
        let c = column[x]!;
        if (enter >= 0) c += rows[enter + x]!;
        if (leave >= 0) c -= rows[leave + x]!;
        column[x] = c;
        touched[y * w + x] = c > 0 ? 1 : 0;
      }
    }
    return touched;
  }

  /** How many patches overlap the hole, without building the field (to plan the work before allocating it). */
  function countTargets(level: Level): number {
    const touched = patchTouchesHole(level);
    let n = 0;
    for (let p = 0; p < touched.length; p++) n += touched[p]!;
    return n;
  }

  /**
   * Every array sized to what it holds, counted first: at 4k, growing JS arrays of pixel indices peaked at ~90 MB,
   * and a per-pixel target map and list of valid pixels over the whole region held ~40 MB more.
   */
  function buildField(level: Level): Field {
    const { w, h } = level;
    const touched = patchTouchesHole(level);
    const interior = (x: number, y: number) => x >= R && y >= R && x < w - R && y < h - R;
    let targetCount = 0;
    let validCount = 0;
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (touched[y * w + x]) {
          targetCount++;
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        } else if (interior(x, y)) validCount++;
      }
    }
    // No hole-free patch at all: fall back to any interior patch (its hole pixels carry the estimate).
    const anyInterior = validCount === 0;
    const bw = Math.max(0, x1 - x0 + 1);
    const bh = Math.max(0, y1 - y0 + 1);
    const targets = new Int32Array(targetCount);
    const targetOf = new Int32Array(bw * bh).fill(-1);
    const validBefore = new Int32Array(h + 1);
    // `touched` becomes `valid` in place, pixel by pixel, once read.
    const valid = touched;
    let t = 0;
    let v = 0;
    for (let y = 0; y < h; y++) {
      validBefore[y] = v;
      for (let x = 0; x < w; x++) {
        const p = y * w + x;
        if (touched[p]) {
          targetOf[(y - y0) * bw + x - x0] = t;
          targets[t++] = p;
        }
        const isValid = interior(x, y) && (anyInterior || !touched[p]);
        valid[p] = isValid ? 1 : 0;
        if (isValid) v++;
      }
    }
    validBefore[h] = v;
    return {
      targets,
      targetOf,
      x0,
      y0,
      bw,
      bh,
      nn: new Int32Array(targetCount),
      nd: new Float64Array(targetCount),
      valid,
      validCount: v,
      validBefore,
      acc: new Float32Array(targetCount * 4),
    };
  }

  /** Mean squared RGB distance between the target patch at t and the source patch at s; stops past `limit`. */
  function distance(level: Level, t: number, s: number, limit: number): number {
    const { w, h, img } = level;
    const tx = t % w;
    const ty = (t - tx) / w;
    const sx = s % w;
    const sy = (s - sx) / w;
    const x0 = Math.max(-R, -tx);
    const x1 = Math.min(R, w - 1 - tx);
    const y0 = Math.max(-R, -ty);
    const y1 = Math.min(R, h - 1 - ty);
    const count = (x1 - x0 + 1) * (y1 - y0 + 1) * 3;
    const cap = limit * count;
    let sum = 0;
    for (let dy = y0; dy <= y1; dy++) {
      let ti = ((ty + dy) * w + tx + x0) * 3;
      let si = ((sy + dy) * w + sx + x0) * 3;
      const end = ti + (x1 - x0 + 1) * 3;
      while (ti < end) {
        const d0 = img[ti]! - img[si]!;
        const d1 = img[ti + 1]! - img[si + 1]!;
        const d2 = img[ti + 2]! - img[si + 2]!;
        sum += d0 * d0 + d1 * d1 + d2 * d2;
        ti += 3;
        si += 3;
      }
      if (sum > cap) return Infinity;
    }
    return sum / count;
  }

  function randomValid(level: Level, field: Field): number {
    return nthValid(level, field, Math.floor(random() * field.validCount));
  }

  /** One PatchMatch sweep: propagation from the scan-order neighbours, then random search around the best. */
  function patchMatch(level: Level, field: Field, reverse: boolean, maxRadius: number): void {
    const { w, h } = level;
    const { targets, nn, nd, valid } = field;
    const n = targets.length;
    const step = reverse ? -1 : 1;
    for (let i = reverse ? n - 1 : 0; reverse ? i >= 0 : i < n; i += step) {
      const t = targets[i]!;
      const tx = t % w;
      const ty = (t - tx) / w;
      let best = nn[i]!;
      let bestD = nd[i]!;
      // Propagation: the neighbour's match, shifted by one, is a good guess for a coherent texture.
      const nx = tx - step;
      if (nx >= 0 && nx < w) {
        const k = targetAt(field, nx, ty);
        if (k >= 0) {
          const cand = nn[k]! + step;
          if (cand !== best && valid[cand]) {
            const d = distance(level, t, cand, bestD);
            if (d < bestD) {
              best = cand;
              bestD = d;
            }
          }
        }
      }
      const ny = ty - step;
      if (ny >= 0 && ny < h) {
        const k = targetAt(field, tx, ny);
        if (k >= 0) {
          const cand = nn[k]! + step * w;
          if (cand !== best && valid[cand]) {
            const d = distance(level, t, cand, bestD);
            if (d < bestD) {
              best = cand;
              bestD = d;
            }
          }
        }
      }
      // Random search in exponentially shrinking windows around the current best.
      const bx = best % w;
      const by = (best - bx) / w;
      for (let radius = maxRadius; radius >= 1; radius >>= 1) {
        const cx = Math.min(w - 1 - R, Math.max(R, bx + Math.floor((random() * 2 - 1) * radius)));
        const cy = Math.min(h - 1 - R, Math.max(R, by + Math.floor((random() * 2 - 1) * radius)));
        const cand = cy * w + cx;
        if (cand === best || !valid[cand]) continue;
        const d = distance(level, t, cand, bestD);
        if (d < bestD) {
          best = cand;
          bestD = d;
        }
      }
      nn[i] = best;
      nd[i] = bestD;
    }
  }

  /**
   * The EM "vote": every hole pixel becomes the weighted mean of what the overlapping target patches' matches say
   * it is. Weights favour close matches (Wexler's similarity term), so a good patch outvotes a poor one.
   */
  function vote(level: Level, field: Field, uniform: boolean): void {
    const { w, h, img, hole } = level;
    const { targets, nn, nd } = field;
    let sigma2 = 0;
    if (!uniform) {
      const sample: number[] = [];
      for (let i = 0; i < nd.length; i += Math.max(1, Math.floor(nd.length / 2000))) sample.push(nd[i]!);
      sample.sort((a, b) => a - b);
      sigma2 = Math.max(1, (sample[Math.floor(sample.length * 0.75)] ?? 1) / SHARPEN);
    }
    const { acc } = field;
    acc.fill(0);
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      const s = nn[i]!;
      const wgt = uniform ? 1 : Math.exp(-nd[i]! / (2 * sigma2)) + 1e-6;
      const tx = t % w;
      const ty = (t - tx) / w;
      const offset = s - t;
      for (let dy = -R; dy <= R; dy++) {
        const yy = ty + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -R; dx <= R; dx++) {
          const xx = tx + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (!hole[q]) continue;
          const src = (q + offset) * 3;
          const a = targetAt(field, xx, yy) * 4;
          acc[a] = acc[a]! + wgt * img[src]!;
          acc[a + 1] = acc[a + 1]! + wgt * img[src + 1]!;
          acc[a + 2] = acc[a + 2]! + wgt * img[src + 2]!;
          acc[a + 3] = acc[a + 3]! + wgt;
        }
      }
    }
    for (let i = 0; i < targets.length; i++) {
      const q = targets[i]!;
      const total = acc[i * 4 + 3]!;
      if (!hole[q] || total <= 0) continue;
      img[q * 3] = Math.round(acc[i * 4]! / total);
      img[q * 3 + 1] = Math.round(acc[i * 4 + 1]! / total);
      img[q * 3 + 2] = Math.round(acc[i * 4 + 2]! / total);
    }
  }

  /** The coarser level's field, doubled: the same match one level finer, or a random one where it is invalid. */
  function upsampleField(fine: Level, field: Field, coarse: Level, coarseField: Field): void {
    const { w } = fine;
    for (let i = 0; i < field.targets.length; i++) {
      const t = field.targets[i]!;
      const tx = t % w;
      const ty = (t - tx) / w;
      const cx = Math.min(coarse.w - 1, tx >> 1);
      const cy = Math.min(coarse.h - 1, ty >> 1);
      const k = targetAt(coarseField, cx, cy);
      let s = -1;
      if (k >= 0) {
        const cs = coarseField.nn[k]!;
        const sx = 2 * (cs % coarse.w) + (tx & 1);
        const sy = 2 * Math.floor(cs / coarse.w) + (ty & 1);
        if (sx >= R && sy >= R && sx < fine.w - R && sy < fine.h - R && field.valid[sy * w + sx]) s = sy * w + sx;
      }
      field.nn[i] = s >= 0 ? s : randomValid(fine, field);
    }
  }

  // ---- plan the work so progress reflects it: PatchMatch sweeps and votes, weighted by target count
  const targetCounts = levels.map(countTargets);
  const schedule = levels.map((_, index) => {
    const coarsest = index === levels.length - 1;
    const targets = targetCounts[index]!;
    const { w, h } = levels[index]!;
    const full = Math.max(w, h);
    if (targets > maxSearch) return { em: 0, sweeps: 0, radius: 0 };
    // Measured: the finest level only refines what the upsampled field already found, so one sweep with a local
    // search (the coarser levels searched globally) costs a quarter and looks the same.
    if (index === 0 && levels.length > 1) return { em: 1, sweeps: 1, radius: Math.min(full, 48) };
    if (index === 1 && levels.length > 2) return { em: 2, sweeps: 2, radius: Math.min(full, 96) };
    return { em: coarsest ? 6 : 3, sweeps: 2, radius: full };
  });
  let total = 0;
  for (let i = 0; i < levels.length; i++) {
    const plan = schedule[i]!;
    total += targetCounts[i]! * (1 + plan.em * (plan.sweeps + 1));
  }
  let done = 0;
  const tick = (units: number) => {
    done += units;
    report(done, total);
  };

  // A level's field lives only while that level and the next finer one need it: at 4k, keeping every level's
  // field and accumulators alive at once was most of the fill's peak.
  const depth = levels.length;
  let coarser: Field | null = null;
  for (let index = depth - 1; index >= 0; index--) {
    const level = levels[index]!;
    const field = buildField(level);
    const plan = schedule[index]!;
    const n = field.targets.length;
    if (index === depth - 1) {
      // A thin hole is best started smooth (every pixel is near the rim); a thick one from real structure.
      if (holeThickness(level) <= 2 * R) diffuse(level);
      else synthesise(level, validPixels(level, field));
      for (let i = 0; i < n; i++) field.nn[i] = randomValid(level, field);
    } else {
      upsampleField(level, field, levels[index + 1]!, coarser!);
      coarser = null;
      vote(level, field, true);
    }
    tick(n);
    for (let iteration = 0; iteration < plan.em; iteration++) {
      // The estimate changed with the last vote, so every stored distance is stale.
      for (let i = 0; i < n; i++) field.nd[i] = distance(level, field.targets[i]!, field.nn[i]!, Infinity);
      for (let sweep = 0; sweep < plan.sweeps; sweep++) {
        patchMatch(level, field, (iteration + sweep) % 2 === 1, plan.radius);
        tick(n);
      }
      vote(level, field, false);
      tick(n);
    }
    coarser = field;
    levels.length = index + 1; // the coarser levels' pixels are not read again; let them go
  }

  // Known pixels are never written: every write above is to a hole pixel (the vote, the first guess). The caller's
  // composite (`inpaint.ts`) only takes pixels whose mask alpha is below 255, which guarantees it again.
  return { rgb: levels[0]!.img, levels: depth };
}
