/**
 * Strided 2-D matrix-multiply kernels behind `matmul` (private to the package).
 *
 * Every operand is described by a buffer, an offset and a row and column stride, so row-major,
 * column-major (a transposed view), sliced and broadcast (stride 0) matrices are all read in place:
 * the packed kernel copies blocks into its own panels anyway, and the direct loop just follows strides.
 *
 * NOTE: the sum over k runs in order p = 0, 1, ..., k-1 in a JS number (float64) and is rounded to the
 * output dtype once, at the store. Both kernels therefore give bit-for-bit the result of the naive
 * triple loop `out[i][j] = Σ_p a[i][p] * b[p][j]`, for float32 as for float64.
 */
import type { TypedArray } from '../dtype';

/** One matrix inside a buffer: element (i, j) is `data[offset + i * rowStride + j * columnStride]`. */
export interface StridedMatrix {
  readonly data: TypedArray;
  readonly offset: number;
  readonly rowStride: number;
  readonly columnStride: number;
}

/** Side of the register tile: the micro-kernel computes a 4x4 block of the output in 16 local variables. */
const TILE = 4;

/** From this many multiply-adds (m·n·k) on, packing pays for itself (measured: 8x8x8 already runs faster packed). */
const PACKED_MIN_WORK = 8 * 8 * 8;

/** Doubles allowed in the packed block of B (1 MiB, within a typical per-core L2 cache). */
const PANEL_BUDGET = 1 << 17;

/** Panels kept between calls up to this many doubles (1 MiB each); larger ones are allocated per call. */
const KEEP_LIMIT = PANEL_BUDGET;

let keptPanelA = new Float64Array(0);
let keptPanelB = new Float64Array(0);
/** Partial tiles at the right and bottom edges are staged here before their valid part is copied. */
const edgeTile = new Float64Array(TILE * TILE);

function panelA(length: number): Float64Array {
  if (keptPanelA.length >= length) return keptPanelA;
  const panel = new Float64Array(length);
  if (length <= KEEP_LIMIT) keptPanelA = panel;
  return panel;
}

function panelB(length: number): Float64Array {
  if (keptPanelB.length >= length) return keptPanelB;
  const panel = new Float64Array(length);
  if (length <= KEEP_LIMIT) keptPanelB = panel;
  return panel;
}

/**
 * `out[outOffset + i * n + j] = Σ_p a(i, p) · b(p, j)` for an m×k matrix `a` and a k×n matrix `b`;
 * `out` is row-major with row stride n. Small or thin products use a direct loop (no packing),
 * larger ones the packed, register-tiled kernel. The operands come as plain numbers (no descriptor objects), so
 * the tiny products of small networks allocate nothing here.
 */
export function multiplyMatrices(
  a: TypedArray,
  aOffset: number,
  aRowStride: number,
  aColumnStride: number,
  b: TypedArray,
  bOffset: number,
  bRowStride: number,
  bColumnStride: number,
  out: TypedArray,
  outOffset: number,
  m: number,
  k: number,
  n: number,
): void {
  if (m >= TILE && n >= TILE && k >= TILE && m * n * k >= PACKED_MIN_WORK) {
    const left = { data: a, offset: aOffset, rowStride: aRowStride, columnStride: aColumnStride };
    const right = { data: b, offset: bOffset, rowStride: bRowStride, columnStride: bColumnStride };
    multiplyPacked(left, right, out, outOffset, m, k, n);
  } else if (n >= TILE || n >= m) {
    multiplyDirect(
      m,
      k,
      n,
      a,
      aOffset,
      aRowStride,
      aColumnStride,
      b,
      bOffset,
      bRowStride,
      bColumnStride,
      out,
      outOffset,
      n,
      1,
    );
  } else {
    // outᵀ = bᵀ · aᵀ: the direct loop then runs its 4 independent sums along the longer side, m.
    multiplyDirect(
      n,
      k,
      m,
      b,
      bOffset,
      bColumnStride,
      bRowStride,
      a,
      aOffset,
      aColumnStride,
      aRowStride,
      out,
      outOffset,
      1,
      n,
    );
  }
}

