/**
 * The WebAssembly side of `matmul` (private to the package): copies the operands into the kernels' memory, runs the
 * blocked product of kernels.wat (its header explains the blocking and the micro-kernels) and copies the result out.
 *
 * Operands are copied as they lie in their buffers (the span their strides cover), so transposed, sliced and
 * broadcast views cost one `set` each and the packing kernels follow their strides; a view that covers much more of
 * its buffer than it uses (a narrow slice of a wide matrix) is gathered element by element instead.
 */
import type { TypedArray } from '../dtype';
import { getBackend } from '../wasm/backend';
import { type WasmKernels, releaseMemory, reserveMemory, wasmKernels } from '../wasm/instance';

// Block sizes for the caches of a current x64 core (32-48 KiB L1d, 1-2 MiB L2), chosen by interleaved runs of
// candidates (apps/bench README, "Tuning the WebAssembly kernels").
/** Depth of a packed block (rows of B, columns of A): one packed B strip, KC x 8 entries (16 or 32 KiB), stays in L1. */
const KC = 512;
/** Rows of A packed at a time: the A block, MC x KC (128 or 256 KiB), stays in L2 while the B strips stream by. */
const MC = 64;
/** Columns of B packed at a time: the B block, KC x NC, is 2 MiB in either dtype. */
const NC_FLOAT32 = 1024;
const NC_FLOAT64 = 512;

/** Tile sizes of the micro-kernels (kernels.wat): float32 4 x 8, float64 2 x 8. */
const MR_FLOAT32 = 4;
const MR_FLOAT64 = 2;
const NR = 8;

/**
 * With `'auto'`, products of at least this many multiply-adds (m·n·k) go to WebAssembly, unless n = 1 (a matrix times
 * a column fills 1/8 of each 8-column tile). Measured by `pnpm bench --only matmul-crossover`: the tensor README
 * quotes the figures.
 */
export const WASM_MIN_WORK = 12 * 12 * 12;

/** Whether a product of this size runs in WebAssembly under the current backend (before memory is considered). */
export function prefersWasm(m: number, k: number, n: number): boolean {
  const backend = getBackend();
  if (backend === 'js') return false;
  if (backend === 'wasm') return true;
  return n > 1 && m * n * k >= WASM_MIN_WORK;
}

/**
 * `out[t·m·n + i·n + j] = Σ_p a(t, i, p) · b(t, p, j)` for the batch items t, where item t's matrices start at
 * `offsets[2t]` in `a` and `offsets[2t + 1]` in `b`, with the given row and column strides (k >= 1). Returns false,
 * having written nothing, when WebAssembly is unavailable or its memory cannot hold the product; the caller then
 * runs the JS kernel.
 */
