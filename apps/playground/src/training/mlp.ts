import type { Var, VarLike } from '@chainrule/autograd';
import { Dense, type Initializer, Module, relu, sigmoid, tanh } from '@chainrule/nn';
import type { DType, Rng } from '@chainrule/tensor';
import type { ActivationName } from '../settings/settings';

const ACTIVATION_FUNCTIONS: Record<ActivationName, (x: VarLike) => Var> = { sigmoid, tanh, relu };

/** Options of `Mlp`. */
export interface MlpOptions {
  activation: ActivationName;
  bias: boolean;
  /** Draws each layer's weights (`uniform(0, 1)` for the tutorial's network). */
  init: Initializer;
  rng: Rng;
  dtype: DType;
}

/** What one forward pass computed, layer by layer (kept so pictures can show every unit). */
export interface MlpTrace {
  /** `z = x·W + b` of every layer, the last one being the output logits. */
  preActivations: Var[];
  /** `h = f(z)` of every hidden layer. */
  hidden: Var[];
  /** The output logits (the last pre-activation). */
  logits: Var;
}

/**
 * A multilayer perceptron: `Dense` layers with `activation` between them and a linear last layer (its logits),
 * e.g. sizes `[2, 8, 8, 1]`. `Module` finds the layers' parameters by walking the `layers` array, so they are named
 * `layers.0.weight`, `layers.0.bias`, ... in `stateDict()`.
 */
export class Mlp extends Module {
  readonly layers: Dense[];
  readonly activationName: ActivationName;
  readonly #activation: (x: VarLike) => Var;

  constructor(sizes: readonly number[], options: MlpOptions) {
    super();
    const { activation, bias, init, rng, dtype } = options;
    this.layers = sizes.slice(1).map((size, index) => new Dense(sizes[index]!, size, { bias, init, rng, dtype }));
    this.activationName = activation;
    this.#activation = ACTIVATION_FUNCTIONS[activation];
  }

  /** The output logits: `Dense → f → ... → Dense`. */
  forward(x: VarLike): Var {
    return this.trace(x).logits;
  }

  /** The forward pass with every layer's pre-activation and activation kept. */
  trace(x: VarLike): MlpTrace {
    const preActivations: Var[] = [];
    const hidden: Var[] = [];
    let current = x;
    this.layers.forEach((layer, index) => {
      const z = layer.forward(current);
      preActivations.push(z);
      if (index < this.layers.length - 1) {
        const h = this.#activation(z);
        hidden.push(h);
        current = h;
      }
    });
    return { preActivations, hidden, logits: preActivations[preActivations.length - 1]! };
  }
}
