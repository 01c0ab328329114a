import * as T from '@chainrule/tensor';
import type { FusedActivation, Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import { isRecording } from '../recording';
import { Var, describe, isVar } from '../var';
import { activationGradient, activationGradientTensor } from './activation-gradient';
import { matmulGradientA, matmulGradientATensor, matmulGradientB, matmulGradientBTensor } from './matmul';
import { unbroadcast } from './sum-to';

/** Options of `fusedDense`. */
export interface FusedDenseOptions {
  /**
   * Added to `x · weight`, broadcast (usually shape `[outFeatures]`); it must not enlarge the product's shape.
   * `null` or absent: no bias (so a layer's `bias` field, `Parameter | null`, can be passed as it is).
   */
  bias?: VarLike | null;
  /** Applied last, element-wise: `'linear'` (none, the default), `'relu'`, `'sigmoid'` or `'tanh'`. */
  activation?: FusedActivation;
}

/** One op per activation, so a graph shows which one ran (`dense`, `dense+sigmoid`, ...). */
function denseOp(activation: FusedActivation): (...inputs: VarLike[]) => Var {
  const options: T.FusedDenseOptions = { activation };
  return defineOp<Tensor[]>({
    name: activation === 'linear' ? 'dense' : `dense+${activation}`,
    forward: (inputs) =>
      T.fusedDense(inputs[0]!, inputs[1]!, inputs.length === 2 ? options : { bias: inputs[2]!, activation }),
    // z = x·W + b, out = f(z): ∂L/∂z = ∂L/∂out ⊙ f'(z), read from out; ∂L/∂x = ∂L/∂z·Wᵀ, ∂L/∂W = xᵀ·∂L/∂z,
    // ∂L/∂b = ∂L/∂z summed over the axes b was broadcast along.
    backward: (grad, inputs, out) => {
      const x = inputs[0]!;
      const weight = inputs[1]!;
      const bias = inputs.length === 3 ? inputs[2]! : null;
      if (isRecording()) {
        const dz = activationGradient(activation, grad, out);
        const recorded = [matmulGradientA(dz, x, weight), matmulGradientB(dz, x, weight)];
        if (bias !== null) recorded.push(bias.requiresGrad ? unbroadcast(dz, bias.shape) : null);
        return recorded;
      }
      // The same formulas on tensors: ∂L/∂z is never wrapped in a Var.
      const dz = activationGradientTensor(activation, grad.value, out.value);
      const gradients = [
        x.requiresGrad ? new Var(matmulGradientATensor(dz, x.value, weight.value)) : null,
        weight.requiresGrad ? new Var(matmulGradientBTensor(dz, x.value, weight.value)) : null,
      ];
      if (bias !== null) gradients.push(bias.requiresGrad ? new Var(T.sumTo(dz, bias.shape)) : null);
      return gradients;
    },
  });
}

const denseLinear = /* @__PURE__ */ denseOp('linear');
const denseRelu = /* @__PURE__ */ denseOp('relu');
const denseSigmoid = /* @__PURE__ */ denseOp('sigmoid');
const denseTanh = /* @__PURE__ */ denseOp('tanh');

function denseOpFor(activation: unknown): (...inputs: VarLike[]) => Var {
  switch (activation) {
    case 'linear':
      return denseLinear;
    case 'relu':
      return denseRelu;
    case 'sigmoid':
      return denseSigmoid;
    case 'tanh':
      return denseTanh;
    default:
      throw new T.ValueError(
        `fusedDense: unknown activation ${typeof activation === 'string' ? `'${activation}'` : String(activation)}; expected 'linear', 'relu', 'sigmoid' or 'tanh'`,
      );
  }
}

/**
 * A fully connected layer as one differentiable op: `activation(x · weight + bias)` (see `fusedDense` in
 * @chainrule/tensor for shapes and errors). It gives the numbers and gradients of the separate ops
 * (`sigmoid(add(matmul(x, weight), bias))` for `'sigmoid'`) with one graph node instead of three (bit for bit for
 * distinct inputs: when one Var is passed as two of them, its gradient's terms are summed in another order), recorded as op `dense`
 * (`dense+relu`, `dense+sigmoid`, `dense+tanh`). The backward reads the activation's derivative from the saved output
 * and is itself differentiable (`createGraph`, `grad(grad(f))`).
 *
 * ```ts
 * const hidden = fusedDense(x, w1, { activation: 'sigmoid' }); // σ(x·W₁)
 * const output = fusedDense(hidden, w2, { bias: b2 });           // hidden·W₂ + b₂
 * ```
 *
 * @throws ValueError for an unknown activation, options that are not an object, or an input that is not a Var, a
 *   Tensor or a number.
 */
export function fusedDense(x: VarLike, weight: VarLike, options?: FusedDenseOptions): Var {
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new T.ValueError(
      `fusedDense: options must be an object such as { bias, activation }; got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`,
    );
  }
  const op = denseOpFor(options?.activation === undefined ? 'linear' : options.activation);
  const bias = options?.bias ?? null;
  checkInput(x, 'x');
  checkInput(weight, 'weight');
  if (bias === null) return op(x, weight);
  checkInput(bias, 'bias');
  return op(x, weight, bias);
}

/** Reports a bad input under the public name (the op itself is named after its activation, `dense+sigmoid`). */
function checkInput(value: unknown, name: string): void {
  if (isVar(value) || T.isTensor(value) || typeof value === 'number') return;
  throw new T.ValueError(`fusedDense: ${name} must be a Var, a Tensor or a number; got ${describe(value)}`);
}
