/**
 * A zlib stream written from literals and matches that the caller already knows (RFC 1950/1951), with no
 * match search of its own: the mask PNG encoder finds its repeats by scanning runs, which costs a fraction of
 * what a general-purpose deflate spends looking for them. Tokens are buffered per block; each block gets its
 * own Huffman code built from its exact symbol counts (or the fixed code, whichever is smaller), so a mask's
 * few frequent symbols (long matches one pixel back) cost a bit or two instead of the fixed code's 13.
 */
export class ZlibWriter {
  #out: Uint8Array;
  #position = 0;
  #pending = 0; // bits not yet stored, LSB first (deflate's order)
  #pendingCount = 0; // always < 8 between calls
  #tokens = new Int32Array(BLOCK_TOKENS + 2);
  #tokenCount = 0;
  // Doubles: a block's repeats can add up past 2^31.
  #literalCounts = new Float64Array(LITERAL_SYMBOLS);
  #distanceCounts = new Float64Array(DISTANCE_SYMBOLS);

  /** `capacity`: a guess of the compressed size; the buffer grows past it. */
  constructor(capacity = 1 << 16) {
    this.#out = new Uint8Array(Math.max(64, capacity));
    this.#out[0] = 0x78; // deflate, 32 KiB window
    this.#out[1] = 0x01; // no dictionary, "fastest"; 0x7801 is a multiple of 31 as the header check requires
    this.#position = 2;
  }

