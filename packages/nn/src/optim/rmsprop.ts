import { type RmspropState, type Tensor, ValueError, rmspropUpdate, zerosLike } from '@chainrule/tensor';
import { checkNonNegative, checkOptions, checkPositive } from '../check-options';
import type { Parameter } from '../parameter';
import { describeValue } from '../tensor-utils';
import { Optimizer } from './optimizer';

/** Options of `RMSprop`. */
export interface RMSpropOptions {
  /** Learning rate `η` (finite, >= 0). Default 0.01. */
  lr?: number;
  /** Smoothing constant `α` of the running mean square, in [0, 1). Default 0.99. */
  alpha?: number;
  /** `ε` added to the denominator (finite, > 0). Default 1e-8. */
  eps?: number;
  /** L2 penalty `λ` added to the gradient (finite, >= 0). Default 0. */
  weightDecay?: number;
  /** Momentum factor `μ` (finite, >= 0). Default 0. */
  momentum?: number;
  /** Divide by an estimate of the gradient's variance (`v − ḡ²`) instead of its mean square. Default false. */
  centered?: boolean;
}

/**
 * RMSprop (Hinton, lecture 6e) with PyTorch's `torch.optim.RMSprop` update. For each parameter `p` with gradient `g`
 * (v, ḡ and b start at 0):
 * ```
 * g ← g + λ·p
 * v ← α·v + (1 − α)·g²
 * a ← √v + ε,  or with centered: ḡ ← α·ḡ + (1 − α)·g,  a ← √(v − ḡ²) + ε
 * p ← p − η·g/a,  or with momentum μ > 0: b ← μ·b + g/a,  p ← p − η·b
 * ```
 * Its state per parameter: `step`, `averageSquare` (v, PyTorch's `square_avg`), and `momentumBuffer` (b) when
 * μ > 0, `averageGradient` (ḡ, `grad_avg`) when centered.
 */
export class RMSprop extends Optimizer<RmspropState> {
  /** Smoothing constant `α`. */
  readonly alpha: number;
  /** `ε`. */
  readonly eps: number;
  /** L2 penalty `λ`. */
  readonly weightDecay: number;
  /** Momentum factor `μ`. */
  readonly momentum: number;
  /** Whether the centered form is used. */
  readonly centered: boolean;

  constructor(parameters: Iterable<Parameter>, options: RMSpropOptions = {}) {
    checkOptions('RMSprop', options, ['lr', 'alpha', 'eps', 'weightDecay', 'momentum', 'centered']);
    super('RMSprop', parameters, options.lr ?? 0.01);
    const alpha: unknown = options.alpha ?? 0.99;
    if (typeof alpha !== 'number' || !(alpha >= 0 && alpha < 1)) {
      throw new ValueError(`RMSprop: alpha must be a number in [0, 1); got ${describeValue(alpha)}`);
    }
    this.alpha = alpha;
    // NOTE: eps > 0: with eps = 0, a parameter whose gradient is 0 at its first step gets 0/0 = NaN.
    this.eps = checkPositive('RMSprop', 'eps', options.eps ?? 1e-8);
    this.weightDecay = checkNonNegative('RMSprop', 'weightDecay', options.weightDecay ?? 0);
    this.momentum = checkNonNegative('RMSprop', 'momentum', options.momentum ?? 0);
    const centered: unknown = options.centered ?? false;
    if (typeof centered !== 'boolean') {
      throw new ValueError(`RMSprop: centered must be a boolean; got ${describeValue(centered)}`);
    }
    this.centered = centered;
  }

  /** One update of every parameter that has a gradient (see the class comment for the equations). */
  step(): void {
    this.applyUpdate(rmspropUpdate);
  }

  /** A zero step count and zero tensors: v always, b when μ > 0, ḡ when centered. */
  protected override initialState(value: Tensor): RmspropState {
    return {
      step: 0,
      averageSquare: zerosLike(value),
      momentumBuffer: this.momentum > 0 ? zerosLike(value) : null,
      averageGradient: this.centered ? zerosLike(value) : null,
    };
  }
}
