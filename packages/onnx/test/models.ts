import * as A from '@chainrule/autograd';
import type { Var } from '@chainrule/autograd';
import {
  Dense,
  Dropout,
  ELU,
  Embedding,
  GELU,
  LayerNorm,
  LeakyReLU,
  LogSigmoid,
  LogSoftmax,
  Module,
  Parameter,
  ReLU,
  Sequential,
  SiLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
  logSoftmax,
  softmax,
  uniform,
} from '@chainrule/nn';
import { type DType, type FloatDType, Rng, type Tensor, tensor } from '@chainrule/tensor';

/** The tutorial's network: Dense(3→4, no bias) → sigmoid → Dense(4→1, no bias) → sigmoid, weights in [0, 1). */
export function referenceNetwork(dtype: DType, seed = 1): Sequential {
  const rng = new Rng(seed);
  return new Sequential(
    new Dense(3, 4, { bias: false, init: uniform(0, 1), rng, dtype }),
    new Sigmoid(),
    new Dense(4, 1, { bias: false, init: uniform(0, 1), rng, dtype }),
    new Sigmoid(),
  );
}

/** An MLP through every activation, as modules and as Dense's option. */
export function everyActivationMlp(dtype: DType, seed = 2): Sequential {
  const rng = new Rng(seed);
  return new Sequential(
    new Dense(5, 8, { rng, dtype }),
    new ReLU(),
    new Dense(8, 8, { rng, dtype }),
    new Tanh(),
    new Dense(8, 8, { rng, dtype }),
    new Sigmoid(),
    new Dense(8, 8, { rng, dtype, activation: 'relu' }),
    new Dense(8, 8, { rng, dtype, activation: 'tanh' }),
    new Dense(8, 6, { rng, dtype, activation: 'sigmoid' }),
    new Softmax(),
    new Dense(6, 4, { rng, dtype }),
    new LogSoftmax(),
  );
}

/** An MLP through every activation issue 16 added, as modules (GELU in both forms). */
export function everyNewActivationMlp(dtype: DType, seed = 4): Sequential {
  const rng = new Rng(seed);
  return new Sequential(
    new Dense(5, 8, { rng, dtype }),
    new SiLU(),
    new Dense(8, 8, { rng, dtype }),
    new GELU(),
    new Dense(8, 8, { rng, dtype }),
    new GELU({ approximate: 'tanh' }),
    new Dense(8, 8, { rng, dtype }),
    new Softplus(),
    new Dense(8, 8, { rng, dtype }),
    new LogSigmoid(),
    new Dense(8, 8, { rng, dtype }),
    new LeakyReLU(0.2),
    new Dense(8, 8, { rng, dtype }),
    new ELU(1.5),
    new Dense(8, 4, { rng, dtype }),
  );
}

/**
 * An embedding lookup: int32 token ids [batch, 5] pick rows of a [10, 4] table (@chainrule/nn's `Embedding`, which
 * is `take` on its weight), averaged per row, then a Dense layer and GELU: output [batch, 3].
 */
export class EmbeddingBag extends Module {
  readonly embedding: Embedding;
  readonly head: Dense;

  constructor(dtype: FloatDType, seed = 5) {
    super();
    const rng = new Rng(seed);
    this.embedding = new Embedding(10, 4, { rng, dtype });
    this.head = new Dense(4, 3, { rng, dtype });
  }

  forward(tokens: Var): Var {
    return A.gelu(this.head.forward(A.mean(this.embedding.forward(tokens), 1)));
  }
}

/**
 * Issue 16's layers in evaluation mode: Dense → LayerNorm → GELU → Dropout → Dense, and a LayerNorm over the two
 * trailing axes of a [batch, 2, 3] reshape; γ and β drawn at random (not the ones and zeros they start as).
 */
