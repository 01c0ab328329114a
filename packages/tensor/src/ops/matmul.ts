import { isCapturing, recordLaunch } from '../capture';
import { type TypedArray, allocate } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { formatShape } from '../shape';
import { requireFloat } from '../int32';
import { type Tensor, checkTensor, fromData, fromMatrix } from '../tensor';
import { checkFlag, optionsObject } from '../options';
import { nextRow } from '../strided';
import { multiplyMatrices } from './matmul-kernel';
import { multiplyWasm, prefersWasm } from './matmul-wasm';
import { swapAxes } from './views';

/** Options of `matmul`. */
export interface MatmulOptions {
  /** Use `a` with its last two axes swapped (`aᵀ`), read in place: the same as `matmul(swapAxes(a, -1, -2), b)`. */
  transposeA?: boolean;
  /** Use `b` with its last two axes swapped (`bᵀ`), read in place: the same as `matmul(a, swapAxes(b, -1, -2))`. */
  transposeB?: boolean;
}

/**
 * Matrix product with NumPy `matmul` semantics: `out[..., i, j] = Σ_p a[..., i, p] · b[..., p, j]`.
 *
 * Both operands need rank >= 2; their last two axes are the matrices (`[m, k] @ [k, n] -> [m, n]`) and the
 * axes before them are batch axes that broadcast NumPy-style (`[2,1,3,4] @ [5,4,6] -> [2,5,3,6]`). Both must
 * have the same dtype, which the result keeps; the result is a fresh contiguous tensor and the operands are
 * never written. Views of any layout are read in place: a transposed weight (`transpose(w)`), a slice or a
 * broadcast view costs no copy. Sums run in the order p = 0..k-1; `k = 0` gives zeros.
 *
 * Products of at least 12x12x12 multiply-adds (with n > 1) run in WebAssembly SIMD where the engine has it (see
 * `setBackend`): packed panels, register tiles, float32 sums for float32 (each entry equals the float32 loop
 * `c = fround(c + fround(a·b))`, within k·2⁻²⁴·Σ|a·b| of the exact sum) and float64 sums for float64. The JS
 * kernels run the rest: a cache-aware packed kernel with 4x4 register tiles, and a direct loop for the small and thin
 * products of small networks; they sum in float64 and round once, so their result equals the naive triple loop
 * exactly. A float64 product is the same bit for bit on either kernel. `options.transposeA` / `transposeB` use an
 * operand with its last two axes swapped (`matmul(a, b, { transposeB: true })` is `a · bᵀ`) without making a view,
 * as a backward pass does.
 *
 * @throws ShapeError when an operand has rank < 2, the inner dimensions differ or the batch axes do not broadcast.
 * @throws DTypeError when the operands' dtypes differ.
 */
export function matmul(a: Tensor, b: Tensor, options?: MatmulOptions): Tensor {
  const { transposeA, transposeB } = optionsObject(options, 'matmul');
  return matrixProduct(
    'matmul',
    a,
    b,
    checkFlag(transposeA, false, 'matmul', 'transposeA'),
    checkFlag(transposeB, false, 'matmul', 'transposeB'),
  );
}

