import * as T from '@chainrule/tensor';
import type { Shape, Tensor } from '@chainrule/tensor';
import { gradients } from './engine/gradients';
import { GradCheckError, GraphError } from './errors';
import { add } from './ops/add';
import { mul } from './ops/mul';
import { sum } from './ops/sum';
import { noGrad, setRecording } from './engine/recording';
import { describe } from './describe';
import { Var } from './engine/var';

/** Options of `checkGrad`. */
export interface CheckGradOptions {
  /** 1: gradients only (default); 2: also the second derivative (a Hessian-vector product). */
  order?: 1 | 2;
  /** Step of the central differences (default 1e-6). */
  eps?: number;
  /** Relative tolerance (default 1e-5): an element passes when |analytic − numeric| ≤ atol + rtol·|numeric|. */
  rtol?: number;
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** Seed of the random projections used for non-scalar outputs and for the second order (default 0). */
  seed?: number;
}

/** The worst element of one input at one order. */
export interface GradCheckEntry {
  /** 1: gradient; 2: Hessian-vector product. */
  readonly order: 1 | 2;
  /** Index of the input in `inputs`. */
  readonly input: number;
  /** Multi-index of the element with the largest error relative to its tolerance (`[]` for an empty input). */
  readonly element: readonly number[];
  readonly analytic: number;
  readonly numeric: number;
  /** |analytic − numeric| at that element. */
  readonly error: number;
  /** atol + rtol·|numeric| at that element. */
  readonly tolerance: number;
}

/** What `checkGrad` returns when every derivative matches. */
export interface GradCheckReport {
  readonly order: 1 | 2;
  readonly eps: number;
  readonly rtol: number;
  readonly atol: number;
  /** One entry per input and order checked. */
  readonly entries: readonly GradCheckEntry[];
  /** Largest |analytic − numeric| over all entries. */
  readonly maxError: number;
}

/**
 * Checks `f`'s analytic derivatives against central finite differences in float64:
 * ∂L/∂x_j ≈ (L(x + ε e_j) − L(x − ε e_j)) / 2ε with L = Σ f(inputs) ⊙ r (r a fixed random projection when f's
 * output is not a scalar). With `order: 2` it also checks the Hessian-vector product ∇(Σ_i ⟨∇_i L, v_i⟩) against
 * central differences of the analytic gradient. The inputs are copied to float64 and never written.
 * Throws a GradCheckError naming the input, the worst element, both values and the error; returns a report otherwise.
 */
export function checkGrad(
  f: (...args: Var[]) => Var,
  inputs: readonly Tensor[],
  options?: CheckGradOptions,
): GradCheckReport {
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new T.ValueError(`checkGrad: options must be an object; got ${describe(options)}`);
  }
  const { order = 1, eps = 1e-6, rtol = 1e-5, atol = 1e-6, seed = 0 } = options ?? {};
  if (typeof f !== 'function') throw new GraphError(`checkGrad: expected a function; got ${describe(f)}`);
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.some((input) => !(input instanceof T.Tensor))) {
    throw new T.ValueError(`checkGrad: inputs must be a non-empty array of Tensors; got ${describe(inputs)}`);
  }
  if (order !== 1 && order !== 2) throw new T.ValueError(`checkGrad: order must be 1 or 2; got ${describe(order)}`);
  for (const [name, value] of [
    ['eps', eps],
    ['rtol', rtol],
    ['atol', atol],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (name === 'eps' && value === 0)) {
      throw new T.ValueError(
        `checkGrad: ${name} must be a finite ${name === 'eps' ? 'positive' : 'non-negative'} number; got ${describe(value)}`,
      );
    }
  }
  const points = inputs.map(toFloat64);
  const rng = new T.Rng(seed);
  const probe = noGrad(() =>
    callF(
      f,
      points.map((x) => new Var(x)),
      undefined,
    ),
  );
  const projection = probe.size === 1 ? null : rng.normal(probe.shape, 0, 1, { dtype: 'float64' });
  const entries: GradCheckEntry[] = [];

  // First order: the analytic gradient against differences of the loss.
  const analytic = withRecording(() => {
    const vars = points.map((x) => new Var(x, true));
    return gradients(lossOf(f, vars, projection, probe.shape), vars).map((g) => g.value);
  });
  points.forEach((_x, index) => {
    const numeric = differences(points, index, eps, (xs) =>
      noGrad(() =>
        lossOf(
          f,
          xs.map((x) => new Var(x)),
          projection,
          probe.shape,
        ),
      ).item(),
    );
    entries.push(compare(1, index, analytic[index]!, numeric, rtol, atol));
  });

  if (order === 2) {
    // Second order: H·v = ∇⟨∇L, v⟩ against differences of the analytic ⟨∇L, v⟩.
    const directions = points.map((x) => rng.normal(x.shape, 0, 1, { dtype: 'float64' }));
    const directional = (xs: readonly Tensor[], createGraph: boolean): { value: Var; vars: Var[] } => {
      const vars = xs.map((x) => new Var(x, true));
      const grads = gradients(lossOf(f, vars, projection, probe.shape), vars, { createGraph });
      let total: Var = sum(mul(grads[0]!, directions[0]!));
      for (let i = 1; i < grads.length; i++) total = add(total, sum(mul(grads[i]!, directions[i]!)));
      return { value: total, vars };
    };
    const hessianVector = withRecording(() => {
      const { value, vars } = directional(points, true);
      return gradients(value, vars).map((g) => g.value);
    });
    points.forEach((_x, index) => {
      const numeric = differences(points, index, eps, (xs) => withRecording(() => directional(xs, false).value.item()));
      entries.push(compare(2, index, hessianVector[index]!, numeric, rtol, atol));
    });
  }

  for (const entry of entries) {
    if (!(entry.error <= entry.tolerance) && !(entry.analytic === entry.numeric))
      throw failure(entry, points[entry.input]!.shape);
  }
  return { order, eps, rtol, atol, entries, maxError: Math.max(0, ...entries.map((entry) => entry.error)) };
}