export function normalizedMlp(dtype: FloatDType, seed = 7): Sequential {
  const rng = new Rng(seed);
  const norms = [new LayerNorm(8, { dtype }), new LayerNorm([2, 3], { dtype, eps: 1e-3 })];
  for (const norm of norms) {
    for (const parameter of norm.parameters()) parameter.value = rng.uniform(parameter.shape, 0.5, 1.5, { dtype });
  }
  const reshape = new (class extends Module {
    forward(x: Var): Var {
      return A.reshape(x, [-1, 2, 3]);
    }
  })();
  return new Sequential(
    new Dense(5, 8, { rng, dtype }),
    norms[0]!,
    new GELU(),
    new Dropout(0.3, { rng }),
    new Dense(8, 6, { rng, dtype }),
    reshape,
    norms[1]!,
  ).eval();
}

/**
 * Features [batch, 5] and int32 labels [batch] in 0..2: each row's features minus its class prototype (`take` of a
 * parameter at the labels), and the per-class sums of the rows (`scatterAdd` along the batch axis): outputs
 * [batch, 4] and [3, 4]. A function of two inputs with two outputs (a Module's forward returns one Var).
 */
export function classSums(dtype: DType, seed = 6): (x: Var, labels: Var) => Var[] {
  const rng = new Rng(seed);
  const weight = new Parameter(rng.uniform([5, 4], -1, 1, { dtype }));
  const prototypes = new Parameter(rng.uniform([3, 4], -1, 1, { dtype }));
  return (x, labels) => {
    const h = A.tanh(A.matmul(x, weight));
    return [A.sub(h, A.take(prototypes, labels, 0)), A.scatterAdd(h, labels, 0, 3)];
  };
}

/**
 * A model that uses every op @chainrule/onnx lowers, on input [batch, 6], with no shape that holds the batch size:
 * output [batch, 153].
 */
export class EveryOp extends Module {
  readonly w1: Parameter;
  readonly w2: Parameter;
  readonly bias: Parameter;
  readonly exponent: Parameter;
  readonly table: Parameter;
  readonly #mask: Var;
  readonly #rows: Tensor;
  readonly #columns: Tensor;

