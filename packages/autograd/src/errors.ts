import { ChainruleError } from '@chainrule/tensor';
import { acceptBrand } from '@chainrule/tensor/internal';

/**
 * A problem with the computation graph: backward through a graph that was released, backward of a non-scalar
 * output without a seed, a backward rule that returns the wrong number of gradients, an op input that is not a
 * `Var`, `Tensor` or number.
 */
export class GraphError extends ChainruleError {
  override name = 'GraphError';

  static {
    acceptBrand(this, Symbol.for('@chainrule/autograd.GraphError'));
  }
}

/** Thrown by `checkGrad` when an analytic gradient disagrees with central finite differences. */
export class GradCheckError extends ChainruleError {
  override name = 'GradCheckError';
  /** Which derivative disagreed: 1 (gradient) or 2 (Hessian-vector product). */
  readonly order: 1 | 2;
  /** Index of the input (in the `inputs` array) whose derivative disagreed. */
  readonly input: number;
  /** Multi-index of the worst element of that input. */
  readonly element: readonly number[];
  /** Analytic value at the worst element. */
  readonly analytic: number;
  /** Finite-difference value at the worst element. */
  readonly numeric: number;

  constructor(
    message: string,
    details: { order: 1 | 2; input: number; element: readonly number[]; analytic: number; numeric: number },
  ) {
    super(message);
    this.order = details.order;
    this.input = details.input;
    this.element = details.element;
    this.analytic = details.analytic;
    this.numeric = details.numeric;
  }

  static {
    acceptBrand(this, Symbol.for('@chainrule/autograd.GradCheckError'));
  }
}
