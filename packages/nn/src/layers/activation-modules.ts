import { type Var, type VarLike, relu, sigmoid, tanh } from '@chainrule/autograd';
import { logSoftmax, softmax } from './activations';
import { Module } from '../module';

/** The logistic sigmoid as a module: `forward(x) = 1 / (1 + e⁻ˣ)`, element-wise. */
export class Sigmoid extends Module {
  forward(x: VarLike): Var {
    return sigmoid(x);
  }
}

/** The rectifier as a module: `forward(x) = max(x, 0)`, element-wise. */
export class ReLU extends Module {
  forward(x: VarLike): Var {
    return relu(x);
  }
}

/** The hyperbolic tangent as a module: `forward(x) = tanh(x)`, element-wise. */
export class Tanh extends Module {
  forward(x: VarLike): Var {
    return tanh(x);
  }
}

/** Softmax along `axis` as a module: `forward(x) = e^(x_i) / Σ_j e^(x_j)` (see the `softmax` function). */
export class Softmax extends Module {
  /** The axis softmax normalises over (default −1, the last). */
  constructor(readonly axis = -1) {
    super();
  }

  forward(x: VarLike): Var {
    return softmax(x, this.axis);
  }
}

/** Log-softmax along `axis` as a module: `forward(x) = x_i − log Σ_j e^(x_j)` (see the `logSoftmax` function). */
export class LogSoftmax extends Module {
  /** The axis log-softmax normalises over (default −1, the last). */
  constructor(readonly axis = -1) {
    super();
  }

  forward(x: VarLike): Var {
    return logSoftmax(x, this.axis);
  }
}