  constructor(dtype: DType, seed = 3) {
    super();
    const rng = new Rng(seed);
    this.w1 = new Parameter(rng.uniform([6, 6], -0.5, 0.5, { dtype }));
    this.w2 = new Parameter(rng.uniform([2, 6, 3], -0.5, 0.5, { dtype }));
    this.bias = new Parameter(rng.uniform([6], -0.5, 0.5, { dtype }));
    this.exponent = new Parameter(rng.uniform([6], 0.5, 2, { dtype }));
    this.#mask = A.constant(tensor([1, 0, 1, 0, 0, 1], { dtype }));
    this.table = new Parameter(rng.uniform([4, 6], -0.5, 0.5, { dtype }));
    this.#rows = tensor(
      [
        [3, 0],
        [-1, 1],
      ],
      { dtype: 'int32' },
    );
    this.#columns = tensor(
      [
        [0, 4, 1],
        [4, 4, -3],
      ],
      { dtype: 'int32' },
    );
  }

  forward(x: Var): Var {
    const h = A.add(A.matmul(x, this.w1), this.bias); // [b, 6]
    // Element-wise, on values kept in each function's domain.
    const positive = A.add(A.square(h), 0.5);
    const unary = A.add(
      A.add(A.neg(A.abs(h)), A.log(positive)),
      A.add(A.sqrt(positive), A.mul(A.exp(A.tanh(h)), A.reciprocal(positive))),
    );
    const binary = A.add(
      A.div(A.sub(A.sigmoid(h), A.relu(h)), positive),
      A.add(A.pow(positive, this.exponent), A.sub(A.maximum(h, unary), A.minimum(h, 0.25))),
    );
    const chosen = A.where(this.#mask, binary, unary); // [b, 6]
    // Reductions, each kept as a column.
    const reduced = A.concat(
      [
        A.sum(chosen, 1, true),
        A.mean(chosen, -1, true),
        A.max(chosen, 1, true),
        A.min(chosen, [1], true),
        A.logSumExp(chosen, 1, true),
        A.expandDims(A.sum(chosen, 1), 1),
      ],
      1,
    ); // [b, 6]
    // A constant row from the batch: broadcast, summed back, averaged over the batch.
    const batchRow = A.sumTo(A.broadcastTo(A.sumTo(h, [1, 6]), [3, 6]), [6]);
    const shifted = A.add(reduced, A.div(batchRow, 100));
    // Shape ops, with the batch axis left free (−1, or bounds on other axes only).
    const expanded = A.expandDims(shifted, 1); // [b, 1, 6]
    const permuted = A.permute(expanded, [0, 2, 1]); // [b, 6, 1]
    const swapped = A.swapAxes(permuted, -1, -2); // [b, 1, 6]
    const squeezed = A.squeeze(swapped, 1); // [b, 6]
    const flat = A.reshape(A.flatten(squeezed), [-1, 6]); // [b, 6]
    const window = A.transpose(A.slice(A.transpose(flat), [1], [5])); // [b, 4]
    const padded = A.pad(
      window,
      [
        [0, 0],
        [1, 2],
      ],
      0.5,
    ); // [b, 7]
    const stacked = A.reshape(A.stack([padded, A.neg(padded)], 2), [-1, 14]); // [b, 14]
    const batched = A.reshape(A.matmul(A.expandDims(h, 0), this.w2), [2, -1, 3]); // [2, b, 3]
    const joined = A.concat([A.slice(batched, [0], [1]), A.slice(batched, [1], [2])], 2); // [1, b, 6]
    const heads = A.squeeze(joined, 0); // [b, 6]
    const window5 = A.transpose(A.slice(A.transpose(h, [1, 0]), [0], [5])); // [b, 5]
    // Products with transposed operands: h·w1ᵀ, and w2ᵀ·hᵀ per batch of w2.
    const gram = A.matmul(h, this.w1, { transposeB: true }); // [b, 6]
    const crossed = A.matmul(this.w2, A.expandDims(h, 0), { transposeA: true, transposeB: true }); // [2, 3, b]
    const products = A.concat([gram, A.reshape(A.transpose(crossed, [2, 1, 0]), [-1, 6])], 1); // [b, 12]
    return A.concat([stacked, softmax(heads), logSoftmax(chosen, 1), window5, products, this.#issue16(x, h)], 1); // [b, 153]
  }

  /**
   * Issue 16's element-wise math, activations, gathers and scatters, on h and on 30·x (their tails; a product that
   * rounds the same in both, so the comparison measures the lowerings rather than h's rounding times 30): [b, 110].
   */
  #issue16(x: Var, h: Var): Var {
    const wide = A.mul(x, 30); // [b, 6] in [−30, 30)
    const elementwise = [
      A.sin(wide),
      A.cos(wide),
      A.log1p(A.square(h)),
      A.log1p(A.mul(h, 1e-5)),
      A.expm1(h),
      A.clip(wide, -3, 4),
      A.clip(h, Number.NEGATIVE_INFINITY, 0.25),
      A.softplus(wide),
      A.logSigmoid(wide),
      A.silu(wide),
      A.leakyRelu(wide, 0.1),
      A.elu(wide, 0.7),
      A.gelu(wide),
      A.gelu(wide, { approximate: 'tanh' }),
    ]; // 14 × [b, 6]
    // Gathers: columns of h (a list, negative entries too), the flat table, rows of the table at a 2-D index tensor.
    const columns = A.take(h, [5, 0, -1, 2, 2], 1); // [b, 5]
    const flat = A.mul(A.take(h, [0, 1, 2, 3], -1), A.take(this.table, [7, -2, 0, 11])); // [b, 4]
    const rows = A.reshape(A.take(this.table, this.#rows, 0), [4, 6]); // [2, 2, 6] -> [4, 6]
    const picked = A.matmul(h, rows, { transposeB: true }); // [b, 4]
    // Scatters with repeated indices: along axis 1 of h, of h as [b, 2, 3] at a 2-D index tensor, and along axis 0
    // of the table (then multiplied with h).
    const spread = A.scatterAdd(h, [2, 0, 2, 1, 0, 3], 1, 4); // [b, 4]
    const grouped = A.scatterAdd(A.reshape(h, [-1, 2, 3]), this.#columns, 1, 5); // [b, 5]
    const pooled = A.matmul(h, A.scatterAdd(this.table, [1, 1, -1, 0], 0, 3), { transposeB: true }); // [b, 3]
    return A.concat([...elementwise, columns, flat, picked, spread, grouped, pooled, A.take(h, [1], -1)], 1);
  }
}
