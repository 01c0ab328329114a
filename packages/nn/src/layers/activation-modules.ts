import {
  type Var,
  type VarLike,
  elu,
  gelu,
  leakyRelu,
  logSigmoid,
  relu,
  sigmoid,
  silu,
  softplus,
  tanh,
} from '@chainrule/autograd';
import { type GeluApproximation, type GeluOptions, ValueError } from '@chainrule/tensor';
import { describeValue } from '../tensor-utils';
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

/** Softplus as a module: `forward(x) = log(1 + eˣ)`, element-wise and stable (PyTorch's `nn.Softplus()`). */
export class Softplus extends Module {
  forward(x: VarLike): Var {
    return softplus(x);
  }
}

/** The leaky rectifier as a module: `x` for `x > 0`, `negativeSlope·x` otherwise (PyTorch's `nn.LeakyReLU`). */
export class LeakyReLU extends Module {
  /** The slope for negative inputs (default 0.01). */
  constructor(readonly negativeSlope = 0.01) {
    super();
  }

  forward(x: VarLike): Var {
    return leakyRelu(x, this.negativeSlope);
  }
}

/** ELU as a module: `x` for `x > 0`, `alpha·(eˣ − 1)` otherwise (PyTorch's `nn.ELU`). */
export class ELU extends Module {
  /** The scale of the negative side (default 1). */
  constructor(readonly alpha = 1) {
    super();
  }

  forward(x: VarLike): Var {
    return elu(x, this.alpha);
  }
}

/** GELU as a module: exact `x·Φ(x)`, or the tanh approximation with `{ approximate: 'tanh' }` (PyTorch's `nn.GELU`). */
export class GELU extends Module {
  /** `'none'` (exact, default) or `'tanh'`. */
  readonly approximate: GeluApproximation;

  /** `options.approximate`: `'none'` (default) or `'tanh'`; anything else is a ValueError. */
  constructor(options: GeluOptions = {}) {
    super();
    const approximate = options?.approximate ?? 'none';
    if (approximate !== 'none' && approximate !== 'tanh') {
      throw new ValueError(`GELU: approximate must be 'none' or 'tanh'; got ${describeValue(approximate)}`);
    }
    this.approximate = approximate;
  }

  forward(x: VarLike): Var {
    return gelu(x, { approximate: this.approximate });
  }
}

/** SiLU (swish) as a module: `forward(x) = x·σ(x)` (PyTorch's `nn.SiLU`). */
export class SiLU extends Module {
  forward(x: VarLike): Var {
    return silu(x);
  }
}

/** Log-sigmoid as a module: `forward(x) = log σ(x)`, finite for every finite x (PyTorch's `nn.LogSigmoid`). */
export class LogSigmoid extends Module {
  forward(x: VarLike): Var {
    return logSigmoid(x);
  }
}