/**
 * Direct loop following the strides, four output columns at a time so that four independent sums
 * hide the latency of the additions. The fast path for the tiny matrices of small networks and for
 * thin products (a vector times a matrix), where packing would cost more than it saves. Plain number
 * arguments, so a call allocates nothing.
 */
function multiplyDirect(
  m: number,
  k: number,
  n: number,
  aData: TypedArray,
  aOffset: number,
  aRowStride: number,
  aColumnStride: number,
  bData: TypedArray,
  bOffset: number,
  bRowStride: number,
  bColumnStride: number,
  out: TypedArray,
  outOffset: number,
  outRowStride: number,
  outColumnStride: number,
): void {
  const b1 = bColumnStride;
  const b2 = 2 * b1;
  const b3 = 3 * b1;
  for (let i = 0; i < m; i++) {
    const aRow = aOffset + i * aRowStride;
    const outRow = outOffset + i * outRowStride;
    let j = 0;
    for (; j + TILE <= n; j += TILE) {
      let aIndex = aRow;
      let bIndex = bOffset + j * b1;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = aData[aIndex]!;
        s0 += x * bData[bIndex]!;
        s1 += x * bData[bIndex + b1]!;
        s2 += x * bData[bIndex + b2]!;
        s3 += x * bData[bIndex + b3]!;
        aIndex += aColumnStride;
        bIndex += bRowStride;
      }
      const o = outRow + j * outColumnStride;
      out[o] = s0;
      out[o + outColumnStride] = s1;
      out[o + 2 * outColumnStride] = s2;
      out[o + 3 * outColumnStride] = s3;
    }
    for (; j < n; j++) {
      let aIndex = aRow;
      let bIndex = bOffset + j * b1;
      let sum = 0;
      for (let p = 0; p < k; p++) {
        sum += aData[aIndex]! * bData[bIndex]!;
        aIndex += aColumnStride;
        bIndex += bRowStride;
      }
      out[outRow + j * outColumnStride] = sum;
    }
  }
}

/**
 * Packed kernel. B is copied, one block of columns at a time, into float64 panels of 4 columns
 * (`panel[strip][p][0..3]`), each 4-row strip of A into a float64 panel (`panel[p][0..3]`), and the
 * 4x4 micro-kernel then streams both panels sequentially while 16 sums stay in local variables for
 * the whole of k. The column block is sized so the packed B block stays in the L2 cache.
 */
