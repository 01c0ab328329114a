import { Var } from '@chainrule/autograd';
import { type DTypeOptions, type NestedArray, Tensor, acceptBrand, tensor } from '@chainrule/tensor';
import { parameterBrand } from './brand';
import { copyTensor } from './tensor-utils';


/**
 * A trainable tensor of a `Module`: a leaf `Var` with `requiresGrad = true`. It copies the tensor it is given, so
 * training (an optimizer replacing `value`) never touches the caller's data. `Module` finds Parameters by walking
 * its fields; optimizers take a list of them.
 */
export class Parameter extends Var {
  /** Copies `values` (a Tensor, or nested arrays in `options.dtype`, default float32) into a new trainable leaf. */
  constructor(values: Tensor | NestedArray, options?: DTypeOptions) {
    super(values instanceof Tensor ? copyTensor(values) : tensor(values, options), true);
  }

  // `instanceof Parameter` also accepts instances made by this package's other build (ESM or CommonJS): see brand.ts.
  static {
    acceptBrand(this, parameterBrand);
  }
}
