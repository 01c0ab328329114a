import { type SgdState, type Tensor, ValueError, sgdUpdate, zerosLike } from '@chainrule/tensor';
import { checkNonNegative, checkOptions } from '../check-options';
import type { Parameter } from '../parameter';
import { Optimizer } from './optimizer';

/** Options of `SGD`. */
export interface SGDOptions {
  /** Learning rate `η` (finite, >= 0). Required. */
  lr: number;
  /** Momentum factor `μ` (finite, >= 0). Default 0: plain gradient descent. */
  momentum?: number;
  /** Nesterov momentum (needs `momentum > 0`). Default false. */
  nesterov?: boolean;
  /** L2 penalty `λ` added to the gradient (finite, >= 0). Default 0. */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with PyTorch's `torch.optim.SGD` update (dampening 0). For each parameter `p` with
 * gradient `g`, at each `step()`:
 * ```
 * g ← g + λ·p                              (weight decay)
 * b ← g on the first step, else b ← μ·b + g  (momentum buffer, only when μ > 0)
 * d ← g + μ·b if nesterov, else b           (d = g when μ = 0)
 * p ← p − η·d
 * ```
 * With `{ lr: 1 }` this is the tutorial's `W += −∂L/∂W`. Its state per parameter: `step` and, when μ > 0,
 * `momentumBuffer` (PyTorch's `momentum_buffer`).
 */
export class SGD extends Optimizer<SgdState> {
  /** Momentum factor `μ`. */
  readonly momentum: number;
  /** Whether the Nesterov form is used. */
  readonly nesterov: boolean;
  /** L2 penalty `λ`. */
  readonly weightDecay: number;

  constructor(parameters: Iterable<Parameter>, options: SGDOptions) {
    checkOptions('SGD', options, ['lr', 'momentum', 'nesterov', 'weightDecay']);
    super('SGD', parameters, options.lr);
    this.momentum = checkNonNegative('SGD', 'momentum', options.momentum ?? 0);
    this.weightDecay = checkNonNegative('SGD', 'weightDecay', options.weightDecay ?? 0);
    const nesterov: unknown = options.nesterov ?? false;
    if (typeof nesterov !== 'boolean') throw new ValueError(`SGD: nesterov must be a boolean; got ${String(nesterov)}`);
    if (nesterov && this.momentum === 0) {
      throw new ValueError('SGD: nesterov momentum needs momentum > 0; got momentum 0');
    }
    this.nesterov = nesterov;
  }

  /** One update of every parameter that has a gradient (see the class comment for the equations). */
  step(): void {
    this.applyUpdate(sgdUpdate);
  }

  /** A zero step count, and a zero momentum buffer when μ > 0. */
  protected override initialState(value: Tensor): SgdState {
    return { step: 0, momentumBuffer: this.momentum === 0 ? null : zerosLike(value) };
  }
}
