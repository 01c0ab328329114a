import { isCapturing, recordLaunch } from '../capture';
import { type TypedArray, allocate } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { requireFloat } from '../int32';
import { formatShape, shapesEqual } from '../shape';
import { type Tensor, checkTensor, fromData } from '../tensor';

// The sum of squared errors and its gradient as one loop each, as PyTorch's mse_loss and mse_loss_backward are
// kernels of their own: the loss `sse` of @chainrule/nn is one op over these two, where the separate tensor ops
// would take three loops (and three result tensors) forward and three backward.
// NOTE: in float32 each step is rounded to float32 (Math.fround) where the separate ops would store it, so the
// results are those of `sum(square(sub(target, prediction)))` and `mul(sub(prediction, target), add(dy, dy))`, bit
// for bit, in both dtypes.

/** `out[0] = Σ (t − p)²` over `n` contiguous elements, summed in order in a JS number. */
function squaredErrorSumKernel(p: TypedArray, pi: number, t: TypedArray, ti: number, n: number, out: TypedArray): void {
  let sum = 0;
  if (out instanceof Float64Array) {
    for (let k = 0; k < n; k++) {
      const difference = t[ti + k]! - p[pi + k]!;
      sum += difference * difference;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const difference = Math.fround(t[ti + k]! - p[pi + k]!);
      sum += Math.fround(difference * difference);
    }
  }
  out[0] = sum;
}

/** `out[k] = (p − t)·(dy + dy)` over `n` contiguous elements; `dy` is one element. */
function squaredErrorGradKernel(
  p: TypedArray,
  pi: number,
  t: TypedArray,
  ti: number,
  dy: TypedArray,
  di: number,
  n: number,
  out: TypedArray,
): void {
  if (out instanceof Float64Array) {
    const twice = dy[di]! + dy[di]!;
    for (let k = 0; k < n; k++) out[k] = (p[pi + k]! - t[ti + k]!) * twice;
  } else {
    const twice = Math.fround(dy[di]! + dy[di]!);
    for (let k = 0; k < n; k++) out[k] = Math.fround(p[pi + k]! - t[ti + k]!) * twice;
  }
}

/**
 * The sum of squared errors, `Σ (target − prediction)²` over every element, as a scalar tensor: the same number as
 * `sum(square(sub(target, prediction)))`, in one loop. The shapes must be equal and the dtypes one float dtype.
 *
 * ```ts
 * squaredErrorSum(tensor([0.5, 1, 4]), tensor([0, 2, 1])); // Tensor 10.25
 * ```
 */
export function squaredErrorSum(prediction: Tensor, target: Tensor): Tensor {
  checkPair('squaredErrorSum', prediction, target);
  const p = prediction.contiguous();
  const t = target.contiguous();
  const out = allocate(p.dtype, 1, 'squaredErrorSum', []);
  squaredErrorSumKernel(p.storage, p.offset, t.storage, t.offset, p.size, out);
  if (isCapturing()) recordLaunch(squaredErrorSumKernel, [p.storage, p.offset, t.storage, t.offset, p.size, out]);
  return fromData(out, []);
}

/**
 * The gradient of `squaredErrorSum` with respect to `prediction`, given the gradient `dy` arriving at the sum (a
 * tensor of one element): `(prediction − target)·(dy + dy)`, the same numbers as
 * `mul(sub(prediction, target), add(dy, dy))`, in one loop. The gradient with respect to `target` is its negative.
 *
 * ```ts
 * squaredErrorGrad(tensor([0.5, 1, 4]), tensor([0, 2, 1]), scalar(1)); // Tensor [1, -2, 6]
 * ```
 */
export function squaredErrorGrad(prediction: Tensor, target: Tensor, dy: Tensor): Tensor {
  checkPair('squaredErrorGrad', prediction, target);
  checkTensor(dy, 'squaredErrorGrad');
  if (dy.size !== 1) {
    throw new ShapeError(
      `squaredErrorGrad: dy has shape ${formatShape(dy.shape)}; expected one element (the gradient of the scalar sum)`,
    );
  }
  if (dy.dtype !== prediction.dtype) {
    throw new DTypeError(`squaredErrorGrad: dy is ${dy.dtype}; expected ${prediction.dtype}, as prediction`);
  }
  const p = prediction.contiguous();
  const t = target.contiguous();
  const out = allocate(p.dtype, p.size, 'squaredErrorGrad', p.shape);
  squaredErrorGradKernel(p.storage, p.offset, t.storage, t.offset, dy.storage, dy.offset, p.size, out);
  if (isCapturing()) {
    recordLaunch(squaredErrorGradKernel, [
      p.storage,
      p.offset,
      t.storage,
      t.offset,
      dy.storage,
      dy.offset,
      p.size,
      out,
    ]);
  }
  return fromData(out, p.shape);
}

function checkPair(op: string, prediction: Tensor, target: Tensor): void {
  checkTensor(prediction, op);
  checkTensor(target, op);
  requireFloat(prediction, op);
  requireFloat(target, op);
  if (!shapesEqual(prediction.shape, target.shape)) {
    throw new ShapeError(
      `${op}: prediction and target shapes differ: ${formatShape(prediction.shape)} vs ${formatShape(target.shape)}; expected equal shapes`,
    );
  }
  if (prediction.dtype !== target.dtype) {
    throw new DTypeError(`${op}: prediction is ${prediction.dtype} but target is ${target.dtype}; expected one dtype`);
  }
}