function lossOf(f: (...args: Var[]) => Var, vars: Var[], projection: Tensor | null, shape: Shape): Var {
  const out = callF(f, vars, shape);
  return projection === null ? sum(out) : sum(mul(out, projection));
}

function callF(f: (...args: Var[]) => Var, vars: Var[], shape: Shape | undefined): Var {
  const out: unknown = f(...vars);
  if (!(out instanceof Var)) throw new GraphError(`checkGrad: f must return a Var; got ${describe(out)}`);
  if (shape !== undefined && T.formatShape(out.shape) !== T.formatShape(shape)) {
    throw new T.ShapeError(
      `checkGrad: f returned shape ${T.formatShape(out.shape)} on a perturbed input; expected ${T.formatShape(shape)} as on the first call`,
    );
  }
  return out;
}

/** Central differences of `evaluate` along every element of input `index`: a float64 tensor of its shape. */
function differences(
  points: readonly Tensor[],
  index: number,
  eps: number,
  evaluate: (xs: readonly Tensor[]) => number,
): Tensor {
  const x = points[index]!;
  const base = x.data as Float64Array;
  const result = new Float64Array(x.size);
  const at = (element: number, step: number): number => {
    const data = base.slice();
    data[element] = data[element]! + step;
    const xs = points.slice();
    xs[index] = new T.Tensor(data, x.shape);
    return evaluate(xs);
  };
  for (let element = 0; element < x.size; element++) {
    result[element] = (at(element, eps) - at(element, -eps)) / (2 * eps);
  }
  return new T.Tensor(result, x.shape);
}

function compare(
  order: 1 | 2,
  input: number,
  analytic: Tensor,
  numeric: Tensor,
  rtol: number,
  atol: number,
): GradCheckEntry {
  const a = contiguousValues(analytic);
  const n = numeric.data;
  let worst = -1;
  let worstRatio = -1;
  for (let i = 0; i < n.length; i++) {
    const error = Math.abs(a[i]! - n[i]!);
    const ratio = a[i] === n[i] ? 0 : Number.isNaN(error) ? Infinity : error / (atol + rtol * Math.abs(n[i]!));
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worst = i;
    }
  }
  if (worst < 0) return { order, input, element: [], analytic: 0, numeric: 0, error: 0, tolerance: atol };
  return {
    order,
    input,
    element: unravel(worst, numeric.shape),
    analytic: a[worst]!,
    numeric: n[worst]!,
    error: Math.abs(a[worst]! - n[worst]!),
    tolerance: atol + rtol * Math.abs(n[worst]!),
  };
}

function failure(entry: GradCheckEntry, shape: Shape): GradCheckError {
  const what = entry.order === 1 ? 'gradient' : 'second derivative (Hessian-vector product)';
  return new GradCheckError(
    `checkGrad: ${what} of input ${entry.input} (shape ${T.formatShape(shape)}) disagrees with finite differences at element [${entry.element.join(',')}]: analytic ${entry.analytic}, numeric ${entry.numeric}, error ${entry.error} > tolerance ${entry.tolerance}`,
    entry,
  );
}

function withRecording<R>(fn: () => R): R {
  const previous = setRecording(true);
  try {
    return fn();
  } finally {
    setRecording(previous);
  }
}

/** A float64 copy with offset 0 (the caller's tensor is never written). */
function toFloat64(x: Tensor): Tensor {
  return new T.Tensor(Float64Array.from(contiguousValues(x)), x.shape);
}

function contiguousValues(x: Tensor): ArrayLike<number> {
  const c = x.contiguous();
  return c.data.subarray(c.offset, c.offset + c.size);
}

function unravel(flat: number, shape: Shape): number[] {
  const index = new Array<number>(shape.length).fill(0);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dim = shape[axis]!;
    index[axis] = flat % dim;
    flat = Math.floor(flat / dim);
  }
  return index;
}
