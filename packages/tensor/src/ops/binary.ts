import type { Tensor } from '../tensor';
import { type BinaryKernel, binaryOp } from './binary-loop';

// Kernels: out[oi + k] = f(a[ai + k·as], b[bi + k·bs]) for k < n.
const addKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! + b[bi]!;
};
const subKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! - b[bi]!;
};
const mulKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! * b[bi]!;
};
const divKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! / b[bi]!;
};
const powKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! ** b[bi]!;
};
// NOTE: maximum/minimum propagate NaN from either side, like NumPy (a plain `a > b ? a : b` would drop a NaN in a).
const maximumKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) {
    const x = a[ai]!;
    const y = b[bi]!;
    out[oi] = x > y || x !== x ? x : y;
  }
};
const minimumKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) {
    const x = a[ai]!;
    const y = b[bi]!;
    out[oi] = x < y || x !== x ? x : y;
  }
};

/** Element-wise sum with NumPy broadcasting: `out = a + b`. Either side may be a number. */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('add', addKernel, a, b);
}

/** Element-wise difference with broadcasting: `out = a − b`. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('sub', subKernel, a, b);
}

/** Element-wise product with broadcasting: `out = a · b`. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('mul', mulKernel, a, b);
}

/** Element-wise quotient with broadcasting: `out = a / b` (IEEE: `x/0` is ±Infinity, `0/0` is NaN). */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('div', divKernel, a, b);
}

/** Element-wise power with broadcasting: `out = a^b` (`Math.pow`; a negative base with a fractional exponent is NaN). */
export function pow(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('pow', powKernel, a, b);
}

/** Element-wise maximum with broadcasting: `out = max(a, b)`; NaN in either input gives NaN. */
export function maximum(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('maximum', maximumKernel, a, b);
}

/** Element-wise minimum with broadcasting: `out = min(a, b)`; NaN in either input gives NaN. */
export function minimum(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('minimum', minimumKernel, a, b);
}
