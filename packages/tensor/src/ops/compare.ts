import { checkRead } from '../capture';
import { ShapeError } from '../errors';
import { formatShape, shapesEqual } from '../shape';
import { Tensor, contiguousCopy } from '../tensor';
import { optionsObject } from '../options';
import { type BinaryKernel, binaryOp } from './binary-loop';

// Kernels: out[oi + k] = (a[ai + k·as] ⋈ b[bi + k·bs]) ? 1 : 0.
const greaterKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! > b[bi]! ? 1 : 0;
};
const greaterEqualKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! >= b[bi]! ? 1 : 0;
};
const lessKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! < b[bi]! ? 1 : 0;
};
const lessEqualKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! <= b[bi]! ? 1 : 0;
};
const equalKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! === b[bi]! ? 1 : 0;
};
const notEqualKernel: BinaryKernel = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, ai += as, bi += bs) out[oi] = a[ai]! !== b[bi]! ? 1 : 0;
};

/** Mask `a > b` (1 where true, 0 elsewhere) with broadcasting, in the inputs' dtype. */
export function greater(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('greater', greaterKernel, a, b);
}

/** Mask `a ≥ b` with broadcasting. */
export function greaterEqual(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('greaterEqual', greaterEqualKernel, a, b);
}

/** Mask `a < b` with broadcasting. */
export function less(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('less', lessKernel, a, b);
}

/** Mask `a ≤ b` with broadcasting. */
export function lessEqual(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('lessEqual', lessEqualKernel, a, b);
}

/** Mask `a = b` with broadcasting (NaN equals nothing). */
export function equal(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('equal', equalKernel, a, b);
}

/** Mask `a ≠ b` with broadcasting (NaN differs from everything). */
export function notEqual(a: Tensor | number, b: Tensor | number): Tensor {
  return binaryOp('notEqual', notEqualKernel, a, b);
}

/** Options of `allClose`: relative and absolute tolerances. */
export interface AllCloseOptions {
  rtol?: number;
  atol?: number;
}

/**
 * True when every `|a − b| ≤ atol + rtol·|b|` (NumPy's `allclose`, defaults `rtol = 1e-5`, `atol = 1e-8`).
 * Equal infinities are close; NaN is close to nothing. Dtypes may differ; shapes must match (else ShapeError).
 */
export function allClose(a: Tensor, b: Tensor, options?: AllCloseOptions): boolean {
  checkRead('allClose');
  const { rtol = 1e-5, atol = 1e-8 } = optionsObject(options, 'allClose');
  if (!(a instanceof Tensor) || !(b instanceof Tensor) || !shapesEqual(a.shape, b.shape)) {
    const describe = (t: unknown): string => (t instanceof Tensor ? formatShape(t.shape) : typeof t);
    throw new ShapeError(`allClose: shapes differ; got ${describe(a)} and ${describe(b)}, expected equal shapes`);
  }
  const x = contiguousCopy(a, 'allClose');
  const y = contiguousCopy(b, 'allClose');
  for (let i = 0; i < x.size; i++) {
    const u = x.data[x.offset + i]!;
    const v = y.data[y.offset + i]!;
    if (u === v) continue;
    if (!(Math.abs(u - v) <= atol + rtol * Math.abs(v))) return false;
  }
  return true;
}
