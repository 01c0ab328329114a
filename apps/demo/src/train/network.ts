import type { Var } from '@chainrule/autograd';
import { Dense, Module, sigmoid, uniform } from '@chainrule/nn';
import type { DType, Rng } from '@chainrule/tensor';

/**
 * The tutorial's network: `ŷ = σ(σ(x·W₁)·W₂)`, Dense(3→hidden) → sigmoid → Dense(hidden→1) → sigmoid,
 * no biases, every weight drawn uniformly from [0, 1) by the given generator (first layer first).
 */
export class TwoLayerNetwork extends Module {
  readonly hidden: Dense;
  readonly output: Dense;

  constructor(inFeatures: number, hiddenUnits: number, options: { rng: Rng; dtype: DType }) {
    super();
    const layerOptions = { bias: false, init: uniform(0, 1), rng: options.rng, dtype: options.dtype };
    this.hidden = new Dense(inFeatures, hiddenUnits, layerOptions);
    this.output = new Dense(hiddenUnits, 1, layerOptions);
  }

  forward(x: Var): Var {
    return sigmoid(this.output.forward(sigmoid(this.hidden.forward(x))));
  }
}
