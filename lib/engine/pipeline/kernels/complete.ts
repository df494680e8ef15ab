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
  /** The input with its hole pixels synthesised (known pixels unchanged). */
  rgb: Uint8Array;
  levels: number;
}

/** Fill `hole` in place of a copy of `rgb`; `report(done, total)` is called as work units finish. */
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
    const dist = new Int32Array(w * h);
    // Two-pass chamfer (chessboard): forward then backward.
    const big = w + h;
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
  const levels: Level[] = [{ w: input.width, h: input.height, img: Uint8Array.from(input.rgb), hole: input.hole }];
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
    targets: Int32Array; // pixel indices whose patch overlaps the hole
    targetOf: Int32Array; // pixel -> target index, or -1
    nn: Int32Array; // target -> source centre pixel
    nd: Float64Array; // target -> mean squared distance per pixel-channel
    valid: Uint8Array; // pixel -> 1 when a hole-free patch is centred there
    validList: Int32Array;
  }

  function buildField(level: Level): Field {
    const { w, h, hole } = level;
    // Integral image of the hole, for O(1) "is this patch hole-free" and "does it touch the hole".
    const integral = new Int32Array((w + 1) * (h + 1));
    for (let y = 0; y < h; y++) {
      let run = 0;
      for (let x = 0; x < w; x++) {
        run += hole[y * w + x]!;
        integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1]! + run;
      }
    }
    const boxSum = (x0: number, y0: number, x1: number, y1: number) => {
      const a = Math.max(0, x0);
      const b = Math.max(0, y0);
      const c = Math.min(w, x1 + 1);
      const d = Math.min(h, y1 + 1);
      if (c <= a || d <= b) return 0;
      return (
        integral[d * (w + 1) + c]! -
        integral[b * (w + 1) + c]! -
        integral[d * (w + 1) + a]! +
        integral[b * (w + 1) + a]!
      );
    };
    const valid = new Uint8Array(w * h);
    const targetOf = new Int32Array(w * h).fill(-1);
    const targetList: number[] = [];
    const validPixels: number[] = [];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = y * w + x;
        const touched = boxSum(x - R, y - R, x + R, y + R);
        if (touched > 0) {
          targetOf[p] = targetList.length;
          targetList.push(p);
        }
        if (x >= R && y >= R && x < w - R && y < h - R && touched === 0) {
          valid[p] = 1;
          validPixels.push(p);
        }
      }
    }
    if (validPixels.length === 0) {
      // The hole covers every patch: fall back to any interior patch (its hole pixels carry the estimate).
      for (let y = R; y < h - R; y++) {
        for (let x = R; x < w - R; x++) {
          valid[y * w + x] = 1;
          validPixels.push(y * w + x);
        }
      }
    }
    const targets = Int32Array.from(targetList);
    return {
      targets,
      targetOf,
      nn: new Int32Array(targets.length),
      nd: new Float64Array(targets.length),
      valid,
      validList: Int32Array.from(validPixels),
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

  function randomValid(field: Field): number {
    return field.validList[Math.floor(random() * field.validList.length)]!;
  }

  /** One PatchMatch sweep: propagation from the scan-order neighbours, then random search around the best. */
  function patchMatch(level: Level, field: Field, reverse: boolean, maxRadius: number): void {
    const { w, h } = level;
    const { targets, targetOf, nn, nd, valid } = field;
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
        const k = targetOf[t - step]!;
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
        const k = targetOf[t - step * w]!;
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
    const acc = new Float32Array(w * h * 4);
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
          acc[q * 4] = acc[q * 4]! + wgt * img[src]!;
          acc[q * 4 + 1] = acc[q * 4 + 1]! + wgt * img[src + 1]!;
          acc[q * 4 + 2] = acc[q * 4 + 2]! + wgt * img[src + 2]!;
          acc[q * 4 + 3] = acc[q * 4 + 3]! + wgt;
        }
      }
    }
    for (let q = 0; q < w * h; q++) {
      const total = acc[q * 4 + 3]!;
      if (!hole[q] || total <= 0) continue;
      img[q * 3] = Math.round(acc[q * 4]! / total);
      img[q * 3 + 1] = Math.round(acc[q * 4 + 1]! / total);
      img[q * 3 + 2] = Math.round(acc[q * 4 + 2]! / total);
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
      const k = coarseField.targetOf[cy * coarse.w + cx]!;
      let s = -1;
      if (k >= 0) {
        const cs = coarseField.nn[k]!;
        const sx = 2 * (cs % coarse.w) + (tx & 1);
        const sy = 2 * Math.floor(cs / coarse.w) + (ty & 1);
        if (sx >= R && sy >= R && sx < fine.w - R && sy < fine.h - R && field.valid[sy * w + sx]) s = sy * w + sx;
      }
      field.nn[i] = s >= 0 ? s : randomValid(field);
    }
  }

  // ---- plan the work so progress reflects it: PatchMatch sweeps and votes, weighted by target count
  const fields = levels.map(buildField);
  const schedule = levels.map((_, index) => {
    const coarsest = index === levels.length - 1;
    const targets = fields[index]!.targets.length;
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
    total += fields[i]!.targets.length * (1 + plan.em * (plan.sweeps + 1));
  }
  let done = 0;
  const tick = (units: number) => {
    done += units;
    report(done, total);
  };

  for (let index = levels.length - 1; index >= 0; index--) {
    const level = levels[index]!;
    const field = fields[index]!;
    const plan = schedule[index]!;
    const n = field.targets.length;
    if (index === levels.length - 1) {
      // A thin hole is best started smooth (every pixel is near the rim); a thick one from real structure.
      if (holeThickness(level) <= 2 * R) diffuse(level);
      else synthesise(level, field.validList);
      for (let i = 0; i < n; i++) field.nn[i] = randomValid(field);
    } else {
      upsampleField(level, field, levels[index + 1]!, fields[index + 1]!);
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
  }

  const out = levels[0]!.img;
  // Known pixels are never written by the vote, but make that a guarantee rather than a consequence.
  for (let p = 0; p < input.width * input.height; p++) {
    if (input.hole[p]) continue;
    out[p * 3] = input.rgb[p * 3]!;
    out[p * 3 + 1] = input.rgb[p * 3 + 1]!;
    out[p * 3 + 2] = input.rgb[p * 3 + 2]!;
  }
  return { rgb: out, levels: levels.length };
}