/** Internal: `matmul` with errors naming `op` (fusedDense reports its own name). */
export function matrixProduct(op: string, a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  checkTensor(a, op);
  checkTensor(b, op);
  const aRank = a.rank;
  const bRank = b.rank;
  if (aRank < 2 || bRank < 2) {
    throw new ShapeError(
      `${op}: expected operands of rank >= 2; got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  if (a.dtype !== b.dtype) {
    throw new DTypeError(
      `${op}: cannot mix ${a.dtype} and ${b.dtype}; got ${formatShape(a.shape)} ${a.dtype} @ ${formatShape(b.shape)} ${b.dtype}, expected one dtype`,
    );
  }
  requireFloat(a, op);
  // The axes holding each operand's rows and columns, after the optional transposes.
  const aRowAxis = transposeA ? aRank - 1 : aRank - 2;
  const aColumnAxis = transposeA ? aRank - 2 : aRank - 1;
  const bRowAxis = transposeB ? bRank - 1 : bRank - 2;
  const bColumnAxis = transposeB ? bRank - 2 : bRank - 1;
  const m = a.shape[aRowAxis]!;
  const k = a.shape[aColumnAxis]!;
  const n = b.shape[bColumnAxis]!;
  if (b.shape[bRowAxis] !== k) {
    throw new ShapeError(
      `${op}: inner dimensions differ: ${formatShape(a.shape)}${transposeA ? 'ᵀ' : ''} @ ${formatShape(b.shape)}${transposeB ? 'ᵀ' : ''} (${k} vs ${b.shape[bRowAxis]!})`,
    );
  }
  if (aRank === 2 && bRank === 2) {
    const out = allocate(a.dtype, m * n, op, [m, n]);
    const aStrides = a.strides;
    const bStrides = b.strides;
    if (k > 0 && out.length > 0 && prefersWasm(m, k, n)) {
      launchItems(
        a.storage,
        aStrides[aRowAxis]!,
        aStrides[aColumnAxis]!,
        b.storage,
        bStrides[bRowAxis]!,
        bStrides[bColumnAxis]!,
        [a.offset, b.offset],
        out,
        m,
        k,
        n,
      );
      return fromMatrix(out, m, n);
    }
    launchMultiply(
      a.storage,
      a.offset,
      aStrides[aRowAxis]!,
      aStrides[aColumnAxis]!,
      b.storage,
      b.offset,
      bStrides[bRowAxis]!,
      bStrides[bColumnAxis]!,
      out,
      0,
      m,
      k,
      n,
    );
    return fromMatrix(out, m, n);
  }
  return batchedMatmul(op, transposeA ? swapAxes(a, -1, -2) : a, transposeB ? swapAxes(b, -1, -2) : b, m, k, n);
}

/** Runs one `multiplyMatrices` launch, and records it when a capture is running (see capture.ts). */
function launchMultiply(
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
  multiplyMatrices(
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
    m,
    k,
    n,
  );
  if (isCapturing()) {
    recordLaunch(multiplyMatrices, [
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
      m,
      k,
      n,
    ]);
  }
}

/** One product of the last two axes of `a` (from `aOffset`) and `b` (from `bOffset`) into `out` at `outOffset`. */
function multiply(
  a: Tensor,
  aOffset: number,
  b: Tensor,
  bOffset: number,
  out: TypedArray,
  outOffset: number,
  m: number,
  k: number,
  n: number,
): void {
  const aStrides = a.strides;
  const bStrides = b.strides;
  launchMultiply(
    a.storage,
    aOffset,
    aStrides[a.rank - 2]!,
    aStrides[a.rank - 1]!,
    b.storage,
    bOffset,
    bStrides[b.rank - 2]!,
    bStrides[b.rank - 1]!,
    out,
    outOffset,
    m,
    k,
    n,
  );
}

/** `launchItems` on the last two axes of `a` and `b` for the items at `offsets`. */
function multiplyItems(
  a: Tensor,
  b: Tensor,
  offsets: readonly number[],
  out: TypedArray,
  m: number,
  k: number,
  n: number,
): void {
  const aStrides = a.strides;
  const bStrides = b.strides;
  launchItems(
    a.storage,
    aStrides[a.rank - 2]!,
    aStrides[a.rank - 1]!,
    b.storage,
    bStrides[b.rank - 2]!,
    bStrides[b.rank - 1]!,
    offsets,
    out,
    m,
    k,
    n,
  );
}

/**
 * Kernel: the products of the items at `offsets` (see `multiplyWasm`) in WebAssembly, or, when its memory cannot hold
 * them now, with the JS kernel item by item.
 * NOTE: a replay that falls back where its trace did not sums float32 products in float64 (the JS kernel's way),
 * so it can differ from the trace in the last bits; it happens only when WebAssembly memory cannot grow.
 */
function itemsKernel(
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
): void {
  if (multiplyWasm(a, aRowStride, aColumnStride, b, bRowStride, bColumnStride, offsets, out, m, k, n)) return;
  for (let item = 0; item < offsets.length / 2; item++) {
    const aOffset = offsets[2 * item]!;
    const bOffset = offsets[2 * item + 1]!;
    multiplyMatrices(
      a,
      aOffset,
      aRowStride,
      aColumnStride,
      b,
      bOffset,
      bRowStride,
      bColumnStride,
      out,
      item * m * n,
      m,
      k,
      n,
    );
  }
}

/** Runs one `itemsKernel` launch, and records it when a capture is running (see capture.ts). */
function launchItems(
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
): void {
  itemsKernel(a, aRowStride, aColumnStride, b, bRowStride, bColumnStride, offsets, out, m, k, n);
  if (isCapturing()) {
    recordLaunch(itemsKernel, [a, aRowStride, aColumnStride, b, bRowStride, bColumnStride, offsets, out, m, k, n]);
  }
}

/** Batch axes broadcast against each other; each batch item is one 2-D product into its slice of the output. */
function batchedMatmul(op: string, a: Tensor, b: Tensor, m: number, k: number, n: number): Tensor {
  const batchRank = Math.max(a.rank, b.rank) - 2;
  const batchShape = new Array<number>(batchRank);
  const aBatchStrides = new Array<number>(batchRank);
  const bBatchStrides = new Array<number>(batchRank);
  for (let axis = 0; axis < batchRank; axis++) {
    const aAxis = axis - (batchRank - (a.rank - 2));
    const bAxis = axis - (batchRank - (b.rank - 2));
    const aDim = aAxis < 0 ? 1 : a.shape[aAxis]!;
    const bDim = bAxis < 0 ? 1 : b.shape[bAxis]!;
    if (aDim !== bDim && aDim !== 1 && bDim !== 1) {
      throw new ShapeError(
        `${op}: batch dimensions do not broadcast: ${formatShape(a.shape)} @ ${formatShape(b.shape)} (batch axis ${axis}: ${aDim} vs ${bDim})`,
      );
    }
    batchShape[axis] = aDim === 1 ? bDim : aDim;
    // A broadcast axis (size 1, or missing) repeats the same matrix: stride 0.
    aBatchStrides[axis] = aDim === 1 ? 0 : a.strides[aAxis]!;
    bBatchStrides[axis] = bDim === 1 ? 0 : b.strides[bAxis]!;
  }
  let batchCount = 1;
  for (let axis = 0; axis < batchRank; axis++) batchCount *= batchShape[axis]!;
  const outShape = [...batchShape, m, n];
  const out = allocate(a.dtype, batchCount * m * n, op, outShape);
  if (out.length === 0) return fromData(out, outShape);

  if (foldsIntoRows(batchShape, aBatchStrides, bBatchStrides, m, a.strides[a.rank - 2]!)) {
    // One shared b and batch axes of a that continue its rows (e.g. [batch, seq, k] @ [k, n]): one tall product.
    if (k > 0 && prefersWasm(batchCount * m, k, n))
      multiplyItems(a, b, [a.offset, b.offset], out, batchCount * m, k, n);
    else multiply(a, a.offset, b, b.offset, out, 0, batchCount * m, k, n);
    return fromData(out, outShape);
  }
  const counter = new Array<number>(batchRank).fill(0);
  const batchStrides = [aBatchStrides, bBatchStrides];
  const offsets = [a.offset, b.offset];
  if (k > 0 && prefersWasm(batchCount * m, k, n)) {
    // Every item's offsets first, so that WebAssembly copies each operand once for the whole batch.
    const itemOffsets = new Array<number>(2 * batchCount);
    for (let item = 0; item < batchCount; item++) {
      itemOffsets[2 * item] = offsets[0]!;
      itemOffsets[2 * item + 1] = offsets[1]!;
      nextRow(batchShape, batchRank, batchStrides, counter, offsets);
    }
    multiplyItems(a, b, itemOffsets, out, m, k, n);
    return fromData(out, outShape);
  }
  for (let item = 0; item < batchCount; item++) {
    multiply(a, offsets[0]!, b, offsets[1]!, out, item * m * n, m, k, n);
    nextRow(batchShape, batchRank, batchStrides, counter, offsets);
  }
  return fromData(out, outShape);
}

/**
 * True when every batch item uses the same b and row `i` of batch item `t` of a sits at `(t·m + i)·rowStride`
 * from a's offset, so the whole batch is one (batch·m)×k by k×n product.
 */
function foldsIntoRows(
  batchShape: readonly number[],
  aBatchStrides: readonly number[],
  bBatchStrides: readonly number[],
  m: number,
  rowStride: number,
): boolean {
  let expected = m * rowStride;
  for (let axis = batchShape.length - 1; axis >= 0; axis--) {
    const dim = batchShape[axis]!;
    if (dim === 1) continue;
    if (bBatchStrides[axis] !== 0 || aBatchStrides[axis] !== expected) return false;
    expected *= dim;
  }
  return true;
}
