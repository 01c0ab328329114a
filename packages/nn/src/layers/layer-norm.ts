import { type Var, type VarLike, add, div, isVar, mean, mul, sqrt, square, sub } from '@chainrule/autograd';
import { type DType, DTypeError, ShapeError, ValueError, formatShape, isTensor, ones, zeros } from '@chainrule/tensor';
import { checkOptions, checkPositive } from '../check-options';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { describeValue } from '../tensor-utils';

/** Options of `LayerNorm`. */
export interface LayerNormOptions {
  /** `ε` added to the variance (finite, > 0). Default 1e-5, as PyTorch. */
  eps?: number;
  /** Learn a per-element scale `γ` (ones at first) and shift `β` (zeros at first). Default true. */
  elementwiseAffine?: boolean;
  /** Learn the shift `β` (only with `elementwiseAffine`). Default true. */
  bias?: boolean;
  /** Dtype of the parameters. Default `'float32'`. */
  dtype?: DType;
}

/**
 * Layer normalisation (Ba et al., 2016; PyTorch's `nn.LayerNorm`) over the trailing axes `normalizedShape`:
 * ```
 * out = (x − E[x]) / √(Var[x] + ε) · γ + β
 * ```
 * with the mean and the biased variance taken over those axes for each leading index. `γ` (`weight`, ones at first)
 * and `β` (`bias`, zeros at first) have shape `normalizedShape`. The same in training and evaluation mode.
 */
export class LayerNorm extends Module {
  /** `γ`, shape `normalizedShape`, ones at first; `null` without `elementwiseAffine`. */
  readonly weight: Parameter | null;
  /** `β`, shape `normalizedShape`, zeros at first; `null` without `elementwiseAffine` or with `bias: false`. */
  readonly bias: Parameter | null;
  /** The trailing shape normalised over. */
  readonly normalizedShape: readonly number[];
  /** `ε`. */
  readonly eps: number;

  /** `normalizedShape`: the size of the last axis (a number) or the sizes of the last axes. */
  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    checkOptions('LayerNorm', options, ['eps', 'elementwiseAffine', 'bias', 'dtype']);
    const shape = typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape;
    if (!Array.isArray(shape) || shape.length === 0 || !shape.every((size) => Number.isSafeInteger(size) && size > 0)) {
      throw new ValueError(
        `LayerNorm: normalizedShape must be a positive integer or a non-empty array of them; got ${Array.isArray(shape) ? `[${shape.join(', ')}]` : describeValue(shape)}`,
      );
    }
    const { elementwiseAffine = true, bias = true, dtype = 'float32' } = options;
    for (const [name, flag] of [
      ['elementwiseAffine', elementwiseAffine],
      ['bias', bias],
    ] as const) {
      if (typeof flag !== 'boolean') {
        throw new ValueError(`LayerNorm: ${name} must be a boolean; got ${describeValue(flag)}`);
      }
    }
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new DTypeError(`LayerNorm: unknown dtype ${describeValue(dtype)}; expected 'float32' or 'float64'`);
    }
    this.normalizedShape = shape.slice();
    this.eps = checkPositive('LayerNorm', 'eps', options.eps ?? 1e-5);
    this.weight = elementwiseAffine ? new Parameter(ones(shape, { dtype })) : null;
    this.bias = elementwiseAffine && bias ? new Parameter(zeros(shape, { dtype })) : null;
  }

  /** Normalises `x` of shape `[..., ...normalizedShape]`; another trailing shape is a ShapeError. */
  forward(x: VarLike): Var {
    const axes = this.checkInput(x);
    const centred = sub(x, mean(x, axes, true));
    const variance = mean(square(centred), axes, true); // biased (divides by n), as PyTorch
    const normalized = div(centred, sqrt(add(variance, this.eps)));
    const scaled = this.weight === null ? normalized : mul(normalized, this.weight);
    return this.bias === null ? scaled : add(scaled, this.bias);
  }

  /** The axes normalised over (the last `normalizedShape.length`), after checking the input's shape and dtype. */
  private checkInput(x: VarLike): number[] {
    if (!(isVar(x) || isTensor(x))) {
      throw new ValueError(`LayerNorm: input must be a Var or a Tensor; got ${describeValue(x)}`);
    }
    const count = this.normalizedShape.length;
    const trailing = x.shape.slice(x.shape.length - count);
    if (x.shape.length < count || trailing.some((size, axis) => size !== this.normalizedShape[axis])) {
      throw new ShapeError(
        `LayerNorm: input must have shape [..., ${this.normalizedShape.join(', ')}] (the normalized shape last); got ${formatShape(x.shape)}`,
      );
    }
    const dtype = this.weight?.dtype;
    if (dtype !== undefined && x.dtype !== dtype) {
      throw new DTypeError(
        `LayerNorm: input is ${x.dtype} (shape ${formatShape(x.shape)}) but the layer's parameters are ${dtype}; expected a ${dtype} input`,
      );
    }
    return Array.from({ length: count }, (_, index) => index - count);
  }
}