function multiplyPacked(
  a: StridedMatrix,
  b: StridedMatrix,
  out: TypedArray,
  outOffset: number,
  m: number,
  k: number,
  n: number,
): void {
  const budgetColumns = Math.floor(PANEL_BUDGET / k / TILE) * TILE;
  const blockColumns = Math.min(Math.max(budgetColumns, TILE), Math.ceil(n / TILE) * TILE);
  const packedB = panelB(blockColumns * k);
  const packedA = panelA(TILE * k);
  for (let blockStart = 0; blockStart < n; blockStart += blockColumns) {
    const blockWidth = Math.min(blockColumns, n - blockStart);
    packColumnStrips(b, blockStart, blockWidth, k, packedB);
    for (let rowStart = 0; rowStart < m; rowStart += TILE) {
      const rows = Math.min(TILE, m - rowStart);
      packRowStrip(a, rowStart, rows, k, packedA);
      for (let stripStart = 0; stripStart < blockWidth; stripStart += TILE) {
        let s00 = 0,
          s01 = 0,
          s02 = 0,
          s03 = 0;
        let s10 = 0,
          s11 = 0,
          s12 = 0,
          s13 = 0;
        let s20 = 0,
          s21 = 0,
          s22 = 0,
          s23 = 0;
        let s30 = 0,
          s31 = 0,
          s32 = 0,
          s33 = 0;
        let aIndex = 0;
        let bIndex = stripStart * k;
        for (let p = 0; p < k; p++) {
          const a0 = packedA[aIndex]!,
            a1 = packedA[aIndex + 1]!,
            a2 = packedA[aIndex + 2]!,
            a3 = packedA[aIndex + 3]!;
          const b0 = packedB[bIndex]!,
            b1 = packedB[bIndex + 1]!,
            b2 = packedB[bIndex + 2]!,
            b3 = packedB[bIndex + 3]!;
          s00 += a0 * b0;
          s01 += a0 * b1;
          s02 += a0 * b2;
          s03 += a0 * b3;
          s10 += a1 * b0;
          s11 += a1 * b1;
          s12 += a1 * b2;
          s13 += a1 * b3;
          s20 += a2 * b0;
          s21 += a2 * b1;
          s22 += a2 * b2;
          s23 += a2 * b3;
          s30 += a3 * b0;
          s31 += a3 * b1;
          s32 += a3 * b2;
          s33 += a3 * b3;
          aIndex += TILE;
          bIndex += TILE;
        }
        const column = blockStart + stripStart;
        const columns = Math.min(TILE, n - column);
        let o = outOffset + rowStart * n + column;
        if (rows === TILE && columns === TILE) {
          out[o] = s00;
          out[o + 1] = s01;
          out[o + 2] = s02;
          out[o + 3] = s03;
          o += n;
          out[o] = s10;
          out[o + 1] = s11;
          out[o + 2] = s12;
          out[o + 3] = s13;
          o += n;
          out[o] = s20;
          out[o + 1] = s21;
          out[o + 2] = s22;
          out[o + 3] = s23;
          o += n;
          out[o] = s30;
          out[o + 1] = s31;
          out[o + 2] = s32;
          out[o + 3] = s33;
        } else {
          edgeTile[0] = s00;
          edgeTile[1] = s01;
          edgeTile[2] = s02;
          edgeTile[3] = s03;
          edgeTile[4] = s10;
          edgeTile[5] = s11;
          edgeTile[6] = s12;
          edgeTile[7] = s13;
          edgeTile[8] = s20;
          edgeTile[9] = s21;
          edgeTile[10] = s22;
          edgeTile[11] = s23;
          edgeTile[12] = s30;
          edgeTile[13] = s31;
          edgeTile[14] = s32;
          edgeTile[15] = s33;
          for (let r = 0; r < rows; r++) {
            for (let c = 0; c < columns; c++) out[o + c] = edgeTile[r * TILE + c]!;
            o += n;
          }
        }
      }
    }
  }
}

/** Copies columns [start, start + width) of b into strips of 4 (`packed[strip·4k + p·4 + c]`), zero-padding the last. */
function packColumnStrips(b: StridedMatrix, start: number, width: number, k: number, packed: Float64Array): void {
  let index = 0;
  for (let stripStart = 0; stripStart < width; stripStart += TILE) {
    const first = b.offset + (start + stripStart) * b.columnStride;
    index = packStrip(b.data, first, b.rowStride, b.columnStride, Math.min(TILE, width - stripStart), k, packed, index);
  }
}

/** Copies rows [start, start + rows) of a, interleaved (`packed[p·4 + r]`), zero-padding up to 4 rows. */
function packRowStrip(a: StridedMatrix, start: number, rows: number, k: number, packed: Float64Array): void {
  packStrip(a.data, a.offset + start * a.rowStride, a.columnStride, a.rowStride, rows, k, packed, 0);
}

/**
 * Copies one strip of `lanes` (<= 4) lines starting at `first`: for p < k, `packed[index + p·4 + lane]` is
 * `data[first + p·along + lane·across]`, zero for the lanes past `lanes`. Returns the index after the strip.
 */
function packStrip(
  data: TypedArray,
  first: number,
  along: number,
  across: number,
  lanes: number,
  k: number,
  packed: Float64Array,
  index: number,
): number {
  if (lanes === TILE) {
    for (let p = 0, source = first; p < k; p++, source += along) {
      packed[index] = data[source]!;
      packed[index + 1] = data[source + across]!;
      packed[index + 2] = data[source + 2 * across]!;
      packed[index + 3] = data[source + 3 * across]!;
      index += TILE;
    }
  } else {
    for (let p = 0, source = first; p < k; p++, source += along) {
      for (let lane = 0; lane < TILE; lane++) packed[index + lane] = lane < lanes ? data[source + lane * across]! : 0;
      index += TILE;
    }
  }
  return index;
}
