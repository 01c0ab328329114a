import { Var } from '@chainrule/autograd';
import { type DTypeOptions, type NestedArray, Tensor, ValueError, astype, tensor } from '@chainrule/tensor';
import { acceptBrand } from '@chainrule/tensor/internal';
import { bufferBrand, parameterBrand } from './brand';
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
    super(initialValue('Parameter', values, options), true);
  }

  /** E.g. `Parameter(tensor([1, 2], shape=[2], dtype=float32))`. */
  override toString(): string {
    return `Parameter(${this.value.toString()})`;
  }

  // `instanceof Parameter` also accepts instances made by this package's other build (ESM or CommonJS): see brand.ts.
  static {
    acceptBrand(this, parameterBrand);
  }
}

/**
 * A tensor of a `Module`'s state that is not trained (PyTorch's buffers): running statistics, counters. The field
 * walk finds it like a Parameter (`namedBuffers()`), `stateDict()` saves it and `loadStateDict()` restores it, but
 * it is not in `parameters()`, so no optimizer updates it. It is a constant leaf `Var` (`requiresGrad = false`), so
 * ops take it directly; a layer updates it by assigning `value`. It copies the tensor it is given, as Parameter does.
 */
export class ModuleBuffer extends Var {
  /** Copies `values` (nested arrays in `options.dtype`, default float32, or a Tensor, converted to `options.dtype` if given). */
  constructor(values: Tensor | NestedArray, options?: DTypeOptions) {
    super(initialValue('ModuleBuffer', values, options), false);
  }

  /** E.g. `ModuleBuffer(tensor([0, 0], shape=[2], dtype=float32))`. */
  override toString(): string {
    return `ModuleBuffer(${this.value.toString()})`;
  }

  // `instanceof ModuleBuffer` also accepts instances made by this package's other build: see brand.ts.
  static {
    acceptBrand(this, bufferBrand);
  }
}

/** The leaf's own tensor: a copy of a Tensor, or nested arrays read by `tensor()`; a Var is a ValueError. */
function initialValue(op: string, values: Tensor | NestedArray, options: DTypeOptions | undefined): Tensor {
  if (values instanceof Var) {
    throw new ValueError(
      `${op}: expected a Tensor or nested arrays of numbers; got ${describeValue(values)} (pass its .value to copy it)`,
    );
  }
  if (!(values instanceof Tensor)) return tensor(values, options);
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new ValueError(`${op}: options must be an object; got ${describeValue(options)}`);
  }
  return copyAs(values, options?.dtype);
}

/** A copy of `value`, converted to `dtype` when that is given and differs (`astype` already returns a fresh tensor). */
function copyAs(value: Tensor, dtype: DTypeOptions['dtype']): Tensor {
  return dtype !== undefined && dtype !== value.dtype ? astype(value, dtype) : value.clone();
}
