import { Var, isVar } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { type Tensor, ValueError } from '@chainrule/tensor';
import { checkNonNegative } from '../check-options';
import { describeValue } from '../tensor-utils';

/**
 * Rescales the gradients of `parameters` so that their global L2 norm is at most `maxNorm`, as PyTorch's
 * `torch.nn.utils.clip_grad_norm_`; returns the norm before clipping, a `[]` float64 tensor (`.item()` reads it):
 * ```
 * total = √(Σ_p Σ_i g_{p,i}²),   g ← g · min(1, maxNorm / (total + 1e-6))
 * ```
 * Parameters without a gradient are skipped. Each `.grad` is replaced by its rescaled copy (a leaf owns its
 * gradient, so nothing else changes). Everything is tensor ops, with no value read back into JavaScript. As in
 * PyTorch, a non-finite gradient gives a non-finite norm and NaN gradients: check with `allFinite` if that can happen.
 */
export function clipGradNorm(parameters: Iterable<Var>, maxNorm: number): Tensor {
  checkNonNegative('clipGradNorm', 'maxNorm', maxNorm);
  if (parameters === null || typeof parameters !== 'object' || !(Symbol.iterator in parameters)) {
    throw new ValueError(
      `clipGradNorm: expected a list of Parameters (e.g. model.parameters()); got ${describeValue(parameters)}`,
    );
  }
  const withGradients: Var[] = [];
  [...parameters].forEach((parameter: unknown, index) => {
    if (!isVar(parameter)) {
      throw new ValueError(
        `clipGradNorm: parameters[${index}] must be a Parameter or a Var; got ${describeValue(parameter)}`,
      );
    }
    if (parameter.grad !== null) withGradients.push(parameter);
  });
  // Σ g² per gradient in its own dtype, summed in float64 (parameters may mix float32 and float64).
  let squares = T.scalar(0, { dtype: 'float64' });
  for (const parameter of withGradients) {
    squares = T.add(squares, T.astype(T.sum(T.square(parameter.grad!.value)), 'float64'));
  }
  const total = T.sqrt(squares);
  const factor = T.minimum(T.div(maxNorm, T.add(total, 1e-6)), 1);
  for (const parameter of withGradients) {
    const grad = parameter.grad!.value;
    parameter.grad = new Var(T.mul(grad, T.astype(factor, grad.dtype)));
  }
  return total;
}
