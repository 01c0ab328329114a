// Deep graphs: backward through chains of 100,000 ops (the benchmark goes to a million) must not overflow the
// stack, through every entry point (backward, grad, gradients, second order with createGraph, toDot/toMermaid),
// and must give the gradient a plain-JS forward-mode (dual number) evaluation of the same chain gives.
import { describe, expect, it } from 'vitest';
import {
  GraphError,
  type Var,
  add,
  gradients,
  grad,
  mul,
  sigmoid,
  sum,
  tanh,
  toDot,
  toMermaid,
  variable,
} from '@chainrule/autograd';
import { type Tensor, scalar, tensor } from '@chainrule/tensor';

const DEPTH = 100_000;

/**
 * The chain: repeat (h ← 0.999·h + 0.001·x, h ← tanh(h), h ← sigmoid(h) − 0.5 + h) so each round is 6 ops and
 * reuses the leaf x (every round adds to x's gradient). Returns h after `rounds` rounds starting from h = x.
 */
function chain(x: Var, rounds: number): Var {
  let h = x;
  for (let k = 0; k < rounds; k++) {
    h = add(mul(h, 0.999), mul(x, 0.001));
    h = tanh(h);
    h = add(add(sigmoid(h), -0.5), h);
  }
  return h;
}

/** The same chain on dual numbers (value, d/dx) in plain JS doubles: the reference gradient. */
function dualChain(x: number, rounds: number): { value: number; derivative: number } {
  let value = x;
  let derivative = 1;
  for (let k = 0; k < rounds; k++) {
    value = 0.999 * value + 0.001 * x;
    derivative = 0.999 * derivative + 0.001;
    const t = Math.tanh(value);
    derivative *= 1 - t * t;
    value = t;
    const s = 1 / (1 + Math.exp(-value));
    derivative *= s * (1 - s) + 1;
    value = s - 0.5 + value;
  }
  return { value, derivative };
}

const ROUNDS = Math.ceil(DEPTH / 6);
const at = (value: number): Tensor => scalar(value, { dtype: 'float64' });

describe(`backward through ${ROUNDS * 6} ops`, () => {
  it('Var.backward: no stack overflow, and the gradient of a dual-number evaluation', () => {
    const x = variable(at(0.3));
    const out = chain(x, ROUNDS);
    const reference = dualChain(0.3, ROUNDS);
    expect(out.item()).toBeCloseTo(reference.value, 12);
    out.backward();
    expect(x.grad!.item()).toBeCloseTo(reference.derivative, 12);
    // The walked graph is released: a second walk is a clear error, not a stack overflow or a silent re-run.
    expect(() => out.backward()).toThrow(GraphError);
  });

  it('grad() and gradients() walk the same depth', () => {
    const reference = dualChain(-0.7, ROUNDS).derivative;
    expect(grad((x: Var) => chain(x, ROUNDS))(at(-0.7)).item()).toBeCloseTo(reference, 12);
    const x = variable(at(-0.7));
    const [g] = gradients(chain(x, ROUNDS), [x]);
    expect(g!.item()).toBeCloseTo(reference, 12);
  });

  it('a deep chain on a tensor with broadcasting (each op on [4] against a [1] leaf)', () => {
    const x = variable(tensor([0.1, -0.2, 0.3, -0.4], { dtype: 'float64' }));
    const b = variable(tensor([0.001], { dtype: 'float64' }));
    let h: Var = x;
    for (let k = 0; k < DEPTH / 2; k++) h = add(mul(h, 0.99999), b);
    sum(h).backward();
    // h_N = 0.99999^N·x + b·Σ_{k<N} 0.99999^k, so ∂(Σh)/∂b = 4·Σ 0.99999^k and ∂/∂x_i = 0.99999^N.
    const n = DEPTH / 2;
    const geometric = (1 - 0.99999 ** n) / (1 - 0.99999);
    expect(b.grad!.item()).toBeCloseTo(4 * geometric, 6);
    for (const value of x.grad!.toArray() as number[]) expect(value).toBeCloseTo(0.99999 ** n, 12);
  });
});

describe('second order and graph export through deep chains', () => {
  it('grad(grad(f)) through 30,000 ops (createGraph records a backward graph as deep again)', () => {
    const rounds = 5_000;
    const eps = 1e-5;
    const first = grad((x: Var) => chain(x, rounds));
    const second = grad((x: Var) => sum(first(x)));
    const analytic = second(at(0.2)).item();
    const numeric = (dualChain(0.2 + eps, rounds).derivative - dualChain(0.2 - eps, rounds).derivative) / (2 * eps);
    expect(Number.isFinite(analytic)).toBe(true);
    expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(numeric));
  });

  it('toDot and toMermaid draw a 30,000-op chain (3x deeper than recursion could go) without recursion', () => {
    const depth = 30_000;
    const x = variable(at(1));
    let h: Var = x;
    for (let k = 0; k < depth; k++) h = mul(h, 1);
    const dot = toDot(h);
    expect(dot.startsWith('digraph')).toBe(true);
    expect(dot.split('->').length - 1).toBeGreaterThanOrEqual(depth);
    expect(toMermaid(h).split('-->').length - 1).toBeGreaterThanOrEqual(depth);
  });
});
