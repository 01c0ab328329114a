import { type TypedArray, ValueError } from '@chainrule/tensor';
import { Optimizer, allocateLike, checkNonNegative, checkOptions } from './optimizer';
import type { Parameter } from '../parameter';

/** Options of `SGD`. */
export interface SGDOptions {
  /** Learning rate `η` (finite, > 0). Required. */
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
 * With `{ lr: 1 }` this is the tutorial's `W += −∂L/∂W`.
 */
export class SGD extends Optimizer {
  /** Momentum factor `μ`. */
  readonly momentum: number;
  /** Whether the Nesterov form is used. */
  readonly nesterov: boolean;
  /** L2 penalty `λ`. */
  readonly weightDecay: number;
  // One momentum buffer per parameter, created at its first step (PyTorch's `momentum_buffer`).
  readonly #buffers: (TypedArray | null)[];

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
    this.#buffers = this.parameters.map(() => null);
  }

  /** One update of every parameter that has a gradient (see the class comment for the equations). */
  step(): void {
    const { lr, momentum, nesterov, weightDecay } = this;
    for (let index = 0; index < this.parameters.length; index++) {
      const elements = this.elements(this.parameters[index]!);
      if (elements === null) continue;
      const { values, gradient } = elements;
      const updated = this.updateTarget(index, values);
      const n = values.length;
      if (momentum === 0) {
        for (let i = 0; i < n; i++) updated[i] = values[i]! - lr * (gradient[i]! + weightDecay * values[i]!);
      } else {
        const first = this.#buffers[index] === null;
        const buffer = this.#buffers[index] ?? allocateLike(values);
        this.checkStateSize(index, buffer, values);
        this.#buffers[index] = buffer;
        for (let i = 0; i < n; i++) {
          const g = gradient[i]! + weightDecay * values[i]!;
          buffer[i] = first ? g : momentum * buffer[i]! + g;
          const direction = nesterov ? g + momentum * buffer[i]! : buffer[i]!;
          updated[i] = values[i]! - lr * direction;
        }
      }
      this.commit(index, updated);
    }
  }
}
