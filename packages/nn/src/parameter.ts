import { Var } from '@chainrule/autograd';
import { type DTypeOptions, type NestedArray, Tensor, ValueError, astype, tensor } from '@chainrule/tensor';
import { acceptBrand } from '@chainrule/tensor/internal';
import { parameterBrand } from './brand';
import { describeValue } from './tensor-utils';

/**
 * A trainable tensor of a `Module`: a leaf `Var` with `requiresGrad = true`. It copies the tensor it is given, so
 * training (an optimizer replacing `value`) never touches the caller's data. `Module` finds Parameters by walking
 * its fields; optimizers take a list of them.
 */
export class Parameter extends Var {
  /**
   * Copies `values` into a new trainable leaf: nested arrays in `options.dtype` (default float32), or a Tensor, which
   * keeps its dtype unless `options.dtype` names another, when it is converted (as `variable()` does).
   */
  constructor(values: Tensor | NestedArray, options?: DTypeOptions) {
    super(initialValue(values, options), true);
  }

  // `instanceof Parameter` also accepts instances made by this package's other build (ESM or CommonJS): see brand.ts.
  static {
    acceptBrand(this, parameterBrand);
  }
}

/** The Parameter's own tensor: a copy of a Tensor, or nested arrays read by `tensor()`; a Var is a ValueError. */
function initialValue(values: Tensor | NestedArray, options: DTypeOptions | undefined): Tensor {
  if (values instanceof Var) {
    throw new ValueError(
      `Parameter: expected a Tensor or nested arrays of numbers; got ${describeValue(values)} (pass its .value to copy it)`,
    );
  }
  if (!(values instanceof Tensor)) return tensor(values, options);
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new ValueError(`Parameter: options must be an object; got ${describeValue(options)}`);
  }
  return copyAs(values, options?.dtype);
}

/** A copy of `value`, converted to `dtype` when that is given and differs (`astype` already returns a fresh tensor). */
function copyAs(value: Tensor, dtype: DTypeOptions['dtype']): Tensor {
  return dtype !== undefined && dtype !== value.dtype ? astype(value, dtype) : value.clone();
}