export function multiplyWasm(
  a: TypedArray,
  aRowStride: number,
  aColumnStride: number,
  b: TypedArray,
  bRowStride: number,
  bColumnStride: number,
  offsets: readonly number[],
  out: TypedArray,
  m: number,
  k: number,
  n: number,
): boolean {
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const float64 = a instanceof Float64Array;
  const size = float64 ? 8 : 4;
  const rowTile = float64 ? MR_FLOAT64 : MR_FLOAT32;
  const blockColumns = float64 ? NC_FLOAT64 : NC_FLOAT32;
  const items = offsets.length / 2;
  const paddedRows = roundUp(m, rowTile);
  const paddedColumns = roundUp(n, NR);

  const left = operandLayout(a, offsets, 0, m, k, aRowStride, aColumnStride);
  const right = operandLayout(b, offsets, 1, k, n, bRowStride, bColumnStride);
  // Memory: [A block | B block | A | B | C (one item, padded to whole tiles)], each start 16-byte aligned.
  const panelDepth = Math.min(KC, k);
  const packedA = 16;
  const packedB = packedA + align(Math.min(MC, paddedRows) * panelDepth * size);
  const aStart = packedB + align(panelDepth * Math.min(blockColumns, paddedColumns) * size);
  const bStart = aStart + align(left.length * size);
  const cStart = bStart + align(right.length * size);
  const end = cStart + paddedRows * paddedColumns * size;
  if (!reserveMemory(kernels, end)) return false;

  const heap = float64 ? new Float64Array(kernels.memory.buffer) : new Float32Array(kernels.memory.buffer);
  copyIn(a, left, heap, aStart / size, offsets, 0, m, k, aRowStride, aColumnStride);
  copyIn(b, right, heap, bStart / size, offsets, 1, k, n, bRowStride, bColumnStride);
  const aRows = left.gathered ? k : aRowStride;
  const aColumns = left.gathered ? 1 : aColumnStride;
  const bRows = right.gathered ? n : bRowStride;
  const bColumns = right.gathered ? 1 : bColumnStride;
  const cRowBytes = paddedColumns * size;
  for (let item = 0; item < items; item++) {
    const aItem = aStart + size * (left.gathered ? item * m * k : offsets[2 * item]! - left.low);
    const bItem = bStart + size * (right.gathered ? item * k * n : offsets[2 * item + 1]! - right.low);
    for (let column = 0; column < n; column += blockColumns) {
      const columns = Math.min(blockColumns, n - column);
      for (let depth = 0; depth < k; depth += KC) {
        const depthBlock = Math.min(KC, k - depth);
        const bBlock = bItem + size * (depth * bRows + column * bColumns);
        pack(kernels, float64, bBlock, bRows * size, bColumns * size, columns, depthBlock, NR, packedB);
        for (let row = 0; row < m; row += MC) {
          const rows = Math.min(MC, m - row);
          const aBlock = aItem + size * (row * aRows + depth * aColumns);
          pack(kernels, float64, aBlock, aColumns * size, aRows * size, rows, depthBlock, rowTile, packedA);
          const cBlock = cStart + row * cRowBytes + column * size;
          const tiledRows = roundUp(rows, rowTile);
          const tiledColumns = roundUp(columns, NR);
          const accumulate = depth > 0 ? 1 : 0;
          if (float64) {
            kernels.block_f64(tiledRows, tiledColumns, depthBlock, packedA, packedB, cBlock, cRowBytes, accumulate);
          } else {
            kernels.block_f32(tiledRows, tiledColumns, depthBlock, packedA, packedB, cBlock, cRowBytes, accumulate);
          }
        }
      }
    }
    if (paddedColumns !== n) kernels.compact(cStart, m, cRowBytes, n * size, n * size);
    const first = cStart / size;
    out.set(heap.subarray(first, first + m * n), item * m * n);
  }
  releaseMemory(kernels);
  return true;
}

/** Where an operand's copy lies: its span [low, low + length) in its buffer, or `gathered` item by item, row-major. */
interface OperandLayout {
  readonly low: number;
  readonly length: number;
  readonly gathered: boolean;
}

/**
 * The span of buffer indices that operand `which` (0: a, 1: b) covers over all items; gathered instead when the span
 * is more than twice the entries the product reads (and more than 64 Ki entries), so a narrow view of a wide matrix
 * does not copy (or grow memory for) the whole matrix. Strides may be negative or zero.
 */
function operandLayout(
  data: TypedArray,
  offsets: readonly number[],
  which: number,
  rows: number,
  columns: number,
  rowStride: number,
  columnStride: number,
): OperandLayout {
  const rowReach = (rows - 1) * rowStride;
  const columnReach = (columns - 1) * columnStride;
  let low = data.length;
  let high = -1;
  for (let index = which; index < offsets.length; index += 2) {
    const offset = offsets[index]!;
    low = Math.min(low, offset + Math.min(rowReach, 0) + Math.min(columnReach, 0));
    high = Math.max(high, offset + Math.max(rowReach, 0) + Math.max(columnReach, 0));
  }
  const span = high - low + 1;
  const entries = (offsets.length / 2) * rows * columns;
  if (span > 2 * entries && span > 65536) return { low: 0, length: entries, gathered: true };
  return { low, length: span, gathered: false };
}

/** Copies operand `which` into `heap` from `start`: its span with one `set`, or each item's matrix row-major. */
function copyIn(
  data: TypedArray,
  layout: OperandLayout,
  heap: TypedArray,
  start: number,
  offsets: readonly number[],
  which: number,
  rows: number,
  columns: number,
  rowStride: number,
  columnStride: number,
): void {
  if (!layout.gathered) {
    heap.set(data.subarray(layout.low, layout.low + layout.length), start);
    return;
  }
  let target = start;
  for (let index = which; index < offsets.length; index += 2) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0, source = offsets[index]! + i * rowStride; j < columns; j++, source += columnStride) {
        heap[target++] = data[source]!;
      }
    }
  }
}

function pack(
  kernels: WasmKernels,
  float64: boolean,
  source: number,
  along: number,
  across: number,
  lines: number,
  depth: number,
  width: number,
  target: number,
): void {
  if (float64) kernels.pack64(source, along, across, lines, depth, width, target);
  else kernels.pack32(source, along, across, lines, depth, width, target);
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

function align(bytes: number): number {
  return roundUp(bytes, 16);
}
