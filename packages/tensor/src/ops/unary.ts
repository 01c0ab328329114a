import { type TypedArray, allocate } from '../dtype';
import { ValueError } from '../errors';
import { coalesce, nextRow } from '../strided';
import { isCapturing, recordLaunch } from '../capture';
import { type Tensor, fromData, fromDataLike, isTensor } from '../tensor';

/** A unary element-wise loop over `n` elements: `out[oi + k] = f(x[xi + k·xs])`. */
export type UnaryKernel = (x: TypedArray, xi: number, xs: number, out: TypedArray, oi: number, n: number) => void;

/** Runs one kernel launch, and records it when a capture is running (see capture.ts). */
function launch(
  kernel: UnaryKernel,
  x: TypedArray,
  xi: number,
  xs: number,
  out: TypedArray,
  oi: number,
  n: number,
): void {
  kernel(x, xi, xs, out, oi, n);
  if (isCapturing()) recordLaunch(kernel, [x, xi, xs, out, oi, n]);
}

/** Applies a unary kernel: one loop for contiguous input, else one loop per coalesced row. Returns a contiguous tensor. */
export function unaryOp(op: string, kernel: UnaryKernel, x: Tensor): Tensor {
  if (!isTensor(x)) {
    throw new ValueError(`${op}: expected a Tensor; got ${x === null ? 'null' : typeof x}`);
  }
  const out = allocate(x.dtype, x.size, op, x.shape);
  if (x.isContiguous()) {
    launch(kernel, x.storage, x.offset, 1, out, 0, x.size);
    return fromDataLike(out, x);
  }
  const layout = coalesce(x.shape, [x.strides]);
  const dims = layout.shape;
  const strides = layout.strides[0]!;
  const rank = dims.length;
  const n = dims[rank - 1]!;
  const inner = strides[rank - 1]!;
  const outerRank = rank - 1;
  const rows = x.size / n;
  const counter = new Array<number>(outerRank).fill(0);
  const offsets = [x.offset];
  for (let row = 0; row < rows; row++) {
    launch(kernel, x.storage, offsets[0]!, inner, out, row * n, n);
    nextRow(dims, outerRank, layout.strides, counter, offsets);
  }
  return fromData(out, x.shape);
}

const negKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = -x[xi]!;
};
const absKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = Math.abs(x[xi]!);
};
const expKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = Math.exp(x[xi]!);
};
const logKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = Math.log(x[xi]!);
};
const log1pKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = Math.log1p(x[xi]!);
};
const sqrtKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = Math.sqrt(x[xi]!);
};
const squareKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) {
    const v = x[xi]!;
    out[oi] = v * v;
  }
};
const tanhKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = Math.tanh(x[xi]!);
};
// NOTE: exp is only ever taken of a non-positive number, so it cannot overflow: for x ≥ 0, 1/(1 + e^−x);
// for x < 0, e^x/(1 + e^x). Both are finite and NaN-free at ±1e4 (they give exactly 1 and 0).
const sigmoidKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) {
    const v = x[xi]!;
    if (v >= 0) out[oi] = 1 / (1 + Math.exp(-v));
    else {
      const e = Math.exp(v);
      out[oi] = e / (1 + e);
    }
  }
};
// NOTE: relu(0) = 0 and NaN stays NaN (the derivative convention at 0 lives in autograd).
const reluKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) {
    const v = x[xi]!;
    out[oi] = v > 0 || v !== v ? v : 0;
  }
};
const signKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = Math.sign(x[xi]!);
};
const reciprocalKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = 1 / x[xi]!;
};

/** Element-wise negation: `out = −x`. */
export function neg(x: Tensor): Tensor {
  return unaryOp('neg', negKernel, x);
}

/** Element-wise absolute value: `out = |x|`. */
export function abs(x: Tensor): Tensor {
  return unaryOp('abs', absKernel, x);
}

/** Element-wise exponential: `out = e^x`. */
export function exp(x: Tensor): Tensor {
  return unaryOp('exp', expKernel, x);
}

/** Element-wise natural logarithm: `out = ln x` (`ln 0 = −Infinity`, negative input gives NaN as in IEEE). */
export function log(x: Tensor): Tensor {
  return unaryOp('log', logKernel, x);
}

/** Element-wise `out = ln(1 + x)`, exact for tiny x where `log(add(1, x))` would round `1 + x` to 1. */
export function log1p(x: Tensor): Tensor {
  return unaryOp('log1p', log1pKernel, x);
}

/** Element-wise square root: `out = √x`. */
export function sqrt(x: Tensor): Tensor {
  return unaryOp('sqrt', sqrtKernel, x);
}

/** Element-wise square: `out = x²`. */
export function square(x: Tensor): Tensor {
  return unaryOp('square', squareKernel, x);
}

/** Element-wise hyperbolic tangent: `out = (e^x − e^−x)/(e^x + e^−x)`. */
export function tanh(x: Tensor): Tensor {
  return unaryOp('tanh', tanhKernel, x);
}

/** Element-wise logistic sigmoid `out = 1/(1 + e^−x)`, computed without overflow for any |x|. */
export function sigmoid(x: Tensor): Tensor {
  return unaryOp('sigmoid', sigmoidKernel, x);
}

/** Element-wise rectifier: `out = max(x, 0)`. */
export function relu(x: Tensor): Tensor {
  return unaryOp('relu', reluKernel, x);
}

/** Element-wise sign: −1, 0 or 1 (`sign(±0) = ±0`, `sign(NaN) = NaN`). */
export function sign(x: Tensor): Tensor {
  return unaryOp('sign', signKernel, x);
}

/** Element-wise reciprocal: `out = 1/x`. */
export function reciprocal(x: Tensor): Tensor {
  return unaryOp('reciprocal', reciprocalKernel, x);
}
