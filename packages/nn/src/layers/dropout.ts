import { type Var, type VarLike, constant, isVar, mul } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { DTypeError, Rng, ValueError, formatShape, isTensor } from '@chainrule/tensor';
import { checkOptions, checkProbability } from '../check-options';
import { Module } from '../module';
import { describeValue } from '../tensor-utils';

/** Options of `Dropout`. */
export interface DropoutOptions {
  /** The generator the masks are drawn from (required, so a run is reproducible from a seed). */
  rng: Rng;
}

/**
 * Dropout (Srivastava et al., 2014; PyTorch's `nn.Dropout`): in training mode each element is zeroed with
 * probability `p` and the others are scaled by `1/(1 − p)`, so the expected output is the input:
 * ```
 * out = x · m / (1 − p),   m_i ~ Bernoulli(1 − p), drawn from `rng` (m_i = [u_i ≥ p], u_i uniform in [0, 1))
 * ```
 * In evaluation mode (`.eval()`) it returns its input unchanged. The gradient is the same mask: `∂out/∂x = m/(1 − p)`.
 */
export class Dropout extends Module {
  /** Probability of zeroing an element, in [0, 1]. */
  readonly p: number;
  /** The generator the masks are drawn from; each training-mode `forward` draws one number per element. */
  readonly rng: Rng;

  /** `p` in [0, 1] (PyTorch's default is 0.5); `options.rng` is required. */
  constructor(p: number, options: DropoutOptions) {
    super();
    this.p = checkProbability('Dropout', 'p', p);
    checkOptions('Dropout', options, ['rng']);
    if (!(options.rng instanceof Rng)) {
      throw new ValueError(
        `Dropout: options.rng must be an Rng (e.g. { rng: new Rng(42) } from @chainrule/tensor), so masks are reproducible from a seed; got ${describeValue(options.rng)}`,
      );
    }
    this.rng = options.rng;
  }

  /** Training mode: `x · m / (1 − p)` with a fresh mask; evaluation mode (or p = 0): `x` itself. */
  forward(x: VarLike): Var {
    if (!(isVar(x) || isTensor(x))) {
      throw new ValueError(`Dropout: input must be a Var or a Tensor; got ${describeValue(x)}`);
    }
    if (!this.training || this.p === 0) return isVar(x) ? x : constant(x);
    const value = isVar(x) ? x.value : x;
    if (value.dtype === 'int32') {
      throw new DTypeError(`Dropout: input is int32 (shape ${formatShape(value.shape)}); expected float32 or float64`);
    }
    const draws = this.rng.uniform(value.shape, 0, 1, { dtype: value.dtype });
    // NOTE: p = 1 keeps nothing: the mask is all zeros (kept / (1 − p) would be 0/0 = NaN).
    const mask = this.p === 1 ? T.zerosLike(value) : T.mul(T.greaterEqual(draws, this.p), 1 / (1 - this.p));
    return mul(x, mask);
  }
}
