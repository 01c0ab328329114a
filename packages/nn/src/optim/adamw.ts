import { type AdamState, type Tensor, adamwUpdate, zerosLike } from '@chainrule/tensor';
import { checkNonNegative, checkOptions, checkPositive } from '../check-options';
import type { Parameter } from '../parameter';
import { checkBetas } from './adam';
import { Optimizer } from './optimizer';

/** Options of `AdamW`. */
export interface AdamWOptions {
  /** Learning rate `η` (finite, >= 0). Default 1e-3. */
  lr?: number;
  /** Decay rates `[β₁, β₂]` of the moment estimates, each in [0, 1). Default `[0.9, 0.999]`. */
  betas?: readonly [number, number];
  /** `ε` added to the denominator (finite, > 0). Default 1e-8. */
  eps?: number;
  /** Decoupled weight decay `λ` (finite, >= 0): each step multiplies the parameter by `1 − η·λ`. Default 0.01. */
  weightDecay?: number;
}

/**
 * AdamW (Loshchilov & Hutter, 2019) with PyTorch's `torch.optim.AdamW` update (amsgrad off): Adam whose weight decay
 * shrinks the parameter directly instead of entering the gradient (and so the moments). For each parameter `p` with
 * gradient `g`, at its t-th step (t counts the steps where `p` had a gradient, from 1; m and v start at 0):
 * ```
 * p ← p·(1 − η·λ)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * p ← p − η·m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
 * ```
 * Its state per parameter: `step` (t), `average` (m) and `averageSquare` (v), as Adam's.
 */
export class AdamW extends Optimizer<AdamState> {
  /** `[β₁, β₂]`. */
  readonly betas: readonly [number, number];
  /** `ε`. */
  readonly eps: number;
  /** Decoupled weight decay `λ`. */
  readonly weightDecay: number;

  constructor(parameters: Iterable<Parameter>, options: AdamWOptions = {}) {
    checkOptions('AdamW', options, ['lr', 'betas', 'eps', 'weightDecay']);
    super('AdamW', parameters, options.lr ?? 1e-3);
    this.betas = checkBetas('AdamW', options.betas ?? [0.9, 0.999]);
    // NOTE: eps > 0, as Adam's: with eps = 0, a parameter whose gradient is 0 at its first step gets 0/0 = NaN.
    this.eps = checkPositive('AdamW', 'eps', options.eps ?? 1e-8);
    this.weightDecay = checkNonNegative('AdamW', 'weightDecay', options.weightDecay ?? 0.01);
  }

  /** One update of every parameter that has a gradient (see the class comment for the equations). */
  step(): void {
    this.applyUpdate(adamwUpdate);
  }

  /** A zero step count and zero moments. */
  protected override initialState(value: Tensor): AdamState {
    return { step: 0, average: zerosLike(value), averageSquare: zerosLike(value) };
  }
}
