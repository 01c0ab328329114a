import { type AdamState, type Tensor, ValueError, adamUpdate, zerosLike } from '@chainrule/tensor';
import { checkNonNegative, checkOptions, checkPositive } from '../check-options';
import { Optimizer } from './optimizer';
import type { Parameter } from '../parameter';
import { describeValue } from '../tensor-utils';

/** Options of `Adam`. */
export interface AdamOptions {
  /** Learning rate `η` (finite, >= 0). Default 1e-3. */
  lr?: number;
  /** Decay rates `[β₁, β₂]` of the moment estimates, each in [0, 1). Default `[0.9, 0.999]`. */
  betas?: readonly [number, number];
  /** `ε` added to the denominator (finite, > 0). Default 1e-8. */
  eps?: number;
  /** L2 penalty `λ` added to the gradient, as `torch.optim.Adam` does (not decoupled AdamW). Default 0. */
  weightDecay?: number;
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
 * Its state per parameter: `step` (t), `average` (m, PyTorch's `exp_avg`) and `averageSquare` (v, `exp_avg_sq`).
 */
export class Adam extends Optimizer<AdamState> {
  /** `[β₁, β₂]`. */
  readonly betas: readonly [number, number];
  /** `ε`. */
  readonly eps: number;
  /** L2 penalty `λ`. */
  readonly weightDecay: number;

  constructor(parameters: Iterable<Parameter>, options: AdamOptions = {}) {
    checkOptions('Adam', options, ['lr', 'betas', 'eps', 'weightDecay']);
    super('Adam', parameters, options.lr ?? 1e-3);
    this.betas = checkBetas('Adam', options.betas ?? [0.9, 0.999]);
    // NOTE: eps > 0 (PyTorch also allows 0): with eps = 0, a parameter whose gradient is 0 at its first step gets 0/0 = NaN.
    this.eps = checkPositive('Adam', 'eps', options.eps ?? 1e-8);
    this.weightDecay = checkNonNegative('Adam', 'weightDecay', options.weightDecay ?? 0);
  }

  /** One update of every parameter that has a gradient (see the class comment for the equations). */
  step(): void {
    this.applyUpdate(adamUpdate);
  }

  /** A zero step count and zero moments. */
  protected override initialState(value: Tensor): AdamState {
    return { step: 0, average: zerosLike(value), averageSquare: zerosLike(value) };
  }
}

/** Validates Adam's and AdamW's `betas`: two numbers in [0, 1). */
export function checkBetas(op: string, betas: unknown): readonly [number, number] {
  if (!Array.isArray(betas) || betas.length !== 2 || !betas.every(isBeta)) {
    throw new ValueError(
      `${op}: betas must be two numbers in [0, 1); got ${Array.isArray(betas) ? `[${betas.join(', ')}]` : describeValue(betas)}`,
    );
  }
  return [betas[0] as number, betas[1] as number];
}

function isBeta(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value < 1;
}
