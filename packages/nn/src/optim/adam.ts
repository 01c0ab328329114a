import { type TypedArray, ValueError } from '@chainrule/tensor';
import { Optimizer, allocateLike, checkNonNegative, checkOptions, checkPositive } from './optimizer';
import type { Parameter } from '../parameter';
import { describeValue } from '../tensor-utils';

/** Options of `Adam`. */
export interface AdamOptions {
  /** Learning rate `η` (finite, > 0). Default 1e-3. */
  lr?: number;
  /** Decay rates `[β₁, β₂]` of the moment estimates, each in [0, 1). Default `[0.9, 0.999]`. */
  betas?: readonly [number, number];
  /** `ε` added to the denominator (finite, > 0). Default 1e-8. */
  eps?: number;
  /** L2 penalty `λ` added to the gradient, as `torch.optim.Adam` does (not decoupled AdamW). Default 0. */
  weightDecay?: number;
}

interface AdamState {
  /** Steps taken by this parameter (t). */
  step: number;
  /** First moment m. */
  average: TypedArray;
  /** Second moment v. */
  averageSquare: TypedArray;
}

/**
 * Adam (Kingma & Ba, 2015) with PyTorch's `torch.optim.Adam` update (amsgrad off). For each parameter `p` with
 * gradient `g`, at its t-th step (t counts the steps where `p` had a gradient, starting at 1; m and v start at 0):
 * ```
 * g ← g + λ·p
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * p ← p − η·m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
 * ```
 */
export class Adam extends Optimizer {
  /** `[β₁, β₂]`. */
  readonly betas: readonly [number, number];
  /** `ε`. */
  readonly eps: number;
  /** L2 penalty `λ`. */
  readonly weightDecay: number;
  readonly #states: (AdamState | null)[];

  constructor(parameters: Iterable<Parameter>, options: AdamOptions = {}) {
    checkOptions('Adam', options, ['lr', 'betas', 'eps', 'weightDecay']);
    super('Adam', parameters, options.lr ?? 1e-3);
    const betas: unknown = options.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2 || !betas.every(isBeta)) {
      throw new ValueError(
        `Adam: betas must be two numbers in [0, 1); got ${Array.isArray(betas) ? `[${betas.join(', ')}]` : describeValue(betas)}`,
      );
    }
    this.betas = [betas[0] as number, betas[1] as number];
    // NOTE: eps > 0 (PyTorch also allows 0): with eps = 0, a parameter whose gradient is 0 at its first step gets 0/0 = NaN.
    this.eps = checkPositive('Adam', 'eps', options.eps ?? 1e-8);
    this.weightDecay = checkNonNegative('Adam', 'weightDecay', options.weightDecay ?? 0);
    this.#states = this.parameters.map(() => null);
  }

  /** One update of every parameter that has a gradient (see the class comment for the equations). */
  step(): void {
    const { lr, eps, weightDecay } = this;
    const [beta1, beta2] = this.betas;
    for (let index = 0; index < this.parameters.length; index++) {
      const elements = this.elements(this.parameters[index]!);
      if (elements === null) continue;
      const { values, gradient } = elements;
      const state = this.#states[index] ?? {
        step: 0,
        average: allocateLike(values),
        averageSquare: allocateLike(values),
      };
      this.#states[index] = state;
      this.checkStateSize(index, state.average, values);
      state.step += 1;
      const { average, averageSquare } = state;
      // PyTorch's arrangement: η/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε), the same as η·m̂/(√v̂ + ε).
      const stepSize = lr / (1 - beta1 ** state.step);
      const correction2Root = Math.sqrt(1 - beta2 ** state.step);
      const updated = this.updateTarget(index, values);
      for (let i = 0; i < values.length; i++) {
        const g = gradient[i]! + weightDecay * values[i]!;
        average[i] = beta1 * average[i]! + (1 - beta1) * g;
        averageSquare[i] = beta2 * averageSquare[i]! + (1 - beta2) * g * g;
        updated[i] = values[i]! - (stepSize * average[i]!) / (Math.sqrt(averageSquare[i]!) / correction2Root + eps);
      }
      this.commit(index, updated);
    }
  }
}

function isBeta(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value < 1;
}