  /** One literal byte. */
  literal(value: number): void {
    this.#tokens[this.#tokenCount++] = ~value;
    this.#literalCounts[value]!++;
    if (this.#tokenCount >= BLOCK_TOKENS) this.#flushBlock(false);
  }

  /**
   * `repeat` copies of "`length` bytes from `distance` back" (length 3..258, distance 1..32768, no further back
   * than the bytes written so far: the caller's job, as is keeping a remainder of 1–2 bytes out of a split).
   */
  match(length: number, distance: number, repeat = 1): void {
    for (; repeat > MAX_REPEAT; repeat -= MAX_REPEAT) this.match(length, distance, MAX_REPEAT);
    const tokens = this.#tokens;
    tokens[this.#tokenCount++] = length | (repeat << 9);
    tokens[this.#tokenCount++] = distance;
    this.#literalCounts[LENGTH_SYMBOL[length]!]! += repeat;
    this.#distanceCounts[distanceSymbol(distance)]! += repeat;
    if (this.#tokenCount >= BLOCK_TOKENS) this.#flushBlock(false);
  }

  /** Ends the deflate stream and appends the Adler-32 of the uncompressed bytes (the caller computed it). */
  finish(adler32: number): Uint8Array {
    this.#flushBlock(true);
    if (this.#pendingCount > 0) this.#bits(0, 8 - this.#pendingCount);
    this.#reserve(4);
    const out = this.#out;
    out[this.#position++] = adler32 >>> 24;
    out[this.#position++] = (adler32 >>> 16) & 0xff;
    out[this.#position++] = (adler32 >>> 8) & 0xff;
    out[this.#position++] = adler32 & 0xff;
    return out.subarray(0, this.#position);
  }

  #flushBlock(final: boolean): void {
    const literalCounts = this.#literalCounts;
    const distanceCounts = this.#distanceCounts;
    literalCounts[END_OF_BLOCK] = 1;
    const extraBits = tokenExtraBits(literalCounts, distanceCounts);
    const fixedBits =
      3 + extraBits + costOf(literalCounts, FIXED.literalLengths) + costOf(distanceCounts, FIXED.distanceLengths);
    const dynamic = dynamicCodes(literalCounts, distanceCounts);
    const dynamicBits =
      3 +
      dynamic.headerBits +
      extraBits +
      costOf(literalCounts, dynamic.literalLengths) +
      costOf(distanceCounts, dynamic.distanceLengths);
    this.#reserve(Math.ceil(Math.min(fixedBits, dynamicBits) / 8) + 8);
    const codes = fixedBits <= dynamicBits ? FIXED : dynamic;
    this.#bits((final ? 1 : 0) | (codes === FIXED ? 0b010 : 0b100), 3);
    if (codes !== FIXED) this.#writeHeader(dynamic);
    this.#writeTokens(codes);
    this.#bits(codes.literalCodes[END_OF_BLOCK]!, codes.literalLengths[END_OF_BLOCK]!);
    // Writes past the end of a typed array vanish silently: make a wrong size estimate loud instead.
    if (this.#position > this.#out.length) throw new Error('deflate block overran the space computed for it');
    this.#tokenCount = 0;
    literalCounts.fill(0);
    distanceCounts.fill(0);
  }

  #writeHeader(codes: DynamicCodes): void {
    this.#bits(codes.literalCount - 257, 5);
    this.#bits(codes.distanceCount - 1, 5);
    this.#bits(codes.codeLengthCount - 4, 4);
    for (let i = 0; i < codes.codeLengthCount; i++) this.#bits(codes.codeLengthLengths[CODE_LENGTH_ORDER[i]!]!, 3);
    for (let i = 0; i < codes.lengthRuns.length; i++) {
      const symbol = codes.lengthRuns[i]!;
      this.#bits(codes.codeLengthCodes[symbol]!, codes.codeLengthLengths[symbol]!);
      if (symbol >= 16) this.#bits(codes.lengthRuns[++i]!, symbol === 16 ? 2 : symbol === 17 ? 3 : 7);
    }
  }

  #writeTokens(codes: Codes): void {
    const { literalCodes, literalLengths } = codes;
    const near = nearMatchCodes(codes, this.#distanceCounts);
    const tokens = this.#tokens;
    const count = this.#tokenCount;
    for (let t = 0; t < count;) {
      const token = tokens[t++]!;
      if (token < 0) {
        this.#bits(literalCodes[~token]!, literalLengths[~token]!);
        continue;
      }
      const length = token & 511;
      const repeat = token >>> 9;
      const distance = tokens[t++]!;
      const index = distance <= NEAR_DISTANCES ? (distance - 1) * 259 + length : -1;
      const bits = index >= 0 ? near.lengths[index]! : 0;
      if (bits > 0) {
        const code = near.codes[index]!;
        for (let r = 0; r < repeat; r++) this.#bits(code, bits);
      } else {
        for (let r = 0; r < repeat; r++) this.#match(codes, length, distance);
      }
    }
  }

  /** One match, written field by field (the path for far distances and codes too long to combine). */
  #match(codes: Codes, length: number, distance: number): void {
    const lengthSymbol = LENGTH_SYMBOL[length]!;
    this.#bits(codes.literalCodes[lengthSymbol]!, codes.literalLengths[lengthSymbol]!);
    this.#bits(length - LENGTH_BASE[lengthSymbol - 257]!, EXTRA_BITS[lengthSymbol]!);
    const distanceIndex = distanceSymbol(distance);
    this.#bits(codes.distanceCodes[distanceIndex]!, codes.distanceLengths[distanceIndex]!);
    this.#bits(distance - DISTANCE_BASE[distanceIndex]!, DISTANCE_EXTRA[distanceIndex]!);
  }

  /** Appends `length` ≤ 24 bits of `code`, least significant first. Room was reserved for the block. */
  #bits(code: number, length: number): void {
    let pending = this.#pending | (code << this.#pendingCount);
    let count = this.#pendingCount + length;
    let position = this.#position;
    const out = this.#out;
    while (count >= 8) {
      out[position++] = pending & 0xff;
      pending >>>= 8;
      count -= 8;
    }
    this.#pending = pending;
    this.#pendingCount = count;
    this.#position = position;
  }

  #reserve(bytes: number): void {
    const needed = this.#position + bytes;
    if (needed <= this.#out.length) return;
    const grown = new Uint8Array(Math.max(needed, this.#out.length * 2));
    grown.set(this.#out.subarray(0, this.#position));
    this.#out = grown;
  }
}

/** Tokens per block: bounds the buffer (256 KiB) and lets the code follow the image region by region. */
const BLOCK_TOKENS = 1 << 16;
/** A match token keeps its repeat count in the 22 bits above the length. */
const MAX_REPEAT = (1 << 22) - 1;
const LITERAL_SYMBOLS = 286;
const DISTANCE_SYMBOLS = 30;
const END_OF_BLOCK = 256;
const MAX_CODE_BITS = 15;
const MAX_CODE_LENGTH_BITS = 7;

// RFC 1951 §3.2.5: length symbols 257..285 and distance symbols 0..29 (base value, extra bits).
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = Int32Array.from({ length: DISTANCE_SYMBOLS }, (_, i) =>
  i < 4 ? i + 1 : (1 << ((i >> 1) - 1)) * (2 + (i & 1)) + 1,
);
const DISTANCE_EXTRA = Int32Array.from({ length: DISTANCE_SYMBOLS }, (_, i) => (i < 4 ? 0 : (i >> 1) - 1));
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Extra bits per literal/length symbol (0 for literals). */
const EXTRA_BITS = Int32Array.from({ length: LITERAL_SYMBOLS }, (_, s) => (s > 256 ? LENGTH_EXTRA[s - 257]! : 0));
/** Literal/length symbol of each match length 3..258 (258 is symbol 285, never 284 + 31). */
const LENGTH_SYMBOL = Int32Array.from({ length: 259 }, (_, length) =>
  length < 3 ? 0 : 257 + LENGTH_BASE.findLastIndex((base) => base <= length),
);

function distanceSymbol(distance: number): number {
  if (distance <= 4) return distance - 1;
  const high = 31 - Math.clz32(distance - 1); // ≥ 2
  return 2 * high + (((distance - 1) >>> (high - 1)) & 1);
}

/** Matches up to this far back get their whole code (length, extras, distance) from one table per block. */
const NEAR_DISTANCES = 8;
const nearTables = { codes: new Int32Array(NEAR_DISTANCES * 259), lengths: new Int32Array(NEAR_DISTANCES * 259) };

/**
 * The block's combined match codes for distances 1..NEAR_DISTANCES that it uses (bits 0 where unused or longer
 * than the 24 bits one write takes), so the common matches cost one lookup and one write.
 */
function nearMatchCodes(codes: Codes, distanceCounts: Float64Array) {
  const { literalCodes, literalLengths, distanceCodes, distanceLengths } = codes;
  nearTables.lengths.fill(0);
  for (let distance = 1; distance <= NEAR_DISTANCES; distance++) {
    const distanceIndex = distanceSymbol(distance);
    if (distanceCounts[distanceIndex] === 0) continue;
    const distanceBits = distanceLengths[distanceIndex]! + DISTANCE_EXTRA[distanceIndex]!;
    const distanceCode =
      distanceCodes[distanceIndex]! | ((distance - DISTANCE_BASE[distanceIndex]!) << distanceLengths[distanceIndex]!);
    for (let length = 3; length <= 258; length++) {
      const symbol = LENGTH_SYMBOL[length]!;
      const lengthBits = literalLengths[symbol]! + EXTRA_BITS[symbol]!;
      if (lengthBits + distanceBits > 24) continue;
      const lengthCode = literalCodes[symbol]! | ((length - LENGTH_BASE[symbol - 257]!) << literalLengths[symbol]!);
      nearTables.codes[(distance - 1) * 259 + length] = lengthCode | (distanceCode << lengthBits);
      nearTables.lengths[(distance - 1) * 259 + length] = lengthBits + distanceBits;
    }
  }
  return nearTables;
}

interface Codes {
  literalCodes: Int32Array;
  literalLengths: Int32Array;
  distanceCodes: Int32Array;
  distanceLengths: Int32Array;
}

interface DynamicCodes extends Codes {
  headerBits: number;
  literalCount: number;
  distanceCount: number;
  codeLengthCount: number;
  codeLengthCodes: Int32Array;
  codeLengthLengths: Int32Array;
  /** The code lengths run-length coded: symbols 0..18, each of 16/17/18 followed by its repeat field. */
  lengthRuns: number[];
}

const FIXED: Codes = (() => {
  const literalLengths = Int32Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8));
  const distanceLengths = new Int32Array(32).fill(5);
  return {
    literalLengths,
    literalCodes: canonicalCodes(literalLengths),
    distanceLengths,
    distanceCodes: canonicalCodes(distanceLengths),
  };
})();

function tokenExtraBits(literalCounts: Float64Array, distanceCounts: Float64Array): number {
  let bits = 0;
  for (let s = 257; s < LITERAL_SYMBOLS; s++) bits += literalCounts[s]! * EXTRA_BITS[s]!;
  for (let s = 4; s < DISTANCE_SYMBOLS; s++) bits += distanceCounts[s]! * DISTANCE_EXTRA[s]!;
  return bits;
}

function costOf(counts: Float64Array | Int32Array, lengths: Int32Array): number {
  let bits = 0;
  for (let s = 0; s < counts.length; s++) bits += counts[s]! * lengths[s]!;
  return bits;
}

function dynamicCodes(literalCounts: Float64Array, distanceCounts: Float64Array): DynamicCodes {
  const literalLengths = huffmanLengths(literalCounts, MAX_CODE_BITS);
  const distanceLengths = huffmanLengths(distanceCounts, MAX_CODE_BITS);
  const literalCount = Math.max(257, lastNonZero(literalLengths) + 1);
  const distanceCount = Math.max(1, lastNonZero(distanceLengths) + 1);
  const all = [...literalLengths.subarray(0, literalCount), ...distanceLengths.subarray(0, distanceCount)];
  const lengthRuns = runLengthCode(all);
  const codeLengthCounts = new Int32Array(19);
  for (let i = 0; i < lengthRuns.length; i++) {
    const symbol = lengthRuns[i]!;
    codeLengthCounts[symbol]!++;
    if (symbol >= 16) i++;
  }
  const codeLengthLengths = huffmanLengths(codeLengthCounts, MAX_CODE_LENGTH_BITS);
  let codeLengthCount = 19;
  while (codeLengthCount > 4 && codeLengthLengths[CODE_LENGTH_ORDER[codeLengthCount - 1]!] === 0) codeLengthCount--;
  const headerBits =
    14 +
    3 * codeLengthCount +
    costOf(codeLengthCounts, codeLengthLengths) +
    codeLengthCounts[16]! * 2 +
    codeLengthCounts[17]! * 3 +
    codeLengthCounts[18]! * 7;
  return {
    literalLengths,
    literalCodes: canonicalCodes(literalLengths),
    distanceLengths,
    distanceCodes: canonicalCodes(distanceLengths),
    headerBits,
    literalCount,
    distanceCount,
    codeLengthCount,
    codeLengthLengths,
    codeLengthCodes: canonicalCodes(codeLengthLengths),
    lengthRuns,
  };
}

function lastNonZero(values: Int32Array): number {
  let i = values.length - 1;
  while (i >= 0 && values[i] === 0) i--;
  return i;
}

/** RFC 1951 §3.2.7: 16 = repeat the previous length 3–6 times, 17 = 3–10 zeros, 18 = 11–138 zeros. */
function runLengthCode(lengths: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < lengths.length;) {
    const value = lengths[i]!;
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === value) run++;
    i += run;
    if (value === 0) {
      while (run >= 11) {
        const n = Math.min(run, 138);
        out.push(18, n - 11);
        run -= n;
      }
      if (run >= 3) {
        out.push(17, run - 3);
        run = 0;
      }
    } else {
      out.push(value);
      run--;
      while (run >= 3) {
        const n = Math.min(run, 6);
        out.push(16, n - 3);
        run -= n;
      }
    }
    for (; run > 0; run--) out.push(value);
  }
  return out;
}

/**
 * Huffman code lengths no longer than `limit`. At least two symbols always get a code (zlib's inflate refuses
 * an incomplete code), so a block with one distance symbol still decodes. Over-long codes are rare here; the
 * counts are then halved (flattening the tree) until they fit.
 */
function huffmanLengths(counts: Float64Array | Int32Array, limit: number): Int32Array {
  const weights = Array.from(counts);
  const used = weights.reduce((n, w) => n + (w > 0 ? 1 : 0), 0);
  for (let s = 0, missing = 2 - used; missing > 0; s++) {
    if (weights[s] === 0) {
      weights[s] = 1;
      missing--;
    }
  }
  for (;;) {
    const lengths = treeDepths(weights);
    if (lengths.every((n) => n <= limit)) return lengths;
    for (let s = 0; s < weights.length; s++) if (weights[s]! > 0) weights[s] = Math.max(1, Math.floor(weights[s]! / 2));
  }
}

/** Depth of each leaf in a Huffman tree over the positive weights (two-queue construction). */
function treeDepths(weights: number[]): Int32Array {
  const symbols: number[] = [];
  for (let s = 0; s < weights.length; s++) if (weights[s]! > 0) symbols.push(s);
  symbols.sort((a, b) => weights[a]! - weights[b]! || a - b);
  const leaves = symbols.length;
  const nodes = 2 * leaves - 1;
  const weight = new Float64Array(nodes);
  const parent = new Int32Array(nodes);
  for (let i = 0; i < leaves; i++) weight[i] = weights[symbols[i]!]!;
  let leaf = 0; // next unused leaf (sorted by weight)
  let inner = leaves; // next unused inner node (created in weight order)
  for (let next = leaves; next < nodes; next++) {
    for (let pick = 0; pick < 2; pick++) {
      const useLeaf = leaf < leaves && (inner >= next || weight[leaf]! <= weight[inner]!);
      const child = useLeaf ? leaf++ : inner++;
      weight[next] = weight[next]! + weight[child]!;
      parent[child] = next;
    }
  }
  const depth = new Int32Array(nodes);
  for (let i = nodes - 2; i >= 0; i--) depth[i] = depth[parent[i]!]! + 1;
  const lengths = new Int32Array(weights.length);
  for (let i = 0; i < leaves; i++) lengths[symbols[i]!] = depth[i]!;
  return lengths;
}

/** RFC 1951 §3.2.2 canonical codes, bit-reversed because deflate packs Huffman codes most significant bit first. */
function canonicalCodes(lengths: Int32Array): Int32Array {
  const countPerLength = new Int32Array(MAX_CODE_BITS + 1);
  for (const n of lengths) if (n > 0) countPerLength[n]!++;
  const next = new Int32Array(MAX_CODE_BITS + 2);
  for (let bits = 1, code = 0; bits <= MAX_CODE_BITS; bits++) {
    code = (code + countPerLength[bits - 1]!) << 1;
    next[bits] = code;
  }
  const codes = new Int32Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const n = lengths[s]!;
    if (n === 0) continue;
    let code = next[n]!++;
    let reversed = 0;
    for (let i = 0; i < n; i++, code >>= 1) reversed = (reversed << 1) | (code & 1);
    codes[s] = reversed;
  }
  return codes;
}
