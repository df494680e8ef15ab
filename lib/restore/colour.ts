/**
 * Low-frequency colour correction of the repainted area. A model that regenerates the frame often shifts its
 * colours globally (warmer, darker); pasting the base back around a repainted patch would then leave the patch as
 * a colour block. We measure the offset base − output on the kept pixels, per cell of a coarse grid, fill the
 * cells with no kept pixels from their surroundings (pull-push: a smooth membrane over the hole, nearest cells
 * weighing most, so in effect a ring around it), and add that offset to the repainted pixels. High frequencies
 * (what the model drew) are untouched.
 */

export interface OffsetField {
  /** Per cell: R, G, B offsets (base − output), grey levels. */
  data: Float32Array;
  columns: number;
  rows: number;
  cell: number;
}

/** A kept pixel for the estimate: fully kept by the mask. */
const KEPT = 250;

/** Grid cell: about 1/48 of the short side, at least 4 px. */
export function cellSize(width: number, height: number): number {
  return Math.max(4, Math.round(Math.min(width, height) / 48));
}

export function offsetField(
  base: Uint8Array,
  output: Uint8Array,
  keep: Uint8Array,
  width: number,
  height: number,
): OffsetField {
  const cell = cellSize(width, height);
  const columns = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const sums = new Float64Array(columns * rows * 3);
  const counts = new Float64Array(columns * rows);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cell) * columns;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (keep[i]! < KEPT) continue;
      const c = row + Math.floor(x / cell);
      const p = i * 4;
      for (let k = 0; k < 3; k++) sums[c * 3 + k] = sums[c * 3 + k]! + base[p + k]! - output[p + k]!;
      counts[c] = counts[c]! + 1;
    }
  }
  const data = pullPush(sums, counts, columns, rows, (cell * cell) / 4);
  return { data, columns, rows, cell };
}

/**
 * Fills a grid of weighted sums: cells with at least `full` samples keep their mean; emptier ones blend toward
 * the (bilinearly upsampled) coarser level, recursively.
 */
function pullPush(sums: Float64Array, counts: Float64Array, columns: number, rows: number, full: number): Float32Array {
  const out = new Float32Array(columns * rows * 3);
  if (columns === 1 && rows === 1) {
    const n = counts[0]!;
    for (let k = 0; k < 3; k++) out[k] = n > 0 ? sums[k]! / n : 0;
    return out;
  }
  const parentColumns = Math.ceil(columns / 2);
  const parentRows = Math.ceil(rows / 2);
  const parentSums = new Float64Array(parentColumns * parentRows * 3);
  const parentCounts = new Float64Array(parentColumns * parentRows);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const c = y * columns + x;
      const p = (y >> 1) * parentColumns + (x >> 1);
      parentCounts[p] = parentCounts[p]! + counts[c]!;
      for (let k = 0; k < 3; k++) parentSums[p * 3 + k] = parentSums[p * 3 + k]! + sums[c * 3 + k]!;
    }
  }
  const parent = pullPush(parentSums, parentCounts, parentColumns, parentRows, full * 4);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const c = y * columns + x;
      const weight = Math.min(1, counts[c]! / full);
      // Cell centre in parent coordinates, for a smooth (not blocky) push.
      const px = (x + 0.5) / 2 - 0.5;
      const py = (y + 0.5) / 2 - 0.5;
      for (let k = 0; k < 3; k++) {
        const coarse = bilinear(parent, parentColumns, parentRows, px, py, k);
        const own = counts[c]! > 0 ? sums[c * 3 + k]! / counts[c]! : 0;
        out[c * 3 + k] = weight * own + (1 - weight) * coarse;
      }
    }
  }
  return out;
}

function bilinear(grid: Float32Array, columns: number, rows: number, x: number, y: number, k: number): number {
  const cx = Math.min(columns - 1, Math.max(0, x));
  const cy = Math.min(rows - 1, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(columns - 1, x0 + 1);
  const y1 = Math.min(rows - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const at = (xx: number, yy: number) => grid[(yy * columns + xx) * 3 + k]!;
  return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

/** The field's R, G, B offsets at pixel (x, y), bilinear between cell centres, written into `out`. */
export function offsetsAt(field: OffsetField, x: number, y: number, out: Float64Array): void {
  const { data, columns, rows, cell } = field;
  const cx = Math.min(columns - 1, Math.max(0, (x + 0.5) / cell - 0.5));
  const cy = Math.min(rows - 1, Math.max(0, (y + 0.5) / cell - 0.5));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(columns - 1, x0 + 1);
  const y1 = Math.min(rows - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const a = (y0 * columns + x0) * 3;
  const b = (y0 * columns + x1) * 3;
  const c = (y1 * columns + x0) * 3;
  const d = (y1 * columns + x1) * 3;
  for (let k = 0; k < 3; k++) {
    const top = data[a + k]! * (1 - fx) + data[b + k]! * fx;
    const bottom = data[c + k]! * (1 - fx) + data[d + k]! * fx;
    out[k] = top * (1 - fy) + bottom * fy;
  }
}
