import { Var, type VarLike, constant } from '@chainrule/autograd';
import { ValueError } from '@chainrule/tensor';
import { Module } from '../module';
import { describeValue } from '../tensor-utils';

/**
 * Modules applied one after another: `forward(x) = layers[n−1](…layers[1](layers[0](x)))`. The children live in
 * the `layers` array field, so their parameters are named `layers.0.weight`, `layers.2.bias`, ... (PyTorch's
 * `nn.Sequential` names them `0.weight`, `2.bias`).
 */
export class Sequential extends Module {
  /** The modules in application order. */
  readonly layers: Module[];

  /** Each argument must be a Module (a layer, an activation module, or another Sequential). */
  constructor(...layers: Module[]) {
    super();
    layers.forEach((layer, index) => {
      if (!(layer instanceof Module)) {
        throw new ValueError(`Sequential: argument ${index} must be a Module; got ${describeValue(layer)}`);
      }
    });
    this.layers = layers;
  }

  /** Feeds `x` through every layer in order (an empty Sequential returns `x` as a Var). */
  forward(x: VarLike): Var {
    if (this.layers.length === 0) return x instanceof Var ? x : constant(x);
    let out: unknown = x;
    for (const layer of this.layers) out = layer.forward(out);
    return out as Var;
  }
}
